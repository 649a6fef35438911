package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.base.Reported;
import org.junit.jupiter.api.Test;

/** CLAIM-SWEEP-WU's decision on constructed paired intervals of Ψ(F_min) − Ψ(N). */
class SweepWuDecisionTest {

  private static Reported.Estimate diff(double v, double lo, double hi) {
    return new Reported.Estimate(v, lo, hi, 0.95, "percentile bootstrap, paired", 200, "SWEEP-BOOT", "test", "");
  }

  @Test
  void theIntervalAgainstZero() {
    assertEquals(1, Versions.count(SweepWuClaim.ID));
    assertEquals(Verdict.REPRODUCED, SweepWuClaim.decide(diff(0.4, 0.2, 0.6)).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, SweepWuClaim.decide(diff(-0.4, -0.6, -0.2)).verdict());
    assertEquals(Verdict.INCONCLUSIVE, SweepWuClaim.decide(diff(0.1, -0.1, 0.3)).verdict());
    assertEquals(Verdict.INCONCLUSIVE, SweepWuClaim.decide(null).verdict(), "Psi undefined");
  }
}
