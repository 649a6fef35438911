package dev.basin.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.testing.Cases;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** kl⁻¹ and Pinsker (spec BOUND-KL-INVERSE, BOUND-PINSKER). */
class KlInverseTest {

  /** The papers.md §6.7 vectors have 10 decimals: half a unit of the last digit. */
  private static final double VECTOR_TOL = 5e-11;

  @ParameterizedTest(name = "kl^-1({0} | {1}) = {2}, Pinsker {3}")
  @CsvSource({
    "0, 0.1, 0.0951625820, 0.2236",
    "0.1, 0.05, 0.2200786011, 0.2581",
    "0.028, 0.1, 0.1670009595, 0.2516",
    "0.5, 0.01, 0.5703585935, 0.5707",
    "0.03, 0.01, 0.0605997551, 0.1007"
  })
  void testVectorsOfPapersMd(double q, double c, double expected, double pinsker) {
    double plain = KlInverse.plain(q, c);
    assertEquals(expected, plain, VECTOR_TOL, "plain kl^-1");
    Interval b = KlInverse.bracket(q, c);
    assertTrue(b.lo() <= plain && plain <= b.hi(), "bracket " + b + " must contain the plain value " + plain);
    assertTrue(b.lo() - VECTOR_TOL <= expected && expected <= b.hi() + VECTOR_TOL, "bracket " + b + " vs " + expected);
    assertTrue(b.width() < 1e-14, "bracket width " + b.width());
    double p = KlInverse.pinsker(Arithmetic.PLAIN, new Plain(q), new Plain(c)).v();
    assertEquals(pinsker, p, 5e-5, "Pinsker value (4 decimals)");
    assertTrue(p >= b.hi(), "Pinsker must bound kl^-1 from above");
  }

  @Test
  void firstVectorIsOneMinusExpMinusC() {
    assertEquals(1 - Math.exp(-0.1), KlInverse.plain(0, 0.1), 1e-15, "kl(0||p) = -ln(1-p)");
  }

  static LongStream seeds() {
    return LongStream.range(1, 201);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void bracketSatisfiesTheDefinitionAndPinskerDominates(long seed) {
    UniformRandomProvider r = Cases.rng(seed);
    double q = r.nextDouble() * (r.nextBoolean() ? 1 : 0.05);
    double c = Math.scalb(r.nextDouble(), -r.nextInt(12));
    Interval b = KlInverse.bracket(q, c);
    String ctx = "seed=" + seed + " q=" + q + " c=" + c + " bracket=" + b;
    assertTrue(KlInverse.klEnclosure(q, b.lo()).hi() <= c || b.lo() == q, ctx + ": lower end must satisfy kl <= c");
    assertTrue(b.hi() == 1.0 || KlInverse.klEnclosure(q, b.hi()).lo() > c, ctx + ": upper end must violate kl <= c");
    double p = KlInverse.pinsker(Arithmetic.PLAIN, new Plain(q), new Plain(c)).v();
    assertTrue(p >= b.hi() || b.hi() == 1.0 && p >= 1.0, ctx + " Pinsker " + p);
    Interval ci = KlInverse.certified(Interval.of(Math.nextDown(q) < 0 ? 0 : Math.nextDown(q), q), Interval.point(c));
    // both enclose the same real kl^-1(q) (q lies in the widened interval), so they must overlap
    assertTrue(ci.lo() <= b.hi() && b.lo() <= ci.hi(), ctx + " enclosure for [q-, q] " + ci + " misses the bracket of q");
  }
}
