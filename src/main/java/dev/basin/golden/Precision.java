package dev.basin.golden;

import dev.basin.base.InvalidInputException;
import dev.basin.measure.FloatModel;
import java.util.Locale;

/**
 * The arithmetic a tool's answer was computed in (spec GOLDEN-TOL): IEEE binary64 or binary32 with
 * round-to-nearest. Each has its unit roundoff, which sets the tolerance, and its normal range,
 * outside which the rounding model (and so the tolerance) does not hold.
 */
public enum Precision {
  /** IEEE binary64: u = 2⁻⁵³. */
  FLOAT64("float64", 0x1p-53, Double.MIN_NORMAL, Double.MAX_VALUE),
  /** IEEE binary32: u = 2⁻²⁴. */
  FLOAT32("float32", 0x1p-24, Float.MIN_NORMAL, Float.MAX_VALUE);

  private final String label;
  private final double u;
  private final double minNormal;
  private final double max;

  Precision(String label, double u, double minNormal, double max) {
    this.label = label;
    this.u = u;
    this.minNormal = minNormal;
    this.max = max;
  }

  /** "float64" or "float32". */
  public String label() {
    return label;
  }

  /** The unit roundoff. */
  public double unitRoundoff() {
    return u;
  }

  /** The smallest positive normal number. */
  public double minNormal() {
    return minNormal;
  }

  /** The largest finite number. */
  public double max() {
    return max;
  }

  /** The rounding model of a tool in this precision (FLAT-HVP-ERROR "Other arithmetics"). */
  public FloatModel model() {
    return FloatModel.tool(label, u);
  }

  /** Whether a nonzero |x| is outside the normal range (a zero is exact in every precision). */
  public boolean outOfRange(double x) {
    double a = Math.abs(x);
    return a != 0.0 && (a < minNormal || a > max);
  }

  /** The precision named by s ("float64"/"float32", also "f64"/"double", "f32"/"float"), naming the input on error. */
  public static Precision parse(String input, String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "float64", "f64", "double", "binary64" -> FLOAT64;
      case "float32", "f32", "float", "single", "binary32" -> FLOAT32;
      default -> throw new InvalidInputException(input, "unknown precision '" + s + "'; expected float64 or float32");
    };
  }
}
