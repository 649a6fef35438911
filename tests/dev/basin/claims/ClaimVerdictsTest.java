package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.dynamics.QuadraticLandscape;
import dev.basin.dynamics.noise.IsotropicNoise;
import dev.basin.dynamics.stagnation.Ball;
import dev.basin.dynamics.stagnation.BinomialInterval;
import dev.basin.dynamics.stagnation.Eigenbasis;
import dev.basin.dynamics.stagnation.LocalModel;
import dev.basin.dynamics.stagnation.QuadraticUnionBound;
import dev.basin.dynamics.stagnation.StayingMonteCarlo;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import dev.basin.symmetry.Sharpen;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The claims' verdict logic on constructed inputs whose answer is known by construction (spec
 * CLAIM-VERDICT): a deliberately sharpened net (same function, larger curvature), a net whose
 * weights were altered after sharpening, a staying bound computed for the wrong noise level, and
 * hand-made numbers for each direction of each criterion.
 */
class ClaimVerdictsTest {

  private static final Loss CE = new Loss(Loss.CE, Loss.MEAN);

  /** A labelled teacher problem and a random relu student on it. */
  private static Objective problem(long seed, TwoLayerNet[] studentOut, Dataset[] testOut) {
    Rng r = Rng.of(seed);
    TwoLayerNet teacher = Synthetic.randomNet(6, 4, 3, true, true, Activation.of(Activation.RELU), 2.0, r);
    Dataset train = Synthetic.teacherClassification(teacher, 40, r);
    testOut[0] = Synthetic.teacherClassification(teacher, 200, r);
    studentOut[0] = Synthetic.randomNet(6, 8, 3, true, true, Activation.of(Activation.RELU), 1.0, r);
    return Objective.of(studentOut[0], CE, train);
  }

  @Test
  void aDeliberatelySharpenedNetIsSharperButDoesNotGeneralizeWorseSoWuAttackIsNotReproduced() {
    List<WuAttackClaim.Run> runs = new ArrayList<>();
    for (int r = 0; r < 5; r++) {
      TwoLayerNet[] net = new TwoLayerNet[1];
      Dataset[] test = new Dataset[1];
      Objective obj = problem(100 + r, net, test);
      Curvature before = Curvature.at(obj.at(net[0]), r);
      // same function, 10x the trace (Dinh rescaling): the "attack" minimum of this constructed run
      TwoLayerNet sharp = Sharpen.trace(obj, net[0], 10 * before.trace()).net();
      Curvature after = Curvature.at(obj.at(sharp), r);
      double acc = Training.fit(net[0], test[0]);
      runs.add(new WuAttackClaim.Run(new double[] {acc, Training.fit(sharp, test[0])}, new double[] {1, 1},
          new double[] {before.trace(), after.trace()}, new double[] {before.lambdaMax(), after.lambdaMax()},
          new double[] {0.0, -1.0}, new TwoLayerNet[] {net[0], sharp}, new String[] {"", ""}));
    }
    Decision d = WuAttackClaim.decide(runs);
    assertTrue(d.reason().contains("larger trace in 5 of 5"), d.reason());
    // identical functions have identical test accuracy: "lower test accuracy in 0 of 5" refutes the claim
    assertTrue(d.reason().contains("lower test accuracy in 0 of 5"), d.reason());
    assertEquals(Verdict.NOT_REPRODUCED, d.verdict());
  }

  @Test
  void wuAttackOnHandMadeNumbersInBothDirections() {
    List<WuAttackClaim.Run> agree = new ArrayList<>();
    List<WuAttackClaim.Run> opposite = new ArrayList<>();
    for (int r = 0; r < 5; r++) {
      agree.add(run(new double[] {0.9, 0.5}, new double[] {1, 5}, new double[] {0.0, -1.0}));
      opposite.add(run(new double[] {0.5, 0.9}, new double[] {5, 1}, new double[] {-1.0, 0.0}));
    }
    assertEquals(Verdict.REPRODUCED, WuAttackClaim.decide(agree).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, WuAttackClaim.decide(opposite).verdict());
    assertEquals(Verdict.INCONCLUSIVE, WuAttackClaim.decide(agree.subList(0, 3)).verdict(), "3 runs cannot reach p <= 0.05");
  }

  private static WuAttackClaim.Run run(double[] test, double[] curvature, double[] radius) {
    return new WuAttackClaim.Run(test, new double[] {1, 1}, curvature, curvature, radius, new TwoLayerNet[0], new String[0]);
  }

  @Test
  void aSharpenedNetWhoseWeightsWereAlteredFailsTheDinhCriterion() {
    TwoLayerNet[] net = new TwoLayerNet[1];
    Dataset[] test = new Dataset[1];
    Objective obj = problem(7, net, test);
    double trace = Curvature.at(obj.at(net[0]), 1).trace();
    Sharpen.Result s = Sharpen.trace(obj, net[0], 100 * trace);
    double[] out0 = obj.at(net[0]).outputs();
    double scale = 0;
    for (double v : out0) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertEquals(Verdict.REPRODUCED, DinhRescaleClaim.sharpened("trace", trace, s.achieved(), s.target(),
        maxDiff(obj.at(s.net()).outputs(), out0), scale).verdict());
    double[] theta = s.net().parameters();
    theta[s.net().layout().offsetW2()] += 1e-3;
    TwoLayerNet altered = s.net().withParameters(theta);
    assertEquals(Verdict.NOT_REPRODUCED, DinhRescaleClaim.sharpened("trace", trace, s.achieved(), s.target(),
        maxDiff(obj.at(altered).outputs(), out0), scale).verdict());
  }

  private static double maxDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
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
    assertNotEquals(Verdict.NOT_REPRODUCED, ImaizumiStayClaim.decide(right, lo, hi).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, ImaizumiStayClaim.decide(wrong, lo, hi).verdict());
    assertEquals(Verdict.INCONCLUSIVE, ImaizumiStayClaim.decide(new double[3], lo, hi).verdict());
  }

  @Test
  void dziugaiteRoyNeedsBelowChanceOnTrueAndAtLeastChanceOnRandomLabels() {
    Measurement low = Measurement.exact("true", 0.3, "T");
    Measurement high = Measurement.exact("random", 0.9, "T");
    assertEquals(Verdict.REPRODUCED, DrPacBayesClaim.decide(low, high).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, DrPacBayesClaim.decide(high, high).verdict());
    assertEquals(Verdict.NOT_REPRODUCED, DrPacBayesClaim.decide(low, low).verdict());
  }
}
