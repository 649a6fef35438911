package dev.basin.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The result model refuses what it must never carry (spec REPORT-KINDS). */
final class ReportedTest {

  @Test
  void nonFiniteNumbersAreRefused() {
    assertThrows(NonFiniteResultException.class, () -> Reported.exact(Double.NaN, "X", "m"));
    assertThrows(NonFiniteResultException.class, () -> Reported.upperBound(Double.POSITIVE_INFINITY, "X", "m"));
    assertThrows(NonFiniteResultException.class, () -> Reported.enclosure(0, Double.NEGATIVE_INFINITY, 1, "X", "m"));
  }

  @Test
  void anIntervalMustContainItsValue() {
    assertThrows(IllegalArgumentException.class, () -> Reported.enclosure(2, 0, 1, "X", "m"));
    assertThrows(IllegalArgumentException.class,
        () -> new Reported.Estimate(0.5, 0, 1, 1.0, "t", 3, "X", "m", ""));
    assertThrows(IllegalArgumentException.class,
        () -> new Reported.Estimate(0.5, 0, 1, 0.95, "t", 0, "X", "m", ""));
  }

  @Test
  void endsFollowTheKind() {
    // A lower bound says nothing about how large the value may be: its upper end is +∞.
    Reported lower = Reported.lowerBound(3, "X", "m");
    assertEquals(3, lower.low());
    assertEquals(Double.POSITIVE_INFINITY, lower.high());
    Reported enc = Reported.enclosure(1.5, 1, 2, "X", "m");
    assertEquals(1, enc.low());
    assertEquals(2, enc.high());
    assertEquals("certified_enclosure", enc.kind().label());
    assertEquals(4, Reported.exact(4, "X", "m").high());
  }

  @Test
  void memoryRefusesWithTheFigure() {
    // 1536 B = 1.5 KiB by the binary prefixes; 2^20 x 2^20 doubles are 2^43 B = 8 TiB, which fit no heap here.
    assertEquals("1.5 KiB", Memory.format(1536));
    assertEquals(-1, Memory.doubles(Long.MAX_VALUE, 2));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Memory.require("--max-exact", Memory.doubles(1L << 20, 1L << 20), "the explicit Hessian", "lower --max-exact"));
    assertEquals("--max-exact", e.input());
    assertTrue(e.problem().startsWith("needs 8.0 TiB for the explicit Hessian, heap "), e.problem());
    assertTrue(e.problem().endsWith("raise -Xmx with BASIN_JAVA_OPTS or lower --max-exact"), e.problem());
  }
}
