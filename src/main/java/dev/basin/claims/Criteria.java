package dev.basin.claims;

import java.util.Locale;

/**
 * The comparisons claims use to reach verdicts (spec CLAIM-VERDICT), as pure functions of the
 * measurements so that they can be tested on constructed inputs. A measurement's interval is what
 * is known about its true value: a point for an exact number, [lo, hi] for an enclosure or an
 * estimate, [bound, ∞) for a certified lower bound and (−∞, bound] for an upper bound — so a lower
 * bound can confirm "above" but never refute it.
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

  /** "a reaches a threshold" (≥): REPRODUCED if a.low() ≥ t, NOT_REPRODUCED if a.high() &lt; t, else INCONCLUSIVE. */
  public static Decision atLeast(Measurement a, double threshold) {
    String nums = String.format(Locale.ROOT, "%s %s vs threshold %.6g", a.name(), interval(a), threshold);
    if (a.low() >= threshold) {
      return new Decision(Verdict.REPRODUCED, nums + ": at least the threshold");
    }
    if (a.high() < threshold) {
      return new Decision(Verdict.NOT_REPRODUCED, nums + ": below the threshold");
    }
    return new Decision(Verdict.INCONCLUSIVE, nums + ": interval contains the threshold");
  }

  /** "a stays below a threshold": REPRODUCED if a.high() &lt; t, NOT_REPRODUCED if a.low() ≥ t, else INCONCLUSIVE. */
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

  /**
   * "a computed deviation from an exact identity is within a tolerance", where the computation
   * itself may be off by at most {@code slack} (a rigorous rounding bound): REPRODUCED if
   * deviation ≤ tolerance; NOT_REPRODUCED if deviation &gt; max(tolerance, slack) (more than
   * rounding can explain, so the identity fails); INCONCLUSIVE in between (the tolerance was
   * missed, but rounding could explain the miss).
   */
  public static Decision within(String what, double deviation, double tolerance, double slack) {
    String nums = String.format(Locale.ROOT, "%s: deviation %.3g vs tolerance %.3g", what, deviation, tolerance);
    if (deviation <= tolerance) {
      return new Decision(Verdict.REPRODUCED, nums + ": within");
    }
    if (deviation > Math.max(tolerance, slack)) {
      return new Decision(Verdict.NOT_REPRODUCED, nums + String.format(Locale.ROOT, ": beyond, and beyond the rounding bound %.3g",
          slack));
    }
    return new Decision(Verdict.INCONCLUSIVE, nums + String.format(Locale.ROOT, ": beyond, but within the rounding bound %.3g",
        slack));
  }

  /** The significance level a sign test must reach for REPRODUCED when a criterion says so (2^−5 ≈ 0.031 for R = 5). */
  public static final double SIGN_TEST_LEVEL = 0.05;

  /**
   * A paired comparison over R runs (spec CLAIM-VERDICT, sign test): REPRODUCED if all R runs show
   * the claimed direction and 2^−R ≤ level; NOT_REPRODUCED if more than half show the opposite;
   * INCONCLUSIVE otherwise (including all runs agreeing with too few runs). A level of 1 drops the
   * p-value requirement (all runs agreeing suffices).
   */
  public static Decision signTest(String what, int agree, int runs, double level) {
    double p = Math.pow(0.5, runs);
    String nums = String.format(Locale.ROOT, "%s in %d of %d runs", what, agree, runs);
    if (runs > 0 && agree == runs && p <= level) {
      return new Decision(Verdict.REPRODUCED, nums + String.format(Locale.ROOT, " (sign test p = %.3g)", p));
    }
    if (2 * (runs - agree) > runs) {
      return new Decision(Verdict.NOT_REPRODUCED, nums);
    }
    return new Decision(Verdict.INCONCLUSIVE, nums + (runs > 0 && agree == runs ? String.format(Locale.ROOT,
        " (too few runs: p = %.3g > %.2g)", p, level) : ""));
  }

  /** A boolean fact that must hold (e.g. an identity checked to rounding): REPRODUCED or NOT_REPRODUCED. */
  public static Decision holds(boolean fact, String what) {
    return new Decision(fact ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED, what + (fact ? ": holds" : ": fails"));
  }

  /**
   * A fact that the criterion only presupposes (a stated precondition of the experiment's setting,
   * spec CLAIM-VERDICT): REPRODUCED (neutral) when it holds, INCONCLUSIVE when it does not — the
   * criterion then cannot be applied, which neither confirms nor refutes the claim.
   */
  public static Decision presupposes(boolean fact, String what) {
    return new Decision(fact ? Verdict.REPRODUCED : Verdict.INCONCLUSIVE,
        what + (fact ? ": met" : ": NOT met, so the criterion cannot be applied"));
  }

  /** "value [lo, hi]" with −∞/∞ for one-sided bounds, for reasons. */
  static String interval(Measurement m) {
    if (m.low() == m.number() && m.high() == m.number()) {
      return String.format(Locale.ROOT, "%.6g", m.number());
    }
    return String.format(Locale.ROOT, "%.6g [%s, %s]", m.number(), end(m.low()), end(m.high()));
  }

  private static String end(double x) {
    return Double.isInfinite(x) ? (x > 0 ? "∞" : "−∞") : String.format(Locale.ROOT, "%.6g", x);
  }
}
