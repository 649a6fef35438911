package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
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
 * CLAIM-WU-ATTACK's decision: hand-made runs in each direction, the two versions' different rules,
 * and a deliberately sharpened net (same function, larger curvature) that must not pass for an
 * attack minimum.
 */
class WuAttackDecisionTest {

  private static final String ID = WuAttackClaim.ID;

  /** A run: clean (index 0) vs attack (1) for test accuracy, trace, λ_max enclosure, radii. */
  private static WuAttackClaim.Run run(double[] test, double[] curvature, double[] radius) {
    return new WuAttackClaim.Run(test, new double[] {1, 1}, curvature, curvature, curvature, radius, radius);
  }

  private static List<WuAttackClaim.Run> repeat(int n, WuAttackClaim.Run r) {
    List<WuAttackClaim.Run> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(r);
    }
    return l;
  }

  private static final WuAttackClaim.Run AGREES = run(new double[] {0.9, 0.5}, new double[] {1, 5}, new double[] {2.0, 1.0});
  private static final WuAttackClaim.Run OPPOSITE = run(new double[] {0.5, 0.9}, new double[] {5, 1}, new double[] {1.0, 2.0});

  @Test
  void fiveAgreeingRunsAreReproducedAndOppositeRunsNot() {
    for (int v = 1; v <= Versions.count(ID); v++) {
      assertEquals(Verdict.REPRODUCED, WuAttackClaim.decide(Versions.of(ID, v), repeat(5, AGREES)).verdict());
      assertEquals(Verdict.NOT_REPRODUCED, WuAttackClaim.decide(Versions.of(ID, v), repeat(5, OPPOSITE)).verdict());
    }
  }

  @Test
  void threeOfFiveIsInconclusive() {
    List<WuAttackClaim.Run> runs = new ArrayList<>(repeat(3, AGREES));
    runs.addAll(repeat(2, OPPOSITE));
    for (int v = 1; v <= Versions.count(ID); v++) {
      assertEquals(Verdict.INCONCLUSIVE, WuAttackClaim.decide(Versions.of(ID, v), runs).verdict());
    }
  }

  @Test
  void fourAgreeingRunsSatisfyV1ButAreTooFewForV2sSignTest() {
    // v1: "all R runs agree"; v2: all agree and 2^-R <= 0.05, and 2^-4 = 0.0625
    assertEquals(Verdict.REPRODUCED, WuAttackClaim.decide(Versions.of(ID, 1), repeat(4, AGREES)).verdict());
    assertEquals(Verdict.INCONCLUSIVE, WuAttackClaim.decide(Versions.of(ID, 2), repeat(4, AGREES)).verdict());
  }

  @Test
  void overlappingLambdaEnclosuresDoNotCountAsLarger() {
    WuAttackClaim.Run r = new WuAttackClaim.Run(new double[] {0.9, 0.5}, new double[] {1, 1}, new double[] {1, 5},
        new double[] {1.0, 0.9}, new double[] {1.1, 5.0}, new double[] {2, 1}, new double[] {2, 1});
    assertTrue(WuAttackClaim.decide(Versions.current(ID), repeat(5, r)).reason().contains("larger lambda_max in 0 of 5"));
  }

  @Test
  void aDeliberatelySharpenedNetIsSharperButNotWorseSoItIsNotAnAttackMinimum() {
    List<WuAttackClaim.Run> runs = new ArrayList<>();
    for (int r = 0; r < 5; r++) {
      Rng rng = Rng.of(100 + r);
      TwoLayerNet teacher = Synthetic.randomNet(6, 4, 3, true, true, Activation.of(Activation.RELU), 2.0, rng);
      Dataset train = Synthetic.teacherClassification(teacher, 40, rng);
      Dataset test = Synthetic.teacherClassification(teacher, 200, rng);
      TwoLayerNet net = Synthetic.randomNet(6, 8, 3, true, true, Activation.of(Activation.RELU), 1.0, rng);
      Objective obj = Objective.of(net, new Loss(Loss.CE, Loss.MEAN), train);
      Curvature before = Curvature.at(obj.at(net), r);
      // same function, 10x the trace (Dinh rescaling): the "attack" minimum of this constructed run
      TwoLayerNet sharp = Sharpen.trace(obj, net, 10 * before.trace()).net();
      Curvature after = Curvature.at(obj.at(sharp), r);
      runs.add(new WuAttackClaim.Run(new double[] {Training.fit(net, test), Training.fit(sharp, test)}, new double[] {1, 1},
          new double[] {before.trace(), after.trace()}, new double[] {before.lambdaLow(), after.lambdaLow()},
          new double[] {before.lambdaHigh(), after.lambdaHigh()}, new double[] {2, 1}, new double[] {0, -1}));
    }
    Decision d = WuAttackClaim.decide(Versions.current(ID), runs);
    assertTrue(d.reason().contains("larger trace in 5 of 5"), d.reason());
    // identical functions have identical test accuracy: "lower test accuracy in 0 of 5" refutes the claim
    assertTrue(d.reason().contains("lower test accuracy in 0 of 5"), d.reason());
    assertEquals(Verdict.NOT_REPRODUCED, d.verdict());
  }
}
