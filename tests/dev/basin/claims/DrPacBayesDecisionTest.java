package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** CLAIM-DR-PACBAYES's decision on constructed bound values and training accuracies. */
class DrPacBayesDecisionTest {

  private static final String ID = DrPacBayesClaim.ID;

  private static Verdict verdict(int v, double boundTrue, double boundRandom, double fitTrue) {
    return DrPacBayesClaim.decide(Versions.of(ID, v), new DrPacBayesClaim.Evidence(boundTrue, boundRandom, fitTrue, 1.0)).verdict();
  }

  @Test
  void belowChanceOnTrueAndAtLeastChanceOnRandomLabels() {
    for (int v = 1; v <= Versions.count(ID); v++) {
      assertEquals(Verdict.REPRODUCED, verdict(v, 0.37, 0.95, 1.0));
      assertEquals(Verdict.NOT_REPRODUCED, verdict(v, 0.6, 0.95, 1.0), "a vacuous true-label bound");
      assertEquals(Verdict.NOT_REPRODUCED, verdict(v, 0.37, 0.45, 1.0), "a non-vacuous random-label bound");
    }
  }

  @Test
  void aTrueLabelNetThatDoesNotFitIsInconclusiveFromV3On() {
    assertEquals(Verdict.REPRODUCED, verdict(1, 0.37, 0.95, 0.9967));
    assertEquals(Verdict.INCONCLUSIVE, verdict(3, 0.37, 0.95, 0.9967));
  }
}
