package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.basin.dynamics.QuadraticLandscape;
import dev.basin.dynamics.noise.IsotropicNoise;
import dev.basin.dynamics.stagnation.Ball;
import dev.basin.dynamics.stagnation.BinomialInterval;
import dev.basin.dynamics.stagnation.Eigenbasis;
import dev.basin.dynamics.stagnation.LocalModel;
import dev.basin.dynamics.stagnation.QuadraticUnionBound;
import dev.basin.dynamics.stagnation.StayingMonteCarlo;
import org.junit.jupiter.api.Test;

/**
 * CLAIM-IMAIZUMI-STAY's decision: on hand-made numbers per radius, and on an exact quadratic where
 * a bound computed for the wrong noise level must be caught and the right one must not.
 */
class ImaizumiStayDecisionTest {

  private static final String ID = ImaizumiStayClaim.ID;
  private static final double[] LO = {0.10, 0.50, 0.90};
  private static final double[] HI = {0.20, 0.60, 1.00};

  private static Verdict verdict(int v, double... bound) {
    return ImaizumiStayClaim.decide(Versions.of(ID, v), bound, LO, HI).verdict();
  }

  @Test
  void handMadeBoundsUnderEachVersion() {
    for (int v = 1; v <= Versions.count(ID); v++) {
      assertEquals(Verdict.REPRODUCED, verdict(v, 0.0, 0.3, 0.85), "valid, positive and below a lower end somewhere");
      assertEquals(Verdict.NOT_REPRODUCED, verdict(v, 0.0, 0.7, 0.9), "0.7 exceeds the upper end 0.6");
    }
    // positive but above every lower end: v1 asks for "at most its lower end at some radius"
    assertEquals(Verdict.INCONCLUSIVE, verdict(1, 0.15, 0.55, 0.95));
    assertEquals(Verdict.REPRODUCED, verdict(3, 0.15, 0.55, 0.95));
    // zero everywhere: valid but vacuous (v2, v3); v1's "informative" is met by 0 <= lower end
    assertEquals(Verdict.REPRODUCED, verdict(1, 0, 0, 0));
    assertEquals(Verdict.INCONCLUSIVE, verdict(3, 0, 0, 0));
  }

  @Test
  void aStayingBoundComputedForTheWrongNoiseIsCaughtAndTheRightOneIsNot() {
    double[] lambda = {4.0, 1.0, 0.25, 0.0};
    QuadraticLandscape land = QuadraticLandscape.diagonal(lambda);
    double[] center = new double[lambda.length];
    double[] h = new double[16];
    for (int i = 0; i < 4; i++) {
      h[i * 4 + i] = lambda[i];
    }
    Eigenbasis basis = Eigenbasis.of(h, 4);
    double lr = 0.1;
    double sigma = 0.5;
    int steps = 50;
    double[] radii = {0.5, 1.0, 2.0};
    double[] right = new double[3];
    double[] wrong = new double[3];
    double[] lo = new double[3];
    double[] hi = new double[3];
    for (int i = 0; i < radii.length; i++) {
      Ball ball = new Ball(radii[i], 4);
      BinomialInterval ci = StayingMonteCarlo.estimate(land, center, ball, lr, new IsotropicNoise(sigma), steps, 400, 0.95, 11 + i, 1)
          .interval();
      lo[i] = ci.lower();
      hi[i] = ci.upper();
      right[i] = QuadraticUnionBound.INSTANCE.lowerBound(LocalModel.isotropic(basis, new double[4], sigma), ball, lr, steps).value();
      // the model of a run with a tenth of the noise: its bound is not about these dynamics
      wrong[i] = QuadraticUnionBound.INSTANCE.lowerBound(LocalModel.isotropic(basis, new double[4], sigma / 10), ball, lr, steps)
          .value();
    }
    assertNotEquals(Verdict.NOT_REPRODUCED, ImaizumiStayClaim.decide(Versions.current(ID), right, lo, hi).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, ImaizumiStayClaim.decide(Versions.current(ID), wrong, lo, hi).verdict());
  }
}
