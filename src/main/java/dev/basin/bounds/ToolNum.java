package dev.basin.bounds;

import dev.basin.base.NonFiniteResultException;

/**
 * A number as a tool in another floating-point precision may compute it (spec GOLDEN-TOL-BOUNDS):
 * an enclosure of every value such a tool can produce, kept in Higham's counter form so that the
 * bound does not depend on the order of a sum. Every tool value is x·(1 + θ) for some real x in
 * {@code base} and |θ| ≤ γ_c(u), c = {@code perTerm + pending + terms − 1}: the value is a sum of
 * {@code terms} summands of one sign, each carrying at most {@code perTerm} relative roundings, added
 * in any order (Higham, Accuracy and Stability, 2nd ed., Lemma 3.1 and 3.3: (1+θ_j)(1+θ_k) =
 * 1+θ_{j+k}, (1+θ_j)/(1+θ_k) = 1+θ_{j+k}, (1+θ_k)^{1/2} = 1+θ_k; a sum of L same-sign summands in
 * any order adds at most L − 1 roundings to each). {@code base} always contains the exact real
 * value, so {@link #lo()}/{@link #hi()} — the enclosure of the tool's values — also enclose it.
 *
 * <p>{@code pending} counts the rounding of a raw input (a double that the precision cannot hold)
 * not yet charged: it is charged by the first operation that uses the number, so that {@code
 * exact(x)} still shows [x, x].
 */
final class ToolNum implements Num<ToolNum> {

  private final ToolModel m;
  private final Interval base;
  private final int perTerm;
  private final long terms;
  private final int pending;
  private final boolean outside;
  private final Interval shown;

  private ToolNum(ToolModel m, Interval base, int perTerm, long terms, int pending, boolean outside) {
    this.m = m;
    this.base = base;
    this.perTerm = perTerm;
    this.terms = terms;
    this.pending = pending;
    this.shown = inflate(m, base, perTerm + terms - 1);
    this.outside = outside || m.beyondRange(shown);
  }

  /** A raw input x: exact in precisions that hold it, else rounded once when first used. */
  static ToolNum input(ToolModel m, double x) {
    return new ToolNum(m, Interval.point(x), 0, 1, m.holds(x) ? 0 : 1, m.outsideNormal(x));
  }

  /** Every tool value lies in t (no further rounding to charge). */
  static ToolNum within(ToolModel m, Interval t) {
    return new ToolNum(m, t, 0, 1, 0, false);
  }

  /** The tool's value is a real in t rounded `roundings` times relatively (e.g. fl(π): 1). */
  static ToolNum rounded(ToolModel m, Interval t, int roundings, boolean outside) {
    return new ToolNum(m, t, roundings, 1, 0, outside);
  }

  /** A sum of `terms` same-sign summands (their exact values enclosed by sum), each with `perTerm` roundings. */
  static ToolNum sum(ToolModel m, Interval sum, int perTerm, long terms, boolean outside) {
    return new ToolNum(m, sum, perTerm, terms, 0, outside);
  }

  /** base·[1 − γ_c, 1 + γ_c], outward (c = 0: base itself). */
  private static Interval inflate(ToolModel m, Interval base, long c) {
    if (c <= 0) {
      return base;
    }
    double g = m.gamma(c);
    Interval one = Interval.point(1.0);
    Interval gi = Interval.point(g);
    return base.mul(Interval.of(one.sub(gi).lo(), one.add(gi).hi()));
  }

  /** Roundings of one summand, the pending input rounding charged. */
  private int perTermCharged() {
    return perTerm + pending;
  }

  /** The relative rounding count of the whole value, the pending input rounding charged. */
  private long count() {
    return perTermCharged() + terms - 1;
  }

  /** The enclosure of the tool's values, the pending input rounding charged. */
  Interval charged() {
    return pending == 0 ? shown : inflate(m, base, count());
  }

  /** Whether some value on the way may have left the precision's normal range (the model does not hold). */
  boolean outside() {
    return outside;
  }

  private boolean exactZero() {
    return base.lo() == 0.0 && base.hi() == 0.0;
  }

  private static boolean sameSign(Interval a, Interval b) {
    return a.lo() >= 0.0 && b.lo() >= 0.0 || a.hi() <= 0.0 && b.hi() <= 0.0;
  }

  /** One correctly rounded addition of reals enclosed by t: t·(1 ± u) (a sum has no underflow error: Higham §2.1). */
  private ToolNum roundedOnce(Interval t, boolean out) {
    return new ToolNum(m, t, 1, 1, 0, out);
  }

  /** A product-like result: relative form, or the absolute underflow term where it may be tiny and nonzero. */
  private ToolNum relative(Interval b, long c, boolean out) {
    if (c > Integer.MAX_VALUE) {
      throw new NonFiniteResultException("the rounding count " + c + " of a tool's value has no bound");
    }
    ToolNum r = new ToolNum(m, b, (int) c, 1, 0, out);
    return m.mayUnderflow(r.shown) ? new ToolNum(m, m.underflowWidened(r.shown, 1), 0, 1, 0, out) : r;
  }

  @Override
  public ToolNum add(ToolNum o) {
    boolean out = outside || o.outside;
    if (exactZero() && pending == 0) {
      return o; // 0 + x = x exactly
    }
    if (o.exactZero() && o.pending == 0) {
      return this;
    }
    if (sameSign(base, o.base)) {
      return new ToolNum(m, base.add(o.base), Math.max(perTermCharged(), o.perTermCharged()), terms + o.terms, 0, out);
    }
    return roundedOnce(charged().add(o.charged()), out);
  }

  @Override
  public ToolNum sub(ToolNum o) {
    return add(o.neg());
  }

  @Override
  public ToolNum mul(ToolNum o) {
    return relative(base.mul(o.base), count() + o.count() + 1, outside || o.outside);
  }

  @Override
  public ToolNum div(ToolNum o) {
    Interval d = o.charged();
    if (d.lo() <= 0.0 && d.hi() >= 0.0) {
      throw new NonFiniteResultException("a tool's divisor may be 0: its values lie in " + d);
    }
    return relative(base.div(o.base), count() + o.count() + 1, outside || o.outside);
  }

  @Override
  public ToolNum neg() {
    return new ToolNum(m, base.neg(), perTerm, terms, pending, outside);
  }

  @Override
  public ToolNum abs() {
    return new ToolNum(m, base.abs(), perTerm, terms, pending, outside);
  }

  /** (1 + θ_c)^{1/2} = 1 + θ_c, then the square root's rounding. */
  @Override
  public ToolNum sqrt() {
    return new ToolNum(m, base.sqrt(), (int) Math.min(Integer.MAX_VALUE, count() + 1), 1, 0, outside);
  }

  /** (1 + θ_c)^{1/3} = 1 + θ_c, then the library's allowance. */
  @Override
  public ToolNum cbrt() {
    return new ToolNum(m, base.cbrt(), (int) Math.min(Integer.MAX_VALUE, count() + ToolModel.LIBRARY_ROUNDINGS), 1, 0,
        outside);
  }

  /** ln of every tool value (all must be positive), then the library's allowance relative to the result. */
  @Override
  public ToolNum log() {
    Interval t = charged();
    if (!(t.lo() > 0.0)) {
      throw new NonFiniteResultException("a tool may take the logarithm of a non-positive value: its values lie in " + t);
    }
    return library(t.log());
  }

  /** e^t of every tool value t, then the library's allowance. */
  @Override
  public ToolNum exp() {
    return library(charged().exp());
  }

  /**
   * A library function's result on reals enclosed by f: within its allowance (2.5 ulps) of the
   * exact result, relatively, or absolutely where a result may lie below the normal range.
   */
  private ToolNum library(Interval f) {
    ToolNum r = new ToolNum(m, f, ToolModel.LIBRARY_ROUNDINGS, 1, 0, outside);
    if (!m.mayUnderflow(r.shown)) {
      return r;
    }
    return new ToolNum(m, m.underflowWidened(r.shown, ToolModel.LIBRARY_ROUNDINGS), 0, 1, 0, outside);
  }

  /** max is exact in every precision: the larger of the two tool values. */
  @Override
  public ToolNum max(ToolNum o) {
    return within(m, charged().max(o.charged())).flagged(outside || o.outside);
  }

  @Override
  public ToolNum min(ToolNum o) {
    return within(m, charged().min(o.charged())).flagged(outside || o.outside);
  }

  /** This number, marked as outside the model when out is set. */
  ToolNum flagged(boolean out) {
    return out == outside ? this : new ToolNum(m, base, perTerm, terms, pending, out);
  }

  /**
   * x^{2/3}: as (∛x)² (2(c + L) + 1 roundings, L the library's allowance) or as pow(x, fl(2/3)),
   * whose rounded exponent moves the result by a factor x^{±(2/3)u} — at most ⌈(2/3)|ln x|⌉ + 1
   * further roundings — besides c + L; the larger count covers both.
   */
  @Override
  public ToolNum pow2over3() {
    long c = count();
    long viaCbrt = 2 * (c + ToolModel.LIBRARY_ROUNDINGS) + 1;
    long viaPow = c + ToolModel.LIBRARY_ROUNDINGS + exponentRoundings(2.0 / 3.0);
    return relative(base.cbrt().square(), Math.max(viaCbrt, viaPow), outside);
  }

  /** x^{3/2}: as x·√x (2c + 2 roundings) or as pow(x, 1.5) (exact exponent: ⌈1.5c⌉ + L). */
  @Override
  public ToolNum pow3over2() {
    long c = count();
    long viaSqrt = 2 * c + 2;
    long viaPow = (3 * c + 1) / 2 + ToolModel.LIBRARY_ROUNDINGS;
    return relative(base.mul(base.sqrt()), Math.max(viaSqrt, viaPow), outside);
  }

  /** ⌈a·max|ln x|⌉ + 1 over the tool's values x > 0 (the effect of a's rounding in pow). */
  private long exponentRoundings(double a) {
    Interval t = charged();
    if (!(t.lo() > 0.0)) {
      return 0; // x^{2/3} of a non-positive value: pow is not the tool's route there
    }
    Interval l = t.log().abs();
    return (long) Math.ceil(a * l.hi()) + 1;
  }

  @Override
  public double lo() {
    return shown.lo();
  }

  @Override
  public double hi() {
    return shown.hi();
  }

  @Override
  public String toString() {
    return shown.toString();
  }
}
