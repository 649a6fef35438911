package dev.basin.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.InvalidInputException;
import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * spec SYM-EIGENCOUNT (Dinh et al.'s Theorem 4 for the 2-layer net) at exact minima: a relu net
 * fitted to targets it produces itself has loss 0 and gradient 0 up to rounding, so its Hessian is
 * the PSD Gauss–Newton matrix. The certified count is checked against an independent count (the
 * dense eigenvalues of the sharpened net's Hessian), the derived inequality max(rank H₁₁, rank H₂₂)
 * ≥ q* on random minima, and the sharpened net's outputs against the rounding budget.
 */
class EigenCountTest {

  /** A net at an exact minimum of its objective. */
  private record Minimum(Objective obj, TwoLayerNet net) {}

  /** A realizable problem: targets = the net's own outputs on Gaussian inputs (an exact minimum, halfsq). */
  private static Minimum realizable(long seed, int d, int h, int k, int n, boolean b2) {
    Rng r = Rng.of(seed);
    TwoLayerNet net = Synthetic.randomNet(d, h, k, true, b2, Activation.of(Activation.RELU), 1.0, r);
    double[] x = Synthetic.gaussianInputs(n, d, r);
    Dataset data = Dataset.withTargets(n, d, x, k, net.outputs(x, n));
    return new Minimum(Objective.of(net, new Loss(Loss.HALFSQ, Loss.MEAN), data), net);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void theCertifiedCountReachesTheTheoremsCountAndAnIndependentCountAgrees(long seed) {
    int d = 4;
    int h = 5;
    int k = 2;
    Minimum min = realizable(seed, d, h, k, 30, true);
    Objective obj = min.obj();
    TwoLayerNet net = min.net();
    double lambdaMax = eigenvalues(obj, net)[obj.numParams() - 1];
    double m = 1000 * lambdaMax;
    EigenCount.Result r = EigenCount.sharpen(obj, net, m, seed);
    assertTrue(r.minimum(), "an exact minimum: smallest eigenvalue " + r.minEigenvalue() + ", tolerance " + r.tolerance());
    assertEquals(h * (d + 1), r.nIn());
    assertEquals(k * h, r.nOut());
    assertEquals(k, r.nBias());
    assertEquals(Math.max(0, r.rank() - Math.min(r.nIn(), r.nOut()) - r.nBias()), r.theoremCount());
    assertTrue(r.theoremCount() > 0, "a non-trivial count: rank " + r.rank());
    assertTrue(r.certifiedCount() >= r.theoremCount(), r.certifiedCount() + " certified, q* = " + r.theoremCount());
    // the oracle: the dense eigenvalues of the sharpened net's Hessian (a different solver, no Lanczos)
    double[] ev = eigenvalues(obj, r.net());
    int above = 0;
    for (double v : ev) {
      above += v > m ? 1 : 0;
    }
    assertTrue(above >= r.certifiedCount(), above + " dense eigenvalues above M, " + r.certifiedCount() + " certified");
    for (double[] e : r.enclosures()) {
      assertTrue(e[0] > m && e[0] <= e[1]);
    }
    SymmetryCheck c = SymmetryCheck.rescaling(obj, net.parameters(), Rescaling.uniform(h, r.alpha()), 2, seed);
    assertTrue(c.outputs() <= 1.0, "same function within the rounding budget: ratio " + c.outputs());
  }

  /**
   * The derivation's inequality (ii): at a PSD Hessian, max(rank H₁₁, rank H₂₂) ≥ r − min(n₁, n₂) − n_b, here with ranks
   * counted above the same tolerance as r, on random exact minima with and without output bias.
   */
  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
  void oneBlockHasTheTheoremsCountOfPositiveEigenvalues(long seed) {
    boolean b2 = seed % 2 == 0;
    int d = 2 + (int) (seed % 3);
    int h = 3 + (int) (seed % 4);
    int k = 1 + (int) (seed % 2);
    Minimum min = realizable(seed, d, h, k, 4 + (int) (seed % 20), b2);
    Objective obj = min.obj();
    TwoLayerNet net = min.net();
    double[] hess = obj.at(net).hessian();
    int n = obj.numParams();
    double tau = EigenCount.tolerance(net.layout(), obj.at(net), hess);
    int r = countAbove(SymmetricEigen.of(hess.clone(), n, false).values(), tau);
    int rin = countAbove(blockEigenvalues(hess, n, EigenCount.inIndices(net.layout())), tau);
    int rout = countAbove(blockEigenvalues(hess, n, EigenCount.outIndices(net.layout())), tau);
    int nIn = h * (d + 1);
    int nOut = k * h;
    int q = r - Math.min(nIn, nOut) - (b2 ? k : 0);
    assertTrue(Math.max(rin, rout) >= q, "rank " + r + ", blocks " + rin + " / " + rout + ", q* " + q);
  }

  @Test
  void refusesANonHomogeneousActivationAndANonPositiveTarget() {
    Rng r = Rng.of(3);
    TwoLayerNet tanh = Synthetic.randomNet(3, 4, 1, true, true, Activation.of(Activation.TANH), 1.0, r);
    double[] x = Synthetic.gaussianInputs(10, 3, r);
    Objective obj = Objective.of(tanh, new Loss(Loss.HALFSQ, Loss.MEAN), Dataset.withTargets(10, 3, x, 1, tanh.outputs(x, 10)));
    assertThrows(InvalidInputException.class, () -> EigenCount.sharpen(obj, tanh, 10.0, 1));
    Minimum relu = realizable(4, 3, 4, 1, 10, true);
    assertThrows(InvalidInputException.class, () -> EigenCount.sharpen(relu.obj(), relu.net(), 0.0, 1));
  }

  private static double[] eigenvalues(Objective obj, TwoLayerNet net) {
    return SymmetricEigen.of(obj.at(net).hessian(), obj.numParams(), false).values();
  }

  private static double[] blockEigenvalues(double[] h, int n, int[] idx) {
    int m = idx.length;
    double[] b = new double[m * m];
    for (int a = 0; a < m; a++) {
      for (int c = 0; c < m; c++) {
        b[a * m + c] = h[idx[a] * n + idx[c]];
      }
    }
    return SymmetricEigen.of(b, m, false).values();
  }

  private static int countAbove(double[] v, double t) {
    int c = 0;
    for (double x : v) {
      c += x > t ? 1 : 0;
    }
    return c;
  }
}
