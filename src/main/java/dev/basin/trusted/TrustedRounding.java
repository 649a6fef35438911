package dev.basin.trusted;

/**
 * The trusted base of the directed-rounding proofs (bounds/Rounding, dynamics/stagnation/Probability):
 * wrappers around {@link Math}'s neighbour and fused multiply-add functions. A class of its own,
 * with its stub in proofs/stubs-rounding, so that the kernel's proofs load exactly the stubs they
 * were proved with (proofs/README.md). Checked by tests/dev/basin/trusted/TrustedMathTest.
 */
public final class TrustedRounding {
  private TrustedRounding() {}

  /** The greatest double below x, as {@link Math#nextDown} (−∞ stays −∞, NaN stays NaN). */
  public static double nextDown(double x) {
    return Math.nextDown(x);
  }

  /** The least double above x, as {@link Math#nextUp}. */
  public static double nextUp(double x) {
    return Math.nextUp(x);
  }

  /** a·b + c rounded once, as {@link Math#fma}. */
  public static double fma(double a, double b, double c) {
    return Math.fma(a, b, c);
  }
}
