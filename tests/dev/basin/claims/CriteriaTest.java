package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The verdict logic of spec CLAIM-VERDICT on constructed measurements whose answer is known by
 * construction (disjoint, overlapping and touching intervals; exact values; one-sided bounds;
 * rounding-limited identities; preconditions).
 */
class CriteriaTest {

  private static Measurement ci(double v, double lo, double hi) {
    return Measurement.estimate("m", v, lo, hi, 10, "test", "TEST", "test");
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
  void thresholds() {
    assertEquals(Verdict.REPRODUCED, Criteria.above(ci(0.9, 0.8, 1.0), 0.5).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, Criteria.above(ci(0.3, 0.2, 0.5), 0.5).verdict());
    assertEquals(Verdict.INCONCLUSIVE, Criteria.above(ci(0.5, 0.4, 0.6), 0.5).verdict());
    assertEquals(Verdict.REPRODUCED, Criteria.below(ci(0.3, 0.2, 0.4), 0.5).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, Criteria.below(ci(0.7, 0.5, 0.9), 0.5).verdict());
    assertEquals(Verdict.REPRODUCED, Criteria.atLeast(ci(0.7, 0.5, 0.9), 0.5).verdict(), "a lower end at the threshold reaches it");
    assertEquals(Verdict.NOT_REPRODUCED, Criteria.atLeast(ci(0.3, 0.2, 0.45), 0.5).verdict());
    assertEquals(Verdict.INCONCLUSIVE, Criteria.atLeast(ci(0.5, 0.4, 0.6), 0.5).verdict());
  }

  @Test
  void aLowerBoundCanConfirmAboveButNeverRefuteIt() {
    Measurement lb = Measurement.lowerBound("sharpness", 0.3, "TEST", "ascent");
    assertEquals(Verdict.REPRODUCED, Criteria.above(lb, 0.2).verdict());
    assertEquals(Verdict.INCONCLUSIVE, Criteria.above(lb, 0.5).verdict());
    Measurement ub = Measurement.upperBound("risk", 0.3, "TEST", "bound");
    assertEquals(Verdict.REPRODUCED, Criteria.below(ub, 0.5).verdict());
    assertEquals(Verdict.INCONCLUSIVE, Criteria.below(ub, 0.2).verdict());
  }

  @Test
  void identitiesWithinToleranceBeyondRoundingOrInBetween() {
    assertEquals(Verdict.REPRODUCED, Criteria.within("x", 3, 8, 100).verdict());
    assertEquals(Verdict.INCONCLUSIVE, Criteria.within("x", 20, 8, 100).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, Criteria.within("x", 200, 8, 100).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, Criteria.within("x", 9, 8, 4).verdict(), "a rounding bound below the tolerance");
  }

  @Test
  void aFailedPreconditionIsInconclusive() {
    assertEquals(Verdict.REPRODUCED, Criteria.presupposes(true, "p").verdict());
    assertEquals(Verdict.INCONCLUSIVE, Criteria.presupposes(false, "p").verdict());
  }

  @Test
  void signTestNeedsEveryRunForReproducedAndAMajorityAgainstForNot() {
    double level = Criteria.SIGN_TEST_LEVEL;
    assertEquals(Verdict.REPRODUCED, Criteria.signTest("x", 5, 5, level).verdict());
    assertEquals(Verdict.INCONCLUSIVE, Criteria.signTest("x", 4, 5, level).verdict());
    assertEquals(Verdict.INCONCLUSIVE, Criteria.signTest("x", 3, 5, level).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, Criteria.signTest("x", 2, 5, level).verdict());
    assertEquals(Verdict.INCONCLUSIVE, Criteria.signTest("x", 1, 2, level).verdict());
    // all agree but 2^-4 = 0.0625 > 0.05: too few runs to reject "no effect"
    assertEquals(Verdict.INCONCLUSIVE, Criteria.signTest("x", 4, 4, level).verdict());
    assertEquals(Verdict.REPRODUCED, Criteria.signTest("x", 4, 4, 1.0).verdict(), "no p-value requirement");
    assertEquals(Verdict.NOT_REPRODUCED, Criteria.signTest("x", 0, 2, level).verdict());
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
