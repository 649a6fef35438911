package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * CLAIM-DINH-TOY's decision on constructed evidence. The good case uses papers.md §2.3's table
 * (ball 0.3888 / 7.507 / 750.0, box 0.0368 / 0.1515 / 8.131 at α = 1 / 10 / 100) and deviations at
 * rounding level; each other case changes one number so the expected verdict follows from the
 * criterion's text.
 */
class DinhToyDecisionTest {

  private static final String ID = DinhToyClaim.ID;
  // index order of DinhToyClaim.ALPHAS: 0.1, 1, sqrt 2, 10, 100
  private static final double[] BALL = {0.1, 0.3888, 0.5, 7.507, 750.0};
  private static final double[] BOX = {0.01, 0.0368, 0.05, 0.1515, 8.131};

  private static DinhToyClaim.Evidence good() {
    return new DinhToyClaim.Evidence(1.0, 2e-16, 2e-16, 1e-16, 60.0, BALL, BOX);
  }

  @Test
  void theToyOfPapersMdIsReproducedUnderEveryVersion() {
    for (int v = 1; v <= Versions.count(ID); v++) {
      assertEquals(Verdict.REPRODUCED, DinhToyClaim.decide(Versions.of(ID, v), good()).verdict());
    }
  }

  @Test
  void aTraceOffTheClosedFormIsNotReproduced() {
    DinhToyClaim.Evidence e = new DinhToyClaim.Evidence(1.0, 1e-6, 2e-16, 1e-16, 60.0, BALL, BOX);
    assertEquals(Verdict.NOT_REPRODUCED, DinhToyClaim.decide(Versions.current(ID), e).verdict());
  }

  @Test
  void aWrongLambdaMaxFailsOnlyTheVersionThatChecksIt() {
    // v1 checks the trace only; v2 added lambda_max
    DinhToyClaim.Evidence e = new DinhToyClaim.Evidence(1.0, 2e-16, 1e-6, 1e-16, 60.0, BALL, BOX);
    assertEquals(Verdict.REPRODUCED, DinhToyClaim.decide(Versions.of(ID, 1), e).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, DinhToyClaim.decide(Versions.of(ID, 2), e).verdict());
  }

  @Test
  void sharpnessLowerBoundsThatDoNotGrowAreInconclusive() {
    // 50 < 100 x 0.3888: the lower bound at alpha = 100 misses, but the true sharpness may be larger
    double[] ball = BALL.clone();
    ball[4] = 30.0;
    DinhToyClaim.Evidence e = new DinhToyClaim.Evidence(1.0, 2e-16, 2e-16, 1e-16, 60.0, ball, BOX);
    assertEquals(Verdict.INCONCLUSIVE, DinhToyClaim.decide(Versions.current(ID), e).verdict());
  }

  @Test
  void outputsThatMoveAlongTheOrbitAreNotReproduced() {
    DinhToyClaim.Evidence e = new DinhToyClaim.Evidence(9.0, 2e-16, 2e-16, 1e-16, 60.0, BALL, BOX);
    assertEquals(Verdict.NOT_REPRODUCED, DinhToyClaim.decide(Versions.current(ID), e).verdict());
  }
}
