package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The verdict logic of spec CLAIM-VERDICT on constructed measurements whose answer is known by
 * construction (disjoint, overlapping and touching intervals; exact values).
 */
class CriteriaTest {

  private static Measurement ci(double v, double lo, double hi) {
    return Measurement.estimate("m", v, lo, hi, "TEST");
  }

  @Test
  void greaterNeedsDisjointIntervals() {
    assertEquals(Verdict.REPRODUCED, Criteria.greater(ci(5, 4, 6), ci(2, 1, 3)).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, Criteria.greater(ci(2, 1, 3), ci(5, 4, 6)).verdict());
    assertEquals(Verdict.INCONCLUSIVE, Criteria.greater(ci(3, 2, 4.5), ci(5, 4, 6)).verdict());
    // touching intervals are not separated
    assertEquals(Verdict.INCONCLUSIVE, Criteria.greater(ci(5, 3, 6), ci(2, 1, 3)).verdict());
  }

  @Test
  void atMostDecidesABoundAgainstAnInterval() {
    Measurement bound = Measurement.exact("bound", 0.4, "TEST");
    assertEquals(Verdict.REPRODUCED, Criteria.atMost(bound, ci(0.6, 0.5, 0.7)).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, Criteria.atMost(Measurement.exact("bound", 0.8, "TEST"), ci(0.6, 0.5, 0.7)).verdict());
    assertEquals(Verdict.INCONCLUSIVE, Criteria.atMost(Measurement.exact("bound", 0.55, "TEST"), ci(0.6, 0.5, 0.7)).verdict());
  }

  @Test
  void equalUsesTheRelativeToleranceAndTheInterval() {
    assertEquals(Verdict.REPRODUCED, Criteria.equal(Measurement.exact("t", 75.0 + 1e-10, "T"), 75.0, 1e-11).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, Criteria.equal(Measurement.exact("t", 75.1, "T"), 75.0, 1e-6).verdict());
    assertEquals(Verdict.REPRODUCED, Criteria.equal(ci(74, 73, 76), 75.0, 0.0).verdict());
  }

  @Test
  void thresholds() {
    assertEquals(Verdict.REPRODUCED, Criteria.above(ci(0.9, 0.8, 1.0), 0.5).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, Criteria.above(ci(0.3, 0.2, 0.5), 0.5).verdict());
    assertEquals(Verdict.INCONCLUSIVE, Criteria.above(ci(0.5, 0.4, 0.6), 0.5).verdict());
    assertEquals(Verdict.REPRODUCED, Criteria.below(ci(0.3, 0.2, 0.4), 0.5).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, Criteria.below(ci(0.7, 0.5, 0.9), 0.5).verdict());
  }

  @Test
  void signTestNeedsEveryRunForReproducedAndAMajorityAgainstForNot() {
    assertEquals(Verdict.REPRODUCED, Criteria.signTest("x", 5, 5).verdict());
    assertEquals(Verdict.INCONCLUSIVE, Criteria.signTest("x", 4, 5).verdict());
    assertEquals(Verdict.INCONCLUSIVE, Criteria.signTest("x", 3, 5).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, Criteria.signTest("x", 2, 5).verdict());
    assertEquals(Verdict.INCONCLUSIVE, Criteria.signTest("x", 1, 2).verdict());
    // all agree but 2^-4 = 0.0625 > 0.05: too few runs to reject "no effect"
    assertEquals(Verdict.INCONCLUSIVE, Criteria.signTest("x", 4, 4).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, Criteria.signTest("x", 0, 2).verdict());
  }

  @Test
  void allCombinesWithNotReproducedFirst() {
    Decision yes = new Decision(Verdict.REPRODUCED, "a");
    Decision maybe = new Decision(Verdict.INCONCLUSIVE, "b");
    Decision no = new Decision(Verdict.NOT_REPRODUCED, "c");
    assertEquals(Verdict.REPRODUCED, Decision.all(yes, yes).verdict());
    assertEquals(Verdict.INCONCLUSIVE, Decision.all(yes, maybe).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, Decision.all(maybe, no, yes).verdict());
    assertEquals("a; b; c", Decision.all(yes, maybe, no).reason());
  }
}
