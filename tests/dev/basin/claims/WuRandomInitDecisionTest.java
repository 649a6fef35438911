package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.measure.Estimate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CLAIM-WU-RANDOM-INIT's decision on constructed accuracies and volume-ratio estimates; the good
 * vs poor rule of v3 against the "within 0.05 of the best run" rule of v1 and v2.
 */
class WuRandomInitDecisionTest {

  private static final String ID = WuRandomInitClaim.ID;
  private static final double[] EIGHT_GOOD = {0.75, 0.76, 0.74, 0.75, 0.77, 0.75, 0.76, 0.74};

  private static Estimate ratio(double v, double lo, double hi) {
    return new Estimate(v, (hi - lo) / 4, lo, hi, 0.95, 30);
  }

  private static WuRandomInitClaim.Evidence evidence(double[] clean, double[] attack, double[] fit, List<Estimate> r) {
    return new WuRandomInitClaim.Evidence(clean, attack, fit, r);
  }

  private static final List<Estimate> LARGER = List.of(ratio(300, 250, 350), ratio(280, 200, 360), ratio(310, 260, 330));

  @Test
  void goodRunsAboveEveryAttackMinimumWithLargerBasinsAreReproduced() {
    WuRandomInitClaim.Evidence e = evidence(EIGHT_GOOD, new double[] {0.5, 0.48, 0.52}, new double[] {1, 1, 1}, LARGER);
    for (int v = 1; v <= Versions.count(ID); v++) {
      // 8 of 8: Clopper-Pearson lower end 0.025^(1/8) = 0.631 > 0.5
      assertEquals(Verdict.REPRODUCED, WuRandomInitClaim.decide(Versions.of(ID, v), e).verdict());
    }
  }

  @Test
  void runsNoBetterThanThePoorMinimaFailV3ButPassTheSelfReferentialRule() {
    // every run equally bad: within 0.05 of the best run (v1, v2), yet below the attack minima (v3)
    double[] bad = {0.4, 0.41, 0.4, 0.42, 0.4, 0.41, 0.4, 0.4};
    WuRandomInitClaim.Evidence e = evidence(bad, new double[] {0.5, 0.48, 0.52}, new double[] {1, 1, 1}, LARGER);
    assertEquals(Verdict.REPRODUCED, WuRandomInitClaim.decide(Versions.of(ID, 1), e).verdict());
    assertEquals(Verdict.REPRODUCED, WuRandomInitClaim.decide(Versions.of(ID, 2), e).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, WuRandomInitClaim.decide(Versions.of(ID, 3), e).verdict());
  }

  @Test
  void aSmallerCleanBasinIsNotReproduced() {
    List<Estimate> r = List.of(ratio(300, 250, 350), ratio(-80, -120, -40), ratio(310, 260, 330));
    WuRandomInitClaim.Evidence e = evidence(EIGHT_GOOD, new double[] {0.5, 0.48, 0.52}, new double[] {1, 1, 1}, r);
    assertEquals(Verdict.NOT_REPRODUCED, WuRandomInitClaim.decide(Versions.current(ID), e).verdict());
  }

  @Test
  void anUndecidedRatioOrAnAttackMinimumThatDoesNotFitSIsInconclusive() {
    List<Estimate> r = List.of(ratio(300, 250, 350), ratio(10, -20, 40), ratio(310, 260, 330));
    assertEquals(Verdict.INCONCLUSIVE, WuRandomInitClaim.decide(Versions.current(ID),
        evidence(EIGHT_GOOD, new double[] {0.5, 0.48, 0.52}, new double[] {1, 1, 1}, r)).verdict());
    assertEquals(Verdict.INCONCLUSIVE, WuRandomInitClaim.decide(Versions.current(ID),
        evidence(EIGHT_GOOD, new double[] {0.5, 0.48, 0.52}, new double[] {1, 0.97, 1}, LARGER)).verdict());
  }

  @Test
  void fiveGoodOfEightIsInconclusive() {
    // 5 of 8: Clopper-Pearson [0.245, 0.915] contains 0.5
    double[] mixed = {0.75, 0.76, 0.74, 0.75, 0.77, 0.45, 0.46, 0.44};
    WuRandomInitClaim.Evidence e = evidence(mixed, new double[] {0.5, 0.48, 0.52}, new double[] {1, 1, 1}, LARGER);
    assertEquals(Verdict.INCONCLUSIVE, WuRandomInitClaim.decide(Versions.current(ID), e).verdict());
  }
}
