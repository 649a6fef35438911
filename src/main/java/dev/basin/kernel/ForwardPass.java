package dev.basin.kernel;

/**
 * The forward pass at one θ, with everything the gradient, Hessian-vector product and full
 * Hessian reuse (spec NET-FORWARD). All arrays are row-major per sample and owned by this object;
 * callers must not modify the arrays returned by the accessors.
 *
 * <ul>
 *   <li>z = W1 x + b1 (n·h), a = σ(z), s1 = σ'(z), s2 = σ''(z) (n·h each)
 *   <li>out = W2 a + b2 (n·k)
 *   <li>g = ∂ℓ_i/∂o (n·k, without the reduction factor c)
 *   <li>back = W2ᵀ g (n·h, without c)
 * </ul>
 */
public final class ForwardPass {

  // Package-private: kernel code reads the fields directly (no getter contracts in its proofs);
  // other packages use the accessors.
  /*@ spec_public @*/ final double[] z;
  /*@ spec_public @*/ final double[] a;
  /*@ spec_public @*/ final double[] s1;
  /*@ spec_public @*/ final double[] s2;
  /*@ spec_public @*/ final double[] out;
  /*@ spec_public @*/ final double[] g;
  /*@ spec_public @*/ final double[] back;
  /*@ spec_public @*/ final double loss;

  /*@ private normal_behavior
    @ ensures this.z == z && this.a == a && this.s1 == s1 && this.s2 == s2;
    @ ensures this.out == out && this.g == g && this.back == back;
    @ ensures this.loss == loss || (this.loss != this.loss && loss != loss);
    @ // the sign fact callers prove, without IEEE equality (KeY did not derive it from the line above)
    @ ensures !(loss < 0.0) ==> !(this.loss < 0.0);
    @ assignable \nothing;
    @*/
  private ForwardPass(double[] z, double[] a, double[] s1, double[] s2, double[] out, double[] g,
      double[] back, double loss) {
    this.z = z;
    this.a = a;
    this.s1 = s1;
    this.s2 = s2;
    this.out = out;
    this.g = g;
    this.back = back;
    this.loss = loss;
  }

  /**
   * Runs the forward pass of p at θ (not modified).
   *
   * @param p the problem
   * @param theta parameters, length p.layout().size(); not modified
   * @return the pass, with fresh arrays
   */
  /*@ public normal_behavior
    @ requires \invariant_for(p);
    @ requires theta.length == p.layout.size();
    @ // labels: CE in [0, k), LOGISTIC 0 or 1 (k == 1 there, so each label is in [0, k] either way)
    @ requires (p.loss.kind == Loss.CE || p.loss.kind == Loss.LOGISTIC) ==> (\forall int i; 0 <= i && i < p.n;
    @     0 <= p.labels[i] && p.labels[i] <= p.layout.k
    @     && (p.loss.kind != Loss.CE || p.labels[i] < p.layout.k)
    @     && (p.loss.kind != Loss.LOGISTIC || p.labels[i] == 0 || p.labels[i] == 1));
    @ ensures \fresh(\result) && \fresh(\result.z) && \fresh(\result.a) && \fresh(\result.out);
    @ ensures \result.z.length == p.n * p.layout.h && \result.a.length == p.n * p.layout.h;
    @ ensures \result.s1.length == p.n * p.layout.h && \result.s2.length == p.n * p.layout.h;
    @ ensures \result.back.length == p.n * p.layout.h;
    @ ensures \result.out.length == p.n * p.layout.k && \result.g.length == p.n * p.layout.k;
    @ ensures !(\result.loss < 0.0);
    @ assignable \nothing;
    @*/
  public static ForwardPass compute(Problem p, double[] theta) {
    ParameterLayout l = p.layout;
    int n = p.n;
    int d = l.d;
    int h = l.h;
    int k = l.k;
    // l.offsetW2(), computed here so that the proof sees a term, not an equation
    int ow2 = h * d + (l.hasB1 ? h : 0);
    Loss loss = p.loss;
    return evaluate(l, p.activation, loss, theta, p.x, p.targets, p.labels, loss.usesLabels(), n, d, h, k, ow2,
        p.scale);
  }

  /**
   * compute() over plain sizes: allocates the seven arrays, runs the sample loop and returns the
   * pass with L = c Σ_i ℓ_i. A separate contract, as Gradient.accumulate: KeY proves the
   * allocations and the loop here, away from Problem's contracts. The loop is inline, not a
   * helper: a helper's quantified label precondition would have to be re-read in the heap after
   * the allocations, which KeY left open; here the labels are read one at a time.
   */
  /*@ private normal_behavior
    @ requires \invariant_for(l) && \invariant_for(act) && \invariant_for(loss);
    @ requires l.d == d && l.h == h && l.k == k && n >= 1 && theta.length == l.size();
    @ requires ow2 >= 0 && ow2 + k * h <= theta.length && x.length >= n * d;
    @ requires n * h <= Integer.MAX_VALUE && n * k <= Integer.MAX_VALUE;
    @ requires usesLabels == (loss.kind == Loss.CE || loss.kind == Loss.LOGISTIC);
    @ requires usesLabels ==> labels.length == n;
    @ requires !usesLabels ==> targets.length == n * k;
    @ requires loss.kind == Loss.LOGISTIC ==> k == 1;
    @ // each label as sample() requires it, with its int range (which KeY does not take from the type)
    @ requires usesLabels ==> (\forall int i; 0 <= i && i < n; 0 <= labels[i] && labels[i] <= k
    @                           && (loss.kind != Loss.CE || labels[i] < k)
    @                           && (loss.kind != Loss.LOGISTIC || labels[i] == 0 || labels[i] == 1));
    @ requires !(c < 0.0);
    @ ensures \fresh(\result) && \fresh(\result.z) && \fresh(\result.a) && \fresh(\result.out);
    @ ensures \result.z.length == n * h && \result.a.length == n * h;
    @ ensures \result.s1.length == n * h && \result.s2.length == n * h && \result.back.length == n * h;
    @ ensures \result.out.length == n * k && \result.g.length == n * k;
    @ ensures !(\result.loss < 0.0);
    @ assignable \nothing;
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static ForwardPass evaluate(ParameterLayout l, Activation act, Loss loss, double[] theta, double[] x,
      double[] targets, int[] labels, boolean usesLabels, int n, int d, int h, int k, int ow2, double c) {
    int nh = Index.product(n, h);
    int nk = Index.product(n, k);
    double[] z = new double[nh];
    double[] a = new double[nh];
    double[] s1 = new double[nh];
    double[] s2 = new double[nh];
    double[] out = new double[nk];
    double[] g = new double[nk];
    double[] back = new double[nh];
    double total = 0.0;
    /*@ loop_invariant 0 <= i && i <= n && !(total < 0.0);
      @ decreases n - i;
      @ loop_writes z[*], a[*], s1[*], s2[*], out[*], g[*], back[*];
      @*/
    for (int i = 0; i < n; i++) {
      // as p.label(i), read from the array so that the loop needs no invariant of p
      int label = usesLabels ? labels[i] : 0;
      double li = sample(l, act, loss, theta, ow2, x, Index.rowStart(i, n, d), z, a, s1, s2, Index.rowStart(i, n, h),
          out, Index.rowStart(i, n, k), targets, label, g, back);
      total = addNonNegative(total, li);
    }
    return new ForwardPass(z, a, s1, s2, out, g, back, scaleNonNegative(c, total));
  }

  /**
   * c·total, never negative when neither is (L = c Σ ℓ_i in evaluate(); a separate contract for
   * the same reason as addNonNegative).
   */
  /*@ normal_behavior
    @ requires !(c < 0.0) && !(total < 0.0);
    @ ensures !(\result < 0.0);
    @ assignable \nothing;
    @*/
  static double scaleNonNegative(double c, double total) {
    return c * total;
  }

  /**
   * total + x, never negative when neither is (the loss sum of evaluate(): a separate contract so
   * that the loop invariant needs no floating-point reasoning next to its frame condition).
   */
  /*@ normal_behavior
    @ requires !(total < 0.0) && !(x < 0.0);
    @ ensures !(\result < 0.0);
    @ assignable \nothing;
    @*/
  static double addNonNegative(double total, double x) {
    return total + x;
  }

  /** One sample of the loop: forwardSample, then lossSample (returned, never negative). */
  /*@ private normal_behavior
    @ requires \invariant_for(l) && \invariant_for(act) && \invariant_for(loss);
    @ requires theta.length == l.size() && ow2 >= 0 && ow2 + l.k * l.h <= theta.length;
    @ requires xoff >= 0 && xoff + l.d <= x.length;
    @ requires hi >= 0 && hi + l.h <= z.length && hi + l.h <= a.length;
    @ requires hi + l.h <= s1.length && hi + l.h <= s2.length && hi + l.h <= back.length;
    @ requires ki >= 0 && ki + l.k <= out.length && ki + l.k <= g.length;
    @ requires loss.kind == Loss.CE || loss.kind == Loss.LOGISTIC || ki + l.k <= targets.length;
    @ requires loss.kind != Loss.CE || (label >= 0 && label < l.k);
    @ requires loss.kind != Loss.LOGISTIC || (l.k == 1 && (label == 0 || label == 1));
    @ requires z != a && z != x && a != x && z != theta && a != theta;
    @ requires s1 != z && s2 != z && s1 != s2 && s1 != a && s2 != a;
    @ requires out != a && out != theta && out != z && out != s1 && out != s2;
    @ requires g != out && g != targets && back != theta && back != g;
    @ ensures !(\result < 0.0);
    @ assignable z[*], a[*], s1[*], s2[*], out[*], g[*], back[*];
    @*/
  private static double sample(ParameterLayout l, Activation act, Loss loss, double[] theta, int ow2, double[] x,
      int xoff, double[] z, double[] a, double[] s1, double[] s2, int hi, double[] out, int ki, double[] targets,
      int label, double[] g, double[] back) {
    forwardSample(l, act, theta, x, xoff, z, a, s1, s2, hi, out, ki);
    return lossSample(loss, theta, ow2, l.h, l.k, out, ki, targets, label, g, back, hi);
  }

  /*
   * The loop body of compute() in two parts with their own contracts: KeY then proves each part
   * and the loop separately instead of one goal with six calls (which did not close in 15 min).
   */

  /** z, a, σ'(z), σ''(z) of sample rows [hi, hi+h) and its outputs [ki, ki+k) (those modified). */
  /*@ private normal_behavior
    @ requires \invariant_for(l) && \invariant_for(act);
    @ requires theta.length == l.size();
    @ requires xoff >= 0 && xoff + l.d <= x.length;
    @ requires hi >= 0 && hi + l.h <= z.length && hi + l.h <= a.length;
    @ requires hi + l.h <= s1.length && hi + l.h <= s2.length;
    @ requires ki >= 0 && ki + l.k <= out.length;
    @ requires z != a && z != x && a != x && z != theta && a != theta;
    @ requires s1 != z && s2 != z && s1 != s2 && s1 != a && s2 != a;
    @ requires out != a && out != theta && out != z && out != s1 && out != s2;
    @ assignable z[hi .. hi + l.h - 1], a[hi .. hi + l.h - 1], s1[hi .. hi + l.h - 1], s2[hi .. hi + l.h - 1];
    @ assignable out[ki .. ki + l.k - 1];
    @*/
  private static void forwardSample(ParameterLayout l, Activation act, double[] theta, double[] x, int xoff,
      double[] z, double[] a, double[] s1, double[] s2, int hi, double[] out, int ki) {
    Network.hidden(l, act, theta, x, xoff, z, a, hi);
    derivatives(act, z, hi, l.h, s1, s2);
    Network.output(l, theta, a, hi, out, ki);
  }

  /**
   * ℓ_i (returned, never negative), g = ∂ℓ_i/∂o on [ki, ki+k) and W2ᵀ g on [hi, hi+h) for one
   * sample (g and back modified).
   */
  /*@ private normal_behavior
    @ requires \invariant_for(loss);
    @ requires h >= 1 && k >= 1 && k * h <= Integer.MAX_VALUE;
    @ requires ow2 >= 0 && ow2 + k * h <= theta.length;
    @ requires ki >= 0 && ki + k <= out.length && ki + k <= g.length && hi >= 0 && hi + h <= back.length;
    @ requires loss.kind == Loss.CE || loss.kind == Loss.LOGISTIC || ki + k <= targets.length;
    @ requires loss.kind != Loss.CE || (label >= 0 && label < k);
    @ requires loss.kind != Loss.LOGISTIC || (k == 1 && (label == 0 || label == 1));
    @ requires g != out && g != targets && back != theta && back != g;
    @ ensures !(\result < 0.0);
    @ assignable g[ki .. ki + k - 1], back[hi .. hi + h - 1];
    @*/
  private static double lossSample(Loss loss, double[] theta, int ow2, int h, int k, double[] out, int ki,
      double[] targets, int label, double[] g, double[] back, int hi) {
    double value = loss.sample(out, ki, k, targets, label);
    loss.sampleGradient(out, ki, k, targets, label, g);
    backpropagate(theta, ow2, h, k, g, ki, back, hi);
    return value;
  }

  /** s1 = σ'(z), s2 = σ''(z) on [off, off+h) (s1, s2 modified; z not modified). */
  /*@ private normal_behavior
    @ requires \invariant_for(act);
    @ requires h >= 0 && off >= 0 && off + h <= z.length && off + h <= s1.length && off + h <= s2.length;
    @ requires s1 != z && s2 != z && s1 != s2;
    @ assignable s1[off .. off + h - 1], s2[off .. off + h - 1];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void derivatives(Activation act, double[] z, int off, int h, double[] s1, double[] s2) {
    /*@ loop_invariant 0 <= j && j <= h;
      @ decreases h - j;
      @ loop_writes s1[off .. off + h - 1], s2[off .. off + h - 1];
      @*/
    for (int j = 0; j < h; j++) {
      s1[off + j] = firstDerivative(act, z[off + j]);
      s2[off + j] = secondDerivative(act, z[off + j]);
    }
  }

  /** σ'(z), under a contract without derivative()'s case facts, which the loop does not need. */
  /*@ private normal_behavior
    @ requires \invariant_for(act);
    @ assignable \nothing;
    @*/
  private static /*@ pure @*/ double firstDerivative(Activation act, double z) {
    return act.derivative(z);
  }

  /** σ''(z), under a contract without secondDerivative()'s case facts. */
  /*@ private normal_behavior
    @ requires \invariant_for(act);
    @ assignable \nothing;
    @*/
  private static /*@ pure @*/ double secondDerivative(Activation act, double z) {
    return act.secondDerivative(z);
  }

  /**
   * back[hi+j] = Σ_o W2[o, j]·g[ki+o] with W2 at theta[ow2 ..] (k×h row-major): W2ᵀ g of one
   * sample (back modified; theta and g not modified).
   */
  /*@ private normal_behavior
    @ requires h >= 1 && k >= 1 && k * h <= Integer.MAX_VALUE;
    @ requires ow2 >= 0 && ow2 + k * h <= theta.length;
    @ requires ki >= 0 && ki + k <= g.length && hi >= 0 && hi + h <= back.length;
    @ requires back != theta && back != g;
    @ assignable back[hi .. hi + h - 1];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void backpropagate(double[] theta, int ow2, int h, int k, double[] g, int ki, double[] back,
      int hi) {
    /*@ loop_invariant 0 <= j && j <= h;
      @ decreases h - j;
      @ loop_writes back[hi .. hi + h - 1];
      @*/
    for (int j = 0; j < h; j++) {
      double s = 0.0;
      /*@ loop_invariant 0 <= o && o <= k;
        @ decreases k - o;
        @ loop_writes \nothing;
        @*/
      for (int o = 0; o < k; o++) {
        s += theta[ow2 + Index.rowStart(o, k, h) + j] * g[ki + o];
      }
      back[hi + j] = s;
    }
  }

  /** L(θ) = c Σ_i ℓ_i. */
  /*@ public normal_behavior
    @ ensures \result == loss || (\result != \result && loss != loss);
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ double loss() {
    return loss;
  }

  /** Pre-activations z (n·h). Shared; do not modify. */
  /*@ public normal_behavior
    @ ensures \result == z;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ double[] preActivations() {
    return z;
  }

  /** Hidden activations a = σ(z) (n·h). Shared; do not modify. */
  /*@ public normal_behavior
    @ ensures \result == a;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ double[] activations() {
    return a;
  }

  /** σ'(z) (n·h). Shared; do not modify. */
  /*@ public normal_behavior
    @ ensures \result == s1;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ double[] firstDerivatives() {
    return s1;
  }

  /** σ''(z) (n·h). Shared; do not modify. */
  /*@ public normal_behavior
    @ ensures \result == s2;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ double[] secondDerivatives() {
    return s2;
  }

  /** Network outputs f(x_i) (n·k). Shared; do not modify. */
  /*@ public normal_behavior
    @ ensures \result == out;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ double[] outputs() {
    return out;
  }

  /** Per-sample output gradients ∂ℓ_i/∂o, without the factor c (n·k). Shared; do not modify. */
  /*@ public normal_behavior
    @ ensures \result == g;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ double[] outputGradients() {
    return g;
  }

  /** W2ᵀ ∂ℓ_i/∂o per sample, without c (n·h). Shared; do not modify. */
  /*@ public normal_behavior
    @ ensures \result == back;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ double[] backpropagated() {
    return back;
  }
}
