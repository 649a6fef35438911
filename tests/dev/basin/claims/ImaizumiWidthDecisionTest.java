package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CLAIM-IMAIZUMI-WIDTH's decision on constructed growth exponents, among them the quick run's
 * (BFT 0.236, NBS 0.537, the data-centred stagnation value 0.273): v1 and v3 judge NBS, v2 judged
 * the stagnation value instead.
 */
class ImaizumiWidthDecisionTest {

  private static final String ID = ImaizumiWidthClaim.ID;

  private static ImaizumiWidthClaim.Evidence exponents(double bft, double nbs, double stag) {
    return new ImaizumiWidthClaim.Evidence(Map.of("BOUND-BFT-SPECTRAL", new double[] {bft}, "BOUND-PACBAYES-NBS",
        new double[] {nbs}, "BOUND-STAGNATION-BFT", new double[] {stag}, "BOUND-PARAMCOUNT-LEELEE", new double[] {0.5}));
  }

  private static Verdict verdict(int v, ImaizumiWidthClaim.Evidence e) {
    return ImaizumiWidthClaim.decide(Versions.of(ID, v), e).verdict();
  }

  @Test
  void theQuickRunsExponentsUnderEachVersion() {
    ImaizumiWidthClaim.Evidence e = exponents(0.236, 0.537, 0.273);
    assertEquals(Verdict.NOT_REPRODUCED, verdict(1, e));
    assertEquals(Verdict.INCONCLUSIVE, verdict(2, e));
    assertEquals(Verdict.NOT_REPRODUCED, verdict(3, e));
  }

  @Test
  void slowGrowthIsReproducedAndAnIntermediateExponentIsInconclusive() {
    for (int v = 1; v <= Versions.count(ID); v++) {
      assertEquals(Verdict.REPRODUCED, verdict(v, exponents(0.1, 0.2, 0.2)));
      assertEquals(Verdict.INCONCLUSIVE, verdict(v, exponents(0.1, 0.4, 0.4)));
    }
  }

  @Test
  void aBoundThatDidNotApplyIsInconclusive() {
    assertEquals(Verdict.INCONCLUSIVE, verdict(3, exponents(0.1, Double.NaN, 0.2)));
  }

  @Test
  void severalSeedsNeedEverySeedForReproducedAndAMajorityForNot() {
    ImaizumiWidthClaim.Evidence e = new ImaizumiWidthClaim.Evidence(Map.of("BOUND-BFT-SPECTRAL", new double[] {0.1, 0.2, 0.3},
        "BOUND-PACBAYES-NBS", new double[] {0.6, 0.6, 0.1}));
    assertEquals(Verdict.NOT_REPRODUCED, verdict(3, e));
  }
}
