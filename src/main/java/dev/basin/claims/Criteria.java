package dev.basin.claims;

import java.util.Locale;

/**
 * The comparisons claims use to reach verdicts (spec CLAIM-VERDICT), as pure functions of the
 * measurements so that they can be tested on constructed inputs. Intervals are the measurements'
 * [low(), high()] (a point for exact values).
 */
public final class Criteria {

  private Criteria() {}

  /**
   * "a is larger than b": REPRODUCED if a's interval lies entirely above b's, NOT_REPRODUCED if it
   * lies entirely below, INCONCLUSIVE if they overlap.
   */
  public static Decision greater(Measurement a, Measurement b) {
    String nums = String.format(Locale.ROOT, "%s %s vs %s %s", a.name(), interval(a), b.name(), interval(b));
    if (a.low() > b.high()) {
      return new Decision(Verdict.REPRODUCED, nums + ": first interval above the second");
    }
    if (a.high() < b.low()) {
      return new Decision(Verdict.NOT_REPRODUCED, nums + ": first interval below the second");
    }
    return new Decision(Verdict.INCONCLUSIVE, nums + ": intervals overlap");
  }

  /**
   * "a ≤ b must hold" for quantities where a violation would refute the claim (e.g. a bound):
   * REPRODUCED if a.high() ≤ b.low(), NOT_REPRODUCED if a.low() &gt; b.high(), else INCONCLUSIVE.
   */
  public static Decision atMost(Measurement a, Measurement b) {
    String nums = String.format(Locale.ROOT, "%s %s <= %s %s", a.name(), interval(a), b.name(), interval(b));
    if (a.high() <= b.low()) {
      return new Decision(Verdict.REPRODUCED, nums + " holds");
    }
    if (a.low() > b.high()) {
      return new Decision(Verdict.NOT_REPRODUCED, nums + " is violated");
    }
    return new Decision(Verdict.INCONCLUSIVE, nums + " undecided: intervals overlap");
  }

  /**
   * "a equals expected within a relative tolerance": REPRODUCED if |a − expected| ≤ tol·max(1, |expected|)
   * (for an interval, if the interval ± tol contains expected), else NOT_REPRODUCED.
   */
  public static Decision equal(Measurement a, double expected, double relTol) {
    double slack = relTol * Math.max(1.0, Math.abs(expected));
    boolean ok = a.low() - slack <= expected && expected <= a.high() + slack;
    return new Decision(ok ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED,
        String.format(Locale.ROOT, "%s %s vs expected %.10g (rel. tol %.1g): %s", a.name(), interval(a), expected, relTol,
            ok ? "equal" : "differs"));
  }

  /** "a exceeds a threshold": REPRODUCED if a.low() &gt; t, NOT_REPRODUCED if a.high() ≤ t, else INCONCLUSIVE. */
  public static Decision above(Measurement a, double threshold) {
    String nums = String.format(Locale.ROOT, "%s %s vs threshold %.6g", a.name(), interval(a), threshold);
    if (a.low() > threshold) {
      return new Decision(Verdict.REPRODUCED, nums + ": above");
    }
    if (a.high() <= threshold) {
      return new Decision(Verdict.NOT_REPRODUCED, nums + ": not above");
    }
    return new Decision(Verdict.INCONCLUSIVE, nums + ": interval contains the threshold");
  }

  /** "a stays below a threshold": the mirror of {@link #above}. */
  public static Decision below(Measurement a, double threshold) {
    String nums = String.format(Locale.ROOT, "%s %s vs threshold %.6g", a.name(), interval(a), threshold);
    if (a.high() < threshold) {
      return new Decision(Verdict.REPRODUCED, nums + ": below");
    }
    if (a.low() >= threshold) {
      return new Decision(Verdict.NOT_REPRODUCED, nums + ": not below");
    }
    return new Decision(Verdict.INCONCLUSIVE, nums + ": interval contains the threshold");
  }

  /** The significance level a sign test must reach for REPRODUCED (R ≥ 5 agreeing runs: 2^−5 ≈ 0.031). */
  public static final double SIGN_TEST_LEVEL = 0.05;

  /**
   * A paired comparison over R runs (spec CLAIM-VERDICT, sign test): REPRODUCED if all R runs show
   * the claimed direction and 2^−R ≤ {@link #SIGN_TEST_LEVEL}; NOT_REPRODUCED if more than half
   * show the opposite; INCONCLUSIVE otherwise (including all runs agreeing with too few runs).
   */
  public static Decision signTest(String what, int agree, int runs) {
    double p = Math.pow(0.5, runs);
    String nums = String.format(Locale.ROOT, "%s in %d of %d runs", what, agree, runs);
    if (runs > 0 && agree == runs && p <= SIGN_TEST_LEVEL) {
      return new Decision(Verdict.REPRODUCED, nums + String.format(Locale.ROOT, " (sign test p = %.3g)", p));
    }
    if (2 * (runs - agree) > runs) {
      return new Decision(Verdict.NOT_REPRODUCED, nums);
    }
    return new Decision(Verdict.INCONCLUSIVE, nums + (agree == runs ? String.format(Locale.ROOT,
        " (too few runs: p = %.3g > %.2g)", p, SIGN_TEST_LEVEL) : ""));
  }

  /** A boolean fact that must hold (e.g. an identity checked to rounding). */
  public static Decision holds(boolean fact, String what) {
    return new Decision(fact ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED, what + (fact ? ": holds" : ": fails"));
  }

  static String interval(Measurement m) {
    if (m.lo() == null && m.hi() == null) {
      return String.format(Locale.ROOT, "%.6g", m.value());
    }
    return String.format(Locale.ROOT, "%.6g [%.6g, %.6g]", m.value(), m.low(), m.high());
  }
}
