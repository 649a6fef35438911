package dev.basin.measure;

/**
 * The floating-point model behind basin's certificates (spec FLAT-FP): binary64, round to
 * nearest, unit roundoff u = 2⁻⁵³, no fused multiply-add, and γ_m = m·u / (1 − m·u) (Higham,
 * Accuracy and Stability of Numerical Algorithms, §3.1).
 */
public final class Rounding {

  /** Unit roundoff of binary64 with round-to-nearest. */
  public static final double U = dev.basin.compute.ErrorModel.U;

  /**
   * Absolute error budget, in units of u·max(1, |value|), of one evaluation of a smooth
   * activation's value, derivative or second derivative (spec FLAT-FP: library ≤ 2.5 ulp plus at
   * most four roundings of the formula).
   */
  public static final double FUNCTION_ULPS = dev.basin.compute.ErrorModel.KERNEL_FUNCTION_ULPS;

  private Rounding() {}

  /** γ_m = m u / (1 − m u); m u must stay below 1/2 (true for every m &lt; 2⁵¹). */
  public static double gamma(double m) {
    return dev.basin.compute.ErrorModel.gamma(m);
  }

  /** The FLAT-FP budget for one smooth-activation evaluation with result {@code value}. */
  public static double functionError(double value) {
    return FUNCTION_ULPS * U * Math.max(1.0, Math.abs(value));
  }
}
