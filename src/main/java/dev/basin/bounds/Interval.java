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

  /** Widening steps for exp, log, log1p, cbrt (Javadoc: within 1 ulp). */
  static final int ONE_ULP_STEPS = 2;
  /** Widening steps for tanh (Javadoc: within 2.5 ulps). */
  static final int TANH_STEPS = 4;
  /** Below this magnitude residual tricks may lose exactness; widen both ways instead. */
  private static final double TINY = 0x1p-960;

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
  public static Interval of(double lo, double hi) {
    if (!(lo <= hi)) {
      throw new InvalidInputException("interval", "[" + lo + ", " + hi + "] is not an interval with lo <= hi");
    }
    return new Interval(lo, hi);
  }

  /** The exact double x as a degenerate interval [x, x]. */
  public static Interval point(double x) {
    return of(x, x);
  }

  /** The smallest interval of doubles containing a real that x approximates to within half an ulp (e.g. Math.PI for π). */
  public static Interval around(double x) {
    return new Interval(Math.nextDown(x), Math.nextUp(x));
  }

  @Override
  public double lo() {
    return lo;
  }

  @Override
  public double hi() {
    return hi;
  }

  /** The midpoint (a representative value, not a bound). */
  public double mid() {
    return lo == hi ? lo : lo / 2 + hi / 2;
  }

  /** hi − lo rounded up. */
  public double width() {
    return Math.nextUp(hi - lo);
  }

  /** Whether x lies in [lo, hi]. */
  public boolean contains(double x) {
    return lo <= x && x <= hi;
  }

  /** The smallest interval containing this and o. */
  public Interval hull(Interval o) {
    return new Interval(Math.min(lo, o.lo), Math.max(hi, o.hi));
  }

  // ---- directed-rounding primitives on doubles ----

  /** A lower bound of the exact a + b. */
  static double addDown(double a, double b) {
    double s = a + b;
    if (Double.isInfinite(s)) {
      return s > 0 ? Double.MAX_VALUE : s;
    }
    double bb = s - a;
    double err = (a - (s - bb)) + (b - bb); // TwoSum: a + b = s + err exactly
    return err < 0 ? Math.nextDown(s) : s;
  }

  /** An upper bound of the exact a + b. */
  static double addUp(double a, double b) {
    return -addDown(-a, -b);
  }

  /** A lower bound of the exact a · b. */
  static double mulDown(double a, double b) {
    double p = a * b;
    if (Double.isInfinite(p)) {
      return p > 0 ? Double.MAX_VALUE : p;
    }
    if (Math.abs(p) < TINY) {
      return p == 0.0 && (a == 0.0 || b == 0.0) ? 0.0 : Math.nextDown(p);
    }
    double err = Math.fma(a, b, -p); // a·b = p + err exactly
    return err < 0 ? Math.nextDown(p) : p;
  }

  /** An upper bound of the exact a · b. */
  static double mulUp(double a, double b) {
    return -mulDown(-a, b);
  }

  /** A lower bound of the exact a / b (b ≠ 0). */
  static double divDown(double a, double b) {
    double q = a / b;
    if (Double.isInfinite(q)) {
      return q > 0 ? Double.MAX_VALUE : q;
    }
    if (Math.abs(q) < TINY || Math.abs(a) < TINY) {
      return q == 0.0 && a == 0.0 ? 0.0 : Math.nextDown(q);
    }
    double r = Math.fma(-q, b, a); // a − q·b exactly; a/b − q = r/b
    double sign = Math.signum(r) * Math.signum(b);
    return sign < 0 ? Math.nextDown(q) : q;
  }

  /** An upper bound of the exact a / b (b ≠ 0). */
  static double divUp(double a, double b) {
    return -divDown(-a, b);
  }

  private static double sqrtDown(double x) {
    double s = Math.sqrt(x);
    if (x < TINY || Double.isInfinite(x)) {
      return s == 0.0 ? 0.0 : Math.nextDown(s);
    }
    double r = Math.fma(-s, s, x); // x − s² exactly
    return r < 0 ? Math.nextDown(s) : s;
  }

  private static double sqrtUp(double x) {
    double s = Math.sqrt(x);
    if (x < TINY || Double.isInfinite(x)) {
      return x == 0.0 ? 0.0 : Math.nextUp(s);
    }
    double r = Math.fma(-s, s, x);
    return r > 0 ? Math.nextUp(s) : s;
  }

  static double down(double x, int steps) {
    double y = x;
    for (int i = 0; i < steps; i++) {
      y = Math.nextDown(y);
    }
    return y;
  }

  static double up(double x, int steps) {
    double y = x;
    for (int i = 0; i < steps; i++) {
      y = Math.nextUp(y);
    }
    return y;
  }

  // ---- interval operations ----

  @Override
  public Interval add(Interval o) {
    return new Interval(addDown(lo, o.lo), addUp(hi, o.hi));
  }

  @Override
  public Interval sub(Interval o) {
    return new Interval(addDown(lo, -o.hi), addUp(hi, -o.lo));
  }

  @Override
  public Interval mul(Interval o) {
    if (lo == hi && o.lo == o.hi) {
      return new Interval(mulDown(lo, o.lo), mulUp(lo, o.lo));
    }
    double l = Math.min(Math.min(mulDown(lo, o.lo), mulDown(lo, o.hi)), Math.min(mulDown(hi, o.lo), mulDown(hi, o.hi)));
    double h = Math.max(Math.max(mulUp(lo, o.lo), mulUp(lo, o.hi)), Math.max(mulUp(hi, o.lo), mulUp(hi, o.hi)));
    return new Interval(l, h);
  }

  @Override
  public Interval div(Interval o) {
    if (o.lo <= 0.0 && o.hi >= 0.0) {
      throw new NonFiniteResultException("a bound formula divides by an interval containing 0: [" + o.lo + ", " + o.hi + "]");
    }
    double l = Math.min(Math.min(divDown(lo, o.lo), divDown(lo, o.hi)), Math.min(divDown(hi, o.lo), divDown(hi, o.hi)));
    double h = Math.max(Math.max(divUp(lo, o.lo), divUp(lo, o.hi)), Math.max(divUp(hi, o.lo), divUp(hi, o.hi)));
    return new Interval(l, h);
  }

  @Override
  public Interval neg() {
    return new Interval(-hi, -lo);
  }

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

  @Override
  public Interval square() {
    Interval a = abs();
    return new Interval(mulDown(a.lo, a.lo), mulUp(a.hi, a.hi));
  }

  /**
   * √ of the non-negative reals in this interval. Callers apply it only to quantities that are
   * non-negative by construction (sums of squares, products of norms), so a lower end below 0 is
   * outward-rounding spill and is clamped to 0; an interval entirely below 0 is an error.
   */
  @Override
  public Interval sqrt() {
    if (hi < 0.0) {
      throw new NonFiniteResultException("a bound formula takes the square root of a negative number: [" + lo + ", " + hi + "]");
    }
    return new Interval(sqrtDown(Math.max(lo, 0.0)), sqrtUp(hi));
  }

  @Override
  public Interval cbrt() {
    return new Interval(down(Math.cbrt(lo), ONE_ULP_STEPS), up(Math.cbrt(hi), ONE_ULP_STEPS));
  }

  @Override
  public Interval log() {
    if (!(lo > 0.0)) {
      throw new NonFiniteResultException("a bound formula takes the logarithm of a non-positive number: [" + lo + ", " + hi + "]");
    }
    return new Interval(down(Math.log(lo), ONE_ULP_STEPS), up(Math.log(hi), ONE_ULP_STEPS));
  }

  /** ln(1 + this), this &gt; −1. */
  public Interval log1p() {
    if (!(lo > -1.0)) {
      throw new NonFiniteResultException("a bound formula takes log1p of a number <= -1: [" + lo + ", " + hi + "]");
    }
    return new Interval(down(Math.log1p(lo), ONE_ULP_STEPS), up(Math.log1p(hi), ONE_ULP_STEPS));
  }

  @Override
  public Interval exp() {
    return new Interval(Math.max(0.0, down(Math.exp(lo), ONE_ULP_STEPS)), up(Math.exp(hi), ONE_ULP_STEPS));
  }

  /** tanh of this (the exact tanh is increasing and lies in [−1, 1]). */
  public Interval tanh() {
    return new Interval(Math.max(-1.0, down(Math.tanh(lo), TANH_STEPS)), Math.min(1.0, up(Math.tanh(hi), TANH_STEPS)));
  }

  @Override
  public Interval max(Interval o) {
    return new Interval(Math.max(lo, o.lo), Math.max(hi, o.hi));
  }

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
      l = addDown(l, mulDown(x, y));
      h = addUp(h, mulUp(x, y));
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
        l = addDown(l, mulDown(x, a));
        h = addUp(h, mulUp(x, b));
      } else {
        l = addDown(l, mulDown(x, b));
        h = addUp(h, mulUp(x, a));
      }
    }
    return new Interval(l, h);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Interval other && Double.compare(lo, other.lo) == 0 && Double.compare(hi, other.hi) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(lo) * 31 + Double.hashCode(hi);
  }

  @Override
  public String toString() {
    return "[" + lo + ", " + hi + "]";
  }
}
