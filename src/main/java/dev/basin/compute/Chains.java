package dev.basin.compute;

/**
 * The arithmetic of {@link ErrorModel} (spec COMPUTE-ERROR-MODEL) in the Java subset KeY proves
 * (proofs/README.md, "Beyond the kernel"): the chain lengths L of the products, each ≥ 1 and free of
 * overflow for every problem size an int can hold, and γ_L = L·u/(1 − L·u). KeY proves that γ̂ is
 * a number in [0, 1] for L·u &lt; 1/2, positive for L ≥ 1. KeY has no reals, and cvc5 did not decide
 * γ̂ ≥ L·u (a comparison with an IEEE quotient) within 120 s, so that γ̂ ≥ L·u and that the exact
 * γ_L is at most γ̂·(1 + u) — L·u and 1 − L·u are exact for integer L &lt; 2⁵², leaving one rounding,
 * of the quotient — are checked against exact BigDecimal arithmetic by
 * tests/dev/basin/compute/ErrorModelContractsTest.
 */
final class Chains {

  private Chains() {}

  // 1.1102230246251565E-16 = 2^-53 (ErrorModel.U) and 4503599627370496.0 = 2^52: literals, since KeY's
  // subset has no hexadecimal floating-point literals (ErrorModelContractsTest#literalsAreTheConstants).

  /** L of a matrix-product pass of depth k: k products and sums, one addition into C. */
  /*@ public normal_behavior
    @ requires depth >= 0 && depth <= 2147483647L;
    @ ensures \result == depth + 1 && \result >= 1;
    @ assignable \strictly_nothing;
    @*/
  static long gemm(long depth) {
    return depth + 1;
  }

  /** L of a dot product of length len plus a bias: len products and len additions. */
  /*@ public normal_behavior
    @ requires len >= 1 && len <= 2147483647L;
    @ ensures \result == len + 1 && \result >= 2;
    @ assignable \strictly_nothing;
    @*/
  static long biasedDot(long len) {
    return len + 1;
  }

  /** L of a dot product of length len without a bias: len products, len − 1 additions. */
  /*@ public normal_behavior
    @ requires len >= 1 && len <= 2147483647L;
    @ ensures \result == len && \result >= 1;
    @ assignable \strictly_nothing;
    @*/
  static long dot(long len) {
    return len;
  }

  /** L of a gradient component: W2ᵀg (k), δ (2), the product with x or a (1), the sum over n (n). */
  /*@ public normal_behavior
    @ requires n >= 1 && n <= 2147483647L && k >= 1 && k <= 2147483647L;
    @ ensures \result == n + k + 3 && \result > n && \result > k;
    @ assignable \strictly_nothing;
    @*/
  static long gradient(long n, long k) {
    return n + k + 3;
  }

  /** K of FLAT-HVP-ERROR: n + d + 2h + 3k + slack (ErrorModel#hvpChain's derivation). */
  /*@ public normal_behavior
    @ requires n >= 1 && n <= 2147483647L && d >= 1 && d <= 2147483647L;
    @ requires h >= 1 && h <= 2147483647L && k >= 1 && k <= 2147483647L;
    @ requires slack >= 0 && slack <= 2147483647L;
    @ ensures \result == n + d + 2 * h + 3 * k + slack;
    @ ensures \result > n && \result > d && \result > h && \result > k;
    @ assignable \strictly_nothing;
    @*/
  static long hvp(long n, long d, long h, long k, long slack) {
    return n + d + 2 * h + 3 * k + slack;
  }

  /**
   * γ_L = L·u/(1 − L·u) rounded to nearest, for 0 ≤ L &lt; 2⁵² (L·u &lt; 1/2). The caller refuses
   * other L ({@link ErrorModel#gamma}).
   */
  /*@ public normal_behavior
    @ requires chain >= 0.0 && chain < 4503599627370496.0;
    @ ensures \result == \result && \result >= 0.0 && \result <= 1.0;
    @ ensures chain >= 1.0 ==> \result > 0.0;
    @ assignable \strictly_nothing;
    @*/
  static double gamma(double chain) {
    double lu = chain * 1.1102230246251565E-16;
    return lu / (1.0 - lu);
  }
}
