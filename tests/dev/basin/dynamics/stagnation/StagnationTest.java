package dev.basin.dynamics.stagnation;

import dev.basin.base.Memory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.Rng;
import dev.basin.dynamics.QuadraticLandscape;
import dev.basin.dynamics.Trainer;
import dev.basin.dynamics.noise.IsotropicNoise;
import dev.basin.dynamics.noise.PsdFactor;
import dev.basin.base.InvalidInputException;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Staying probabilities (spec STAG-MC), the quadratic-model bound (STAG-BOUND-QUAD), the sets
 * (STAG-SET-BALL, STAG-SET-TUBE) and the convexity check (STAG-LEC) on quadratic surfaces where
 * the truth is known.
 *
 * <p>The exact staying probability of the 1-D AR(1) x_{t+1} = ρx_t − η(g + σz), x_0 = 0, in
 * [−r, r] for T steps is computed by the Nyström method: the density restricted to [−r, r] is
 * propagated with the Gaussian transition kernel on m Gauss–Legendre nodes (Hipparchus), which
 * converges exponentially for this analytic kernel; m = 160 and m = 320 agree to 1e-12 in the
 * cases used (checked in {@link #nystromIsConverged}).
 *
 * <p>Statistical checks use the Clopper–Pearson interval at level 1 − 1e-4 (false-failure rate
 * 1e-4 per check, 10 checks: 1e-3 for the class).
 */
class StagnationTest {

  private static final double LEVEL = 1 - 1e-4;

  /** P(|x_t| ≤ r for t = 1..T) of the 1-D AR(1) by Nyström with m Gauss–Legendre nodes. */
  static double nystrom(double lambda, double lr, double sigma, double g, double r, int steps, int m) {
    GaussIntegrator gi = new GaussIntegratorFactory().legendre(m, -r, r);
    double[] y = new double[m];
    double[] w = new double[m];
    for (int i = 0; i < m; i++) {
      y[i] = gi.getPoint(i);
      w[i] = gi.getWeight(i);
    }
    double rho = 1 - lr * lambda;
    double s = lr * sigma;
    double drift = -lr * g;
    double[] p = new double[m];
    for (int i = 0; i < m; i++) {
      p[i] = phi((y[i] - drift) / s) / s;
    }
    double[][] kernel = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        kernel[i][j] = w[j] * phi((y[i] - rho * y[j] - drift) / s) / s;
      }
    }
    for (int t = 2; t <= steps; t++) {
      double[] q = new double[m];
      for (int i = 0; i < m; i++) {
        double acc = 0.0;
        for (int j = 0; j < m; j++) {
          acc += kernel[i][j] * p[j];
        }
        q[i] = acc;
      }
      p = q;
    }
    double total = 0.0;
    for (int i = 0; i < m; i++) {
      total += w[i] * p[i];
    }
    return total;
  }

  private static double phi(double x) {
    return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  }

  @Test
  void nystromIsConverged() {
    for (double[] c : new double[][] {{1.0, 0.1, 1.0, 0.0, 0.5, 100}, {0.0, 0.1, 1.0, 0.0, 1.0, 30}, {2.0, 0.2, 1.5, 0.4, 0.6, 60}}) {
      double a = nystrom(c[0], c[1], c[2], c[3], c[4], (int) c[5], 160);
      double b = nystrom(c[0], c[1], c[2], c[3], c[4], (int) c[5], 320);
      assertEquals(b, a, 1e-12);
    }
  }

  @ParameterizedTest
  @CsvSource({
      // lambda, lr, sigma, g, r, T
      "1.0, 0.1, 1.0, 0.0, 0.5, 100",
      "0.0, 0.1, 1.0, 0.0, 1.0, 30",
      "2.0, 0.2, 1.5, 0.4, 0.6, 60"})
  void monteCarloMatchesTheExactOneDimensionalStayingProbability(double lambda, double lr, double sigma, double g,
      double r, int steps) {
    double exact = nystrom(lambda, lr, sigma, g, r, steps, 160);
    QuadraticLandscape q = new QuadraticLandscape(new double[] {lambda}, new double[] {0.0}, new double[] {g}, 0.0);
    StayingMonteCarlo.Result mc = StayingMonteCarlo.estimate(q, new double[] {0.0}, new Ball(r, 1), lr,
        new IsotropicNoise(sigma), steps, 20000, LEVEL, 7, 1);
    BinomialInterval ci = mc.interval();
    assertTrue(ci.lower() <= exact && exact <= ci.upper(), "exact " + exact + " outside " + ci);
    // and the bound lies below the truth (deterministic: it is a valid lower bound)
    Eigenbasis basis = Eigenbasis.of(new double[] {lambda}, 1);
    StayingBound.Bound b = QuadraticUnionBound.INSTANCE.lowerBound(new LocalModel(basis, new double[] {g},
        new double[] {sigma * sigma}, "iso"), new Ball(r, 1), lr, steps);
    assertTrue(b.value() <= exact, "bound " + b.value() + " > exact " + exact);
  }

  @ParameterizedTest
  @CsvSource({
      "1.0, 0.1, 0.3, 0.0, 0.5, 100", "1.0, 0.1, 0.2, 0.0, 1.0, 1000", "0.0, 0.05, 0.5, 0.0, 1.0, 50",
      "-0.5, 0.1, 0.1, 0.0, 1.0, 20", "3.0, 0.5, 0.2, 0.0, 0.5, 40", "1.0, 0.1, 0.3, 0.2, 0.8, 200",
      "0.0, 0.1, 0.0, 0.5, 1.01, 25"})
  void oneDimensionalBoundIsTheUnionOfExactTailsAndBelowTheTruth(double lambda, double lr, double sigma, double g,
      double r, int steps) {
    // Independent closed forms: m_t = -lr g sum_{s<t} rho^s, s_t^2 = lr^2 sigma^2 sum_{s<t} rho^{2s}
    double rho = 1 - lr * lambda;
    double failure = 0.0;
    for (int t = 1; t <= steps; t++) {
      double geo = 0.0;
      double geo2 = 0.0;
      for (int s = 0; s < t; s++) {
        geo += Math.pow(rho, s);
        geo2 += Math.pow(rho, 2 * s);
      }
      double m = -lr * g * geo;
      double sd = lr * sigma * Math.sqrt(geo2);
      failure += sd == 0 ? (Math.abs(m) > r ? 1 : 0)
          : QuadraticUnionBound.upperTail((r - m) / sd) + QuadraticUnionBound.upperTail((r + m) / sd);
    }
    Eigenbasis basis = Eigenbasis.of(new double[] {lambda}, 1);
    StayingBound.Bound b = QuadraticUnionBound.INSTANCE.lowerBound(new LocalModel(basis, new double[] {g},
        new double[] {sigma * sigma}, "iso"), new Ball(r, 1), lr, steps);
    assertEquals(failure, b.failure(), 1e-11 * Math.max(failure, 1e-300) + 1e-300);
    assertEquals(Math.max(0, 1 - failure), b.value(), 1e-12);
    if (sigma > 0) {
      assertTrue(b.value() <= nystrom(lambda, lr, sigma, g, r, steps, 160) + 1e-12);
    }
  }

  @Test
  void ballBoundSplitsTheRadiusInProportionToTheSpread() {
    // two equal directions: half-widths r/sqrt(2) each, so failure = 2 * sum_t 2 Phibar(r / (sqrt 2 s_t))
    double lr = 0.1;
    double sigma = 0.5;
    double r = 1.0;
    int steps = 50;
    Eigenbasis basis = Eigenbasis.of(new double[] {1, 0, 0, 1}, 2);
    StayingBound.Bound b = QuadraticUnionBound.INSTANCE.lowerBound(LocalModel.isotropic(basis, new double[2], sigma),
        new Ball(r, 2), lr, steps);
    double rho = 0.9;
    double failure = 0.0;
    for (int t = 1; t <= steps; t++) {
      double sd = lr * sigma * Math.sqrt((1 - Math.pow(rho, 2 * t)) / (1 - rho * rho));
      failure += 2 * 2 * QuadraticUnionBound.upperTail(r / Math.sqrt(2) / sd);
    }
    assertEquals(failure, b.failure(), 1e-12 * failure);
  }

  /** A PSD 6×6 Hessian with eigenvalues (4, 2, 1, 0.5, 0, 0) in a random basis. */
  private static double[] hessian6() {
    double[] lam = {4, 2, 1, 0.5, 0, 0};
    int n = 6;
    Rng rng = Rng.of(12);
    double[] a = rng.gaussians(n * n, 1.0);
    double[] sym = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        sym[i * n + j] = a[i * n + j] + a[j * n + i];
      }
    }
    Eigenbasis e = Eigenbasis.of(sym, n);
    double[] h = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += e.vector(i, k) * lam[k] * e.vector(j, k);
        }
        h[i * n + j] = s;
        h[j * n + i] = s;
      }
    }
    return h;
  }

  @Test
  void boundLiesBelowTheMonteCarloIntervalOnMultiDimensionalQuadratics() {
    // A valid lower bound b <= p fails "b <= CP upper" only with probability alpha/2. The union
    // bound is loose (it is non-vacuous only where p is near 1), so the configurations are chosen
    // where it is non-vacuous; its sharpness is tested against the exact 1-D probabilities above.
    double[] h = hessian6();
    int n = 6;
    QuadraticLandscape q = new QuadraticLandscape(h, new double[n], new double[n], 0.0);
    Eigenbasis basis = Eigenbasis.of(h, n);
    double lr = 0.1;
    int steps = 40;
    double sigma = 0.4;
    StagnationSet[] sets = {new Ball(1.2, n), new Tube(basis, 2, 0.3, 1.0), new Tube(basis, 2, 0.36, 1.2)};
    for (StagnationSet set : sets) {
      StayingBound.Bound b = QuadraticUnionBound.INSTANCE.lowerBound(LocalModel.isotropic(basis, new double[n], sigma), set,
          lr, steps);
      StayingMonteCarlo.Result mc = StayingMonteCarlo.estimate(q, new double[n], set, lr, new IsotropicNoise(sigma), steps,
          2000, LEVEL, 21, 1);
      assertTrue(b.value() > 0.2, "a non-vacuous case: " + b);
      assertTrue(b.value() <= mc.interval().upper(), set.describe() + ": bound " + b.value() + " above " + mc.interval());
    }
  }

  @Test
  void hessianNoiseModelHasNoNoiseInFlatDirections() {
    // Sigma = sigma^2 H_+: the zero-curvature directions get no noise and never fail
    double[] h = hessian6();
    Eigenbasis basis = Eigenbasis.of(h, 6);
    LocalModel m = LocalModel.hessian(basis, new double[6], 0.5);
    assertEquals(0.0, m.noiseVariance()[5], 1e-12);
    assertEquals(0.25 * 4, m.noiseVariance()[0], 1e-12);
    StayingBound.Bound b = QuadraticUnionBound.INSTANCE.lowerBound(m, new Ball(2.0, 6), 0.1, 100);
    assertTrue(b.value() > 0 && b.value() <= 1);
  }

  @Test
  void ar1VariancesMatchTheRecurrence() {
    // The eigen-coordinates of delta_T have variance s_T^2 = lr^2 sigma^2 (1 - rho^{2T}) / (1 - rho^2):
    // sum over R runs of c^2 / s^2 ~ chi2_R (two-sided, alpha = 1e-6 per direction, 6 directions)
    double[] h = hessian6();
    int n = 6;
    QuadraticLandscape q = new QuadraticLandscape(h, new double[n], new double[n], 0.0);
    Eigenbasis basis = Eigenbasis.of(h, n);
    double lr = 0.1;
    double sigma = 0.8;
    int steps = 30;
    int runs = 5000;
    double[] sum = new double[n];
    for (int r = 0; r < runs; r++) {
      Trainer.Result res = Trainer.run(q, new double[n], Trainer.Settings.noisyGd(lr, new IsotropicNoise(sigma), steps,
          Rng.derive(5, r)), Trainer.SILENT);
      double[] c = basis.coordinates(res.theta());
      for (int j = 0; j < n; j++) {
        sum[j] += c[j] * c[j];
      }
    }
    ChiSquaredDistribution chi = ChiSquaredDistribution.of(runs);
    for (int j = 0; j < n; j++) {
      double rho = 1 - lr * basis.value(j);
      double var = 0;
      for (int s = 0; s < steps; s++) {
        var += lr * lr * sigma * sigma * Math.pow(rho, 2 * s);
      }
      double stat = sum[j] / var;
      assertTrue(stat > chi.inverseCumulativeProbability(5e-7) && stat < chi.inverseSurvivalProbability(5e-7),
          "direction " + j + ": chi2 = " + stat);
    }
  }

  @Test
  void monteCarloIsReproducibleAndIndependentOfThreads() {
    double[] h = hessian6();
    QuadraticLandscape q = new QuadraticLandscape(h, new double[6], new double[6], 0.0);
    StayingMonteCarlo.Result a = StayingMonteCarlo.estimate(q, new double[6], new Ball(1.0, 6), 0.1, new IsotropicNoise(0.6),
        40, 300, 0.95, 3, 1);
    StayingMonteCarlo.Result b = StayingMonteCarlo.estimate(q, new double[6], new Ball(1.0, 6), 0.1, new IsotropicNoise(0.6),
        40, 300, 0.95, 3, 2);
    assertArrayEquals(a.exitSteps(), b.exitSteps());
    assertTrue(a.interval().successes() > 0 && a.interval().successes() < 300, "a case with both outcomes");
    assertEquals(a.interval().successes(), a.survivors(40));
    assertEquals(300, a.survivors(0));
  }

  @Test
  void tubeMembershipAndSampling() {
    double[] h = hessian6();
    Eigenbasis basis = Eigenbasis.of(h, 6);
    Tube tube = new Tube(basis, 2, 0.1, 2.0);
    double[] along = new double[6];
    double[] across = new double[6];
    for (int r = 0; r < 6; r++) {
      along[r] = 0.09 * basis.vector(r, 0);
      across[r] = 1.9 * basis.vector(r, 4);
    }
    double[] both = new double[6];
    for (int r = 0; r < 6; r++) {
      both[r] = along[r] + across[r];
    }
    assertTrue(tube.contains(both));
    for (int r = 0; r < 6; r++) {
      both[r] = 0.11 * basis.vector(r, 1) + across[r];
    }
    assertTrue(!tube.contains(both), "too far across a sharp direction");
    assertEquals(0.11 * 0.11, tube.essentialNormSquared(both), 1e-14);
    Rng rng = Rng.of(1);
    double[] p = new double[6];
    for (int s = 0; s < 1000; s++) {
      tube.sample(1.0, rng, p);
      assertTrue(tube.contains(p));
      tube.sample(0.5, rng, p);
      assertTrue(new Tube(basis, 2, 0.05 + 1e-12, 1.0 + 1e-12).contains(p));
    }
  }

  @Test
  void essentialConvexityOnQuadratics() {
    // PSD H, ball: <H delta, delta> / |delta|^2 lies in [lambda_min, lambda_max]; min over samples >= lambda_min = 0
    double[] h = hessian6();
    QuadraticLandscape q = new QuadraticLandscape(h, new double[6], new double[6], 0.0);
    Eigenbasis basis = Eigenbasis.of(h, 6);
    EssentialConvexity.Result ball = EssentialConvexity.check(q, new double[6], new Ball(1.0, 6), 4, 200, 9);
    assertTrue(ball.kappaSecant() >= -1e-12 && ball.kappaSecant() <= 4, "kappa " + ball.kappaSecant());
    assertEquals(800, ball.samples());
    // tube with P = top-2: <H delta, delta> >= lambda_2 |P delta|^2 = 2 |P delta|^2 (rest PSD)
    EssentialConvexity.Result tube = EssentialConvexity.check(q, new double[6], new Tube(basis, 2, 1.0, 1.0), 4, 200, 9);
    assertTrue(tube.kappaSecant() >= 2 - 1e-9, "kappa " + tube.kappaSecant());
    assertEquals(0, tube.failures());
    // for a quadratic the secant and value ratios coincide: 2(R - R*) = <grad R, delta>
    assertEquals(tube.kappaSecant(), tube.kappaValue(), 1e-9);
    // an indefinite H fails somewhere on the ball
    QuadraticLandscape saddle = QuadraticLandscape.diagonal(new double[] {1.0, -1.0});
    EssentialConvexity.Result s = EssentialConvexity.check(saddle, new double[2], new Ball(1.0, 2), 3, 100, 2);
    assertTrue(s.failures() > 0 && s.kappaSecant() < 0 && s.smallestFailingScale() > 0);
  }

  @Test
  void boundIsRoundedDownNeverUpToOne() {
    assertTrue(Probability.oneMinusDown(1e-20) < 1.0);
    assertEquals(Math.nextDown(1.0), Probability.oneMinusDown(1e-20), 0.0);
    assertEquals(1.0, Probability.oneMinusDown(0.0), 0.0);
    assertEquals(0.75, Probability.oneMinusDown(0.25), 0.0);
    assertEquals(0.0, Probability.oneMinusDown(1.5), 0.0);
    for (double f = 1e-17; f < 1; f *= 1.7) {
      double v = Probability.oneMinusDown(f);
      assertTrue(new java.math.BigDecimal(v).add(new java.math.BigDecimal(f)).compareTo(java.math.BigDecimal.ONE) <= 0, "f = " + f);
    }
  }

  @Test
  void psdFactorClipsNegativeEigenvalues() {
    PsdFactor f = PsdFactor.of(new double[] {1, 0, 0, -2}, 2);
    assertEquals(1, f.clipped());
    assertEquals(2.0, f.clippedMass(), 1e-15);
    assertEquals(-2.0, f.mostNegative(), 1e-15);
    double[] out = new double[2];
    f.apply(new double[] {1, 1}, 1.0, out);
    assertEquals(0.0, out[1], 0.0);
    assertEquals(1.0, Math.abs(out[0]), 1e-15);
  }

  @Test
  void badParametersAreRejected() {
    QuadraticLandscape q = QuadraticLandscape.diagonal(new double[] {1.0});
    assertInput("radius", () -> new Ball(0.0, 1));
    assertInput("radius", () -> new Ball(-1.0, 1));
    assertInput("lr", () -> StayingMonteCarlo.estimate(q, new double[1], new Ball(1, 1), 0.0, new IsotropicNoise(1), 5, 5,
        0.95, 1, 1));
    assertInput("noise sigma", () -> new IsotropicNoise(-1));
    assertInput("runs", () -> StayingMonteCarlo.estimate(q, new double[1], new Ball(1, 1), 0.1, new IsotropicNoise(1), 5,
        StayingMonteCarlo.MAX_RUNS + 1, 0.95, 1, 1));
    assertInput("runs", () -> Memory.require("runs", Long.MAX_VALUE / 4, "runs", "lower --runs"));
    assertInput("steps", () -> StayingMonteCarlo.estimate(q, new double[1], new Ball(1, 1), 0.1, new IsotropicNoise(1), 0, 5,
        0.95, 1, 1));
    Eigenbasis basis = Eigenbasis.of(new double[] {1}, 1);
    assertInput("tube k", () -> new Tube(basis, 2, 1, 1));
    assertInput("tube perpendicular radius", () -> new Tube(basis, 1, 1, 0));
    assertInput("lr", () -> QuadraticUnionBound.INSTANCE.lowerBound(LocalModel.isotropic(basis, new double[1], 1),
        new Ball(1, 1), -0.1, 5));
  }

  static void assertInput(String input, org.junit.jupiter.api.function.Executable e) {
    InvalidInputException ex = assertThrows(InvalidInputException.class, e);
    assertTrue(ex.getMessage().startsWith(input), ex.getMessage());
  }
}
