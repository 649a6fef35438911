package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.bounds.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CLAIM-ZHANG-RANDOM's decision on constructed bound values, among them the quick run's pattern
 * (label-independent entries equal on both nets), which v1's strict comparison rejects, v2's
 * "no bound larger" accepts by construction, and v3 leaves out.
 */
class ZhangRandomDecisionTest {

  private static final String ID = ZhangRandomClaim.ID;
  private static final double CHANCE = 0.64;

  /** The random-label net's test accuracy as its Clopper–Pearson estimate. */
  private static Measurement test(double v, double lo, double hi) {
    return Measurement.estimate("test accuracy, random-label net", v, lo, hi, 500, "Clopper-Pearson, exact", "DYN-FIT", "test");
  }

  private static final List<ZhangRandomClaim.BoundPair> QUICK = List.of(
      new ZhangRandomClaim.BoundPair("BOUND-PARAMCOUNT-LEELEE", Kind.HEURISTIC, 3.27, 3.27),
      new ZhangRandomClaim.BoundPair("BOUND-FINITE-FLOAT64", Kind.RISK_BOUND, 15.38, 15.38),
      new ZhangRandomClaim.BoundPair("BOUND-BFT-SPECTRAL", Kind.RISK_BOUND, 96577, 60448),
      new ZhangRandomClaim.BoundPair("BOUND-PACBAYES-NBS", Kind.RISK_BOUND, 20350, 14766));

  private static Verdict verdict(int version, ZhangRandomClaim.Evidence e) {
    return ZhangRandomClaim.decide(Versions.of(ID, version), e).verdict();
  }

  @Test
  void labelIndependentEntriesSeparateTheVersions() {
    ZhangRandomClaim.Evidence e = new ZhangRandomClaim.Evidence(1.0, test(0.294, 0.254, 0.336), CHANCE, QUICK);
    assertEquals(Verdict.NOT_REPRODUCED, verdict(1, e), "v1: equal values are not smaller");
    assertEquals(Verdict.REPRODUCED, verdict(2, e));
    assertEquals(Verdict.REPRODUCED, verdict(3, e));
  }

  @Test
  void aLabelDependentBoundLargerOnTrueLabelsIsNotReproduced() {
    List<ZhangRandomClaim.BoundPair> b = List.of(QUICK.get(0), QUICK.get(1), QUICK.get(2),
        new ZhangRandomClaim.BoundPair("BOUND-PACBAYES-NBS", Kind.RISK_BOUND, 20350, 25000));
    ZhangRandomClaim.Evidence e = new ZhangRandomClaim.Evidence(1.0, test(0.294, 0.254, 0.336), CHANCE, b);
    for (int v = 1; v <= Versions.count(ID); v++) {
      assertEquals(Verdict.NOT_REPRODUCED, verdict(v, e));
    }
  }

  @Test
  void aNonVacuousRiskBoundOrAnUnfittedRandomLabelNetIsNotReproduced() {
    List<ZhangRandomClaim.BoundPair> b = List.of(new ZhangRandomClaim.BoundPair("BOUND-BFT-SPECTRAL", Kind.RISK_BOUND, 0.9, 0.5));
    assertEquals(Verdict.NOT_REPRODUCED, verdict(3, new ZhangRandomClaim.Evidence(1.0, test(0.294, 0.254, 0.336), CHANCE, b)));
    assertEquals(Verdict.NOT_REPRODUCED, verdict(3, new ZhangRandomClaim.Evidence(0.98, test(0.294, 0.254, 0.336), CHANCE, QUICK)));
  }

  @Test
  void aTestAccuracyIntervalContainingChancePlusTheSlackIsInconclusive() {
    // chance + 0.1 = 0.74 lies inside [0.70, 0.78]
    ZhangRandomClaim.Evidence e = new ZhangRandomClaim.Evidence(1.0, test(0.74, 0.70, 0.78), CHANCE, QUICK);
    assertEquals(Verdict.INCONCLUSIVE, verdict(3, e));
  }
}
