package dev.basin.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.compute.SimdBackend;
import dev.basin.kernel.ParameterLayout;
import dev.basin.model.Point;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * spec FLAT-DIAG and FLAT-TRACE against the diagonal of the explicit HESS-FULL (an independent
 * computation from closed-form blocks) on random cases of every activation, loss and bias
 * combination. Tolerance: both are sums of the same O(n) products in different orders, so they agree
 * to ~n·u relative; 1e-12 of the largest entry leaves a wide margin.
 */
class DiagonalTest {

  private static final SimdBackend SIMD = SimdBackend.create(1);

  private static final double TOL = 1e-12;

  static LongStream seeds() {
    return LongStream.range(1, 401);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void closedFormDiagonalAndTraceMatchTheFullHessian(long seed) {
    Case c = Cases.random(seed);
    closedFormDiagonalAndTraceMatchTheFullHessian(c, c.objective().at(c.theta()));
  }

  /** The same from the SIMD backend's forward pass (HessianDiagonal takes the point's own pass). */
  @ParameterizedTest
  @MethodSource("seeds")
  void closedFormOnTheSimdBackendMatchesTheFullHessian(long seed) {
    Case c = Cases.random(seed);
    closedFormDiagonalAndTraceMatchTheFullHessian(c, c.objective().withBackend(SIMD).at(c.theta()));
  }

  private static void closedFormDiagonalAndTraceMatchTheFullHessian(Case c, Point p) {
    int n = p.numParams();
    double[] h = p.hessian();
    double[] diag = HessianDiagonal.diagonal(p);
    double scale = Math.max(1.0, Cases.maxAbs(h));
    double trace = 0.0;
    for (int q = 0; q < n; q++) {
      trace += h[q * n + q];
      assertEquals(h[q * n + q], diag[q], TOL * scale, c + " diagonal entry " + q);
    }
    HessianDiagonal.UnitTraces t = HessianDiagonal.unitTraces(p);
    assertEquals(trace, t.trace(), TOL * scale * n, c + " trace");
    ParameterLayout l = c.objective().layout();
    for (int j = 0; j < l.hidden(); j++) {
      double in = l.hasHiddenBias() ? diag[l.offsetB1() + j] : 0.0;
      for (int m = 0; m < l.inputs(); m++) {
        in += diag[j * l.inputs() + m];
      }
      double out = 0.0;
      for (int o = 0; o < l.outputs(); o++) {
        out += diag[l.offsetW2() + o * l.hidden() + j];
      }
      assertEquals(in, t.in()[j], TOL * scale * n, c + " A_" + j);
      assertEquals(out, t.out()[j], TOL * scale * n, c + " B_" + j);
    }
    double bias = 0.0;
    for (int o = 0; l.hasOutputBias() && o < l.outputs(); o++) {
      bias += diag[l.offsetB2() + o];
    }
    assertEquals(bias, t.outputBias(), TOL * scale * n, c + " C");
    assertTrue(Double.isFinite(t.trace()));
  }
}
