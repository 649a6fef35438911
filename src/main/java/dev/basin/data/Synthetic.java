package dev.basin.data;

import dev.basin.base.Rng;
import dev.basin.kernel.Activation;
import dev.basin.kernel.ParameterLayout;
import dev.basin.model.Checks;
import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import dev.basin.model.TwoLayerNet;

/**
 * Seeded synthetic nets and data sets (spec DATA-SYNTH): random nets at a chosen scale, Gaussian
 * inputs labelled by a teacher net, multi-index and sum-of-single-index models, and random
 * labels for memorization experiments.
 */
public final class Synthetic {

  private Synthetic() {}

  /**
   * A random net at scale s (spec DATA-RANDOM-NET): every entry of W1 and b1 is N(0, s²/d), every
   * entry of W2 and b2 is N(0, s²/h) (LeCun-normal for s = 1). Draw order: W1, b1, W2, b2.
   */
  public static TwoLayerNet randomNet(int d, int h, int k, boolean b1, boolean b2, Activation act,
      double scale, Rng rng) {
    Checks.positive("scale", scale);
    ParameterLayout l = TwoLayerNet.layout(d, h, k, b1, b2);
    double s1 = scale / Math.sqrt(d);
    double s2 = scale / Math.sqrt(h);
    double[] theta = new double[l.size()];
    for (int q = 0; q < l.offsetW2(); q++) {
      theta[q] = s1 * rng.gaussian();
    }
    for (int q = l.offsetW2(); q < l.size(); q++) {
      theta[q] = s2 * rng.gaussian();
    }
    return TwoLayerNet.of(l, act, theta);
  }

  /** n×d inputs with iid N(0, 1) entries (row-major). */
  public static double[] gaussianInputs(int n, int d, Rng rng) {
    return rng.gaussians(Checks.product("X", Checks.atLeast("n", n, 1), Checks.atLeast("d", d, 1)), 1.0);
  }

  /**
   * Regression data from a teacher (spec DATA-TEACHER): x ~ N(0, I_d), Y = f_teacher(x) + noise·ξ,
   * ξ ~ N(0, I_k). Inputs are drawn first, then the noise.
   */
  public static Dataset teacherRegression(TwoLayerNet teacher, int n, double noise, Rng rng) {
    Checks.nonNegative("noise", noise);
    int d = teacher.inputs();
    int k = teacher.outputs();
    double[] x = gaussianInputs(n, d, rng);
    double[] y = teacher.outputs(x, n);
    for (int i = 0; i < y.length; i++) {
      y[i] += noise * rng.gaussian();
    }
    return Dataset.withTargets(n, d, x, k, y);
  }

  /**
   * Classification data from a teacher (spec DATA-TEACHER): x ~ N(0, I_d), label = argmax_o
   * f_teacher(x)_o for k ≥ 2 (ties to the lowest index), 1[f(x) &gt; 0] for k = 1.
   */
  public static Dataset teacherClassification(TwoLayerNet teacher, int n, Rng rng) {
    int d = teacher.inputs();
    int k = teacher.outputs();
    double[] x = gaussianInputs(n, d, rng);
    double[] out = teacher.outputs(x, n);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      if (k == 1) {
        labels[i] = out[i] > 0.0 ? 1 : 0;
      } else {
        int best = 0;
        for (int o = 1; o < k; o++) {
          if (out[i * k + o] > out[i * k + best]) {
            best = o;
          }
        }
        labels[i] = best;
      }
    }
    return Dataset.withLabels(n, d, x, labels);
  }

  /** n labels drawn uniformly from {0, …, classes−1} (spec DATA-RANDOM-LABELS). */
  public static int[] randomLabels(int n, int classes, Rng rng) {
    Checks.atLeast("classes", classes, 2);
    int[] y = new int[Checks.atLeast("n", n, 1)];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(classes);
    }
    return y;
  }

  /**
   * A copy of a labelled data set in which a fraction of the rows (the first ⌊fraction·n⌋ of a
   * random permutation) get uniformly random labels from {0, …, classes−1} (spec
   * DATA-RANDOM-LABELS). fraction = 1 gives fully random labels.
   */
  public static Dataset randomizeLabels(Dataset data, double fraction, int classes, Rng rng) {
    if (!(fraction >= 0.0 && fraction <= 1.0)) {
      throw new InvalidInputException("fraction", fraction + " (must lie in [0, 1])");
    }
    Checks.atLeast("classes", classes, 2);
    int n = data.size();
    int[] y = data.labels();
    int[] perm = rng.permutation(n);
    int m = (int) Math.floor(fraction * n);
    for (int r = 0; r < m; r++) {
      y[perm[r]] = rng.nextInt(classes);
    }
    return Dataset.withLabels(n, data.inputs(), data.x(), y);
  }

  /** One-hot targets for a labelled data set: Y_{i,o} = 1[y_i = o], o &lt; classes. */
  public static Dataset oneHot(Dataset data, int classes) {
    int[] y = data.labels();
    int n = data.size();
    double[] t = new double[Checks.product("Y", n, classes)];
    for (int i = 0; i < n; i++) {
      if (y[i] >= classes) {
        throw new InvalidInputException("y", "label " + y[i] + " at row " + i + " does not fit " + classes + " classes");
      }
      t[i * classes + y[i]] = 1.0;
    }
    return Dataset.withTargets(n, data.inputs(), data.x(), classes, t);
  }
}
