package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import dev.basin.symmetry.EigenCount;
import dev.basin.symmetry.Sharpen;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CLAIM-DINH-RESCALE's decision: on hand-made evidence (rounding-level deviations, a moved function,
 * missed targets), and on a really sharpened net whose weights were then altered (a changed
 * function the decision must catch).
 */
class DinhRescaleDecisionTest {

  private static final String ID = DinhRescaleClaim.ID;

  private static List<DinhRescaleClaim.Sharpened> reached() {
    return List.of(new DinhRescaleClaim.Sharpened("trace", 14, 14000, 14000.5, false, 1e-15),
        new DinhRescaleClaim.Sharpened("lambda_max", 6, 6000, 6001, true, 1e-15),
        new DinhRescaleClaim.Sharpened("ball_sharpness", 0.03, 30, 100, true, 0.0));
  }

  /** Theorem 4's outcome: rank 49 of N = 57, q* = 49 − min(48, 8) − 1 = 40, with a certified count and a smallest eigenvalue. */
  private static EigenCount.Result eigen(int certified, double minEigenvalue) {
    return new EigenCount.Result(6420, 4e-4, "in", 49, 1e-3, minEigenvalue, 48, 8, 1, 40, certified, List.of(),
        Synthetic.randomNet(5, 8, 1, true, true, Activation.of(Activation.RELU), 1.0, Rng.of(1)));
  }

  private static DinhRescaleClaim.Evidence evidence(double outputRelative, List<DinhRescaleClaim.Sharpened> s) {
    return new DinhRescaleClaim.Evidence(0.03, outputRelative, 1e-15, 1e-15, 1e-15, 3e-16, 1.8, s, eigen(40, -3e-5), 0.02);
  }

  @Test
  void rescalingAtRoundingLevelIsReproducedUnderEveryVersion() {
    for (int v = 1; v <= Versions.count(ID); v++) {
      assertEquals(Verdict.REPRODUCED, DinhRescaleClaim.decide(Versions.of(ID, v), evidence(5e-16, reached())).verdict());
    }
  }

  @Test
  void outputsMovingBy1e10AreAcceptedByV2ButNotByV1() {
    // v1: outputs unchanged within relative 1e-12; v2: within the rounding budgets (ratio 0.03 here)
    assertEquals(Verdict.NOT_REPRODUCED, DinhRescaleClaim.decide(Versions.of(ID, 1), evidence(1e-10, reached())).verdict());
    assertEquals(Verdict.REPRODUCED, DinhRescaleClaim.decide(Versions.of(ID, 2), evidence(1e-10, reached())).verdict());
  }

  @Test
  void theorem4NeedsTheCertifiedCountTheSameFunctionAndAMinimum() {
    CriterionVersion v3 = Versions.of(ID, 3);
    assertEquals(Verdict.REPRODUCED, DinhRescaleClaim.theorem4(v3, eigen(40, -3e-5), 0.02).verdict());
    assertEquals(Verdict.INCONCLUSIVE, DinhRescaleClaim.theorem4(v3, eigen(39, -3e-5), 0.02).verdict(), "a lower bound of 39");
    assertEquals(Verdict.INCONCLUSIVE, DinhRescaleClaim.theorem4(v3, eigen(40, -0.5), 0.02).verdict(), "not a minimum");
    assertEquals(Verdict.NOT_REPRODUCED, DinhRescaleClaim.theorem4(v3, eigen(40, -3e-5), 3.0).verdict(), "outputs moved");
    // v2 does not judge Theorem 4
    DinhRescaleClaim.Evidence e = new DinhRescaleClaim.Evidence(0.03, 5e-16, 1e-15, 1e-15, 1e-15, 3e-16, 1.8, reached(),
        eigen(10, -3e-5), 0.02);
    assertEquals(Verdict.REPRODUCED, DinhRescaleClaim.decide(Versions.of(ID, 2), e).verdict());
    assertEquals(Verdict.INCONCLUSIVE, DinhRescaleClaim.decide(v3, e).verdict());
  }

  @Test
  void anExactTraceBelowItsTargetIsNotReproduced() {
    List<DinhRescaleClaim.Sharpened> s = List.of(new DinhRescaleClaim.Sharpened("trace", 14, 14000, 13000, false, 1e-15));
    assertEquals(Verdict.NOT_REPRODUCED, DinhRescaleClaim.decide(Versions.current(ID), evidence(5e-16, s)).verdict());
  }

  @Test
  void aLowerBoundBelowItsTargetIsInconclusive() {
    List<DinhRescaleClaim.Sharpened> s = List.of(new DinhRescaleClaim.Sharpened("ball_sharpness", 0.03, 30, 20, true, 0.0));
    assertEquals(Verdict.INCONCLUSIVE, DinhRescaleClaim.decide(Versions.current(ID), evidence(5e-16, s)).verdict());
  }

  @Test
  void aSharpenedNetWhoseWeightsWereAlteredIsNotTheSameFunction() {
    Rng r = Rng.of(7);
    TwoLayerNet teacher = Synthetic.randomNet(6, 4, 3, true, true, Activation.of(Activation.RELU), 2.0, r);
    Dataset train = Synthetic.teacherClassification(teacher, 40, r);
    TwoLayerNet net = Synthetic.randomNet(6, 8, 3, true, true, Activation.of(Activation.RELU), 1.0, r);
    Objective obj = Objective.of(net, new Loss(Loss.CE, Loss.MEAN), train);
    double trace = Curvature.at(obj.at(net), 1).trace();
    Sharpen.Result s = Sharpen.trace(obj, net, 100 * trace);
    double[] out0 = obj.outputs(net.parameters());
    double scale = DinhRescaleClaim.maxAbs(out0);
    double tol = 1e-9 * Math.max(1.0, scale);
    assertEquals(Verdict.REPRODUCED, DinhRescaleClaim.sharpened(new DinhRescaleClaim.Sharpened("trace", trace, s.target(),
        s.achieved(), false, maxDiff(obj.outputs(s.net().parameters()), out0)), tol).verdict());
    double[] theta = s.net().parameters();
    theta[s.net().layout().offsetW2()] += 1e-3;
    assertEquals(Verdict.NOT_REPRODUCED, DinhRescaleClaim.sharpened(new DinhRescaleClaim.Sharpened("trace", trace, s.target(),
        s.achieved(), false, maxDiff(obj.outputs(theta), out0)), tol).verdict());
  }

  private static double maxDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
