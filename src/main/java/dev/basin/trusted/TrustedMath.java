package dev.basin.trusted;

/**
 * The trusted base: thin wrappers around {@link Math} functions that KeY cannot see into.
 *
 * <p>KeY proofs of the kernel use body-less copies of these methods (proofs/stubs) whose JML
 * contracts are assumed, not proved. Each assumed contract is checked by a randomized test
 * (tests/dev/basin/trusted/TrustedMathTest.java) over seeded random and IEEE edge values. Keep this
 * class tiny: everything here widens the trusted base.
 */
public final class TrustedMath {
  private TrustedMath() {}

  /** e^x, as {@link Math#exp}. */
  public static double exp(double x) {
    return Math.exp(x);
  }

  /** Natural logarithm, as {@link Math#log}. */
  public static double log(double x) {
    return Math.log(x);
  }

  /** ln(1 + x), as {@link Math#log1p}: accurate for small x. */
  public static double log1p(double x) {
    return Math.log1p(x);
  }

  /** Hyperbolic tangent, as {@link Math#tanh}. */
  public static double tanh(double x) {
    return Math.tanh(x);
  }

  /** The exact conversion of an int to a double (every int is representable). */
  public static double toDouble(int n) {
    return n;
  }
}
