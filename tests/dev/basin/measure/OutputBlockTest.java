package dev.basin.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.compute.ForwardQuantities;
import dev.basin.base.Rng;
import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;
import dev.basin.testing.BigHvp;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import java.math.BigDecimal;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link OutputBlock} is the (W2, b2) × (W2, b2) block of the Hessian (HESS-GN: c Σ_i M_i ⊗ ã_iã_iᵀ),
 * checked against the 60-digit HESS-HVP ({@link BigHvp}) of the same direction padded with zeros:
 * the W2/b2 rows of H·(0, 0, v2, vb2) are the block times (v2, vb2). Error budget 1e-12 relative to
 * 1 + max|Hv|: these cases (n ≤ 7, h ≤ 6, k ≤ 4) put at most ~30 roundings on a term, ≪ 4500u.
 * And the start that {@link HessianOperator#lanczosStart} builds from it is FLAT-LANCZOS "Start".
 */
class OutputBlockTest {

  static LongStream seeds() {
    return LongStream.range(1, 151);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void productIsTheOutputBlockOfTheHessian(long seed) {
    Case c = Cases.random(seed);
    Problem p = c.objective().problem();
    double[] theta = c.theta();
    OutputBlock block = blockOf(c);
    int ow2 = p.layout().offsetW2();
    assertEquals(theta.length - ow2, block.dim(), c + ": the block is W2 and b2");
    double[] v2 = Rng.of(seed).gaussians(block.dim(), 1.0);
    double[] v = new double[theta.length];
    System.arraycopy(v2, 0, v, ow2, v2.length);
    BigDecimal[] exact = BigHvp.hvp(p, theta, v);
    double[] out = new double[block.dim()];
    block.apply(v2, out);
    double scale = 1.0;
    for (BigDecimal e : exact) {
      scale = Math.max(scale, 1.0 + Math.abs(e.doubleValue()));
    }
    for (int q = 0; q < out.length; q++) {
      double err = Math.abs(out[q] - exact[ow2 + q].doubleValue());
      int qq = q;
      double s = scale;
      assertTrue(err <= 1e-12 * s, () -> c + " component " + qq + ": error " + err + " at scale " + s);
    }
  }

  /**
   * The largest-only start is g/‖g‖ + u: the same Gaussian g as the plain start (drawn first), plus a
   * unit vector u on the W2/b2 coordinates; or g itself when the block has no positive Ritz value
   * (e.g. ce with k = 1, whose M_i = 0).
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void largestOnlyStartIsTheGaussianPlusAUnitOutputBlockVector(long seed) {
    Case c = Cases.random(seed);
    HessianOperator op = HessianOperator.at(c.objective().at(c.theta()));
    double[] g = op.lanczosStart(Rng.of(seed), false);
    assertEquals(0.0, Cases.maxAbsDiff(g, Rng.of(seed).gaussians(op.dim(), 1.0)), 0.0, c + ": plain start is the Gaussian");
    double[] s = op.lanczosStart(Rng.of(seed), true);
    if (Cases.maxAbsDiff(s, g) == 0.0) {
      // only when the (PSD) block annihilates its own start, the second Gaussian draw
      OutputBlock block = blockOf(c);
      Rng r = Rng.of(seed);
      r.gaussians(op.dim(), 1.0);
      double[] w = r.gaussians(block.dim(), 1.0);
      double[] bw = new double[w.length];
      block.apply(w, bw);
      assertEquals(0.0, Cases.maxAbs(bw), 1e-12, c + ": fell back with a non-zero block");
      return;
    }
    double ng = Math.sqrt(Krylov.dot(g, g));
    double[] u = new double[g.length];
    for (int i = 0; i < g.length; i++) {
      u[i] = s[i] - g[i] / ng;
    }
    ParameterLayout l = c.objective().problem().layout();
    for (int i = 0; i < l.offsetW2(); i++) {
      assertEquals(0.0, u[i], 1e-15, c + ": the guess touches no W1/b1 coordinate");
    }
    double nu = Math.sqrt(Krylov.dot(u, u));
    assertEquals(1.0, nu, 1e-12, c + ": the guess is a unit vector");
  }

  /** The block at the case's point, from the reference forward pass. */
  private static OutputBlock blockOf(Case c) {
    Problem p = c.objective().problem();
    return new OutputBlock(p, ForwardQuantities.of(ForwardPass.compute(p, c.theta())));
  }
}
