package dev.basin.compute;

/**
 * What a backend promises about its arithmetic (spec COMPUTE-ERROR-MODEL): for every product, the
 * longest chain L of roundings that any term passes through on its way into a result component,
 * whether it fuses multiply-adds, and the error of its activation functions. With u = 2⁻⁵³ and
 * γ_L = L·u/(1 − L·u), a sum of products Ĉ = fl(Σ_p a_p b_p) evaluated in any order and any
 * blocking with at most L roundings per term satisfies the componentwise bound
 *
 * <pre>  |Ĉ − C| ≤ γ_L · Σ_p |a_p||b_p|     (Higham, Accuracy and Stability, §3.1, Lemma 3.4)</pre>
 *
 * whatever the order, the tiling, split-K or tree reductions; an FMA only removes roundings, so the
 * bound of the unfused count covers it. FLAT-HVP-ERROR's certificate is built from these counts
 * ({@code dev.basin.measure.HvpErrorBound}), so a certified eigenvalue enclosure is valid for
 * whichever backend produced the products, as long as the backend keeps its declaration — which the
 * conformance kit (tests/dev/basin/compute/BackendConformance) checks against the reference kernel
 * and the exact (60-digit) values.
 *
 * <p>The counts below are upper bounds shared by the three backends (each one's own derivation is in
 * spec/compute.md); the fields say what differs. Immutable.
 *
 * @param arithmetic a one-line description of how the backend rounds (for reports)
 * @param fusedMultiplyAdd whether products are fused into their sums (FMA)
 * @param activationUlps the error of σ, σ', σ'' and of the loss functions' exp/log, in units of
 *     u·max(1, |value|) (spec FLAT-FP: the kernel's library functions, ≤ 2.5 ulp, plus at most four
 *     roundings of the formula)
 */
public record ErrorModel(String arithmetic, boolean fusedMultiplyAdd, double activationUlps) {

  /** Unit roundoff of binary64 with round to nearest. */
  public static final double U = 0x1p-53;

  /**
   * Slack of the R-pass count K of FLAT-HVP-ERROR beyond its sums (the factor c, the products of
   * two computed factors, the loss-Hessian step's few operations and margin); see the spec's
   * derivation, which adds up to fewer than 20 for each backend.
   */
  public static final int HVP_SLACK = 20;

  /**
   * The error of the kernel's activation and loss functions ({@link dev.basin.kernel.Activation},
   * {@link dev.basin.kernel.Loss}) in units of u·max(1, |value|) (spec FLAT-FP: the JDK's exp, log,
   * log1p, tanh within 2.5 ulp, plus at most four roundings of the formula around them). Every
   * backend that evaluates those functions with the kernel's own code declares it.
   */
  public static final double KERNEL_FUNCTION_ULPS = 8.0;

  /**
   * A declared model.
   *
   * @throws IllegalArgumentException if activationUlps is not a finite number ≥ 0
   */
  /*@ public normal_behavior
    @ requires activationUlps >= 0.0 && activationUlps < Double.POSITIVE_INFINITY;
    @ ensures this.activationUlps() == activationUlps && this.fusedMultiplyAdd() == fusedMultiplyAdd;
    @ also public exceptional_behavior
    @ requires !(activationUlps >= 0.0 && activationUlps < Double.POSITIVE_INFINITY);
    @ signals_only IllegalArgumentException;
    @*/
  public ErrorModel {
    if (!(activationUlps >= 0.0 && activationUlps < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("activationUlps " + activationUlps);
    }
  }

  // The chain counts and γ are computed by Chains, which KeY proves (positive, overflow-free, γ in [0, 1]).

  /**
   * L of a matrix-product pass C ← op(A)·op(B) (+ C) of depth k: the k products and sums of a
   * component plus one addition into C. Every backend's GEMM meets it (its chain of k FMAs or k
   * products and k − 1 additions, split into depth blocks whose partial sums are added once each).
   */
  /*@ public normal_behavior
    @ requires depth >= 0 && depth <= Integer.MAX_VALUE;
    @ ensures \result == depth + 1 && \result >= 1;
    @ pure
    @*/
  public long gemmChain(long depth) {
    return Chains.gemm(depth);
  }

  /** L of a pre-activation z = b1 + W1x (d products and d additions). */
  /*@ public normal_behavior
    @ requires d >= 1 && d <= Integer.MAX_VALUE;
    @ ensures \result == d + 1 && \result >= 2;
    @ pure
    @*/
  public long preActivationChain(long d) {
    return Chains.biasedDot(d);
  }

  /** L of an output o = b2 + W2a (h products and h additions). */
  /*@ public normal_behavior
    @ requires h >= 1 && h <= Integer.MAX_VALUE;
    @ ensures \result == h + 1 && \result >= 2;
    @ pure
    @*/
  public long outputChain(long h) {
    return Chains.biasedDot(h);
  }

  /** L of a back-propagated W2ᵀg (k products, k − 1 additions). */
  /*@ public normal_behavior
    @ requires k >= 1 && k <= Integer.MAX_VALUE;
    @ ensures \result == k && \result >= 1;
    @ pure
    @*/
  public long backChain(long k) {
    return Chains.dot(k);
  }

  /**
   * L of a gradient component: W2ᵀg (k), δ = c·(back ⊙ σ') (2), the product with x or a (1) and
   * the sum over n samples (n).
   */
  /*@ public normal_behavior
    @ requires n >= 1 && n <= Integer.MAX_VALUE && k >= 1 && k <= Integer.MAX_VALUE;
    @ ensures \result == n + k + 3 && \result > n && \result > k;
    @ pure
    @*/
  public long gradientChain(long n, long k) {
    return Chains.gradient(n, k);
  }

  /**
   * K of FLAT-HVP-ERROR: the longest chain of roundings of a term of a component of H·v, over the
   * R-pass: R{z} (d + 1), R{a} (1), R{o} (two sums over h and the bias: 2h + 1), M·R{o} (k + 3),
   * R{back} (k + 1), R{δ} (k + 1 more for the σ'' term and the factors), the sum over n samples, and
   * {@link #HVP_SLACK}. Each backend's own count is below it (spec COMPUTE-ERROR-MODEL).
   */
  /*@ public normal_behavior
    @ requires n >= 1 && n <= Integer.MAX_VALUE && d >= 1 && d <= Integer.MAX_VALUE;
    @ requires h >= 1 && h <= Integer.MAX_VALUE && k >= 1 && k <= Integer.MAX_VALUE;
    @ ensures \result == n + d + 2 * h + 3 * k + HVP_SLACK;
    @ ensures \result > n && \result > d && \result > h && \result > k;
    @ pure
    @*/
  public long hvpChain(long n, long d, long h, long k) {
    return Chains.hvp(n, d, h, k, HVP_SLACK);
  }

  /**
   * γ_L = L·u / (1 − L·u) (Higham §3.1), rounded to nearest: L·u and 1 − L·u are exact for integer
   * L &lt; 2⁵², so the exact γ_L is at most the result times (1 + u).
   *
   * @throws ArithmeticException if L is negative, NaN or L·u ≥ 1/2 (no useful bound; never for 0 ≤ L
   *     &lt; 2⁵¹)
   */
  /*@ public normal_behavior
    @ requires chain >= 0.0 && chain * U < 0.5;
    @ ensures \result == \result && \result >= chain * U && \result <= 1.0;
    @ ensures chain >= 1.0 ==> \result > 0.0;
    @ ensures (* for integer chain, the exact chain*U/(1 - chain*U) is at most \result * (1 + U) *);
    @ pure
    @ also public exceptional_behavior
    @ requires !(chain >= 0.0 && chain * U < 0.5);
    @ signals_only ArithmeticException;
    @*/
  public static double gamma(double chain) {
    if (!(chain >= 0.0 && chain * U < 0.5)) {
      throw new ArithmeticException("gamma(" + chain + "): L·u >= 1/2 or L < 0, no rounding bound");
    }
    return Chains.gamma(chain);
  }

  /**
   * The budget of one activation or loss-function evaluation with result {@code value}: the
   * declared error of σ, σ', σ'' and of the loss functions is at most this (spec FLAT-FP).
   */
  /*@ public normal_behavior
    @ requires value == value;
    @ ensures \result == activationUlps() * U * Math.max(1.0, Math.abs(value)) && !(\result < 0.0);
    @ pure
    @*/
  public double functionError(double value) {
    return activationUlps * U * Math.max(1.0, Math.abs(value));
  }
}
