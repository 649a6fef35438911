package dev.basin.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.base.Rng;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.model.Point;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * spec FLAT-SLQ: m-step Lanczos quadrature integrates polynomials of degree &lt; 2m exactly, so
 * Σ_k w_k θ_k^p equals the mean over starts of q̂ᵀH^pq̂ (q̂ the normalized start) for p = 1, 2, 3
 * (m ≥ 2); and the exact density's nodes are the dense eigenvalues with weights 1/N. Tolerance
 * 1e-10 relative: quadrature and direct products are different roundings of the same sums.
 */
class SpectralDensityTest {

  static LongStream seeds() {
    return LongStream.range(1, 41);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void quadratureReproducesMoments(long seed) {
    Case c = Cases.random(seed);
    Point p = c.objective().at(c.theta());
    int n = p.numParams();
    if (n < 3) {
      return;
    }
    HessianOperator op = HessianOperator.at(p);
    int starts = 3;
    SpectralDensity.Quadrature q = SpectralDensity.slq(op, starts, 3, seed);
    for (int pow = 1; pow <= 3; pow++) {
      double quad = 0.0;
      for (int k = 0; k < q.nodes().length; k++) {
        quad += q.weights()[k] * Math.pow(q.nodes()[k], pow);
      }
      double direct = 0.0;
      for (int l = 0; l < starts; l++) {
        double[] v = TraceEstimator.rademacher(n, Rng.derive(seed, l));
        double nv = Math.sqrt(Krylov.dot(v, v));
        double[] w = Krylov.scaled(v, 1.0 / nv);
        double[] hw = w.clone();
        for (int t = 0; t < pow; t++) {
          double[] next = new double[n];
          op.apply(hw, next);
          hw = next;
        }
        direct += Krylov.dot(w, hw) / starts;
      }
      int pp = pow;
      double scale = Math.max(1e-12, Math.abs(direct)) + Math.pow(Cases.maxAbs(q.nodes()), pow);
      assertEquals(direct, quad, 1e-10 * scale, () -> c + " moment " + pp);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void exactDensityHasUnitMassAndTheTrueTrace(long seed) {
    Case c = Cases.random(seed);
    Point p = c.objective().at(c.theta());
    int n = p.numParams();
    double[] ev = SymmetricEigen.of(p.hessian(), n, false).values();
    SpectralDensity.Quadrature q = SpectralDensity.exact(ev);
    double mass = 0.0;
    for (double w : q.weights()) {
      mass += w;
    }
    assertEquals(1.0, mass, 1e-12);
    double tr = HessianDiagonal.trace(p);
    assertEquals(tr, q.traceEstimate(n), 1e-10 * (1.0 + Cases.maxAbs(ev) * n), c.toString());
    // the smoothed density integrates to 1 (trapezoid on a grid covering ±3 widths beyond the nodes...)
    double width = 0.05 * (1.0 + Cases.maxAbs(ev));
    double[] grid = q.grid(4001, 2.0 * width);
    double[] dens = q.smooth(grid, width);
    double integral = 0.0;
    for (int i = 1; i < grid.length; i++) {
      integral += 0.5 * (dens[i] + dens[i - 1]) * (grid[i] - grid[i - 1]);
    }
    // ... ±6 kernel widths beyond the extreme nodes: the lost Gaussian mass is below 2e-9
    assertEquals(1.0, integral, 1e-6, c.toString());
  }
}
