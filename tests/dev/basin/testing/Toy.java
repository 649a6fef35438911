package dev.basin.testing;

import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;

/**
 * The Dinh toy of papers.md §2.3 (spec FLAT-TOY): y = θ₂ relu(θ₁x), x = (1, 2, 3, 4), y = 2x, mse
 * (k = 1, mean), so L(θ) = S(θ₂ max(θ₁, 0) − 2)² with S = 7.5.
 */
public final class Toy {

  /** S = (1/n) Σ x². */
  public static final double S = 7.5;

  private Toy() {}

  /** The objective. */
  public static Objective objective() {
    double[] x = {1, 2, 3, 4};
    Dataset data = Dataset.withTargets(4, 1, x, 1, new double[] {2, 4, 6, 8});
    return Objective.of(net(1.0), new Loss(Loss.MSE, Loss.MEAN), data);
  }

  /** T_α(1, 2) = (α, 2/α). */
  public static TwoLayerNet net(double alpha) {
    return TwoLayerNet.of(Activation.of(Activation.RELU), 1, 1, 1, new double[] {alpha}, null,
        new double[] {2.0 / alpha}, null);
  }

  /** The closed-form loss at (t1, t2). */
  public static double loss(double t1, double t2) {
    double p = t2 * Math.max(t1, 0.0) - 2.0;
    return S * p * p;
  }

  /** The exact ball maximum of L over ‖z‖ ≤ ε around (t1, t2) with t1 &gt; ε (p harmonic: maximum on the circle). */
  public static double ballMax(double t1, double t2, double eps) {
    int grid = 200_000;
    double best = 0.0;
    double bestPhi = 0.0;
    for (int i = 0; i < grid; i++) {
      double phi = 2 * Math.PI * i / grid;
      double v = loss(t1 + eps * Math.cos(phi), t2 + eps * Math.sin(phi));
      if (v > best) {
        best = v;
        bestPhi = phi;
      }
    }
    // golden-section refinement around the best grid angle
    double a = bestPhi - 2 * Math.PI / grid;
    double b = bestPhi + 2 * Math.PI / grid;
    double gr = (Math.sqrt(5) - 1) / 2;
    for (int it = 0; it < 100; it++) {
      double c = b - gr * (b - a);
      double d = a + gr * (b - a);
      if (loss(t1 + eps * Math.cos(c), t2 + eps * Math.sin(c)) > loss(t1 + eps * Math.cos(d), t2 + eps * Math.sin(d))) {
        b = d;
      } else {
        a = c;
      }
    }
    double phi = 0.5 * (a + b);
    return Math.max(best, loss(t1 + eps * Math.cos(phi), t2 + eps * Math.sin(phi)));
  }

  /** The exact box maximum (bilinear p: extremes at the corners) for half-widths w1, w2. */
  public static double boxMax(double t1, double t2, double w1, double w2) {
    double best = 0.0;
    for (int s1 = -1; s1 <= 1; s1 += 2) {
      for (int s2 = -1; s2 <= 1; s2 += 2) {
        best = Math.max(best, loss(t1 + s1 * w1, t2 + s2 * w2));
      }
    }
    return best;
  }
}
