package dev.basin.claims;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One reported number with what it is (spec CLAIM-REPORTING): exact (to rounding), a certified
 * enclosure [lo, hi], an estimate with a confidence interval (level stated), a one-sided bound, or
 * a count.
 *
 * @param name what was measured, with its setting (e.g. "trace, attack minimum")
 * @param value the value (the point estimate, or the best bound found)
 * @param lo lower end of the interval, if any
 * @param hi upper end of the interval, if any
 * @param kind what the number is
 * @param spec the spec ID of the formula
 */
public record Measurement(String name, double value, @Nullable Double lo, @Nullable Double hi, Kind kind, String spec) {

  /** What a reported number is. */
  public enum Kind {
    /** Exact up to floating-point rounding. */
    EXACT,
    /** A certified enclosure [lo, hi] of the exact value. */
    ENCLOSURE,
    /** A Monte-Carlo or statistical estimate with a 95 % confidence interval [lo, hi]. */
    ESTIMATE_CI95,
    /** A certified lower bound on the quantity (e.g. the best ascent value of a maximum). */
    LOWER_BOUND,
    /** A certified upper bound on the quantity. */
    UPPER_BOUND,
    /** A count or a fraction of counted events. */
    COUNT
  }

  /** An exact value. */
  public static Measurement exact(String name, double value, String spec) {
    return new Measurement(name, value, null, null, Kind.EXACT, spec);
  }

  /** An estimate with a 95 % confidence interval. */
  public static Measurement estimate(String name, double value, double lo, double hi, String spec) {
    return new Measurement(name, value, lo, hi, Kind.ESTIMATE_CI95, spec);
  }

  /** A certified enclosure. */
  public static Measurement enclosure(String name, double value, double lo, double hi, String spec) {
    return new Measurement(name, value, lo, hi, Kind.ENCLOSURE, spec);
  }

  /** A lower bound. */
  public static Measurement lowerBound(String name, double value, String spec) {
    return new Measurement(name, value, null, null, Kind.LOWER_BOUND, spec);
  }

  /** A count. */
  public static Measurement count(String name, double value, String spec) {
    return new Measurement(name, value, null, null, Kind.COUNT, spec);
  }

  /** The lower end of the interval, or the value. */
  public double low() {
    Double l = lo;
    return l == null ? value : l;
  }

  /** The upper end of the interval, or the value. */
  public double high() {
    Double h = hi;
    return h == null ? value : h;
  }
}
