package dev.basin.dynamics;

import dev.basin.base.Reported;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;

/**
 * How well a net fits its training data (spec DYN-FIT): the training accuracy for losses on
 * integer labels, the largest absolute residual max_{i,o} |f(x_i)_o − Y_io| for real targets.
 *
 * @param metric {@code "accuracy"} or {@code "max_residual"}
 * @param value the accuracy in [0, 1] or the residual
 * @param interpolates accuracy = 1, or residual ≤ the tolerance it was computed with
 */
public record Fit(String metric, double value, boolean interpolates) {

  /**
   * The fit of network outputs (n·k row-major, not modified) on the objective's data. Predicted
   * class: argmax_o f_o (ties to the lowest index) for k ≥ 2, 1[f &gt; 0] for k = 1 (logistic).
   */
  public static Fit of(Objective objective, double[] outputs, double residualTol) {
    return of(objective.data(), objective.layout().outputs(), outputs, residualTol);
  }

  /** The fit of any model's outputs (n·k row-major, not modified) on a data set with k-wide targets or labels. */
  public static Fit of(Dataset data, int k, double[] outputs, double residualTol) {
    int n = data.size();
    if (data.hasLabels()) {
      int[] y = data.labels();
      int correct = 0;
      for (int i = 0; i < n; i++) {
        if (predictedClass(outputs, i * k, k) == y[i]) {
          correct++;
        }
      }
      return new Fit("accuracy", correct / (double) n, correct == n);
    }
    double[] t = data.targets();
    double worst = 0.0;
    for (int q = 0; q < t.length; q++) {
      worst = Math.max(worst, Math.abs(outputs[q] - t[q]));
    }
    return new Fit("max_residual", worst, worst <= residualTol);
  }

  /** This fit as a reported number (exact: a count fraction or a maximum of computed residuals). */
  public Reported reported() {
    return Reported.exact(value, "DYN-FIT", metric.equals("accuracy") ? "fraction of samples whose predicted class is"
        + " the label" : "max_{i,o} |f(x_i)_o - Y_io|, binary64");
  }

  /** The predicted class of the outputs out[off .. off+k) (see {@link #of}). */
  public static int predictedClass(double[] out, int off, int k) {
    if (k == 1) {
      return out[off] > 0.0 ? 1 : 0;
    }
    int best = 0;
    for (int o = 1; o < k; o++) {
      if (out[off + o] > out[off + best]) {
        best = o;
      }
    }
    return best;
  }
}
