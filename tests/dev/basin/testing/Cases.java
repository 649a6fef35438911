package dev.basin.testing;

import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.kernel.ParameterLayout;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Seeded random test problems covering every activation, loss, reduction and bias combination.
 * Every property test draws its cases from here and prints the case (with its seed) on failure.
 */
public final class Cases {

  private Cases() {}

  /** One random case: an objective and a point θ in it. */
  public record Case(long seed, Objective objective, double[] theta, String description) {
    @Override
    public String toString() {
      return description;
    }
  }

  /** All activations, including a leaky relu with a non-trivial slope. */
  public static Activation[] activations() {
    return new Activation[] {
      Activation.of(Activation.RELU), Activation.leakyRelu(0.1), Activation.of(Activation.TANH),
      Activation.of(Activation.SIGMOID), Activation.of(Activation.SOFTPLUS), Activation.of(Activation.IDENTITY)
    };
  }

  /** A seeded generator. */
  public static UniformRandomProvider rng(long seed) {
    return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
  }

  /** A standard normal draw (Box–Muller; tests only). */
  public static double gauss(UniformRandomProvider r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2.0 * Math.log1p(-u)) * Math.cos(2.0 * Math.PI * v);
  }

  /** A vector of iid N(0, s²) draws. */
  public static double[] gaussians(UniformRandomProvider r, int n, double s) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = s * gauss(r);
    }
    return v;
  }

  /**
   * A random case: sizes d ∈ [1,5], h ∈ [1,6], k ∈ [1,4] (k = 1 for logistic), n ∈ [1,7],
   * activation, loss kind, reduction and biases drawn from the seed.
   */
  public static Case random(long seed) {
    UniformRandomProvider r = rng(seed);
    Activation act = activations()[r.nextInt(6)];
    int kind = r.nextInt(4);
    return random(seed, act, kind, r.nextInt(2), r.nextBoolean(), r.nextBoolean());
  }

  /** A random case with the structural choices fixed and the sizes and values drawn from the seed. */
  public static Case random(long seed, Activation act, int lossKind, int reduction, boolean b1, boolean b2) {
    UniformRandomProvider r = rng(seed * 7919 + 17);
    int d = 1 + r.nextInt(5);
    int h = 1 + r.nextInt(6);
    int k = lossKind == Loss.LOGISTIC ? 1 : 1 + r.nextInt(4);
    int n = 1 + r.nextInt(7);
    return build(seed, r, act, lossKind, reduction, b1, b2, d, h, k, n, false);
  }

  /**
   * A case of the given sizes (k is forced to 1 for logistic) with values drawn from the seed, for
   * tests that need sizes beyond {@link #random(long)}'s (e.g. not multiples of a tile width).
   * Weights are N(0, 1.5²/fan-in) (W1, b1: fan-in d; W2, b2: fan-in h), so that pre-activations
   * and outputs stay O(1) at any size.
   */
  public static Case sized(long seed, Activation act, int lossKind, int reduction, boolean b1, boolean b2,
      int d, int h, int k, int n) {
    return build(seed, rng(seed * 104729 + 31), act, lossKind, reduction, b1, b2, d, h,
        lossKind == Loss.LOGISTIC ? 1 : k, n, true);
  }

  private static Case build(long seed, UniformRandomProvider r, Activation act, int lossKind, int reduction,
      boolean b1, boolean b2, int d, int h, int k, int n, boolean fanIn) {
    ParameterLayout l = TwoLayerNet.layout(d, h, k, b1, b2);
    double[] x = gaussians(r, n * d, 1.0);
    Loss loss = new Loss(lossKind, reduction);
    Dataset data;
    if (loss.usesLabels()) {
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        y[i] = r.nextInt(lossKind == Loss.LOGISTIC ? 2 : k);
      }
      data = Dataset.withLabels(n, d, x, y);
    } else {
      data = Dataset.withTargets(n, d, x, k, gaussians(r, n * k, 1.0));
    }
    double[] theta = gaussians(r, l.size(), fanIn ? 1.0 : 0.8);
    if (fanIn) {
      for (int q = 0; q < l.size(); q++) {
        theta[q] *= 1.5 / Math.sqrt(q < l.offsetW2() ? d : h);
      }
    }
    Objective obj = Objective.of(l, act, loss, data);
    String desc = "seed=" + seed + " act=" + dev.basin.model.Conventions.name(act) + " loss="
        + dev.basin.model.Conventions.name(loss) + "/" + dev.basin.model.Conventions.reductionName(loss)
        + " d=" + d + " h=" + h + " k=" + k + " n=" + n + " b1=" + b1 + " b2=" + b2;
    return new Case(seed, obj, theta, desc);
  }

  /** max_i |a_i − b_i|. */
  public static double maxAbsDiff(double[] a, double[] b) {
    double m = 0.0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  /** max_i |a_i|. */
  public static double maxAbs(double[] a) {
    double m = 0.0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
