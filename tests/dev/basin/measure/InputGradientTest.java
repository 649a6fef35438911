package dev.basin.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.kernel.ParameterLayout;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import dev.basin.symmetry.Rescaling;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * spec FLAT-WU-COMPLEXITY and FLAT-WU-BOUND (basin's reconstruction, papers.md §1.3). The complexity
 * is checked against central differences of f in x (step 1e-5: truncation + rounding below 1e-8
 * relative, as in DerivativesTest; tolerance 1e-6); H_c against the b1 block of HESS-FULL (1e-12 of
 * the largest entry: same sums, different order); the bound must hold on every case.
 */
class InputGradientTest {

  static LongStream seeds() {
    return LongStream.range(1, 301);
  }

  private static Case squaredCase(long seed) {
    UniformRandomProvider r = Cases.rng(seed);
    return Cases.random(seed, Cases.activations()[r.nextInt(6)], r.nextBoolean() ? Loss.HALFSQ : Loss.MSE,
        r.nextInt(2), r.nextBoolean(), r.nextBoolean());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void complexityMatchesFiniteDifferences(long seed) {
    Case c = Cases.random(seed);
    Objective obj = c.objective();
    ParameterLayout l = obj.layout();
    TwoLayerNet net = obj.net(c.theta());
    double[] x = obj.data().x();
    int n = obj.data().size();
    int d = l.inputs();
    double eps = 1e-5;
    double total = 0.0;
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < d; m++) {
        double[] xp = java.util.Arrays.copyOfRange(x, i * d, i * d + d);
        double[] xm = xp.clone();
        xp[m] += eps;
        xm[m] -= eps;
        double[] fp = net.outputs(xp, 1);
        double[] fm = net.outputs(xm, 1);
        for (int o = 0; o < fp.length; o++) {
          double g = (fp[o] - fm[o]) / (2 * eps);
          total += g * g;
        }
      }
    }
    double fd = total / n;
    double exact = InputGradient.complexity(obj, c.theta());
    assertEquals(fd, exact, 1e-6 * Math.max(1.0, exact), c.toString());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void boundHoldsAndBiasHessianMatchesTheFullHessian(long seed) {
    Case c = squaredCase(seed);
    Objective obj = c.objective();
    InputGradient.WuBound b = InputGradient.bound(obj, c.theta());
    assertTrue(b.holds(), () -> c + " " + b);
    ParameterLayout l = obj.layout();
    double[] hc = InputGradient.biasHessian(obj, c.theta());
    if (l.hasHiddenBias()) {
      double[] block = obj.at(c.theta()).hessianBlock(ParameterLayout.B1, ParameterLayout.B1);
      double scale = Math.max(1.0, Cases.maxAbs(block));
      for (int q = 0; q < hc.length; q++) {
        assertEquals(block[q], hc[q], 1e-12 * scale, c + " H_c entry " + q);
      }
    }
  }

  /** FLAT-WU-COMPLEXITY is invariant under SYM-RESCALE-UNIT (1e-12 relative). */
  @ParameterizedTest
  @MethodSource("seeds")
  void complexityIsRescalingInvariant(long seed) {
    Case c = Cases.random(seed, Activation.of(Activation.RELU), Loss.HALFSQ, Loss.MEAN, true, seed % 2 == 0);
    ParameterLayout l = c.objective().layout();
    double[] f = new double[l.hidden()];
    UniformRandomProvider r = Cases.rng(seed + 5);
    for (int j = 0; j < f.length; j++) {
      f[j] = Math.exp(4 * (r.nextDouble() - 0.5));
    }
    double a = InputGradient.complexity(c.objective(), c.theta());
    double b = InputGradient.complexity(c.objective(), Rescaling.of(f).apply(l, c.theta()));
    assertEquals(a, b, 1e-12 * Math.max(1.0, a), c.toString());
  }
}
