package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.measure.InputGradient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CLAIM-WU-INPUTGRAD's decision on constructed bound records: complexity ≤ middle ≤ bound with a
 * margin (holds), beyond the rounding allowance (violated), and within it (undecided).
 */
class WuInputGradDecisionTest {

  private static final String ID = WuInputGradClaim.ID;
  private static final double A = 1e-12;

  private static InputGradient.WuBound bound(double complexity, double middle, double rhs) {
    return new InputGradient.WuBound(complexity, 0, 0, 0, 0, 0, 0, middle, rhs, A);
  }

  private static Verdict verdict(InputGradient.WuBound... b) {
    return WuInputGradClaim.decide(WuInputGradClaim.Evidence.of(List.of(b))).verdict();
  }

  @Test
  void bothVersionsStateOneRuleWithThreeOutcomes() {
    assertEquals(2, Versions.count(ID), "v2 only reworded v1, so one decision serves both");
    assertEquals(Verdict.REPRODUCED, verdict(bound(1, 2, 3), bound(0.5, 0.6, 0.7)));
    // complexity 2.5 > middle 2 by far more than the allowance
    assertEquals(Verdict.NOT_REPRODUCED, verdict(bound(1, 2, 3), bound(2.5, 2, 3)));
    // middle above the bound by far more than the allowance
    assertEquals(Verdict.NOT_REPRODUCED, verdict(bound(1, 4, 3)));
    // complexity above middle by half the allowance: rounding could explain it
    assertEquals(Verdict.INCONCLUSIVE, verdict(bound(1, 2, 3), bound(2 * (1 + 0.5 * A), 2, 3)));
  }
}
