package dev.basin.kernel;

import dev.basin.trusted.TrustedMath;

/**
 * A per-sample loss ℓ(o, y) on the network outputs o ∈ R^k, its gradient g = ∂ℓ/∂o and its
 * output-space Hessian M = ∂²ℓ/∂o², with a reduction (spec NET-LOSS):
 *
 * <ul>
 *   <li>HALFSQ: ℓ = ½‖o − y‖², g = o − y, M = I; mean reduction divides by n.
 *   <li>MSE: ℓ = ‖o − y‖², g = 2(o − y), M = 2I; mean reduction divides by n·k (PyTorch mse_loss).
 *   <li>CE: ℓ = logsumexp(o) − o_y (integer label y), g = p − e_y, M = diag(p) − p pᵀ; mean /n.
 *   <li>LOGISTIC: k = 1, label y ∈ {0,1}, ℓ = softplus(o) − y·o, g = s(o) − y, M = s(1 − s); mean /n.
 * </ul>
 *
 * SUM reduction multiplies by 1. The total loss is scale(n, k) · Σ_i ℓ(o_i, y_i).
 *
 * <p>The helpers with floating-point contracts are package-private so that LossContractsTest can
 * check those contracts directly.
 */
public final class Loss {

  /** ½‖o − y‖² per sample. */
  public static final int HALFSQ = 0;
  /** ‖o − y‖² per sample, averaged over n·k elements under MEAN. */
  public static final int MSE = 1;
  /** Softmax cross-entropy over integer labels. */
  public static final int CE = 2;
  /** Binary logistic loss on one output with labels in {0, 1}. */
  public static final int LOGISTIC = 3;

  /** Average (see the class comment for the divisor of each loss). */
  public static final int MEAN = 0;
  /** Plain sum over samples (and outputs). */
  public static final int SUM = 1;

  /*@ spec_public @*/ private final int kind;
  /*@ spec_public @*/ private final int reduction;

  /*@ public invariant kind >= HALFSQ && kind <= LOGISTIC;
    @ public invariant reduction == MEAN || reduction == SUM;
    @*/

  /** A loss of the given kind and reduction. */
  /*@ public normal_behavior
    @ requires kind >= HALFSQ && kind <= LOGISTIC;
    @ requires reduction == MEAN || reduction == SUM;
    @ ensures this.kind == kind && this.reduction == reduction;
    @ assignable \nothing;
    @*/
  public Loss(int kind, int reduction) {
    this.kind = kind;
    this.reduction = reduction;
  }

  /** The kind code (HALFSQ ... LOGISTIC). */
  /*@ public normal_behavior
    @ ensures \result == kind;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ int kind() {
    return kind;
  }

  /** The reduction code (MEAN or SUM). */
  /*@ public normal_behavior
    @ ensures \result == reduction;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ int reduction() {
    return reduction;
  }

  /** Whether the targets are integer class labels (CE, LOGISTIC) rather than real vectors. */
  /*@ public normal_behavior
    @ ensures \result == (kind == CE || kind == LOGISTIC);
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ boolean usesLabels() {
    return kind == CE || kind == LOGISTIC;
  }

  /** The factor c in L = c · Σ_i ℓ_i: 1 for SUM, 1/(n·k) for MSE/MEAN, 1/n otherwise. */
  /*@ public normal_behavior
    @ requires n >= 1 && k >= 1 && (long) n * k <= Integer.MAX_VALUE;
    @ ensures \result > 0.0 && \result <= 1.0;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ double scale(int n, int k) {
    if (reduction == SUM) {
      return 1.0;
    }
    if (kind == MSE) {
      return 1.0 / TrustedMath.toDouble(n * k);
    }
    return 1.0 / TrustedMath.toDouble(n);
  }

  /**
   * ℓ(o, y) for one sample. o = out[off .. off+k), y = targets[off .. off+k) for the squared losses
   * or {@code label} for CE / LOGISTIC. Arrays not modified.
   */
  /*@ public normal_behavior
    @ requires k >= 1 && off >= 0 && off + k <= out.length;
    @ requires kind == CE || kind == LOGISTIC || off + k <= targets.length;
    @ requires kind != CE || (label >= 0 && label < k);
    @ requires kind != LOGISTIC || (k == 1 && (label == 0 || label == 1));
    @ ensures !(\result < 0.0);
    @ assignable \nothing;
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  public /*@ pure @*/ double sample(double[] out, int off, int k, double[] targets, int label) {
    if (kind == HALFSQ || kind == MSE) {
      double s = squaredDistance(out, off, k, targets);
      return kind == HALFSQ ? 0.5 * s : s;
    }
    if (kind == CE) {
      return crossEntropy(out, off, k, label);
    }
    double o = out[off];
    return Activation.softplus(label == 1 ? -o : o);
  }

  /** Σ_j (out[off+j] − targets[off+j])²; NaN propagates, so the result is never negative. */
  /*@ normal_behavior
    @ requires k >= 0 && off >= 0 && off + k <= out.length && off + k <= targets.length;
    @ ensures !(\result < 0.0);
    @ assignable \nothing;
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  static /*@ pure @*/ double squaredDistance(double[] out, int off, int k, double[] targets) {
    double s = 0.0;
    /*@ loop_invariant 0 <= j && j <= k && !(s < 0.0);
      @ decreases k - j;
      @ loop_writes \nothing;
      @*/
    for (int j = 0; j < k; j++) {
      double r = out[off + j] - targets[off + j];
      s += r * r;
    }
    return s;
  }

  /**
   * logsumexp(o) − o_label, with the maximum m subtracted inside the exponentials. Never negative:
   * Σ_j e^{o_j − m} ≥ 1 (the term of the maximum is e^0), so the log is ≥ 0, and o_label ≤ m.
   */
  /*@ normal_behavior
    @ requires k >= 1 && off >= 0 && off + k <= out.length && label >= 0 && label < k;
    @ ensures !(\result < 0.0);
    @ assignable \nothing;
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  static /*@ pure @*/ double crossEntropy(double[] out, int off, int k, int label) {
    int top = argmax(out, off, k);
    double m = out[off + top];
    double lse = m + TrustedMath.log(sumExp(out, off, k, top));
    return lse - out[off + label];
  }

  /**
   * g = ∂ℓ/∂o for one sample, written to g[off .. off+k) (modified); the other arrays are not
   * modified.
   */
  /*@ public normal_behavior
    @ requires k >= 1 && off >= 0 && off + k <= out.length && off + k <= g.length;
    @ requires g != out && g != targets;
    @ requires kind == CE || kind == LOGISTIC || off + k <= targets.length;
    @ requires kind != CE || (label >= 0 && label < k);
    @ requires kind != LOGISTIC || (k == 1 && (label == 0 || label == 1));
    @ assignable g[off .. off + k - 1];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  public void sampleGradient(double[] out, int off, int k, double[] targets, int label, double[] g) {
    if (kind == HALFSQ || kind == MSE) {
      double f = kind == HALFSQ ? 1.0 : 2.0;
      /*@ loop_invariant 0 <= j && j <= k;
        @ decreases k - j;
        @ loop_writes g[off .. off + k - 1];
        @*/
      for (int j = 0; j < k; j++) {
        g[off + j] = f * (out[off + j] - targets[off + j]);
      }
      return;
    }
    if (kind == CE) {
      softmaxMinusOneHot(out, off, k, label, g);
      return;
    }
    g[off] = Activation.sigmoid(out[off]) - (label == 1 ? 1.0 : 0.0);
  }

  /** g[off+j] = softmax(o)_j − [j = label], the cross-entropy gradient (g modified). */
  /*@ private normal_behavior
    @ requires k >= 1 && off >= 0 && off + k <= out.length && off + k <= g.length;
    @ requires g != out && label >= 0 && label < k;
    @ assignable g[off .. off + k - 1];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void softmaxMinusOneHot(double[] out, int off, int k, int label, double[] g) {
    int top = argmax(out, off, k);
    double m = out[off + top];
    double z = sumExp(out, off, k, top);
    /*@ loop_invariant 0 <= j && j <= k;
      @ decreases k - j;
      @ loop_writes g[off .. off + k - 1];
      @*/
    for (int j = 0; j < k; j++) {
      g[off + j] = TrustedMath.exp(out[off + j] - m) / z - (j == label ? 1.0 : 0.0);
    }
  }

  /**
   * r = M v for one sample, M = ∂²ℓ/∂o² at o = out[off .. off+k); v = v[voff .. voff+k) (not
   * modified), r written to r[roff .. roff+k) (modified). M does not depend on the targets.
   */
  /*@ public normal_behavior
    @ requires k >= 1 && off >= 0 && off + k <= out.length;
    @ requires voff >= 0 && voff + k <= v.length && roff >= 0 && roff + k <= r.length;
    @ requires r != out && r != v;
    @ requires kind != LOGISTIC || k == 1;
    @ assignable r[roff .. roff + k - 1];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  public void sampleHessianTimes(double[] out, int off, int k, double[] v, int voff, double[] r, int roff) {
    if (kind == HALFSQ || kind == MSE) {
      double f = kind == HALFSQ ? 1.0 : 2.0;
      /*@ loop_invariant 0 <= j && j <= k;
        @ decreases k - j;
        @ loop_writes r[roff .. roff + k - 1];
        @*/
      for (int j = 0; j < k; j++) {
        r[roff + j] = f * v[voff + j];
      }
      return;
    }
    if (kind == CE) {
      softmaxHessianTimes(out, off, k, v, voff, r, roff);
      return;
    }
    double s = Activation.sigmoid(out[off]);
    r[roff] = s * (1.0 - s) * v[voff];
  }

  /** r = (diag(p) − p pᵀ) v with p = softmax(o): r_j = p_j (v_j − pᵀv) (r modified). */
  /*@ private normal_behavior
    @ requires k >= 1 && off >= 0 && off + k <= out.length;
    @ requires voff >= 0 && voff + k <= v.length && roff >= 0 && roff + k <= r.length;
    @ requires r != out && r != v;
    @ assignable r[roff .. roff + k - 1];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void softmaxHessianTimes(double[] out, int off, int k, double[] v, int voff, double[] r,
      int roff) {
    int top = argmax(out, off, k);
    double m = out[off + top];
    double z = sumExp(out, off, k, top);
    double pv = 0.0;
    /*@ loop_invariant 0 <= j && j <= k;
      @ decreases k - j;
      @ loop_writes \nothing;
      @*/
    for (int j = 0; j < k; j++) {
      pv += TrustedMath.exp(out[off + j] - m) / z * v[voff + j];
    }
    /*@ loop_invariant 0 <= c && c <= k;
      @ decreases k - c;
      @ loop_writes r[roff .. roff + k - 1];
      @*/
    for (int c = 0; c < k; c++) {
      double p = TrustedMath.exp(out[off + c] - m) / z;
      r[roff + c] = p * (v[voff + c] - pv);
    }
  }

  /**
   * The k×k matrix M = ∂²ℓ/∂o² for one sample, written row-major to m[0 .. k·k) (modified).
   */
  /*@ public normal_behavior
    @ requires k >= 1 && k <= 46340 && off >= 0 && off + k <= out.length && m.length >= k * k;
    @ requires m != out;
    @ requires kind != LOGISTIC || k == 1;
    @ assignable m[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  public void sampleHessianMatrix(double[] out, int off, int k, double[] m) {
    if (kind == HALFSQ || kind == MSE) {
      double f = kind == HALFSQ ? 1.0 : 2.0;
      /*@ loop_invariant 0 <= a && a <= k;
        @ decreases k - a;
        @ loop_writes m[*];
        @*/
      for (int a = 0; a < k; a++) {
        int row = a * k;
        /*@ loop_invariant 0 <= b && b <= k;
          @ decreases k - b;
          @ loop_writes m[*];
          @*/
        for (int b = 0; b < k; b++) {
          m[row + b] = a == b ? f : 0.0;
        }
      }
      return;
    }
    if (kind == CE) {
      softmaxHessianMatrix(out, off, k, m);
      return;
    }
    double s = Activation.sigmoid(out[off]);
    m[0] = s * (1.0 - s);
  }

  /** m = diag(p) − p pᵀ with p = softmax(o), row-major k×k (m modified). */
  /*@ private normal_behavior
    @ requires k >= 1 && k <= 46340 && off >= 0 && off + k <= out.length && m.length >= k * k;
    @ requires m != out;
    @ assignable m[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void softmaxHessianMatrix(double[] out, int off, int k, double[] m) {
    int top = argmax(out, off, k);
    double mx = out[off + top];
    double z = sumExp(out, off, k, top);
    /*@ loop_invariant 0 <= a && a <= k;
      @ decreases k - a;
      @ loop_writes m[*];
      @*/
    for (int a = 0; a < k; a++) {
      double pa = TrustedMath.exp(out[off + a] - mx) / z;
      int row = Index.rowStart(a, k, k);
      /*@ loop_invariant 0 <= b && b <= k;
        @ decreases k - b;
        @ loop_writes m[*];
        @*/
      for (int b = 0; b < k; b++) {
        double pb = TrustedMath.exp(out[off + b] - mx) / z;
        m[row + b] = (a == b ? pa : 0.0) - pa * pb;
      }
    }
  }

  /**
   * Index (relative to off) of a maximum of out[off .. off+k): the first one, and 0 when
   * out[off] is NaN (comparisons with NaN are false, so nothing exceeds it). The quantified
   * facts read the pre-state (\old) so that callers can instantiate them without a heap frame.
   */
  /*@ normal_behavior
    @ requires k >= 1 && off >= 0 && off + k <= out.length;
    @ ensures \result >= 0 && \result < k;
    @ ensures (\forall int j; 0 <= j && j < k; !(\old(out[j + off]) > \old(out[\result + off])));
    @ assignable \nothing;
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  static /*@ pure @*/ int argmax(double[] out, int off, int k) {
    int top = 0;
    /*@ loop_invariant 1 <= j && j <= k && 0 <= top && top < j;
      @ loop_invariant (\forall int q; 0 <= q && q < j; !(\old(out[off + q]) > \old(out[off + top])));
      @ decreases k - j;
      @ loop_writes \nothing;
      @*/
    for (int j = 1; j < k; j++) {
      if (out[off + j] > out[off + top]) {
        top = j;
      }
    }
    return top;
  }

  /**
   * Σ_j exp(out[off+j] − m) with m = out[off+top]: at least 1 (the term j = top is e^0), or NaN
   * when an input is NaN or infinite.
   */
  /*@ normal_behavior
    @ requires k >= 1 && off >= 0 && off + k <= out.length && top >= 0 && top < k;
    @ ensures \result >= 1.0 || \result != \result;
    @ assignable \nothing;
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  static /*@ pure @*/ double sumExp(double[] out, int off, int k, int top) {
    double m = out[off + top];
    double s = 0.0;
    /*@ loop_invariant 0 <= j && j <= k;
      @ loop_invariant s >= 0.0 || s != s;
      @ loop_invariant j > top ==> (s >= 1.0 || s != s);
      @ decreases k - j;
      @ loop_writes \nothing;
      @*/
    for (int j = 0; j < k; j++) {
      s += TrustedMath.exp(out[off + j] - m);
    }
    return s;
  }
}
