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
  /** The median per-batch gradient at θ0 of both students; "small" is then ≤ 0.3. */
  private static final double MEDIAN = 3.0;

  /**
   * Evidence for B batches: the first {@code small} minimizers have next-batch gradient 0.1 (small),
   * the rest 2.0; the first {@code tenfold} have their own gradient 0.05 (0.1 < 10 × 0.05), the rest
   * 1e-7; the first {@code control} control minimizers transfer (0.1), the rest do not (2.0).
   */
  private static LeeBatchesClaim.Evidence evidence(double maxEnd, int batches, int small, int tenfold, int control) {
    double[] own = new double[batches];
    double[] next = new double[batches];
    double[] ctl = new double[batches];
    double[] rel = new double[batches];
    for (int b = 0; b < batches; b++) {
      next[b] = b < small ? 0.1 : 2.0;
      own[b] = b < tenfold ? 0.05 : 1e-7;
      ctl[b] = b < control ? 0.1 : 2.0;
      rel[b] = NEAR[b % NEAR.length];
    }
    return new LeeBatchesClaim.Evidence(maxEnd, MEDIAN, 0.09, 1.45, own, next, rel, MEDIAN, ctl);
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
    // converged SGD, no minimizer whose next-batch gradient (0.1) is below 10x its own (1e-7): v1 fails its pair rule, v2
    // and v3 judge only the end gradient and the distances, v4 the transfer
    LeeBatchesClaim.Evidence e = evidence(0.07, 10, 10, 0, 0);
    assertEquals(Verdict.NOT_REPRODUCED, verdict(1, e));
    assertEquals(Verdict.REPRODUCED, verdict(2, e));
    assertEquals(Verdict.REPRODUCED, verdict(3, e));
    assertEquals(Verdict.REPRODUCED, verdict(4, e));
  }
}
