package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * CLAIM-LEE-RANK1's decision on constructed residuals: within 8 ulp and the rounding bound; beyond
 * the rigorous bound; beyond 8 ulp but within the bound (v1 cannot decide); no training step.
 */
class LeeRank1DecisionTest {

  private static final String ID = LeeRank1Claim.ID;

  private static Verdict verdict(int v, double ulps, double ratio, double training, long steps, double typo) {
    return LeeRank1Claim.decide(Versions.of(ID, v), new LeeRank1Claim.Evidence(ulps, ratio, training, steps, typo, 576, 70))
        .verdict();
  }

  @Test
  void identitiesToRoundingAndAMissedTypoAreReproduced() {
    for (int v = 1; v <= Versions.count(ID); v++) {
      assertEquals(Verdict.REPRODUCED, verdict(v, 3.3, 0.15, 0.12, 50, 0.026));
    }
  }

  @Test
  void aResidualBeyondTheRoundingBoundOrACorrectTypoIsNotReproduced() {
    for (int v = 1; v <= Versions.count(ID); v++) {
      assertEquals(Verdict.NOT_REPRODUCED, verdict(v, 5000, 2.0, 0.12, 50, 0.026));
      assertEquals(Verdict.NOT_REPRODUCED, verdict(v, 3.3, 0.15, 0.12, 50, 1e-9), "the seed's eq. (3) would be right");
    }
  }

  @Test
  void whatTheRoundingBoundCannotDecideIsInconclusive() {
    // v1: 20 ulp > 8 ulp, but the rigorous rounding bound allows it
    assertEquals(Verdict.INCONCLUSIVE, verdict(1, 20, 0.5, 0.12, 50, 0.026));
    // v2: no training step was checked
    assertEquals(Verdict.INCONCLUSIVE, verdict(2, 3.3, 0.15, 0.0, 0, 0.026));
  }
}
