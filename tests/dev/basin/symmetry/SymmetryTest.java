package dev.basin.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.kernel.ParameterLayout;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.model.TwoLayerNet;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * spec SYM-RESCALE-UNIT, SYM-PERMUTE, SYM-INVARIANCE, SYM-CONJUGATION, SYM-NULL on random cases of the
 * homogeneous activations (relu, leaky_relu:0.1, identity) with every loss, reduction and bias
 * combination. The explicit-Hessian law H(Dθ) = D⁻¹H(θ)D⁻¹ is compared entrywise with tolerance
 * 1e-9 of the largest entry (two HESS-FULL evaluations at weights that differ by factors up to 30,
 * so cancellation can amplify rounding by ~30²; 1e-9 leaves a wide margin above ~1e-13).
 */
class SymmetryTest {

  static LongStream seeds() {
    return LongStream.range(1, 201);
  }

  private static final Activation[] HOMOGENEOUS = {
    Activation.of(Activation.RELU), Activation.leakyRelu(0.1), Activation.of(Activation.IDENTITY)
  };

  static Case homogeneousCase(long seed) {
    UniformRandomProvider r = Cases.rng(seed);
    return Cases.random(seed, HOMOGENEOUS[r.nextInt(3)], r.nextInt(4), r.nextInt(2), r.nextBoolean(), r.nextBoolean());
  }

  static double[] randomFactors(int h, long seed) {
    UniformRandomProvider r = Cases.rng(seed + 99);
    double[] c = new double[h];
    for (int j = 0; j < h; j++) {
      c[j] = Math.exp(3.4 * (r.nextDouble() - 0.5));
    }
    return c;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void rescalingPassesEveryCheck(long seed) {
    Case c = homogeneousCase(seed);
    Rescaling t = Rescaling.of(randomFactors(c.objective().layout().hidden(), seed));
    SymmetryCheck check = SymmetryCheck.rescaling(c.objective(), c.theta(), t, 2, seed);
    assertTrue(check.passed(), () -> c + " " + check);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void permutationPassesEveryCheck(long seed) {
    Case c = Cases.random(seed);
    int h = c.objective().layout().hidden();
    int[] pi = new int[h];
    for (int j = 0; j < h; j++) {
      pi[j] = (j + 1) % h;
    }
    SymmetryCheck check = SymmetryCheck.permutation(c.objective(), c.theta(), UnitPermutation.of(pi), 2, seed);
    assertTrue(check.passed(), () -> c + " " + check);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void hessianConjugationLawEntrywise(long seed) {
    Case c = homogeneousCase(seed);
    ParameterLayout l = c.objective().layout();
    Rescaling t = Rescaling.of(randomFactors(l.hidden(), seed));
    double[] dg = t.diagonal(l);
    Point p = c.objective().at(c.theta());
    Point q = c.objective().at(t.apply(l, c.theta()));
    double[] h = p.hessian();
    double[] h2 = q.hessian();
    int n = p.numParams();
    double scale = Math.max(1.0, Math.max(Cases.maxAbs(h), Cases.maxAbs(h2)));
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        assertEquals(h[a * n + b] / (dg[a] * dg[b]), h2[a * n + b], 1e-9 * scale, c + " entry " + a + "," + b);
      }
    }
    double[] g = p.gradient();
    double[] g2 = q.gradient();
    for (int a = 0; a < n; a++) {
      assertEquals(g[a] / dg[a], g2[a], 1e-9 * Math.max(1.0, Cases.maxAbs(g)), c + " gradient " + a);
    }
  }

  /** The checks can fail: a "rescaling" of a tanh net changes the function. */
  @Test
  void checksDetectABrokenSymmetry() {
    Case c = Cases.random(3, Activation.of(Activation.TANH), Loss.HALFSQ, Loss.MEAN, true, true);
    Objective obj = c.objective();
    double[] moved = Rescaling.uniform(obj.layout().hidden(), 3.0).apply(obj.layout(), c.theta());
    Objective relu = Objective.of(obj.layout(), Activation.of(Activation.RELU), obj.loss(), obj.data());
    // the same θ pair through a homogeneous objective passes; through tanh the outputs differ
    assertTrue(SymmetryCheck.rescaling(relu, c.theta(), Rescaling.uniform(obj.layout().hidden(), 3.0), 1, 1).passed());
    double[] f1 = obj.outputs(c.theta());
    double[] f2 = obj.outputs(moved);
    assertTrue(Cases.maxAbsDiff(f1, f2) > 1e-3);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SymmetryCheck.rescaling(obj, c.theta(), Rescaling.uniform(obj.layout().hidden(), 3.0), 1, 1));
    assertTrue(e.getMessage().startsWith("activation"), e.getMessage());
  }

  @Test
  void nonHomogeneousNetsAreRefused() {
    TwoLayerNet net = TwoLayerNet.of(Activation.of(Activation.SIGMOID), 1, 1, 1, new double[] {1}, null,
        new double[] {1}, null);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Rescaling.uniform(1, 2.0).apply(net));
    assertTrue(e.getMessage().contains("not positively homogeneous"), e.getMessage());
  }

  @Test
  void badFactorsAndPermutationsAreRefused() {
    assertThrows(InvalidInputException.class, () -> Rescaling.of(new double[] {1.0, 0.0}));
    assertThrows(InvalidInputException.class, () -> Rescaling.of(new double[] {Double.NaN}));
    assertThrows(InvalidInputException.class, () -> UnitPermutation.of(new int[] {0, 0}));
    assertThrows(InvalidInputException.class, () -> UnitPermutation.of(new int[] {1, 2}));
  }
}
