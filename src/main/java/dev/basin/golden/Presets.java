package dev.basin.golden;

import dev.basin.base.InvalidInputException;
import dev.basin.base.Rng;
import dev.basin.base.Vectors;
import dev.basin.data.Synthetic;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.linalg.VerifiedEigen;
import dev.basin.measure.CertifiedHessian;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import dev.basin.symmetry.Rescaling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cases of each preset (spec GOLDEN-CASES). Every case is built from its own seeded stream,
 * {@code Rng.derive(seed, id.hashCode())} (String.hashCode is specified, so the stream does not
 * depend on the JVM), so a case is the same in every preset that has it.
 */
public final class Presets {

  /** The presets, smallest first. */
  public static final List<String> NAMES = List.of("smoke", "standard", "large");

  /** Largest N for the certified explicit Hessian (FLAT-EIG-VERIFIED: six N³ products, 3N² doubles). */
  static final int EXPLICIT_MAX = 1000;
  /** Extreme eigenvalues certified on each side (at most N). */
  static final int EXTREMES = 3;
  /** The pre-activations of the near-kink case: this far from the kink (issue 20: within 1e-12). */
  static final double NEAR_KINK = 1e-12;
  /** Output-weight scale of the nearly degenerate case: the top pair splits at second order, ~ε² relative. */
  static final double DEGENERATE_EPS = 0x1p-12;
  /** Weight scales of the scale cases: outputs near 2^80 (beyond float32's 2^128 once squared) and units near 2^-70 (their products below float32's normal range). */
  static final double HUGE = 0x1p40;
  static final double TINY = 0x1p-70;
  /** Per-unit rescaling exponents of the Dinh pair (powers of two: the rescaled net's outputs are bit-identical). */
  static final int[] DINH_EXPONENTS = {3, -3, 2, -2, 4, -4};
  /** Attempts of the dominant-negative saddle's search (each a fresh seeded draw). */
  static final int SADDLE_ATTEMPTS = 200;

  private static final String[] ACTIVATIONS = {"relu", "leaky", "tanh", "sigmoid", "softplus", "identity"};
  private static final String[] LOSSES = {"halfsq", "mse", "ce", "logistic"};
  private static final List<String> SMOKE = List.of("relu-halfsq-mean", "tanh-ce-mean", "softplus-logistic-sum",
      "kink-exact-relu", "kink-near-relu", "saddle", "scale-tiny", "bounds-relu-logistic");

  private Presets() {}

  /** The cases of a preset from a seed. */
  public static List<CaseSpec> of(String preset, long seed) {
    return switch (preset) {
      case "smoke" -> standard(seed).stream().filter(c -> SMOKE.contains(c.id())).toList();
      case "standard" -> standard(seed);
      case "large" -> large(seed);
      default -> throw new InvalidInputException("--preset", "unknown preset '" + preset + "'; expected one of " + NAMES);
    };
  }

  private static List<CaseSpec> standard(long seed) {
    List<CaseSpec> cases = new ArrayList<>();
    for (String act : ACTIVATIONS) {
      for (String loss : LOSSES) {
        for (String red : new String[] {"mean", "sum"}) {
          cases.add(grid(seed, act, loss, red));
        }
      }
    }
    cases.add(kinkExact(seed, "relu"));
    cases.add(kinkExact(seed, "leaky"));
    cases.add(kinkNear(seed));
    cases.add(degenerateTop(seed));
    cases.add(saddle(seed));
    cases.add(interpolating(seed));
    cases.add(scaled(seed, "scale-huge", HUGE));
    cases.add(scaled(seed, "scale-tiny", TINY));
    cases.addAll(dinhPair(seed));
    cases.add(plain(seed, "bias-free", "tanh", "ce", 5, 6, 3, 24, false, "no biases (Linear(bias=False) twice)"));
    cases.add(plain(seed, "medium-relu-ce", "relu", "ce", 20, 24, 3, 64, true, "a medium net (N = 579)"));
    cases.add(plain(seed, "medium-softplus-mse", "softplus", "mse", 16, 20, 2, 48, true, "a medium net (N = 382)"));
    cases.addAll(boundCases(seed));
    return cases;
  }

  /** Sizes up to N ≈ 10⁶ without an explicit Hessian: certified top-k, exact trace, diagonal. */
  private static List<CaseSpec> large(long seed) {
    List<CaseSpec> cases = new ArrayList<>();
    int[][] sizes = {{100, 96}, {300, 320}, {1000, 1000}};
    String[] ids = {"large-1e4", "large-1e5", "large-1e6"};
    for (int c = 0; c < sizes.length; c++) {
      Rng rng = rng(seed, ids[c]);
      int d = sizes[c][0];
      int h = sizes[c][1];
      int k = 10;
      int n = 256;
      TwoLayerNet net = Synthetic.randomNet(d, h, k, true, true, act("relu"), 1.5, rng);
      Dataset data = Dataset.withLabels(n, d, Synthetic.gaussianInputs(n, d, rng), Synthetic.randomLabels(n, k, rng));
      cases.add(build(ids[c], "relu, ce, N = " + net.numParams() + ": certified top eigenvalues, exact trace and diagonal"
          + " without an explicit Hessian", List.of("large"), net, loss("ce", "mean"), data, rng, Map.of()));
    }
    return cases;
  }

  private static Rng rng(long seed, String id) {
    return Rng.of(Rng.derive(seed, id.hashCode()));
  }

  static Activation act(String name) {
    return switch (name) {
      case "relu" -> Activation.of(Activation.RELU);
      case "leaky" -> Activation.leakyRelu(0.01);
      case "tanh" -> Activation.of(Activation.TANH);
      case "sigmoid" -> Activation.of(Activation.SIGMOID);
      case "softplus" -> Activation.of(Activation.SOFTPLUS);
      default -> Activation.of(Activation.IDENTITY);
    };
  }

  static Loss loss(String name, String reduction) {
    int kind = switch (name) {
      case "halfsq" -> Loss.HALFSQ;
      case "mse" -> Loss.MSE;
      case "ce" -> Loss.CE;
      default -> Loss.LOGISTIC;
    };
    return new Loss(kind, reduction.equals("sum") ? Loss.SUM : Loss.MEAN);
  }

  /** k for a loss: 1 for logistic, 3 for ce, 2 for the squared losses. */
  private static int outputs(String loss) {
    return switch (loss) {
      case "logistic" -> 1;
      case "ce" -> 3;
      default -> 2;
    };
  }

  /** Random labels for ce / logistic, Gaussian targets otherwise, on inputs x (n·d). */
  private static Dataset data(String loss, int n, int d, int k, double[] x, Rng rng) {
    if (loss.equals("ce") || loss.equals("logistic")) {
      return Dataset.withLabels(n, d, x, Synthetic.randomLabels(n, loss.equals("logistic") ? 2 : k, rng));
    }
    return Dataset.withTargets(n, d, x, k, rng.gaussians(n * k, 1.0));
  }

  private static CaseSpec grid(long seed, String act, String loss, String red) {
    String id = act + "-" + loss + "-" + red;
    Rng rng = rng(seed, id);
    int d = 5;
    int h = 6;
    int k = outputs(loss);
    int n = 24;
    TwoLayerNet net = Synthetic.randomNet(d, h, k, true, true, act(act), 1.5, rng);
    Dataset data = data(loss, n, d, k, Synthetic.gaussianInputs(n, d, rng), rng);
    return build(id, "activation × loss × reduction: " + act + ", " + loss + ", " + red, List.of("grid"), net,
        loss(loss, red), data, rng, Map.of());
  }

  private static CaseSpec plain(long seed, String id, String act, String loss, int d, int h, int k, int n,
      boolean biases, String summary) {
    Rng rng = rng(seed, id);
    TwoLayerNet net = Synthetic.randomNet(d, h, k, biases, biases, act(act), 1.5, rng);
    Dataset data = data(loss, n, d, k, Synthetic.gaussianInputs(n, d, rng), rng);
    return build(id, summary + ": " + act + ", " + loss, List.of(biases ? "size" : "layout"), net, loss(loss, "mean"),
        data, rng, Map.of());
  }

  /** A multiple of 2^-bits in [−1, 1], uniformly (exact in binary32 and binary64). */
  private static double dyadic(Rng rng, int bits) {
    int m = 1 << bits;
    return (rng.nextInt(2 * m + 1) - m) / (double) m;
  }

  /**
   * Pre-activations exactly 0 in binary64 and binary32 (dyadic weights and data: every product and
   * partial sum is exact), so σ'(0) decides the answer: 0 for relu, the slope for leaky relu
   * (NET-ACT). Unit j's bias cancels its pre-activation at sample j; the small grid adds more zeros.
   */
  private static CaseSpec kinkExact(long seed, String act) {
    String id = "kink-exact-" + act;
    Rng rng = rng(seed, id);
    int d = 4;
    int h = 5;
    int k = 2;
    int n = 16;
    double[] x = new double[n * d];
    for (int q = 0; q < x.length; q++) {
      x[q] = dyadic(rng, 1);
    }
    double[] w1 = new double[h * d];
    for (int q = 0; q < w1.length; q++) {
      w1[q] = dyadic(rng, 2);
    }
    double[] b1 = new double[h];
    for (int j = 0; j < h; j++) {
      b1[j] = -Vectors.dot(w1, j * d, x, j * d, d);
    }
    double[] w2 = rng.gaussians(k * h, 1.0 / Math.sqrt(h));
    double[] b2 = rng.gaussians(k, 1.0 / Math.sqrt(h));
    TwoLayerNet net = TwoLayerNet.of(act(act), d, h, k, w1, b1, w2, b2);
    Dataset data = Dataset.withTargets(n, d, x, k, rng.gaussians(n * k, 1.0));
    int zeros = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < h; j++) {
        // dyadic terms: every partial sum is exact, so this is the exact pre-activation
        zeros += Vectors.dot(w1, j * d, x, i * d, d) + b1[j] == 0.0 ? 1 : 0;
      }
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("pre_activations_exactly_zero", zeros);
    facts.put("derivative_at_kink", act.equals("relu") ? "relu'(0) = 0" : "leaky_relu'(0) = slope = 0.01");
    return build(id, act + " pre-activations exactly at the kink: the convention " + facts.get("derivative_at_kink")
        + " decides the answer", List.of("kink"), net, loss("halfsq", "mean"), data, rng, facts);
  }

  /**
   * Relu pre-activations at ±1e-12 (issue 20): every sample is moved (in the span of two units'
   * weight rows) so that those two units' pre-activations are ±1e-12 with alternating signs. binary64
   * decides their side (its rounding error is ~1e-16); binary32 cannot (~1e-7).
   */
  private static CaseSpec kinkNear(long seed) {
    String id = "kink-near-relu";
    Rng rng = rng(seed, id);
    int d = 4;
    int h = 5;
    int k = 3;
    int n = 16;
    TwoLayerNet net = Synthetic.randomNet(d, h, k, true, true, act("relu"), 1.5, rng);
    double[] w1 = net.w1();
    double[] b1 = net.b1();
    double[] x = Synthetic.gaussianInputs(n, d, rng);
    for (int i = 0; i < n; i++) {
      int j1 = i % h;
      int j2 = (i + 2) % h;
      double t = (i % 2 == 0 ? 1.0 : -1.0) * NEAR_KINK;
      // x_i += W_Jᵀc with (W_J W_Jᵀ)c = t − W_J x_i − b_J (two units J = {j1, j2})
      double r1 = t - Vectors.dot(w1, j1 * d, x, i * d, d) - (b1 == null ? 0.0 : b1[j1]);
      double r2 = -t - Vectors.dot(w1, j2 * d, x, i * d, d) - (b1 == null ? 0.0 : b1[j2]);
      double g11 = Vectors.dot(w1, j1 * d, w1, j1 * d, d);
      double g12 = Vectors.dot(w1, j1 * d, w1, j2 * d, d);
      double g22 = Vectors.dot(w1, j2 * d, w1, j2 * d, d);
      double det = g11 * g22 - g12 * g12;
      double c1 = (g22 * r1 - g12 * r2) / det;
      double c2 = (g11 * r2 - g12 * r1) / det;
      for (int m = 0; m < d; m++) {
        x[i * d + m] += c1 * w1[j1 * d + m] + c2 * w1[j2 * d + m];
      }
    }
    Dataset data = Dataset.withLabels(n, d, x, Synthetic.randomLabels(n, k, rng));
    int near = 0;
    double smallest = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < h; j++) {
        double s = Vectors.dot(w1, j * d, x, i * d, d) + (b1 == null ? 0.0 : b1[j]);
        if (Math.abs(s) < 1e3 * NEAR_KINK) {
          near++;
          smallest = Math.min(smallest, Math.abs(s));
        }
      }
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("pre_activations_near_kink", near);
    facts.put("smallest_abs_pre_activation", smallest);
    return build(id, "relu pre-activations within 1e-12 of the kink: binary64 decides their side, binary32 cannot",
        List.of("kink"), net, loss("ce", "mean"), data, rng, facts);
  }

  /**
   * Nearly degenerate top eigenvalues: halfsq with k = 2, targets equal to the output bias and output
   * weights of scale ε = 2⁻¹². The output block c Σ_i I₂ ⊗ ã_iã_iᵀ is exactly doubly degenerate and
   * does not depend on W2; the coupling to the rest is O(ε), so the top pair splits at second order.
   */
  private static CaseSpec degenerateTop(long seed) {
    String id = "degenerate-top";
    Rng rng = rng(seed, id);
    int d = 4;
    int h = 6;
    int k = 2;
    int n = 24;
    TwoLayerNet base = Synthetic.randomNet(d, h, k, true, true, act("tanh"), 1.5, rng);
    int ow2 = base.layout().offsetW2();
    TwoLayerNet net = scale(base, ow2, ow2 + k * h, DEGENERATE_EPS);
    double[] b2 = net.b2();
    double[] y = new double[n * k];
    for (int i = 0; i < n; i++) {
      for (int o = 0; o < k; o++) {
        y[i * k + o] = b2 == null ? 0.0 : b2[o];
      }
    }
    Dataset data = Dataset.withTargets(n, d, Synthetic.gaussianInputs(n, d, rng), k, y);
    return build(id, "nearly degenerate top eigenvalues (relative gap ~1e-8): a tool must resolve both",
        List.of("spectrum"), net, loss("halfsq", "mean"), data, rng, Map.of("output_weight_scale", DEGENERATE_EPS));
  }

  /**
   * An indefinite Hessian whose most negative eigenvalue dominates, |λ_min| &gt; λ_max (a saddle):
   * tanh with large output weights and targets far from the outputs. Seeded draws are tried in
   * order until the certified spectrum (FLAT-EIG-VERIFIED) shows it.
   */
  private static CaseSpec saddle(long seed) {
    String id = "saddle";
    for (int attempt = 0; attempt < SADDLE_ATTEMPTS; attempt++) {
      Rng rng = Rng.of(Rng.derive(Rng.derive(seed, id.hashCode()), attempt));
      int d = 3;
      int h = 6;
      int n = 12;
      TwoLayerNet net = Synthetic.randomNet(d, h, 1, true, true, act("tanh"), 3.0, rng);
      double[] x = Synthetic.gaussianInputs(n, d, rng);
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = rng.rademacher() * 4.0;
      }
      Dataset data = Dataset.withTargets(n, d, x, 1, y);
      Loss l = loss("halfsq", "mean");
      VerifiedEigen.Result s = CertifiedHessian.of(Objective.of(net, l, data).problem(), net.parameters()).spectrum();
      int last = s.values().length - 1;
      if (s.hi()[0] < 0.0 && s.lo()[last] > 0.0 && -s.hi()[0] > s.hi()[last]) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("search_attempt", attempt);
        return build(id, "a saddle whose most negative eigenvalue dominates (|lambda_min| > lambda_max): power"
            + " iteration finds lambda_min", List.of("spectrum", "indefinite"), net, l, data, rng, facts);
      }
    }
    throw new IllegalStateException("no dominant-negative saddle in " + SADDLE_ATTEMPTS + " draws");
  }

  /**
   * A PSD Hessian: relu, halfsq, dyadic weights and data, and targets equal to the outputs, which
   * are exact in binary64 and binary32 — every residual is exactly 0, so H = the Gauss–Newton part
   * c Σ JᵀJ ⪰ 0 (HESS-GN), with zero eigenvalues (N &gt; n·k).
   */
  private static CaseSpec interpolating(long seed) {
    String id = "psd-interpolating";
    Rng rng = rng(seed, id);
    int d = 4;
    int h = 5;
    int k = 2;
    int n = 12;
    double[] theta = new double[TwoLayerNet.layout(d, h, k, true, true).size()];
    for (int q = 0; q < theta.length; q++) {
      theta[q] = dyadic(rng, 3);
    }
    TwoLayerNet net = TwoLayerNet.of(TwoLayerNet.layout(d, h, k, true, true), act("relu"), theta);
    double[] x = new double[n * d];
    for (int q = 0; q < x.length; q++) {
      x[q] = dyadic(rng, 1);
    }
    Dataset data = Dataset.withTargets(n, d, x, k, net.outputs(x, n));
    return build(id, "a PSD Hessian at an exact interpolating point (all residuals exactly 0, H = Gauss-Newton)",
        List.of("spectrum", "psd"), net, loss("halfsq", "mean"), data, rng, Map.of());
  }

  /** Large or tiny weights: relu (positively homogeneous), W1, b1 and W2 times the scale. */
  private static CaseSpec scaled(long seed, String id, double scale) {
    Rng rng = rng(seed, id);
    int d = 4;
    int h = 5;
    int k = 2;
    int n = 16;
    TwoLayerNet base = Synthetic.randomNet(d, h, k, true, true, act("relu"), 1.5, rng);
    TwoLayerNet net = scale(base, 0, base.layout().offsetB2(), scale);
    Dataset data = Dataset.withTargets(n, d, Synthetic.gaussianInputs(n, d, rng), k, rng.gaussians(n * k, 1.0));
    String what = scale > 1.0 ? "large weights (x 2^40): outputs near 2^80, the loss beyond binary32's range"
        : "tiny weights (x 2^-70): Hessian entries below binary32's normal range";
    return build(id, what, List.of("scale"), net, loss("halfsq", "mean"), data, rng, Map.of("weight_scale", scale));
  }

  /**
   * Dinh et al.'s pair: the same function (relu is positively homogeneous; powers-of-two factors
   * make the outputs bit-identical) with different curvature (SYM-RESCALE-UNIT); F_min is the same.
   */
  private static List<CaseSpec> dinhPair(long seed) {
    Rng rng = rng(seed, "dinh-a");
    int d = 5;
    int h = 6;
    int k = 3;
    int n = 24;
    TwoLayerNet a = Synthetic.randomNet(d, h, k, true, true, act("relu"), 1.5, rng);
    Dataset data = Dataset.withLabels(n, d, Synthetic.gaussianInputs(n, d, rng), Synthetic.randomLabels(n, k, rng));
    double[] c = new double[h];
    for (int j = 0; j < h; j++) {
      c[j] = Math.scalb(1.0, DINH_EXPONENTS[j % DINH_EXPONENTS.length]);
    }
    TwoLayerNet b = Rescaling.of(c).apply(a);
    Map<String, Object> fa = new LinkedHashMap<>();
    fa.put("same_function_as", "dinh-b");
    Map<String, Object> fb = new LinkedHashMap<>();
    fb.put("same_function_as", "dinh-a");
    fb.put("rescaling_factors", c);
    Loss l = loss("ce", "mean");
    return List.of(
        build("dinh-a", "Dinh et al.'s pair, first net (relu, ce)", List.of("symmetry"), a, l, data, rng, fa),
        build("dinh-b", "Dinh et al.'s pair: dinh-a with unit j rescaled by c_j (W1, b1 times c_j, W2 over c_j): same"
            + " function, different curvature, same F_min", List.of("symmetry"), b, l, data, rng, fb));
  }

  /**
   * Classifiers every margin bound applies to (spec GOLDEN-CASES, GOLDEN-BOUNDS): no output bias,
   * k ≤ 2 (the binary view of BOUND-BINARY) and labels the net's own predictions, so that every
   * training margin is positive (γ, the ⌊m/10⌋-th smallest, too). The rescaled twin is the first
   * with unit j scaled by c_j (powers of two: bit-identical outputs): path-norm bounds are the same,
   * spectral ones are not.
   */
  private static List<CaseSpec> boundCases(long seed) {
    List<CaseSpec> cases = new ArrayList<>();
    int d = 5;
    int h = 8;
    int n = 40;
    Rng rng = rng(seed, "bounds-relu-logistic");
    TwoLayerNet net = Synthetic.randomNet(d, h, 1, true, false, act("relu"), 1.5, rng);
    Dataset data = Synthetic.teacherClassification(net, n, rng);
    Loss logistic = loss("logistic", "mean");
    cases.add(build("bounds-relu-logistic", "k = 1 logistic classifier with positive margins: every catalogued bound"
        + " applies", List.of("bounds"), net, logistic, data, rng, Map.of("labels", "the net's own predictions")));
    double[] c = new double[h];
    for (int j = 0; j < h; j++) {
      c[j] = Math.scalb(1.0, DINH_EXPONENTS[j % DINH_EXPONENTS.length]);
    }
    Map<String, Object> fr = new LinkedHashMap<>();
    fr.put("labels", "the net's own predictions");
    fr.put("same_function_as", "bounds-relu-logistic");
    fr.put("rescaling_factors", c);
    cases.add(build("bounds-relu-logistic-rescaled", "bounds-relu-logistic with unit j rescaled by c_j: same function"
        + " and margins, same path-norm bounds, different spectral ones", List.of("bounds", "symmetry"),
        Rescaling.of(c).apply(net), logistic, data, rng, fr));
    Rng r2 = rng(seed, "bounds-leaky-ce");
    TwoLayerNet leaky = Synthetic.randomNet(d, h, 2, true, false, act("leaky"), 1.5, r2);
    cases.add(build("bounds-leaky-ce", "k = 2 ce classifier (leaky relu) with positive margins: the binary view"
        + " f_1 - f_0 of the margin bounds", List.of("bounds"), leaky, loss("ce", "mean"),
        Synthetic.teacherClassification(leaky, n, r2), r2, Map.of("labels", "the net's own predictions")));
    return cases;
  }

  /** The net with θ[from..to) times factor. */
  private static TwoLayerNet scale(TwoLayerNet net, int from, int to, double factor) {
    double[] theta = net.parameters();
    for (int q = from; q < to; q++) {
      theta[q] *= factor;
    }
    return net.withParameters(theta);
  }

  /** The case with its probes (a Gaussian and a Rademacher vector, drawn next from rng) and extremes. */
  private static CaseSpec build(String id, String summary, List<String> tags, TwoLayerNet net, Loss loss, Dataset data,
      Rng rng, Map<String, Object> facts) {
    int nn = net.numParams();
    double[] rad = new double[nn];
    for (int q = 0; q < nn; q++) {
      rad[q] = rng.rademacher();
    }
    double[][] probes = {rng.gaussians(nn, 1.0), rad};
    boolean explicit = nn <= EXPLICIT_MAX;
    int top = Math.min(EXTREMES, nn);
    int bottom = explicit ? Math.min(EXTREMES, nn) : 0;
    return new CaseSpec(id.toLowerCase(Locale.ROOT), summary, tags, net, loss, data, probes, top, bottom, explicit, facts);
  }
}
