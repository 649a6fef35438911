package dev.basin.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.testing.Cases;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The closed-form toy of spec/hessian.md HESS-FULL (papers.md §2.3, Dinh et al. 2017): y =
 * θ2·relu(θ1·x), x = (1, 2, 3, 4), targets 2x, loss mse (k = 1, mean), S = (1/n) Σ x² = 7.5, and
 * for θ1 &gt; 0
 *
 * <pre>H = 2S [[θ2², 2θ1θ2 − 2], [2θ1θ2 − 2, θ1²]].</pre>
 *
 * <p>Error budget: every expected value is a closed form in exact small numbers; basin's sums
 * have 4 terms of size ≤ 1e3, so rounding stays below 16 ulps of the largest entry. {@link #REL}
 * = 1e-14 relative to the largest entry leaves a factor ~5 over that.
 */
class ClosedFormHessianTest {

  private static final double REL = 1e-14;
  private static final double[] X = {1, 2, 3, 4};
  private static final double S = 7.5;

  /** The toy's objective: d = h = k = 1, no biases, relu, mse with mean reduction. */
  static Objective toy() {
    double[] y = {2, 4, 6, 8};
    Dataset data = Dataset.withTargets(4, 1, X, 1, y);
    return Objective.of(TwoLayerNet.layout(1, 1, 1, false, false), Activation.of(Activation.RELU),
        new Loss(Loss.MSE, Loss.MEAN), data);
  }

  static double[] closedForm(double t1, double t2) {
    double off = 2 * S * (2 * t1 * t2 - 2);
    return new double[] {2 * S * t2 * t2, off, off, 2 * S * t1 * t1};
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    double tol = REL * Math.max(Cases.maxAbs(expected), 1.0);
    assertArrayEquals(expected, actual, tol, what);
  }

  @Test
  void atTheMinimumOneTwoTheHessianIsSixtyThirtyFifteen() {
    Point p = toy().at(new double[] {1, 2});
    double[] h = p.hessian();
    // papers.md §2.3 table and its numeric check: [[60, 30], [30, 15]], trace 75
    assertClose(new double[] {60, 30, 30, 15}, h, "H at (1, 2)");
    assertEquals(75.0, h[0] + h[3], REL * 75, "trace at (1, 2)");
    // on the minimum set θ1θ2 = 2 the loss and the gradient vanish (all values exact here)
    assertEquals(0.0, p.loss(), 0.0);
    assertArrayEquals(new double[] {0, 0}, p.gradient(), 0.0);
    // eigenvalues {0, 2S(θ1² + θ2²)} = {0, 75}; the dense solver is backward stable (LINALG-EIGEN)
    double[] ev = SymmetricEigen.of(h, 2, false).values();
    assertArrayEquals(new double[] {0, 75}, ev, 1e-13, "eigenvalues at (1, 2)");
  }

  @Test
  void dinhRescalingByTenGivesTrace1500point6() {
    double alpha = 10;
    double[] theta = {alpha * 1, 2 / alpha};
    Point p = toy().at(theta);
    double[] h = p.hessian();
    // papers.md §2.3: tr = 2S(α² + 4/α²) = 15 (100 + 0.04) = 1500.6 at α = 10
    assertEquals(1500.6, h[0] + h[3], REL * 1500.6 * 4, "trace at T_10 (1, 2)");
    assertClose(closedForm(theta[0], theta[1]), h, "H at (10, 0.2)");
    // the loss is invariant under T_α (positively homogeneous relu): still 0 up to rounding of 2/α
    assertEquals(0.0, p.loss(), 1e-28);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void offTheMinimumTheHessianHasTheResidualTerm(long seed) {
    UniformRandomProvider r = Cases.rng(seed);
    double t1 = 0.1 + 3 * r.nextDouble();   // θ1 > 0 so every unit is active
    double t2 = -3 + 6 * r.nextDouble();
    double[] h = toy().at(new double[] {t1, t2}).hessian();
    assertClose(closedForm(t1, t2), h, "seed=" + seed + " theta=(" + t1 + ", " + t2 + ")");
  }

  @Test
  void aNegativeFirstWeightSwitchesTheUnitOff() {
    // θ1 < 0: relu(θ1 x) = 0 for x > 0, so f ≡ 0 and only σ'(z) = 0 terms remain: H = 0
    double[] h = toy().at(new double[] {-1, 2}).hessian();
    assertArrayEquals(new double[4], h, 0.0);
  }
}
