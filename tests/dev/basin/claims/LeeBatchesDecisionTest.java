package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * CLAIM-LEE-BATCHES's decision on constructed evidence: converged SGD whose batch minimizers
 * transfer while the control's do not; a control that transfers too; too few batches; v1's pair
 * rule, which a minimizer's near-zero own gradient makes almost impossible to meet.
 */
class LeeBatchesDecisionTest {

  private static final String ID = LeeBatchesClaim.ID;
  private static final double[] NEAR = {0.02, 0.03, 0.02, 0.01, 0.02, 0.03, 0.02, 0.02, 0.01, 0.02};

  private static LeeBatchesClaim.Evidence evidence(double maxEnd, int batches, int small, int tenfold, int control) {
    return new LeeBatchesClaim.Evidence(maxEnd, 3.0, 0.09, 1.45, batches, small, tenfold, NEAR, batches, control);
  }

  private static Verdict verdict(int v, LeeBatchesClaim.Evidence e) {
    return LeeBatchesClaim.decide(Versions.of(ID, v), e).verdict();
  }

  @Test
  void transferWithAQuietControlIsReproducedUnderV4() {
    // 10 of 10 small: lower end 0.025^(1/10) = 0.69 >= 0.5; control 0 of 10: upper end 0.31 < 0.5
    assertEquals(Verdict.REPRODUCED, verdict(4, evidence(0.07, 10, 10, 10, 0)));
  }

  @Test
  void aLargeEndGradientOrNoTransferIsNotReproduced() {
    assertEquals(Verdict.NOT_REPRODUCED, verdict(4, evidence(0.5, 10, 10, 10, 0)), "0.5 > 0.1 x 3.0");
    // 1 of 10: upper end 0.445 < 0.5
    assertEquals(Verdict.NOT_REPRODUCED, verdict(4, evidence(0.07, 10, 1, 10, 0)));
  }

  @Test
  void aControlThatTransfersTooOrTooFewBatchesAreInconclusive() {
    assertEquals(Verdict.INCONCLUSIVE, verdict(4, evidence(0.07, 10, 10, 10, 10)));
    // 4 of 4 small: lower end 0.398 < 0.5 and fewer than 8 batches
    assertEquals(Verdict.INCONCLUSIVE, verdict(4, evidence(0.07, 4, 4, 4, 0)));
  }

  @Test
  void theVersionsDifferOnTheSameEvidence() {
    // converged SGD, no minimizer whose next-batch gradient is below 10x its own (~1e-6): v1 fails its pair rule, v2 and
    // v3 judge only the end gradient and the distances, v4 the transfer
    LeeBatchesClaim.Evidence e = evidence(0.07, 10, 10, 0, 0);
    assertEquals(Verdict.NOT_REPRODUCED, verdict(1, e));
    assertEquals(Verdict.REPRODUCED, verdict(2, e));
    assertEquals(Verdict.REPRODUCED, verdict(3, e));
    assertEquals(Verdict.REPRODUCED, verdict(4, e));
  }
}
