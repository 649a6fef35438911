package dev.basin.dynamics.noise;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.Problem;
import dev.basin.model.Objective;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OutputVjp (spec DYN-VJP) against two independent kernel computations: with u_i = c·g_i it must
 * equal ∇L (NET-GRAD, kernel Gradient), and the Jacobians it yields for unit cotangents must
 * assemble to the Gauss–Newton matrix c Σ J_iᵀ M_i J_i of FullHessian (HESS-GN).
 *
 * <p>Tolerance: both sides sum the same O(n·h) products in different association orders, so
 * they agree to a few hundred ulps of the largest entry; {@link #TOL} = 1e-12 relative.
 */
class OutputVjpTest {

  private static final double TOL = 1e-12;

  static LongStream seeds() {
    return LongStream.range(1, 201);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void lossGradientCotangentsGiveTheGradient(long seed) {
    Case c = Cases.random(seed);
    Problem p = c.objective().problem();
    ForwardPass f = ForwardPass.compute(p, c.theta());
    double[] g = f.outputGradients();
    double[] u = new double[g.length];
    for (int q = 0; q < g.length; q++) {
      u[q] = p.scale() * g[q];
    }
    double[] out = new double[c.theta().length];
    OutputVjp.apply(p, f, c.theta(), u, out);
    double[] expected = c.objective().gradient(c.theta());
    double scale = Math.max(1.0, Cases.maxAbs(expected));
    assertTrue(Cases.maxAbsDiff(out, expected) <= TOL * scale, () -> c + " |vjp - grad| = " + Cases.maxAbsDiff(out, expected));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void unitCotangentsAssembleTheGaussNewtonMatrix(long seed) {
    Case c = Cases.random(seed);
    Objective obj = c.objective();
    Problem p = obj.problem();
    ForwardPass f = ForwardPass.compute(p, c.theta());
    int n = p.samples();
    int k = p.layout().outputs();
    int nn = c.theta().length;
    double[] gn = new double[nn * nn];
    double[] m = new double[k * k];
    double[][] jac = new double[k][nn];
    for (int i = 0; i < n; i++) {
      for (int o = 0; o < k; o++) {
        double[] u = new double[n * k];
        u[i * k + o] = 1.0;
        OutputVjp.apply(p, f, c.theta(), u, jac[o]);
      }
      p.loss().sampleHessianMatrix(f.outputs(), i * k, k, m);
      for (int a = 0; a < nn; a++) {
        for (int b = 0; b < nn; b++) {
          double s = 0.0;
          for (int o = 0; o < k; o++) {
            for (int o2 = 0; o2 < k; o2++) {
              s += jac[o][a] * m[o * k + o2] * jac[o2][b];
            }
          }
          gn[a * nn + b] += p.scale() * s;
        }
      }
    }
    double[] expected = obj.at(c.theta()).gaussNewton();
    double scale = Math.max(1.0, Cases.maxAbs(expected));
    assertTrue(Cases.maxAbsDiff(gn, expected) <= TOL * scale, () -> c + " |J^T M J - G| = " + Cases.maxAbsDiff(gn, expected));
  }
}
