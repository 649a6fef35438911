package dev.basin.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.model.TwoLayerNet;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/**
 * Coverage of the FLAT-CI intervals of FLAT-HUTCHINSON, FLAT-HUTCHPP and FLAT-FROBENIUS: R
 * independent 95% intervals (m samples each, seeds derived from the replicate index) on a fixed
 * Hessian (tanh net, N = 43) must cover the exact value (FLAT-TRACE, or ‖H‖_F² from the explicit
 * HESS-FULL) at a rate compatible with 95%. The t-interval is only asymptotically exact for these
 * non-normal samples, so the test allows a true miss rate anywhere in [1%, 10%]: it fails when the
 * observed number of misses X has P(X ≥ x | p = 0.10) &lt; 1e-6 or P(X ≤ x | p = 0.01) &lt; 1e-6. If the
 * estimator and interval are right, the false-failure probability of this (seeded) test is below
 * 2e-6; a wrong standard error (e.g. s/m instead of s/√m) produces hundreds of misses.
 */
class TraceEstimatorTest {

  private static final int REPLICATES = 300;
  private static final double LEVEL = 0.95;
  private static final double TAIL = 1e-6;

  private static Point point() {
    Rng r = Rng.of(11);
    TwoLayerNet net = Synthetic.randomNet(4, 5, 3, true, true, Activation.of(Activation.TANH), 1.5, r);
    Dataset data = Synthetic.teacherRegression(net, 9, 0.5, r);
    Objective obj = Objective.of(net, new Loss(Loss.HALFSQ, Loss.MEAN), data);
    return obj.at(Synthetic.randomNet(4, 5, 3, true, true, Activation.of(Activation.TANH), 1.5, r));
  }

  private static void assertCoverage(int misses, String what) {
    BinomialDistribution hi = BinomialDistribution.of(REPLICATES, 0.10);
    BinomialDistribution lo = BinomialDistribution.of(REPLICATES, 0.01);
    double upperTail = hi.survivalProbability(misses - 1);
    double lowerTail = lo.cumulativeProbability(misses);
    assertTrue(upperTail >= TAIL, what + ": " + misses + " of " + REPLICATES + " intervals miss (too many)");
    assertTrue(lowerTail >= TAIL, what + ": " + misses + " of " + REPLICATES + " intervals miss (too few: too wide)");
  }

  @Test
  void hutchinsonIntervalsCoverTheExactTrace() {
    Point p = point();
    double exact = HessianDiagonal.trace(p);
    HessianOperator op = HessianOperator.at(p);
    int misses = 0;
    for (int r = 0; r < REPLICATES; r++) {
      Estimate e = TraceEstimator.hutchinson(op, 30, Rng.derive(1000, r), LEVEL);
      if (!e.covers(exact)) {
        misses++;
      }
    }
    assertCoverage(misses, "Hutchinson");
  }

  @Test
  void hutchPlusPlusIntervalsCoverTheExactTrace() {
    Point p = point();
    double exact = HessianDiagonal.trace(p);
    HessianOperator op = HessianOperator.at(p);
    int misses = 0;
    for (int r = 0; r < REPLICATES; r++) {
      Estimate e = TraceEstimator.hutchPlusPlus(op, 30, Rng.derive(2000, r), LEVEL);
      if (!e.covers(exact)) {
        misses++;
      }
    }
    assertCoverage(misses, "Hutch++");
  }

  @Test
  void frobeniusIntervalsCoverTheExactNorm() {
    Point p = point();
    int n = p.numParams();
    double[] h = p.hessian();
    double f2 = 0.0;
    for (double v : h) {
      f2 += v * v;
    }
    HessianOperator op = HessianOperator.at(p);
    int misses = 0;
    for (int r = 0; r < REPLICATES; r++) {
      Estimate e = TraceEstimator.frobeniusSquared(op, 30, Rng.derive(3000, r), LEVEL);
      if (!e.covers(f2)) {
        misses++;
      }
    }
    assertCoverage(misses, "Frobenius^2");
    assertTrue(n > 30);
  }

  @Test
  void hutchinsonIsReproducibleAndIndependentOfBatching() {
    Point p = point();
    HessianOperator op = HessianOperator.at(p);
    Estimate a = TraceEstimator.hutchinson(op, 13, 5, LEVEL);
    Estimate b = TraceEstimator.hutchinson(op, 13, 5, LEVEL);
    assertEquals(a, b);
    // sample j uses stream derive(seed, j): the first 8 samples of a 13-sample run equal an 8-sample run
    double[] first8 = new double[8];
    TraceEstimator.forEachProduct(op, 8, 5, 0, null, (j, v, av) -> first8[j] = Krylov.dot(v, av));
    double[] all = new double[13];
    TraceEstimator.forEachProduct(op, 13, 5, 0, null, (j, v, av) -> all[j] = Krylov.dot(v, av));
    for (int j = 0; j < 8; j++) {
      assertEquals(first8[j], all[j], 0.0);
    }
  }
}
