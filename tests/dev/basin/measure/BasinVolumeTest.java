package dev.basin.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.testing.Toy;
import org.apache.commons.numbers.gamma.LogGamma;
import org.junit.jupiter.api.Test;

/**
 * spec FLAT-VOLUME. Reference volumes of ellipsoids {Σ a_i θ_i² &lt; R²}: vol = V_D R^D / Π √a_i, with
 * V_D = π^{D/2}/Γ(D/2 + 1); the radial function is r(u) = R/√(Σ a_i u_i²). Exit radii are bisected to
 * relative 1e-6, so log r is within 1e-6 and log vol within D·1e-6.
 */
class BasinVolumeTest {

  private static double logUnitBall(int dim) {
    return 0.5 * dim * Math.log(Math.PI) - LogGamma.value(0.5 * dim + 1.0);
  }

  /** A ball of radius 0.1 in D = 400: r^D = 1e-400 underflows; the log-space estimator is exact. */
  @Test
  void highDimensionalBallInLogSpace() {
    int dim = 400;
    double[] centre = new double[dim];
    BasinVolume.VolumeEstimate e = BasinVolume.estimate(centre, p -> Krylov.dot(p, p) < 0.01,
        new BasinVolume.Options(20, 1e-3, 10.0, 0.95, 1));
    double exact = logUnitBall(dim) + dim * Math.log(0.1);
    assertEquals(exact, e.logVolume(), dim * 2e-6);
    assertEquals(20.0, e.effectiveSampleSize(), 0.5, "equal radii: every direction counts");
    assertTrue(e.reliable());
  }

  /**
   * An ellipsoid in D = 4 (a = 1, 2, 4, 8, R = 1): the level-0.999 interval must contain the exact
   * log-volume (seeded; false-failure probability ~1e-3 if the CLT interval is accurate at M = 4000).
   */
  @Test
  void ellipsoidVolumeWithinTheInterval() {
    double[] a = {1, 2, 4, 8};
    double[] centre = new double[4];
    BasinVolume.VolumeEstimate e = BasinVolume.estimate(centre, p -> {
      double s = 0.0;
      for (int i = 0; i < 4; i++) {
        s += a[i] * p[i] * p[i];
      }
      return s < 1.0;
    }, new BasinVolume.Options(4000, 0.01, 100.0, 0.999, 2));
    double exact = logUnitBall(4) - 0.5 * Math.log(64.0);
    Double low = e.low();
    assertNotNull(low);
    assertTrue(low <= exact && exact <= e.high(), "[" + low + ", " + e.high() + "] misses " + exact);
    assertTrue(e.high() - low < 0.2, "interval too wide to mean anything");
  }

  /**
   * The Dinh toy's ε-sublevel set along a ray: S(p(t))² &lt; ε with p(t) = (1 + tu₁)(2 + tu₂) − 2, a
   * quadratic in t; every radius must be the first root of |p(t)| = √(ε/S) (to the bisection
   * tolerance), and the run is reproducible.
   */
  @Test
  void toySublevelRadiiAreTheFirstExits() {
    double eps = 0.01;
    BasinVolume.Options o = new BasinVolume.Options(30, 1e-4, 50.0, 0.95, 5);
    BasinVolume.VolumeEstimate e = BasinVolume.sublevel(Toy.objective(), Toy.net(1.0).parameters(), eps, o);
    BasinVolume.VolumeEstimate again = BasinVolume.sublevel(Toy.objective(), Toy.net(1.0).parameters(), eps, o);
    assertArrayEquals(e.radii(), again.radii(), 0.0);
    double level = Math.sqrt(eps / Toy.S);
    for (int j = 0; j < 30; j++) {
      double[] u = dev.basin.base.Rng.of(dev.basin.base.Rng.derive(5, j)).gaussians(2, 1.0);
      double nu = Math.hypot(u[0], u[1]);
      double u1 = u[0] / nu;
      double u2 = u[1] / nu;
      // p(t) = t(2u1 + u2) + t² u1 u2; first t > 0 with |p| = level
      double exit = Double.POSITIVE_INFINITY;
      for (double target : new double[] {level, -level}) {
        double qa = u1 * u2;
        double qb = 2 * u1 + u2;
        double[] roots = qa == 0 ? new double[] {target / qb}
            : new double[] {(-qb + Math.sqrt(qb * qb + 4 * qa * target)) / (2 * qa),
                (-qb - Math.sqrt(qb * qb + 4 * qa * target)) / (2 * qa)};
        for (double t : roots) {
          if (t > 0 && Double.isFinite(t)) {
            exit = Math.min(exit, t);
          }
        }
      }
      assertEquals(exit, e.radii()[j], 2e-6 * exit, "direction " + j);
    }
  }

  /** FLAT-VOLUME-ATTRACTION smoke check: radii positive, reproducible, and no larger than r_max. */
  @Test
  void attractionRadiiAreReproducible() {
    BasinVolume.Options o = new BasinVolume.Options(4, 1e-3, 1.0, 0.95, 3);
    BasinVolume.VolumeEstimate a = BasinVolume.attraction(Toy.objective(), Toy.net(1.0).parameters(), 0.005, 200, 0.05, o);
    BasinVolume.VolumeEstimate b = BasinVolume.attraction(Toy.objective(), Toy.net(1.0).parameters(), 0.005, 200, 0.05, o);
    assertArrayEquals(a.radii(), b.radii(), 0.0);
    for (double r : a.radii()) {
      assertTrue(r > 0.0 && r <= 1.0);
    }
  }
  /**
   * spec FLAT-VOLUME-RATIO: balls of radius 0.2 and 0.1 around the same centre, measured along the
   * same directions, have exit radii 0.2 and 0.1 (to the bisection's relative 1e-6) in every
   * direction, so the paired log ratio is D·ln 2 with a zero-width interval up to that tolerance.
   */
  @Test
  void pairedLogRatioOfTwoBallsIsDLog2() {
    int dim = 50;
    double[] centre = new double[dim];
    BasinVolume.Options o = new BasinVolume.Options(10, 1e-3, 10.0, 0.95, 3);
    BasinVolume.VolumeEstimate big = BasinVolume.estimate(centre, p -> Krylov.dot(p, p) < 0.04, o);
    BasinVolume.VolumeEstimate small = BasinVolume.estimate(centre, p -> Krylov.dot(p, p) < 0.01, o);
    Estimate r = BasinVolume.pairedLogRatio(big, small, 0.95);
    assertEquals(dim * Math.log(2.0), r.value(), dim * 4e-6);
    assertTrue(r.low() > dim * Math.log(2.0) - dim * 4e-6 && r.high() < dim * Math.log(2.0) + dim * 4e-6, r.toString());
    assertEquals(10, r.samples());
  }

  @Test
  void pairedLogRatioRefusesDifferentDimensions() {
    BasinVolume.Options o = new BasinVolume.Options(4, 1e-3, 10.0, 0.95, 3);
    BasinVolume.VolumeEstimate a = BasinVolume.estimate(new double[3], p -> Krylov.dot(p, p) < 1, o);
    BasinVolume.VolumeEstimate b = BasinVolume.estimate(new double[4], p -> Krylov.dot(p, p) < 1, o);
    org.junit.jupiter.api.Assertions.assertThrows(dev.basin.base.InvalidInputException.class,
        () -> BasinVolume.pairedLogRatio(a, b, 0.95));
  }
}
