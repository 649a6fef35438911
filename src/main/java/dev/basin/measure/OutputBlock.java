package dev.basin.measure;

import dev.basin.compute.OutputCurvature;
import dev.basin.compute.ForwardQuantities;
import dev.basin.compute.Gemm;
import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;
import dev.basin.linalg.SymmetricEigen;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The output-layer block of the Hessian, H_{(W2,b2),(W2,b2)} = c Σ_i M_i ⊗ ã_iã_iᵀ (HESS-GN; f is
 * linear in W2 and b2, so HESS-RESIDUAL has no entry there), as an operator on the k·h (+ k)
 * output parameters in NET-PARAM-ORDER, from a forward pass. A product is two n×k×h matrix
 * products, about 1/80 of an HVP on a 784-512-10 net, which is what makes it a cheap start for
 * Lanczos (FLAT-LANCZOS "Start"). Immutable; the forward quantities are shared, not copied.
 */
final class OutputBlock implements SymmetricOperator {

  /** Block Lanczos steps for the start guess at most; the guess only has to point the right way. */
  static final int GUESS_STEPS = 30;
  /** Relative residual estimate at which the guess is good enough (10⁻¹ cost the benchmark net a step). */
  static final double GUESS_TOLERANCE = 1e-2;

  private final int n;
  private final int h;
  private final int k;
  private final boolean hasB2;
  private final double c;
  private final double[] a;
  private final OutputCurvature m;

  /** The block of p's Hessian at the point whose forward quantities are f (not modified). */
  OutputBlock(Problem p, ForwardQuantities f) {
    ParameterLayout l = p.layout();
    this.n = p.samples();
    this.h = l.hidden();
    this.k = l.outputs();
    this.hasB2 = l.hasOutputBias();
    this.c = p.scale();
    this.a = f.activations();
    this.m = OutputCurvature.of(p.loss(), f.outputs(), n, k);
  }

  @Override
  public int dim() {
    return k * h + (hasB2 ? k : 0);
  }

  /** out = H_block·v: U = A·V2ᵀ + 1·vb2ᵀ, R = c·(M_i u_i)_i, (out)_W2 = RᵀA, (out)_b2 = Σ_i r_i. */
  @Override
  public void apply(double[] v, double[] out) {
    double[] u = new double[n * k];
    Gemm.multiply(n, k, h, a, h, false, v, h, true, u, false);
    if (hasB2) {
      for (int i = 0; i < n; i++) {
        for (int o = 0; o < k; o++) {
          u[i * k + o] += v[k * h + o];
        }
      }
    }
    m.timesInPlace(c, u, k);
    Gemm.multiply(k, h, n, u, k, true, a, h, false, out, false);
    if (hasB2) {
      for (int o = 0; o < k; o++) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
          s += u[i * k + o];
        }
        out[k * h + o] = s;
      }
    }
  }

  /**
   * A unit guess at the block's top eigenvector: the top Ritz vector of a short Lanczos run from
   * start (not modified; non-zero), stopped at {@link #GUESS_TOLERANCE} or {@link #GUESS_STEPS}.
   * Returns null when the block's top Ritz value is not positive (no useful direction).
   */
  double @Nullable [] topGuess(double[] start) {
    Krylov kr = new Krylov(this, start);
    int cap = Math.min(GUESS_STEPS, dim());
    while (true) {
      double b = kr.step();
      int s = kr.size();
      SymmetricEigen.Result t = SymmetricEigen.tridiagonal(kr.alphas(), kr.offDiagonal(), true);
      double theta = t.values()[s - 1];
      double[] y = t.vector(s - 1);
      if (s >= cap || !(b > 0.0) || Math.abs(b * y[s - 1]) <= GUESS_TOLERANCE * Math.abs(theta)) {
        if (!(theta > 0.0)) {
          return null;
        }
        double[] g = kr.combine(y);
        double ng = Math.sqrt(Krylov.dot(g, g));
        for (int i = 0; i < g.length; i++) {
          g[i] /= ng;
        }
        return g;
      }
    }
  }
}
