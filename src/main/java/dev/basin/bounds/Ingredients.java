package dev.basin.bounds;

import dev.basin.kernel.Activation;
import dev.basin.kernel.ParameterLayout;
import dev.basin.model.Conventions;
import dev.basin.model.TwoLayerNet;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The quantities the bounds are made of (spec BOUND-INPUTS, BOUND-NORMS, BOUND-MARGIN), computed
 * once per evaluation in one arithmetic: sizes, the layer matrices (with the hidden bias b1
 * absorbed as an extra input coordinate, spec BOUND-BIAS-AUGMENT), the training margins, the
 * chosen margin γ and its margin loss, and input statistics. Norms are computed on demand (the
 * spectral ones memoized).
 *
 * @param <N> the number type
 */
public final class Ingredients<N extends Num<N>> {

  final Arithmetic<N> ar;
  final BoundInputs in;
  /** Samples m. */
  final int m;
  final int d;
  final int h;
  final int k;
  /** Input dimension after augmentation by the bias coordinate: d + [b1]. */
  final int dAug;
  final int numParams;
  /** Weights only (h·d + k·h), Jiang et al.'s ω. */
  final int numWeights;
  /** Inputs (x_i, 1) when b1 is present, else x_i; n·dAug row-major. */
  final double[] xAug;
  /** [W1 | b1], h × dAug. */
  final LayerMatrix a1;
  /** W1, h × d. */
  final LayerMatrix w1;
  /** W2, k × h. */
  final LayerMatrix w2;
  final @Nullable LayerMatrix a1Init;
  final @Nullable LayerMatrix w1Init;
  final @Nullable LayerMatrix w2Init;
  final N[] margins;
  /** R̂_0: the training 0-1 error (zero margins count as errors). */
  final N trainError;
  /** The margin γ of the bounds. */
  final N gamma;
  /** How γ was chosen. */
  final String gammaRule;
  /** R̂_γ. */
  final N marginLoss;
  /** ‖X'‖_F = √(Σ_i ‖x_i'‖²). */
  final N xFro;
  /** max_i ‖x_i'‖₂. */
  final N xMaxRow;
  /** max_t ‖X'_{:,t}‖₂ (column norms). */
  final N xMaxCol;
  private final Map<LayerMatrix, N> spectral = new IdentityHashMap<>();

  /** Computes the ingredients of inputs in arithmetic ar. */
  /*@ public normal_behavior
    @ ensures m == in.data().size() && d == in.net().inputs() && h == in.net().hidden() && k == in.net().outputs() && dAug == d + (b1 ? 1 : 0);
    @ ensures margins.length == m && 0.0 <= trainError.lo() && trainError.hi() <= 1.0 && 0.0 <= marginLoss.lo() && marginLoss.hi() <= 1.0;
    @ ensures xFro.lo() >= 0.0 && xMaxRow.lo() >= 0.0 && xMaxCol.lo() >= 0.0;
    @ ensures in.margin().quantile() ==> gamma == kthSmallest(margins, quantileRank(q, m));
    @ assignable \nothing;
    @*/
  public Ingredients(Arithmetic<N> ar, BoundInputs in) {
    this.ar = ar;
    this.in = in;
    TwoLayerNet net = in.net();
    ParameterLayout l = net.layout();
    this.m = in.data().size();
    this.d = l.inputs();
    this.h = l.hidden();
    this.k = l.outputs();
    this.dAug = d + (l.hasHiddenBias() ? 1 : 0);
    this.numParams = l.size();
    this.numWeights = h * d + k * h;
    double[] x = in.data().x();
    this.xAug = augment(x, m, d, l.hasHiddenBias());
    this.a1 = LayerMatrix.of(augmentedW1(net), h, dAug);
    this.w1 = LayerMatrix.of(net.w1(), h, d);
    this.w2 = LayerMatrix.of(net.w2(), k, h);
    TwoLayerNet init = in.init();
    this.a1Init = init == null ? null : LayerMatrix.of(augmentedW1(init), h, dAug);
    this.w1Init = init == null ? null : LayerMatrix.of(init.w1(), h, d);
    this.w2Init = init == null ? null : LayerMatrix.of(init.w2(), k, h);
    int[] y = in.data().labels();
    this.margins = Margins.of(ar, net, x, y);
    this.trainError = Margins.loss(ar, margins, ar.exact(0.0));
    int rank = 0;
    if (in.margin().quantile()) {
      int r = Margins.quantileRank(in.margin().value(), m);
      rank = r;
      this.gamma = Margins.kthSmallest(ar, margins, r);
      this.gammaRule = "the " + r + "-th smallest of the m = " + m + " training margins (quantile " + in.margin().value()
          + ", rank floor(q*m), spec BOUND-MARGIN-QUANTILE)";
    } else {
      this.gamma = ar.exact(in.margin().value());
      this.gammaRule = "fixed by the user";
    }
    this.marginLoss = Margins.loss(ar, margins, gamma, rank);
    N fro = ar.exact(0.0);
    N maxRow = ar.exact(0.0);
    for (int i = 0; i < m; i++) {
      N s = ar.sumSquares(xAug, i * dAug, 1, dAug);
      fro = fro.add(s);
      maxRow = maxRow.max(s);
    }
    N maxCol = ar.exact(0.0);
    for (int t = 0; t < dAug; t++) {
      maxCol = maxCol.max(ar.sumSquares(xAug, t, dAug, m));
    }
    this.xFro = fro.sqrt();
    this.xMaxRow = maxRow.sqrt();
    this.xMaxCol = maxCol.sqrt();
  }

  private static double[] augment(double[] x, int n, int d, boolean bias) {
    if (!bias) {
      return x;
    }
    double[] out = new double[n * (d + 1)];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x, i * d, out, i * (d + 1), d);
      out[i * (d + 1) + d] = 1.0;
    }
    return out;
  }

  private static double[] augmentedW1(TwoLayerNet net) {
    double[] w = net.w1();
    double[] b = net.b1();
    if (b == null) {
      return w;
    }
    int d = net.inputs();
    int h = net.hidden();
    double[] out = new double[h * (d + 1)];
    for (int j = 0; j < h; j++) {
      System.arraycopy(w, j * d, out, j * (d + 1), d);
      out[j * (d + 1) + d] = b[j];
    }
    return out;
  }

  /** ‖A‖₂ of a layer matrix, memoized. */
  N spectral(LayerMatrix a) {
    N s = spectral.get(a);
    if (s == null) {
      s = a.spectral(ar);
      spectral.put(a, s);
    }
    return s;
  }

  /** m as a number. */
  N mN() {
    return ar.count(m);
  }

  /** ln(1/δ). */
  N logInvDelta() {
    return ar.exact(in.delta()).log().neg();
  }

  // ---- activation facts (spec BOUND-ACTIVATION) ----

  /** The Lipschitz constant ρ of σ when σ(0) = 0, or null when σ(0) ≠ 0 (sigmoid, softplus). */
  @Nullable Double lipschitzThroughOrigin() {
    Activation a = in.net().activation();
    return switch (a.kind()) {
      case Activation.RELU, Activation.TANH, Activation.IDENTITY -> 1.0;
      case Activation.LEAKY_RELU -> Math.max(1.0, Math.abs(a.slope()));
      default -> null;
    };
  }

  /** Why σ is not 1-Lipschitz and positively homogeneous (the class of GRS and NBS), or null. */
  @Nullable String oneLipschitzHomogeneousProblem() {
    Double rho = lipschitzThroughOrigin();
    if (rho == null || rho > 1.0 || !in.net().activation().isPositivelyHomogeneous()) {
      return "needs a 1-Lipschitz positively homogeneous sigma (relu, leaky_relu with |slope| <= 1, identity); the net"
          + " uses " + activationName();
    }
    return null;
  }

  /** The activation's name. */
  String activationName() {
    return Conventions.name(in.net().activation());
  }

  /**
   * Why the net has no binary view f = aᵀσ(A1 x'), or null when it has one: k ≤ 2 (k = 2 reduces
   * to the difference of the two outputs) and no effective output bias (spec BOUND-BINARY).
   */
  @Nullable String binaryProblem() {
    if (k > 2) {
      return "binary bound: the net has k = " + k + " outputs (basin applies this bound to k = 1, and to k = 2 through"
          + " f_1 - f_0)";
    }
    double[] b2 = in.net().b2();
    if (b2 != null && (k == 1 ? b2[0] != 0.0 : b2[1] != b2[0])) {
      return "the bound's class has no output bias; this net's effective output bias is "
          + (k == 1 ? b2[0] : "b2[1] - b2[0] = " + (b2[1] - b2[0])) + " (not 0)";
    }
    return null;
  }

  /** Why a multi-class bound without output bias does not apply (k ≥ 2 with unequal b2, or k = 1 with b2 ≠ 0), or null. */
  @Nullable String outputBiasProblem() {
    double[] b2 = in.net().b2();
    if (b2 == null) {
      return null;
    }
    if (k == 1) {
      return b2[0] == 0.0 ? null : "the bound's class has no output bias; this net has b2 = " + b2[0] + " (not 0)";
    }
    double first = b2[0];
    boolean equal = Arrays.stream(b2).allMatch(v -> v == first);
    return equal ? null : "the bound's class has no output bias; this net's b2 entries differ (a common offset of all"
        + " outputs would not change margins, a differing one does)";
  }

  /** The binary output weights a (k = 1: W2; k = 2: W2[1] − W2[0], rounding enclosed). Requires k ≤ 2. */
  N[] binaryA() {
    double[] w = w2.v;
    return Arrays2.filled(margins, h, j -> k == 1 ? ar.exact(w[j]) : ar.exact(w[h + j]).sub(ar.exact(w[j])));
  }

  /** The net's output matrix as seen by the multi-class bounds: W2 (k ≥ 2) or [0; a] ≅ a (k = 1). */
  LayerMatrix outputMatrix() {
    return w2;
  }

  /** Σ_t |v_t|. */
  N norm1(N[] v) {
    N s = ar.exact(0.0);
    for (N x : v) {
      s = s.add(x.abs());
    }
    return s;
  }

  /** √(Σ_t v_t²). */
  N norm2(N[] v) {
    N s = ar.exact(0.0);
    for (N x : v) {
      s = s.add(x.square());
    }
    return s.sqrt();
  }
}
