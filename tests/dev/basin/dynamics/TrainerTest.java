package dev.basin.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.dynamics.noise.GaussNewtonNoise;
import dev.basin.dynamics.noise.GradientCovarianceNoise;
import dev.basin.dynamics.noise.GradientNoise;
import dev.basin.dynamics.noise.IsotropicNoise;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import dev.basin.base.NonFiniteResultException;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import dev.basin.testing.Cases;
import java.util.Arrays;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The trainers of spec DYN-SGD, DYN-BATCH, DYN-STOP, DYN-SEEDS. */
class TrainerTest {

  /** Rounding of a few dozen multiply-adds on O(1) values. */
  private static final double ROUNDING = 1e-13;

  private static Objective teacherProblem(long seed, Activation act, Loss loss, int n) {
    Rng rng = Rng.of(seed);
    TwoLayerNet teacher = Synthetic.randomNet(3, 4, 2, true, true, act, 1.0, rng);
    Dataset data = Synthetic.teacherRegression(teacher, n, 0.1, rng);
    TwoLayerNet student = Synthetic.randomNet(3, 5, 2, true, true, act, 1.0, rng);
    return Objective.of(student, loss, data);
  }

  private static double[] init(Objective o, long seed) {
    return Synthetic.randomNet(o.layout().inputs(), o.layout().hidden(), o.layout().outputs(), o.layout().hasHiddenBias(),
        o.layout().hasOutputBias(), o.activation(), 1.0, Rng.of(seed)).parameters();
  }

  @Test
  void gradientDescentOnAQuadraticFollowsTheClosedForm() {
    // theta_t - theta* = (I - lr H)^t (theta_0 - theta*) for R = 1/2 delta^T H delta (exact recurrence)
    double[] lambda = {2.0, 0.5, 0.0, -0.1};
    QuadraticLandscape q = QuadraticLandscape.diagonal(lambda);
    double[] theta0 = {1.0, -2.0, 0.5, 0.25};
    double lr = 0.3;
    int steps = 25;
    Trainer.Result r = Trainer.run(q, theta0,
        new Trainer.Settings(lr, 0.0, Sampling.FULL, 0, GradientNoise.NONE, StopRule.steps(steps), 5, 1), Trainer.SILENT);
    for (int j = 0; j < lambda.length; j++) {
      double expected = Math.pow(1 - lr * lambda[j], steps) * theta0[j];
      assertEquals(expected, r.theta()[j], ROUNDING * Math.max(1, Math.abs(expected)), "coordinate " + j);
    }
    assertEquals(steps, r.steps());
    assertEquals(Trainer.StopReason.MAX_STEPS, r.reason());
    assertEquals(6, r.records().size(), "records at 0, 5, ..., 25");
  }

  @Test
  void momentumSatisfiesPolyaksThreeTermRecurrence() {
    // heavy ball (spec DYN-SGD): x_{t+1} = x_t - lr lambda x_t + mu (x_t - x_{t-1}), x_1 = x_0 - lr lambda x_0
    double lambda = 1.5;
    double lr = 0.1;
    double mu = 0.9;
    QuadraticLandscape q = QuadraticLandscape.diagonal(new double[] {lambda});
    double[][] xs = new double[41][];
    xs[0] = new double[] {1.0};
    Trainer.run(q, xs[0], new Trainer.Settings(lr, mu, Sampling.FULL, 0, GradientNoise.NONE, StopRule.steps(40), 0, 1),
        new Trainer.Listener() {
          @Override
          public boolean afterStep(long step, double[] theta) {
            xs[(int) step] = theta.clone();
            return true;
          }
        });
    assertEquals(xs[0][0] - lr * lambda * xs[0][0], xs[1][0], ROUNDING);
    for (int t = 1; t < 40; t++) {
      double expected = xs[t][0] - lr * lambda * xs[t][0] + mu * (xs[t][0] - xs[t - 1][0]);
      assertEquals(expected, xs[t + 1][0], ROUNDING, "step " + (t + 1));
    }
  }

  @Test
  void sameSeedGivesBitIdenticalTrajectoriesForEveryOptimizer() {
    Objective o = teacherProblem(5, Activation.of(Activation.TANH), new Loss(Loss.HALFSQ, Loss.MEAN), 12);
    double[] theta0 = init(o, 6);
    ObjectiveLandscape l = new ObjectiveLandscape(o);
    GradientNoise[] noises = {GradientNoise.NONE, new IsotropicNoise(0.3), new GaussNewtonNoise(o, 0.5),
        new GradientCovarianceNoise(o, 0.5)};
    for (Sampling s : Sampling.values()) {
      for (GradientNoise noise : noises) {
        Trainer.Settings set = new Trainer.Settings(0.05, 0.5, s, 5, noise, StopRule.steps(30), 3, 42);
        Trainer.Result a = Trainer.run(l, theta0, set, Trainer.SILENT);
        Trainer.Result b = Trainer.run(l, theta0, set, Trainer.SILENT);
        String what = s + " " + noise.describe().get("noise");
        assertArrayEquals(a.theta(), b.theta(), what);
        assertEquals(a.records(), b.records(), what);
        if (s != Sampling.FULL || !noise.isZero()) {
          Trainer.Result c = Trainer.run(l, theta0, new Trainer.Settings(0.05, 0.5, s, 5, noise, StopRule.steps(30), 3, 43),
              Trainer.SILENT);
          assertFalse(Arrays.equals(a.theta(), c.theta()), what + ": another seed must give another trajectory");
        }
      }
    }
  }

  @Test
  void withoutReplacementVisitsEveryRowOncePerEpoch() {
    int n = 11;
    int b = 4;
    BatchSampler s = new BatchSampler(Sampling.WITHOUT_REPLACEMENT, n, b, Rng.of(3));
    for (int epoch = 0; epoch < 5; epoch++) {
      int[] seen = new int[n];
      int[] sizes = new int[3];
      for (int k = 0; k < 3; k++) {
        int[] rows = s.next();
        sizes[k] = rows.length;
        for (int i : rows) {
          seen[i]++;
        }
      }
      assertArrayEquals(new int[] {4, 4, 3}, sizes);
      for (int i = 0; i < n; i++) {
        assertEquals(1, seen[i], "epoch " + epoch + " row " + i);
      }
    }
  }

  @Test
  void minibatchGradientsAreUnbiasedPiecesOfTheFullGradient() {
    // spec DYN-BATCH: for a partition into two halves, the n_b/n-weighted mean of the batch
    // gradients is the full gradient (mean reduction); with sum reduction batches are rescaled by
    // n/|B|, so the plain mean of two equal halves is the full gradient.
    for (int red : new int[] {Loss.MEAN, Loss.SUM}) {
      Objective o = teacherProblem(9, Activation.of(Activation.SOFTPLUS), new Loss(Loss.MSE, red), 10);
      ObjectiveLandscape l = new ObjectiveLandscape(o);
      double[] theta = init(o, 10);
      double[] full = new double[theta.length];
      double[] g1 = new double[theta.length];
      double[] g2 = new double[theta.length];
      double lossFull = l.lossAndGradient(theta, full);
      double l1 = l.batchLossAndGradient(theta, new int[] {0, 1, 2, 3, 4}, g1);
      double l2 = l.batchLossAndGradient(theta, new int[] {5, 6, 7, 8, 9}, g2);
      assertEquals(lossFull, 0.5 * (l1 + l2), ROUNDING * Math.max(1, lossFull));
      for (int q = 0; q < theta.length; q++) {
        assertEquals(full[q], 0.5 * (g1[q] + g2[q]), ROUNDING * Math.max(1, Math.abs(full[q])), "red " + red + " q " + q);
      }
    }
  }

  @Test
  void stoppingRulesStopWithTheirReason() {
    Objective o = teacherProblem(2, Activation.of(Activation.TANH), new Loss(Loss.HALFSQ, Loss.MEAN), 8);
    ObjectiveLandscape l = new ObjectiveLandscape(o);
    double[] theta0 = init(o, 3);
    double start = o.loss(theta0);
    Trainer.Result byLoss = Trainer.run(l, theta0, new Trainer.Settings(0.1, 0.0, Sampling.FULL, 0, GradientNoise.NONE,
        new StopRule(100000, OptionalDouble.of(0.5 * start), OptionalDouble.empty(), false, 1e-6), 1, 1), Trainer.SILENT);
    assertEquals(Trainer.StopReason.LOSS, byLoss.reason());
    Trainer.Record last = byLoss.records().get(byLoss.records().size() - 1);
    assertTrue(last.loss() < 0.5 * start);
    assertTrue(byLoss.records().get(byLoss.records().size() - 2).loss() >= 0.5 * start, "stops at the first evaluation below");

    double g0 = byLoss.records().get(0).gradNorm();
    Trainer.Result byGrad = Trainer.run(l, theta0, new Trainer.Settings(0.1, 0.0, Sampling.FULL, 0, GradientNoise.NONE,
        new StopRule(100000, OptionalDouble.empty(), OptionalDouble.of(0.1 * g0), false, 1e-6), 1, 1), Trainer.SILENT);
    assertEquals(Trainer.StopReason.GRADIENT_NORM, byGrad.reason());
    assertTrue(byGrad.records().get(byGrad.records().size() - 1).gradNorm() < 0.1 * g0);
  }

  @Test
  void interpolationStopsWhenEveryLabelIsFitted() {
    // 6 separable points, CE, 2 classes: GD reaches 100 % training accuracy
    double[] x = {2, 0, 1.5, 0.5, 1, 1, -2, 0, -1.5, -0.5, -1, -1};
    Dataset data = Dataset.withLabels(6, 2, x, new int[] {1, 1, 1, 0, 0, 0});
    TwoLayerNet net = Synthetic.randomNet(2, 4, 2, true, true, Activation.of(Activation.TANH), 1.0, Rng.of(1));
    Objective o = Objective.of(net, new Loss(Loss.CE, Loss.MEAN), data);
    Trainer.Result r = Trainer.run(new ObjectiveLandscape(o), net.parameters(), new Trainer.Settings(0.5, 0.0, Sampling.FULL,
        0, GradientNoise.NONE, new StopRule(10000, OptionalDouble.empty(), OptionalDouble.empty(), true, 1e-6), 1, 1),
        Trainer.SILENT);
    assertEquals(Trainer.StopReason.INTERPOLATION, r.reason());
    Fit fit = Fit.of(o, o.outputs(r.theta()), 1e-6);
    assertEquals(1.0, fit.value());
    assertTrue(r.steps() < 10000);

    // regression: max residual below the tolerance (n = 2 < N: an interpolating solution exists)
    Dataset reg = Dataset.withTargets(2, 1, new double[] {1, -1}, 1, new double[] {0.3, -0.2});
    TwoLayerNet lin = Synthetic.randomNet(1, 3, 1, true, true, Activation.of(Activation.IDENTITY), 1.0, Rng.of(2));
    Objective or = Objective.of(lin, new Loss(Loss.HALFSQ, Loss.MEAN), reg);
    Trainer.Result rr = Trainer.run(new ObjectiveLandscape(or), lin.parameters(), new Trainer.Settings(0.1, 0.0,
        Sampling.FULL, 0, GradientNoise.NONE, new StopRule(100000, OptionalDouble.empty(), OptionalDouble.empty(), true, 1e-8),
        1, 1), Trainer.SILENT);
    assertEquals(Trainer.StopReason.INTERPOLATION, rr.reason());
    assertTrue(Fit.of(or, or.outputs(rr.theta()), 1e-8).value() <= 1e-8);
  }

  @Test
  void divergenceIsReportedNotWritten() {
    QuadraticLandscape q = QuadraticLandscape.diagonal(new double[] {10.0});
    NonFiniteResultException e = assertThrows(NonFiniteResultException.class, () -> Trainer.run(q, new double[] {1.0},
        new Trainer.Settings(1.0, 0.0, Sampling.FULL, 0, GradientNoise.NONE, StopRule.steps(10000), 0, 1), Trainer.SILENT));
    assertTrue(e.getMessage().contains("diverged"), e.getMessage());
  }

  @Test
  void badSettingsAreRejectedNamingTheInput() {
    Objective o = teacherProblem(2, Activation.of(Activation.TANH), new Loss(Loss.HALFSQ, Loss.MEAN), 8);
    StopRule s = StopRule.steps(1);
    assertStartsWith("lr", () -> new Trainer.Settings(0.0, 0, Sampling.FULL, 0, GradientNoise.NONE, s, 0, 1));
    assertStartsWith("lr", () -> new Trainer.Settings(-1, 0, Sampling.FULL, 0, GradientNoise.NONE, s, 0, 1));
    assertStartsWith("lr", () -> new Trainer.Settings(Double.NaN, 0, Sampling.FULL, 0, GradientNoise.NONE, s, 0, 1));
    assertStartsWith("momentum", () -> new Trainer.Settings(0.1, 1.0, Sampling.FULL, 0, GradientNoise.NONE, s, 0, 1));
    assertStartsWith("batch", () -> new Trainer.Settings(0.1, 0, Sampling.WITH_REPLACEMENT, 0, GradientNoise.NONE, s, 0, 1));
    assertStartsWith("batch", () -> Trainer.run(new ObjectiveLandscape(o), init(o, 1),
        new Trainer.Settings(0.1, 0, Sampling.WITHOUT_REPLACEMENT, 9, GradientNoise.NONE, s, 0, 1), Trainer.SILENT));
    assertStartsWith("steps", () -> StopRule.steps(-1));
    assertStartsWith("theta0", () -> Trainer.run(new ObjectiveLandscape(o), new double[3],
        new Trainer.Settings(0.1, 0, Sampling.FULL, 0, GradientNoise.NONE, s, 0, 1), Trainer.SILENT));
  }

  static void assertStartsWith(String input, org.junit.jupiter.api.function.Executable e) {
    InvalidInputException ex = assertThrows(InvalidInputException.class, e);
    assertTrue(ex.getMessage().startsWith(input), ex.getMessage());
  }

  @Test
  void noisyMinibatchTrainingRunsOnEveryLossKindAndLayout() {
    // label losses (ce, logistic) and both reductions go through the batch path without error,
    // with one record per evaluation
    for (long seed = 1; seed <= 40; seed++) {
      Cases.Case c = Cases.random(seed);
      Trainer.Result r = Trainer.run(new ObjectiveLandscape(c.objective()), c.theta(), new Trainer.Settings(0.01, 0.0,
          Sampling.WITH_REPLACEMENT, 1, new IsotropicNoise(0.01), StopRule.steps(5), 1, seed), Trainer.SILENT);
      assertEquals(6, r.records().size(), c.toString());
    }
  }
}
