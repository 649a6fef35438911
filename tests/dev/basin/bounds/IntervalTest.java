package dev.basin.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.NonFiniteResultException;
import dev.basin.testing.Cases;
import java.math.BigDecimal;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Outward rounding of {@link Interval} (spec BOUND-ARITH) against exact arithmetic: BigDecimal
 * sums, products and cross-multiplied quotients and squares are exact, so "the interval contains
 * the exact result" is checked without rounding. exp and log are checked against a 60-digit
 * BigDecimal Taylor series of exp. Width budget: 1 ulp per correctly rounded operation (0 when
 * exact), ONE_ULP_STEPS = 2 ulps each way for exp/log.
 */
class IntervalTest {

  static LongStream seeds() {
    return LongStream.range(1, 301);
  }

  /** A random double with a random exponent in [2^-40, 2^40] and sign. */
  static double draw(UniformRandomProvider r) {
    double m = 1 + r.nextDouble();
    double v = Math.scalb(m, r.nextInt(81) - 40);
    return r.nextBoolean() ? v : -v;
  }

  private static BigDecimal bd(double x) {
    return new BigDecimal(x);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void arithmeticEnclosesTheExactResult(long seed) {
    UniformRandomProvider r = Cases.rng(seed);
    double a = draw(r);
    double b = draw(r);
    Interval ia = Interval.point(a);
    Interval ib = Interval.point(b);
    String ctx = "seed=" + seed + " a=" + a + " b=" + b;
    check(ia.add(ib), bd(a).add(bd(b)), ctx + " add");
    check(ia.sub(ib), bd(a).subtract(bd(b)), ctx + " sub");
    check(ia.mul(ib), bd(a).multiply(bd(b)), ctx + " mul");
    Interval q = ia.div(ib);
    // exact quotient a/b lies in [lo, hi] iff lo·b ≤ a ≤ hi·b for b > 0 (reversed for b < 0)
    BigDecimal loB = bd(q.lo()).multiply(bd(b));
    BigDecimal hiB = bd(q.hi()).multiply(bd(b));
    BigDecimal lower = b > 0 ? loB : hiB;
    BigDecimal upper = b > 0 ? hiB : loB;
    assertTrue(lower.compareTo(bd(a)) <= 0 && bd(a).compareTo(upper) <= 0, ctx + " div " + q);
    assertTrue(q.hi() <= Math.nextUp(q.lo()), ctx + " div wider than 1 ulp: " + q);
    double x = Math.abs(a);
    Interval s = Interval.point(x).sqrt();
    assertTrue(bd(s.lo()).pow(2).compareTo(bd(x)) <= 0 && bd(x).compareTo(bd(s.hi()).pow(2)) <= 0, ctx + " sqrt " + s);
    assertTrue(s.hi() <= Math.nextUp(s.lo()), ctx + " sqrt wider than 1 ulp");
  }

  private static void check(Interval i, BigDecimal exact, String what) {
    assertTrue(bd(i.lo()).compareTo(exact) <= 0 && exact.compareTo(bd(i.hi())) <= 0, what + ": " + i + " misses " + exact);
    assertTrue(i.hi() <= Math.nextUp(i.lo()), what + " wider than 1 ulp: " + i);
    if (exact.compareTo(bd(exact.doubleValue())) == 0) {
      assertEquals(i.lo(), i.hi(), what + ": an exact result must stay a point");
    }
  }

  /** e^x in 60-digit decimal arithmetic (the shared reference, HighPrecision). */
  static BigDecimal exp(double xd) {
    return HighPrecision.exp(bd(xd));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void expAndLogEncloseTheExactResult(long seed) {
    UniformRandomProvider r = Cases.rng(seed + 5000);
    double x = (r.nextDouble() - 0.5) * 40;
    Interval e = Interval.point(x).exp();
    BigDecimal ex = exp(x);
    // the Taylor value has relative error < 1e-50; the decision is robust unless the exact value is that close to an end
    assertTrue(bd(e.lo()).compareTo(ex) <= 0 && ex.compareTo(bd(e.hi())) <= 0, "seed=" + seed + " exp(" + x + ") " + e);
    assertTrue(e.hi() <= Rounding.up(e.lo(), 2 * Interval.ONE_ULP_STEPS), "exp too wide " + e);
    double y = Math.abs(draw(r));
    Interval l = Interval.point(y).log();
    // ln y ∈ [lo, hi] iff e^lo ≤ y ≤ e^hi
    assertTrue(exp(l.lo()).compareTo(bd(y)) <= 0 && bd(y).compareTo(exp(l.hi())) <= 0, "seed=" + seed + " log(" + y + ") " + l);
  }

  @Test
  void exactOperationsStayExact() {
    assertEquals(Interval.point(6.0), Interval.point(3.0).mul(Interval.point(2.0)));
    assertEquals(Interval.point(0.5), Interval.point(1.0).div(Interval.point(2.0)));
    assertEquals(Interval.point(3.0), Interval.point(9.0).sqrt());
    assertEquals(Interval.point(0.0), Interval.point(0.0).mul(Interval.point(-7.0)));
  }

  @Test
  void domainErrorsAreRefused() {
    assertThrows(NonFiniteResultException.class, () -> Interval.point(1).div(Interval.of(-1, 1)));
    assertThrows(NonFiniteResultException.class, () -> Interval.point(-1).sqrt());
    assertThrows(NonFiniteResultException.class, () -> Interval.of(-1, 2).log());
    assertThrows(RuntimeException.class, () -> Interval.of(2, 1));
    assertThrows(RuntimeException.class, () -> Interval.of(Double.NaN, 1));
  }

  @Test
  void intervalOperandsGiveTheHullOverAllPairs() {
    Interval a = Interval.of(-2, 3);
    Interval b = Interval.of(-5, 4);
    assertEquals(Interval.of(-15, 12), a.mul(b), "extremes at lo·lo and hi·lo / lo·hi");
    assertEquals(Interval.of(0, 3), a.abs());
    assertEquals(Interval.of(0, 9), a.square(), "square of [-2, 3] is [0, 9], not [-6, 9]");
  }
}
