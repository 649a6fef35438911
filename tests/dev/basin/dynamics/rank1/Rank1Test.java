package dev.basin.dynamics.rank1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.Rng;
import dev.basin.dynamics.Sampling;
import dev.basin.dynamics.StopRule;
import dev.basin.dynamics.Trainer;
import dev.basin.dynamics.noise.GradientNoise;
import dev.basin.dynamics.noise.IsotropicNoise;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rank-1 factorized filters (spec RANK1-UPDATE, RANK1-COUNT, RANK1-CONV; papers.md §3.3, E6). */
class Rank1Test {

  static LongStream seeds() {
    return LongStream.range(1, 101);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void factorStepEqualsTheCorrectedEquationThreeToRounding(long seed) {
    // (p - aP) (x) (q - aQ) (x) (t - aT) = w - a Delta entrywise, within the rounding bound of
    // Rank1Filter.roundingBound (16 u times the absolute mass of all products; derivation there)
    Rng r = Rng.of(seed);
    int ni = 1 + r.nextInt(5);
    int nj = 1 + r.nextInt(5);
    int nk = 1 + r.nextInt(7);
    double[] p = r.gaussians(ni, 1);
    double[] q = r.gaussians(nj, 1);
    double[] t = r.gaussians(nk, 1);
    double[] g = r.gaussians(ni * nj * nk, 1);
    double alpha = 0.01 + r.uniform01();
    double[] gp = new double[ni];
    double[] gq = new double[nj];
    double[] gt = new double[nk];
    Rank1Filter.factorGradients(g, p, q, t, gp, gq, gt);
    double[] lhs = Rank1Filter.tensor(step(p, gp, alpha), step(q, gq, alpha), step(t, gt, alpha));
    double[] w = Rank1Filter.tensor(p, q, t);
    double[] delta = Rank1Filter.delta(p, q, t, gp, gq, gt, alpha);
    double[] eq2 = Rank1Filter.correctedStep(w, g, delta, alpha);
    for (int i = 0; i < ni; i++) {
      for (int j = 0; j < nj; j++) {
        for (int k = 0; k < nk; k++) {
          int e = (i * nj + j) * nk + k;
          double bound = Rank1Filter.roundingBound(p[i], q[j], t[k], gp[i], gq[j], gt[k], alpha);
          double rhs = w[e] - alpha * delta[e];
          assertTrue(Math.abs(lhs[e] - rhs) <= bound, "seed " + seed + " entry " + e + ": " + lhs[e] + " vs " + rhs);
          // eq. (2): ordinary step plus correction; the |a G| terms cost four more roundings (RANK1-UPDATE)
          double bound2 = Rank1Filter.correctedStepRoundingBound(w[e], g[e], delta[e], alpha, bound);
          assertTrue(Math.abs(eq2[e] - lhs[e]) <= bound2, "seed " + seed + " eq. (2) entry " + e);
        }
      }
    }
  }

  @Test
  void theSeedsUncorrectedEquationThreeFailsTheIdentity() {
    // papers.md §3.3: the seed's second-order bracket has t_k P_i T_k instead of t_k P_i Q_j, so
    // Delta_seed - Delta = alpha t_k P_i (Q_j - T_k) and p'q't' - (w - alpha Delta_seed) = alpha^2 t_k P_i (Q_j - T_k),
    // far above rounding for generic values
    Rng r = Rng.of(5);
    double[] p = r.gaussians(3, 1);
    double[] q = r.gaussians(3, 1);
    double[] t = r.gaussians(4, 1);
    double[] gp = r.gaussians(3, 1);
    double[] gq = r.gaussians(3, 1);
    double[] gt = r.gaussians(4, 1);
    double alpha = 0.3;
    double[] lhs = Rank1Filter.tensor(step(p, gp, alpha), step(q, gq, alpha), step(t, gt, alpha));
    double worst = 0;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 4; k++) {
          double seedDelta = q[j] * t[k] * gp[i] + p[i] * t[k] * gq[j] + p[i] * q[j] * gt[k]
              - alpha * (t[k] * gp[i] * gt[k] + q[j] * gp[i] * gt[k] + p[i] * gq[j] * gt[k])
              + alpha * alpha * gp[i] * gq[j] * gt[k];
          double w = p[i] * q[j] * t[k];
          double off = lhs[(i * 3 + j) * 4 + k] - (w - alpha * seedDelta);
          assertEquals(alpha * alpha * t[k] * gp[i] * (gq[j] - gt[k]), off, 1e-12, "the difference is the typo's term");
          worst = Math.max(worst, Math.abs(off));
        }
      }
    }
    assertTrue(worst > 1e-3);
  }

  private static double[] step(double[] v, double[] g, double alpha) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] - alpha * g[i];
    }
    return out;
  }

  @Test
  void parameterCountsOfTheSeedExample() {
    // papers.md §3.3 / E6: a 3x3x64 filter has 576 dense and 70 rank-1 parameters
    ParameterCounts c = ParameterCounts.filter(64, 3, 3, 1000);
    assertEquals(576, c.perFilterDense());
    assertEquals(70, c.perFilterFactored());
    assertEquals(Math.sqrt(576 / 1000.0), c.sqrtDense(), 1e-15);
    assertEquals(Math.sqrt(70.0 / 576.0), c.shrinkFactor(), 1e-15);
    ConvShape s = new ConvShape(2, 6, 5, 3, 3, 2, 4);
    // dense: F C kh kw + F + k F Ho Wo + k = 3*12 + 3 + 4*3*4*4 + 4; factored: 3*(2+3+2) + the same head
    assertEquals(36 + 3 + 192 + 4, s.denseParams());
    assertEquals(21 + 3 + 192 + 4, s.factoredParams());
    assertEquals(s.denseParams(), ParameterCounts.model(s, 10).denseParams());
  }

  /** A random conv problem: images C×H×W, F filters kh×kw, k outputs, n samples. */
  private static ConvNet problem(long seed, Activation act, Loss loss) {
    Rng r = Rng.of(seed);
    int c = 1 + r.nextInt(2);
    int h = 3 + r.nextInt(3);
    int w = 3 + r.nextInt(3);
    int kh = 1 + r.nextInt(3);
    int kw = 1 + r.nextInt(3);
    int k = loss.kind() == Loss.LOGISTIC ? 1 : 1 + r.nextInt(3);
    int n = 2 + r.nextInt(4);
    ConvShape s = new ConvShape(c, h, w, 1 + r.nextInt(3), kh, kw, k);
    double[] x = r.gaussians(n * s.inputs(), 1);
    Dataset d;
    if (loss.usesLabels()) {
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        y[i] = r.nextInt(loss.kind() == Loss.LOGISTIC ? 2 : k);
      }
      d = Dataset.withLabels(n, s.inputs(), x, y);
    } else {
      d = Dataset.withTargets(n, s.inputs(), x, k, r.gaussians(n * k, 1));
    }
    return ConvNet.of(s, act, loss, d);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void denseAndFactoredGradientsMatchCentralDifferences(long seed) {
    // central differences with eps = 1e-5 on O(1) smooth functions: truncation ~1e-10, rounding ~1e-11
    // (same budget as DerivativesTest); tolerance 1e-6 relative to max(1, |grad|)
    Activation[] acts = {Activation.of(Activation.TANH), Activation.of(Activation.SOFTPLUS), Activation.of(Activation.SIGMOID)};
    Loss[] losses = {new Loss(Loss.HALFSQ, Loss.MEAN), new Loss(Loss.MSE, Loss.SUM), new Loss(Loss.CE, Loss.MEAN),
        new Loss(Loss.LOGISTIC, Loss.SUM)};
    ConvNet net = problem(seed, acts[(int) (seed % 3)], losses[(int) (seed % 4)]);
    Rng r = Rng.of(seed + 77);
    ConvLandscape dense = new ConvLandscape(net);
    checkFiniteDifferences(dense, r.gaussians(dense.dimension(), 0.7), "dense seed " + seed);
    FactoredConvLandscape fact = new FactoredConvLandscape(net);
    checkFiniteDifferences(fact, FactoredConvLandscape.randomParameters(net.shape(), 1.5, r), "factored seed " + seed);
    // and the minibatch path: rows {0, 0, 1} equal the batch estimate written out
    double[] theta = r.gaussians(dense.dimension(), 0.7);
    double[] g = new double[theta.length];
    double lb = dense.batchLossAndGradient(theta, new int[] {0, 0, 1}, g);
    int n = net.data().size();
    double single0 = net.lossAndGradient(theta, new int[] {0}, null);
    double single1 = net.lossAndGradient(theta, new int[] {1}, null);
    assertEquals((2 * single0 + single1) / 3, lb, 1e-12 * Math.max(1, Math.abs(lb)), "batch mean, n = " + n);
  }

  private static void checkFiniteDifferences(dev.basin.dynamics.Landscape l, double[] theta, String what) {
    double eps = 1e-5;
    double[] g = new double[theta.length];
    l.lossAndGradient(theta, g);
    double[] scratch = new double[theta.length];
    double scale = 1;
    for (double v : g) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int q = 0; q < theta.length; q++) {
      double[] tp = theta.clone();
      double[] tm = theta.clone();
      tp[q] += eps;
      tm[q] -= eps;
      double fd = (l.lossAndGradient(tp, scratch) - l.lossAndGradient(tm, scratch)) / (2 * eps);
      assertEquals(fd, g[q], 1e-6 * scale, what + " parameter " + q);
    }
  }

  @Test
  void theRankOneIdentityHoldsInsideRealTraining() {
    ConvShape s = new ConvShape(2, 6, 6, 3, 3, 3, 2);
    Rng r = Rng.of(3);
    int n = 24;
    double[] x = r.gaussians(n * s.inputs(), 1);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = x[i * s.inputs()] + x[i * s.inputs() + 7] > 0 ? 1 : 0;
    }
    ConvNet net = ConvNet.of(s, Activation.of(Activation.TANH), new Loss(Loss.CE, Loss.MEAN), Dataset.withLabels(n, s.inputs(), x, y));
    FactoredConvLandscape land = new FactoredConvLandscape(net);
    double[] theta0 = FactoredConvLandscape.randomParameters(s, 1.0, Rng.of(4));
    for (GradientNoise noise : new GradientNoise[] {GradientNoise.NONE, new IsotropicNoise(0.1)}) {
      for (double momentum : new double[] {0.0, 0.9}) {
        Rank1Check check = new Rank1Check(land);
        Trainer.Result res = Trainer.run(land, theta0, new Trainer.Settings(0.2, momentum, Sampling.WITHOUT_REPLACEMENT, 6,
            noise, StopRule.steps(60), 20, 1), check);
        assertEquals(60, check.steps());
        assertTrue(check.maxResidualOverBound() <= 1.0, "residual/bound " + check.maxResidualOverBound());
        assertTrue(check.maxResidual() > 0 || check.maxResidualOverBound() == 0);
        if (noise.isZero() && momentum == 0.0) {
          double first = res.records().get(0).loss();
          double last = res.records().get(res.records().size() - 1).loss();
          assertTrue(last < 0.8 * first, "factor-wise SGD decreases the loss: " + first + " -> " + last);
        }
      }
    }
  }

  @Test
  void badShapesAndDataAreRejected() {
    assertInput("kernel", () -> new ConvShape(1, 3, 3, 1, 4, 1, 1));
    assertInput("filters", () -> new ConvShape(1, 3, 3, 0, 1, 1, 1));
    ConvShape s = new ConvShape(1, 3, 3, 1, 2, 2, 2);
    assertInput("data X", () -> ConvNet.of(s, Activation.of(Activation.TANH), new Loss(Loss.CE, Loss.MEAN),
        Dataset.withLabels(1, 8, new double[8], new int[] {0})));
    assertInput("data y", () -> ConvNet.of(s, Activation.of(Activation.TANH), new Loss(Loss.CE, Loss.MEAN),
        Dataset.withLabels(1, 9, new double[9], new int[] {2})));
    assertInput("data Y", () -> ConvNet.of(s, Activation.of(Activation.TANH), new Loss(Loss.HALFSQ, Loss.MEAN),
        Dataset.withTargets(1, 9, new double[9], 3, new double[3])));
    assertInput("init scale", () -> FactoredConvLandscape.randomParameters(s, 0, Rng.of(1)));
    assertInput("samples", () -> ParameterCounts.filter(1, 1, 1, 0));
  }

  static void assertInput(String input, org.junit.jupiter.api.function.Executable e) {
    InvalidInputException ex = assertThrows(InvalidInputException.class, e);
    assertTrue(ex.getMessage().startsWith(input), ex.getMessage());
  }
}
