package dev.basin.base;

import java.util.Locale;

/**
 * One reported number and what it is (spec REPORT-KINDS): exact up to binary64 rounding, a
 * certified enclosure [lo, hi] of the true value, a certified one-sided bound, or an estimate with
 * its interval and level. Every measure, bound, symmetry check and dynamics result returns its
 * numbers in this form, so the library decides what a number is and every printer (JSON, HTML,
 * terminal) only renders it.
 *
 * <p>Every variant carries its spec ID, the method that produced it and its units ("" when
 * dimensionless). A variant refuses non-finite numbers and inverted intervals at construction
 * (a non-finite number is a {@link NonFiniteResultException}, an interval without its value a bug), so no
 * NaN or ∞ can be reported.
 */
public sealed interface Reported extends Finding
    permits Reported.Exact, Reported.Enclosure, Reported.Bound, Reported.Estimate {

  /** The number: the exact value, an enclosure's best value, the bound, or the point estimate. */
  double value();

  /** The spec ID of the formula (e.g. "FLAT-TRACE-EXACT"). */
  String spec();

  /** How the number was obtained, briefly (e.g. "Lanczos, residual certificate"). */
  String method();

  /** The units, or "" for a dimensionless number. */
  String units();

  /** What the number is. */
  Kind kind();

  /** What a reported number is; {@link #label} is its name in JSON and reports. */
  enum Kind {
    /** Exact up to binary64 rounding of a closed form (or an exact count). */
    EXACT("exact"),
    /** A certified enclosure: the true value lies in [lo, hi]. */
    ENCLOSURE("certified_enclosure"),
    /** A certified one-sided bound: the true value is ≥ (lower) or ≤ (upper) the number. */
    BOUND("certified_bound"),
    /** A statistical estimate with a confidence interval at a stated level. */
    ESTIMATE("estimate");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The name used in JSON ("exact", "certified_enclosure", "certified_bound", "estimate"). */
    public String label() {
      return label;
    }
  }

  /** Which side of the true value a {@link Bound} is on. */
  enum Side {
    /** The true value is at least the number. */
    LOWER,
    /** The true value is at most the number. */
    UPPER;

    /** "lower" or "upper". */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * An exact value (a closed form evaluated in binary64, or a count).
   *
   * @param value the value
   * @param spec spec ID
   * @param method how it was computed
   * @param units units ("" if none)
   */
  record Exact(double value, String spec, String method, String units) implements Reported {
    /** Refuses a non-finite value. */
    public Exact {
      Reported.finite(spec, "value", value);
    }

    @Override
    public Kind kind() {
      return Kind.EXACT;
    }
  }

  /**
   * A certified enclosure: the true value lies in [lo, hi]; {@code value} is the best single number
   * within it (e.g. the computed Rayleigh quotient).
   *
   * @param value the best value, lo ≤ value ≤ hi
   * @param lo lower end
   * @param hi upper end
   * @param spec spec ID
   * @param method how it was computed and certified
   * @param units units ("" if none)
   */
  record Enclosure(double value, double lo, double hi, String spec, String method, String units) implements Reported {
    /** Refuses non-finite ends and an interval that does not contain the value. */
    public Enclosure {
      Reported.interval(spec, value, lo, hi);
    }

    @Override
    public Kind kind() {
      return Kind.ENCLOSURE;
    }

    /** hi − lo. */
    public double width() {
      return hi - lo;
    }

    /** Whether x lies in [lo, hi]. */
    public boolean contains(double x) {
      return x >= lo && x <= hi;
    }
  }

  /**
   * A certified one-sided bound.
   *
   * @param value the bound
   * @param side whether the true value is at least ({@link Side#LOWER}) or at most the bound
   * @param spec spec ID
   * @param method how it was obtained
   * @param units units ("" if none)
   */
  record Bound(double value, Side side, String spec, String method, String units) implements Reported {
    /** Refuses a non-finite bound. */
    public Bound {
      Reported.finite(spec, "bound", value);
    }

    @Override
    public Kind kind() {
      return Kind.BOUND;
    }
  }

  /**
   * A statistical estimate with a confidence interval.
   *
   * @param value the point estimate, lo ≤ value ≤ hi
   * @param lo lower end of the interval
   * @param hi upper end of the interval
   * @param level the interval's confidence level in (0, 1)
   * @param interval how the interval was made (e.g. "Student-t (FLAT-CI)", "Clopper-Pearson, exact")
   * @param samples the number of samples behind the estimate (≥ 1)
   * @param spec spec ID
   * @param method how the estimate was computed
   * @param units units ("" if none)
   */
  record Estimate(double value, double lo, double hi, double level, String interval, int samples, String spec,
      String method, String units) implements Reported {
    /** Refuses non-finite numbers, an interval without the value, a level outside (0, 1), no samples. */
    public Estimate {
      Reported.interval(spec, value, lo, hi);
      if (!(level > 0.0 && level < 1.0) || samples < 1) {
        throw new IllegalArgumentException(spec + ": level " + level + " not in (0, 1) or no samples (" + samples + ")");
      }
    }

    @Override
    public Kind kind() {
      return Kind.ESTIMATE;
    }

    /** Whether x lies in [lo, hi]. */
    public boolean covers(double x) {
      return x >= lo && x <= hi;
    }
  }

  /** An exact dimensionless value. */
  static Exact exact(double value, String spec, String method) {
    return new Exact(value, spec, method, "");
  }

  /** A dimensionless certified enclosure. */
  static Enclosure enclosure(double value, double lo, double hi, String spec, String method) {
    return new Enclosure(value, lo, hi, spec, method, "");
  }

  /** A dimensionless certified lower bound (the true value is at least {@code value}). */
  static Bound lowerBound(double value, String spec, String method) {
    return new Bound(value, Side.LOWER, spec, method, "");
  }

  /** A dimensionless certified upper bound (the true value is at most {@code value}). */
  static Bound upperBound(double value, String spec, String method) {
    return new Bound(value, Side.UPPER, spec, method, "");
  }

  /** The lower end of the number's interval: lo, a lower bound, else the value. */
  default double low() {
    return switch (this) {
      case Enclosure e -> e.lo();
      case Estimate e -> e.lo();
      case Bound b -> b.side() == Side.LOWER ? b.value() : Double.NEGATIVE_INFINITY;
      case Exact e -> e.value();
    };
  }

  /** The upper end of the number's interval: hi, an upper bound, else the value. */
  default double high() {
    return switch (this) {
      case Enclosure e -> e.hi();
      case Estimate e -> e.hi();
      case Bound b -> b.side() == Side.UPPER ? b.value() : Double.POSITIVE_INFINITY;
      case Exact e -> e.value();
    };
  }

  private static void finite(String spec, String what, double x) {
    Finite.check(spec, what, x);
  }

  /** Refuses non-finite ends and an interval that does not contain the value. */
  private static void interval(String spec, double value, double lo, double hi) {
    finite(spec, "value", value);
    finite(spec, "lower end", lo);
    finite(spec, "upper end", hi);
    if (!(lo <= value && value <= hi)) { // a bug in the producer, not bad input
      throw new IllegalArgumentException(spec + ": interval [" + lo + ", " + hi + "] does not contain the value " + value);
    }
  }
}
