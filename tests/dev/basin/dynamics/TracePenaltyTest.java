package dev.basin.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basin.base.InvalidInputException;
import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.measure.HessianDiagonal;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * spec FLAT-TRACE-PENALTY: the closed-form trace equals the trace of the exact Hessian diagonal
 * (FLAT-DIAG), and the penalised gradient equals central differences of the penalised loss (the
 * loss is smooth unless one of the 60 pre-activations lies within the step 1e-6 of relu's kink,
 * which has probability about 1e-5 at these seeded Gaussian points; the differences' truncation
 * error is O(step²) ≈ 1e-12, their rounding error about 1e-10 relative).
 */
class TracePenaltyTest {

  private static Objective problem(long seed, int loss, boolean b1, boolean b2, int k, int act) {
    Rng r = Rng.of(seed);
    TwoLayerNet teacher = Synthetic.randomNet(4, 3, k, true, true, Activation.of(Activation.TANH), 1.0, r);
    Dataset data = Synthetic.teacherRegression(teacher, 12, 0.1, r);
    TwoLayerNet net = Synthetic.randomNet(4, 5, k, b1, b2, Activation.of(act), 1.0, r);
    return Objective.of(net, new Loss(loss, seed % 2 == 0 ? Loss.MEAN : Loss.SUM), data);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void traceIsTheExactHessianTrace(long seed) {
    int[] losses = {Loss.HALFSQ, Loss.MSE};
    int[] acts = {Activation.RELU, Activation.LEAKY_RELU, Activation.IDENTITY};
    Objective obj = problem(seed, losses[(int) (seed % 2)], seed % 3 != 0, seed % 4 != 0, 1 + (int) (seed % 2),
        acts[(int) (seed % 3)]);
    double[] theta = Rng.of(seed + 100).gaussians(obj.numParams(), 1.0);
    double exact = HessianDiagonal.trace(obj.at(theta));
    assertEquals(exact, TracePenalty.trace(obj, theta), 1e-12 * Math.max(1.0, Math.abs(exact)));
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16})
  void gradientMatchesCentralDifferences(long seed) {
    Objective obj = problem(seed, seed % 2 == 0 ? Loss.HALFSQ : Loss.MSE, true, true, 1 + (int) (seed % 2), Activation.RELU);
    double lambda = 0.3;
    TracePenalty land = TracePenalty.of(obj, lambda);
    double[] theta = Rng.of(seed + 7).gaussians(obj.numParams(), 1.0);
    double[] grad = new double[theta.length];
    land.lossAndGradient(theta, grad);
    double h = 1e-6;
    for (int q = 0; q < theta.length; q++) {
      double[] up = theta.clone();
      double[] down = theta.clone();
      up[q] += h;
      down[q] -= h;
      double fd = (value(land, up) - value(land, down)) / (2 * h);
      assertEquals(fd, grad[q], 1e-6 * Math.max(1.0, Math.abs(fd)), "parameter " + q);
    }
  }

  private static double value(TracePenalty l, double[] theta) {
    return l.lossAndGradient(theta, new double[theta.length]);
  }

  @Test
  void refusesSmoothActivationsAndNonSquaredLosses() {
    Objective tanh = problem(1, Loss.HALFSQ, true, true, 1, Activation.TANH);
    assertThrows(InvalidInputException.class, () -> TracePenalty.of(tanh, 0.1));
    Rng r = Rng.of(2);
    TwoLayerNet teacher = Synthetic.randomNet(4, 3, 2, true, true, Activation.of(Activation.RELU), 1.0, r);
    Dataset labels = Synthetic.teacherClassification(teacher, 12, r);
    Objective ce = Objective.of(Synthetic.randomNet(4, 5, 2, true, true, Activation.of(Activation.RELU), 1.0, r),
        new Loss(Loss.CE, Loss.MEAN), labels);
    assertThrows(InvalidInputException.class, () -> TracePenalty.of(ce, 0.1));
    assertThrows(InvalidInputException.class, () -> TracePenalty.of(problem(1, Loss.HALFSQ, true, true, 1, Activation.RELU), -1));
  }
}
