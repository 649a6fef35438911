package dev.basin.dynamics;

import dev.basin.kernel.Loss;
import dev.basin.model.Objective;
import dev.basin.model.Point;

/**
 * The empirical risk of a net on its data as a {@link Landscape}. Every evaluation goes through
 * {@link Objective#at} (and so through the objective's backend).
 */
public final class ObjectiveLandscape implements Landscape {

  private final Objective objective;

  /** The landscape of an objective. */
  public ObjectiveLandscape(Objective objective) {
    this.objective = objective;
  }

  /** The objective. */
  public Objective objective() {
    return objective;
  }

  @Override
  public int dimension() {
    return objective.numParams();
  }

  @Override
  public int samples() {
    return objective.data().size();
  }

  @Override
  public double lossAndGradient(double[] theta, double[] grad) {
    Point p = objective.at(theta);
    System.arraycopy(p.gradient(), 0, grad, 0, grad.length);
    return p.loss();
  }

  /**
   * The risk of the same loss on the selected rows. With a {@code mean} reduction it already
   * estimates the full mean; with {@code sum} it is rescaled by n/|rows| (spec DYN-BATCH).
   */
  @Override
  public double batchLossAndGradient(double[] theta, int[] rows, double[] grad) {
    Objective batch = objective.withData(objective.data().select(rows));
    Point p = batch.at(theta);
    double[] g = p.gradient();
    double scale = objective.loss().reduction() == Loss.SUM ? samples() / (double) rows.length : 1.0;
    for (int q = 0; q < grad.length; q++) {
      grad[q] = scale * g[q];
    }
    return scale * p.loss();
  }

  /**
   * The landscape of one minibatch: L_B(θ), the estimate of {@link #batchLossAndGradient} on the
   * fixed rows (copied; not modified), as a surface of its own (spec BATCH-MIN-TRANSFER).
   */
  public Landscape restrictedTo(int[] rows) {
    int[] fixed = rows.clone();
    objective.data().select(fixed);
    ObjectiveLandscape whole = this;
    return new Landscape() {
      @Override
      public int dimension() {
        return whole.dimension();
      }

      @Override
      public int samples() {
        return fixed.length;
      }

      @Override
      public double lossAndGradient(double[] theta, double[] grad) {
        return whole.batchLossAndGradient(theta, fixed, grad);
      }

      @Override
      public double batchLossAndGradient(double[] theta, int[] sub, double[] grad) {
        int[] mapped = new int[sub.length];
        for (int r = 0; r < sub.length; r++) {
          mapped[r] = fixed[sub[r]];
        }
        return whole.batchLossAndGradient(theta, mapped, grad);
      }

      @Override
      public Fit fit(double[] theta, double residualTol) {
        Objective batch = objective.withData(objective.data().select(fixed));
        return Fit.of(batch, batch.outputs(theta), residualTol);
      }
    };
  }

  @Override
  public Fit fit(double[] theta, double residualTol) {
    return Fit.of(objective, objective.outputs(theta), residualTol);
  }
}
