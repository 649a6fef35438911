package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** CLAIM-KESKAR-LB's decision: the sign test of CLAIM-VERDICT at the registered level, on counts. */
class KeskarLbDecisionTest {

  private static final String ID = KeskarLbClaim.ID;

  @Test
  void signTestOutcomesUnderEveryVersion() {
    for (int v = 1; v <= Versions.count(ID); v++) {
      CriterionVersion c = Versions.of(ID, v);
      assertEquals(Verdict.REPRODUCED, KeskarLbClaim.decide(c, 5, 5).verdict(), "2^-5 = 0.031 <= 0.05");
      assertEquals(Verdict.NOT_REPRODUCED, KeskarLbClaim.decide(c, 0, 5).verdict(), "the quick run's outcome");
      assertEquals(Verdict.INCONCLUSIVE, KeskarLbClaim.decide(c, 4, 5).verdict());
      assertEquals(Verdict.INCONCLUSIVE, KeskarLbClaim.decide(c, 4, 4).verdict(), "2^-4 = 0.0625 > 0.05");
    }
  }
}
