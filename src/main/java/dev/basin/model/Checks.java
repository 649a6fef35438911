package dev.basin.model;

import dev.basin.base.InvalidInputException;
import dev.basin.kernel.Activation;

/** Argument checks shared by the boundary classes; each throws {@link InvalidInputException}. */
public final class Checks {

  private Checks() {}

  /** Requires every entry to be finite (no NaN, no ±∞). */
  public static void finite(String name, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new InvalidInputException(name, "entry " + i + " is " + values[i] + " (must be finite)");
      }
    }
  }

  /** Requires a finite value. */
  public static double finite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new InvalidInputException(name, value + " (must be finite)");
    }
    return value;
  }

  /** Requires a finite value &gt; 0. */
  public static double positive(String name, double value) {
    if (!(value > 0.0 && value < Double.POSITIVE_INFINITY)) {
      throw new InvalidInputException(name, value + " (must be finite and > 0)");
    }
    return value;
  }

  /** Requires a finite value ≥ 0. */
  public static double nonNegative(String name, double value) {
    if (!(value >= 0.0 && value < Double.POSITIVE_INFINITY)) {
      throw new InvalidInputException(name, value + " (must be finite and >= 0)");
    }
    return value;
  }

  /** Requires 0 &lt; value &lt; 1. */
  public static double openUnit(String name, double value) {
    if (!(value > 0.0 && value < 1.0)) {
      throw new InvalidInputException(name, value + " (must lie strictly between 0 and 1)");
    }
    return value;
  }

  /** Requires an int ≥ min. */
  public static int atLeast(String name, int value, int min) {
    if (value < min) {
      throw new InvalidInputException(name, value + " (must be >= " + min + ")");
    }
    return value;
  }

  /** Requires an array of the given length. */
  public static void length(String name, double[] values, int expected, String what) {
    if (values.length != expected) {
      throw new InvalidInputException(name, "length " + values.length + ", expected " + expected
          + " (" + what + ")");
    }
  }

  /** a·b as an int, or an error naming what overflowed. */
  public static int product(String name, int a, int b) {
    long p = (long) a * b;
    if (p > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException(name, a + " x " + b + " = " + p
          + " elements exceeds the largest Java array");
    }
    return (int) p;
  }

  /**
   * Requires σ(cz) = cσ(z) for all c &gt; 0 (relu, leaky_relu, identity; NET-ACT SYM-HOMOGENEOUS), the
   * condition of every rescaling symmetry.
   */
  public static void positivelyHomogeneous(Activation act) {
    if (!act.isPositivelyHomogeneous()) {
      throw new InvalidInputException("activation", Conventions.name(act) + " is not positively homogeneous, so"
          + " rescaling hidden units changes the network function (spec/symmetry.md SYM-RESCALE-UNIT); use relu,"
          + " leaky_relu or identity");
    }
  }
}
