package dev.basin.measure;

/**
 * The arithmetic a rounding bound is for (spec FLAT-FP, FLAT-HVP-ERROR "Other arithmetics"): the
 * unit roundoff u, whether the inputs (x, θ, targets, v) are themselves rounded to that arithmetic,
 * and how a piecewise-linear activation's kink is treated when the computed pre-activation is
 * within its rounding error of it.
 *
 * <p>{@link #BASIN} is basin's own evaluation: binary64 on exact binary64 inputs; a kink whose side
 * is uncertain is resolved exactly (the sides of the computed and the exact pre-activation are
 * compared), and the bound covers both pieces where they differ, so it is rigorous. {@link #tool}
 * models another tool's evaluation in a precision with unit roundoff u: its inputs are rounded to
 * that precision when it is coarser than binary64, and it is <em>assumed</em> to be on the exact
 * side of every kink (the bound is then the tolerance that tool must meet; where the assumption
 * cannot hold, the kinks are counted by {@link HvpErrorBound#nearKinks}).
 *
 * @param name a label ("binary64", "float32")
 * @param u the unit roundoff (2⁻⁵³ for binary64, 2⁻²⁴ for binary32)
 * @param roundedInputs whether x, θ, targets and v are rounded once to this arithmetic
 * @param assumeKinkSides whether the evaluation is assumed to be on the exact side of every kink
 */
public record FloatModel(String name, double u, boolean roundedInputs, boolean assumeKinkSides) {

  /** basin's own evaluation (rigorous): binary64, exact inputs, kinks resolved exactly. */
  public static final FloatModel BASIN = new FloatModel("binary64", Rounding.U, false, false);

  /** Validated: 0 &lt; u &lt; 2⁻⁸ (a floating-point format with at least 8 significand bits). */
  public FloatModel {
    if (!(u > 0.0 && u < 0x1p-8)) {
      throw new IllegalArgumentException("unit roundoff " + u + " not in (0, 2^-8)");
    }
  }

  /**
   * A tool's evaluation with unit roundoff u; its inputs are rounded when u exceeds binary64's
   * (the suite's files hold binary64 values, which a binary64 tool reads exactly).
   */
  public static FloatModel tool(String name, double u) {
    return new FloatModel(name, u, u > Rounding.U, true);
  }

  /** Extra roundings per input factor of a term: 1 when the inputs are rounded, else 0. */
  public int inputRoundings() {
    return roundedInputs ? 1 : 0;
  }

  /** γ_m = m u / (1 − m u); m u must stay below 1/2. */
  public double gamma(double m) {
    double mu = m * u;
    if (!(mu < 0.5)) {
      throw new ArithmeticException("gamma(" + m + ") at u = " + u + ": m·u >= 1/2, no rounding bound");
    }
    return mu / (1.0 - mu);
  }

  /** The FLAT-FP budget of one smooth-activation (or library function) evaluation with result value. */
  public double functionError(double value) {
    return Rounding.FUNCTION_ULPS * u * Math.max(1.0, Math.abs(value));
  }
}
