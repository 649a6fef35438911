package dev.basin.bounds;

import dev.basin.base.InvalidInputException;
import dev.basin.base.NonFiniteResultException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A closed interval [lo, hi] of reals with outward rounding (spec BOUND-ARITH): every operation
 * returns an interval that contains the exact real result for every pair of reals in its operands.
 * This is the arithmetic of {@code basin bounds --audit}: a bound computed with it is a rigorous
 * enclosure of the exact real value of the formula for the given weights and data.
 *
 * <p><b>Rounding.</b> +, −, ×, ÷ and √ are correctly rounded in IEEE 754 (JLS §15.4, {@link
 * Math#sqrt}: "the double value closest to the true mathematical square root"), so the exact
 * result lies between the neighbours of the rounded one. Where the rounding error is itself
 * exactly computable (TwoSum for sums; {@link Math#fma} residuals for ×, ÷, √) the enclosure is
 * widened only on the side where the exact value lies, so exact results stay exact and a widened
 * result is at most 1 ulp wide. Near underflow (|result| &lt; 2^-960), where residuals may
 * themselves round, both sides are widened by one ulp.
 *
 * <p><b>Library functions.</b> The Javadoc of {@link Math} guarantees: {@code exp}, {@code log},
 * {@code log1p}, {@code cbrt} "within 1 ulp of the exact result"; {@code tanh} "within 2.5 ulps".
 * Each is widened by ⌈allowance⌉ + 1 steps of {@link Math#nextUp}/{@link Math#nextDown} (the extra
 * step covers a result next to a power of two, where the ulp of the exact value and of the
 * computed value differ by a factor 2). Only the monotonicity of the exact function is used:
 * the image of [lo, hi] is enclosed by the enclosures of the images of lo and hi.
 */
public final class Interval implements Num<Interval> {

  //@ public invariant lo <= hi && lo == lo && hi == hi;

  /** Widening steps for exp, log, log1p, cbrt (Javadoc: within 1 ulp). */
  static final int ONE_ULP_STEPS = 2;
  /** Widening steps for tanh (Javadoc: within 2.5 ulps). */
  static final int TANH_STEPS = 4;

  private final double lo;
  private final double hi;

  private Interval(double lo, double hi) {
    if (Double.isNaN(lo) || Double.isNaN(hi)) {
      throw new NonFiniteResultException("an interval bound formula produced NaN (an operation outside its domain)");
    }
    this.lo = lo + 0.0; // −0.0 + 0.0 = +0.0: one zero in reports
    this.hi = hi + 0.0;
  }

  /** [lo, hi] for doubles lo ≤ hi (not NaN). */
  /*@ public behavior
    @ requires true;
    @ ensures \result.lo() == lo && \result.hi() == hi;
    @ signals_only InvalidInputException;
    @ signals (InvalidInputException) !(lo <= hi);
    @ assignable \nothing;
    @*/
  public static Interval of(double lo, double hi) {
    if (!(lo <= hi)) {
      throw new InvalidInputException("interval", "[" + lo + ", " + hi + "] is not an interval with lo <= hi");
    }
    return new Interval(lo, hi);
  }

  /** The exact double x as a degenerate interval [x, x]. */
  /*@ public behavior
    @ ensures \result.lo() == x && \result.hi() == x;
    @ signals (InvalidInputException) x != x;
    @ assignable \nothing;
    @*/
  public static Interval point(double x) {
    return of(x, x);
  }

  /** The smallest interval of doubles containing a real that x approximates to within half an ulp (e.g. Math.PI for π). */
  /*@ public normal_behavior
    @ requires x == x;
    @ ensures \result.lo() == Math.nextDown(x) && \result.hi() == Math.nextUp(x);
    @ ensures (\forall \real r; |r - x| <= ulp(x)/2; \result.lo() <= r && r <= \result.hi());
    @ assignable \nothing;
    @*/
  public static Interval around(double x) {
    return new Interval(Math.nextDown(x), Math.nextUp(x));
  }

  /*@ public normal_behavior
    @ ensures \result == lo && \result <= hi;
    @ assignable \nothing;
    @*/
  @Override
  public double lo() {
    return lo;
  }

  /*@ public normal_behavior
    @ ensures \result == hi && \result >= lo;
    @ assignable \nothing;
    @*/
  @Override
  public double hi() {
    return hi;
  }

  /** The midpoint (a representative value, not a bound). */
  /*@ public normal_behavior
    @ requires lo > -Double.MAX_VALUE * 2 && hi < Double.MAX_VALUE * 2;
    @ ensures lo <= \result && \result <= hi;
    @ assignable \nothing;
    @*/
  public double mid() {
    return lo == hi ? lo : lo / 2 + hi / 2;
  }

  /** hi − lo rounded up. */
  /*@ public normal_behavior
    @ ensures \result >= (\real) hi - (\real) lo && \result >= 0.0;
    @ assignable \nothing;
    @*/
  public double width() {
    return Math.nextUp(hi - lo);
  }

  /** Whether x lies in [lo, hi]. */
  /*@ public normal_behavior
    @ ensures \result <==> lo <= x && x <= hi;
    @ assignable \nothing;
    @*/
  public boolean contains(double x) {
    return lo <= x && x <= hi;
  }

  /** The smallest interval containing this and o. */
  /*@ public normal_behavior
    @ ensures \result.lo() == Math.min(lo, o.lo) && \result.hi() == Math.max(hi, o.hi);
    @ assignable \nothing;
    @*/
  public Interval hull(Interval o) {
    return new Interval(Math.min(lo, o.lo), Math.max(hi, o.hi));
  }

  // ---- interval operations ----

  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x, y; lo <= x && x <= hi && o.lo <= y && y <= o.hi; \result.lo() <= x + y && x + y <= \result.hi());
    @ ensures lo == hi && o.lo == o.hi && (\real) lo + (\real) o.lo == lo + o.lo ==> \result.lo() == \result.hi();
    @ signals_only NonFiniteResultException;
    @ signals (NonFiniteResultException) lo + o.lo != lo + o.lo || hi + o.hi != hi + o.hi;
    @ assignable \nothing;
    @*/
  @Override
  public Interval add(Interval o) {
    return new Interval(Rounding.addDown(lo, o.lo), Rounding.addUp(hi, o.hi));
  }

  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x, y; lo <= x && x <= hi && o.lo <= y && y <= o.hi; \result.lo() <= x - y && x - y <= \result.hi());
    @ ensures lo == hi && o.lo == o.hi && (\real) lo - (\real) o.lo == lo - o.lo ==> \result.lo() == \result.hi();
    @ signals_only NonFiniteResultException;
    @ signals (NonFiniteResultException) lo - o.hi != lo - o.hi || hi - o.lo != hi - o.lo;
    @ assignable \nothing;
    @*/
  @Override
  public Interval sub(Interval o) {
    return new Interval(Rounding.addDown(lo, -o.hi), Rounding.addUp(hi, -o.lo));
  }

  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x, y; lo <= x && x <= hi && o.lo <= y && y <= o.hi; \result.lo() <= x * y && x * y <= \result.hi());
    @ ensures lo >= 0.0 && o.lo >= 0.0 ==> \result.lo() >= 0.0;
    @ ensures lo == hi && o.lo == o.hi && (\real) lo * (\real) o.lo == lo * o.lo ==> \result.lo() == \result.hi();
    @ signals_only NonFiniteResultException;
    @ signals (NonFiniteResultException) (\exists double a, b; (a == lo || a == hi) && (b == o.lo || b == o.hi); a * b != a * b);
    @ assignable \nothing;
    @*/
  @Override
  public Interval mul(Interval o) {
    if (lo == hi && o.lo == o.hi) {
      return new Interval(Rounding.mulDown(lo, o.lo), Rounding.mulUp(lo, o.lo));
    }
    double l = Math.min(Math.min(Rounding.mulDown(lo, o.lo), Rounding.mulDown(lo, o.hi)),
        Math.min(Rounding.mulDown(hi, o.lo), Rounding.mulDown(hi, o.hi)));
    double h = Math.max(Math.max(Rounding.mulUp(lo, o.lo), Rounding.mulUp(lo, o.hi)),
        Math.max(Rounding.mulUp(hi, o.lo), Rounding.mulUp(hi, o.hi)));
    return new Interval(l, h);
  }

  /*@ public behavior
    @ requires o.lo > 0.0 || o.hi < 0.0;
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x, y; lo <= x && x <= hi && o.lo <= y && y <= o.hi; \result.lo() <= x / y && x / y <= \result.hi());
    @ ensures lo >= 0.0 && o.lo > 0.0 ==> \result.lo() >= 0.0;
    @ signals_only NonFiniteResultException;
    @ signals (NonFiniteResultException) o.lo <= 0.0 && o.hi >= 0.0;
    @ assignable \nothing;
    @*/
  @Override
  public Interval div(Interval o) {
    if (o.lo <= 0.0 && o.hi >= 0.0) {
      throw new NonFiniteResultException("a bound formula divides by an interval containing 0: [" + o.lo + ", " + o.hi + "]");
    }
    double l = Math.min(Math.min(Rounding.divDown(lo, o.lo), Rounding.divDown(lo, o.hi)),
        Math.min(Rounding.divDown(hi, o.lo), Rounding.divDown(hi, o.hi)));
    double h = Math.max(Math.max(Rounding.divUp(lo, o.lo), Rounding.divUp(lo, o.hi)),
        Math.max(Rounding.divUp(hi, o.lo), Rounding.divUp(hi, o.hi)));
    return new Interval(l, h);
  }

  /*@ public normal_behavior
    @ ensures \result.lo() == -hi && \result.hi() == -lo;
    @ assignable \nothing;
    @*/
  @Override
  public Interval neg() {
    return new Interval(-hi, -lo);
  }

  /*@ public normal_behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures \result.lo() >= 0.0;
    @ ensures (\forall \real x; lo <= x && x <= hi; \result.lo() <= |x| && |x| <= \result.hi());
    @ assignable \nothing;
    @*/
  @Override
  public Interval abs() {
    if (lo >= 0.0) {
      return this;
    }
    if (hi <= 0.0) {
      return neg();
    }
    return new Interval(0.0, Math.max(-lo, hi));
  }

  /*@ public normal_behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures \result.lo() >= 0.0;
    @ ensures (\forall \real x; lo <= x && x <= hi; \result.lo() <= x * x && x * x <= \result.hi());
    @ assignable \nothing;
    @*/
  @Override
  public Interval square() {
    Interval a = abs();
    return new Interval(Rounding.mulDown(a.lo, a.lo), Rounding.mulUp(a.hi, a.hi));
  }

  /**
   * √ of the non-negative reals in this interval. Callers apply it only to quantities that are
   * non-negative by construction (sums of squares, products of norms), so a lower end below 0 is
   * outward-rounding spill and is clamped to 0; an interval entirely below 0 is an error.
   */
  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures \result.lo() >= 0.0;
    @ ensures (\forall \real x; max(lo, 0) <= x && x <= hi; \result.lo() <= sqrt(x) && sqrt(x) <= \result.hi());
    @ signals_only NonFiniteResultException;
    @ signals (NonFiniteResultException) hi < 0.0;
    @ assignable \nothing;
    @*/
  @Override
  public Interval sqrt() {
    if (hi < 0.0) {
      throw new NonFiniteResultException("a bound formula takes the square root of a negative number: [" + lo + ", " + hi + "]");
    }
    return new Interval(Rounding.sqrtDown(Math.max(lo, 0.0)), Rounding.sqrtUp(hi));
  }

  /*@ public normal_behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x; lo <= x && x <= hi; \result.lo() <= cbrt(x) && cbrt(x) <= \result.hi());
    @ assignable \nothing;
    @*/
  @Override
  public Interval cbrt() {
    return new Interval(Rounding.down(Math.cbrt(lo), ONE_ULP_STEPS), Rounding.up(Math.cbrt(hi), ONE_ULP_STEPS));
  }

  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x; lo <= x && x <= hi; \result.lo() <= ln(x) && ln(x) <= \result.hi());
    @ signals_only NonFiniteResultException;
    @ signals (NonFiniteResultException) !(lo > 0.0);
    @ assignable \nothing;
    @*/
  @Override
  public Interval log() {
    if (!(lo > 0.0)) {
      throw new NonFiniteResultException("a bound formula takes the logarithm of a non-positive number: [" + lo + ", " + hi + "]");
    }
    return new Interval(Rounding.down(Math.log(lo), ONE_ULP_STEPS), Rounding.up(Math.log(hi), ONE_ULP_STEPS));
  }

  /** ln(1 + this), this &gt; −1. */
  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x; lo <= x && x <= hi; \result.lo() <= ln(1 + x) && ln(1 + x) <= \result.hi());
    @ signals_only NonFiniteResultException;
    @ signals (NonFiniteResultException) !(lo > -1.0);
    @ assignable \nothing;
    @*/
  public Interval log1p() {
    if (!(lo > -1.0)) {
      throw new NonFiniteResultException("a bound formula takes log1p of a number <= -1: [" + lo + ", " + hi + "]");
    }
    return new Interval(Rounding.down(Math.log1p(lo), ONE_ULP_STEPS), Rounding.up(Math.log1p(hi), ONE_ULP_STEPS));
  }

  /*@ public normal_behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures \result.lo() >= 0.0;
    @ ensures (\forall \real x; lo <= x && x <= hi; \result.lo() <= exp(x) && exp(x) <= \result.hi());
    @ assignable \nothing;
    @*/
  @Override
  public Interval exp() {
    return new Interval(Math.max(0.0, Rounding.down(Math.exp(lo), ONE_ULP_STEPS)), Rounding.up(Math.exp(hi), ONE_ULP_STEPS));
  }

  /** tanh of this (the exact tanh is increasing and lies in [−1, 1]). */
  /*@ public normal_behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures -1.0 <= \result.lo() && \result.hi() <= 1.0;
    @ ensures (\forall \real x; lo <= x && x <= hi; \result.lo() <= tanh(x) && tanh(x) <= \result.hi());
    @ assignable \nothing;
    @*/
  public Interval tanh() {
    return new Interval(Math.max(-1.0, Rounding.down(Math.tanh(lo), TANH_STEPS)), Math.min(1.0, Rounding.up(Math.tanh(hi), TANH_STEPS)));
  }

  /*@ public normal_behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x, y; lo <= x && x <= hi && o.lo <= y && y <= o.hi; \result.lo() <= max(x, y) && max(x, y) <= \result.hi());
    @ assignable \nothing;
    @*/
  @Override
  public Interval max(Interval o) {
    return new Interval(Math.max(lo, o.lo), Math.max(hi, o.hi));
  }

  /*@ public normal_behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x, y; lo <= x && x <= hi && o.lo <= y && y <= o.hi; \result.lo() <= min(x, y) && min(x, y) <= \result.hi());
    @ assignable \nothing;
    @*/
  @Override
  public Interval min(Interval o) {
    return new Interval(Math.min(lo, o.lo), Math.min(hi, o.hi));
  }

  // ---- fused loops for the hot paths (no allocation per term) ----

  /**
   * An enclosure of init + Σ_t a[ao + t·as] · b[bo + t·bs], t &lt; len, for exact doubles a, b
   * (neither modified).
   */
  static Interval dot(double[] a, int ao, int as, double[] b, int bo, int bs, int len, double init) {
    double l = init;
    double h = init;
    for (int t = 0; t < len; t++) {
      double x = a[ao + t * as];
      double y = b[bo + t * bs];
      l = Rounding.addDown(l, Rounding.mulDown(x, y));
      h = Rounding.addUp(h, Rounding.mulUp(x, y));
    }
    return new Interval(l, h);
  }

  /**
   * An enclosure of Σ_t w[wo + t·ws] · [lo, hi][o + t·s] for exact doubles w and interval
   * entries given by their ends (no array modified).
   */
  static Interval dotMixed(double[] w, int wo, int ws, double[] lo, double[] hi, int o, int s, int len, Interval init) {
    double l = init.lo;
    double h = init.hi;
    for (int t = 0; t < len; t++) {
      double x = w[wo + t * ws];
      double a = lo[o + t * s];
      double b = hi[o + t * s];
      if (x >= 0.0) {
        l = Rounding.addDown(l, Rounding.mulDown(x, a));
        h = Rounding.addUp(h, Rounding.mulUp(x, b));
      } else {
        l = Rounding.addDown(l, Rounding.mulDown(x, b));
        h = Rounding.addUp(h, Rounding.mulUp(x, a));
      }
    }
    return new Interval(l, h);
  }

  /*@ public normal_behavior
    @ ensures \result <==> o instanceof Interval && ((Interval) o).lo == lo && ((Interval) o).hi == hi;
    @ assignable \nothing;
    @*/
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Interval other && Double.compare(lo, other.lo) == 0 && Double.compare(hi, other.hi) == 0;
  }

  /*@ public normal_behavior
    @ ensures (\forall Interval i; this.equals(i); \result == i.hashCode());
    @ assignable \nothing;
    @*/
  @Override
  public int hashCode() {
    return Double.hashCode(lo) * 31 + Double.hashCode(hi);
  }

  /*@ public normal_behavior
    @ ensures \result.equals("[" + lo + ", " + hi + "]");
    @ assignable \nothing;
    @*/
  @Override
  public String toString() {
    return "[" + lo + ", " + hi + "]";
  }
}
