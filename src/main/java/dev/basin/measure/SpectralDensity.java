package dev.basin.measure;

import dev.basin.base.Rng;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.model.Checks;

/**
 * The spectral density of a symmetric operator (spec FLAT-SLQ): stochastic Lanczos quadrature from
 * seeded Rademacher starts, or the exact density from all eigenvalues. Nodes and weights are kept
 * unsmoothed; {@link Quadrature#smooth} applies a Gaussian kernel.
 */
public final class SpectralDensity {

  /** The default Gaussian kernel width as a share of the node range: 1 %, narrow enough to show separate bulks. */
  public static final double DEFAULT_WIDTH_SHARE = 0.01;

  private SpectralDensity() {}

  /**
   * A discrete spectral measure Σ w_k δ(t − node_k) with Σ w_k = 1.
   *
   * @param nodes quadrature nodes (Ritz values, or eigenvalues when exact)
   * @param weights their weights, summing to 1
   * @param starts number of starting vectors (0 when exact)
   * @param steps Lanczos steps per start (0 when exact)
   * @param exact whether this is the exact spectrum (weights 1/N)
   */
  public record Quadrature(double[] nodes, double[] weights, int starts, int steps, boolean exact) {

    /** The density Σ w_k g_s(t − node_k) at every grid point (fresh), Gaussian kernel of std s &gt; 0. */
    public double[] smooth(double[] grid, double width) {
      Checks.positive("kernel width", width);
      double norm = 1.0 / (width * Math.sqrt(2.0 * Math.PI));
      double[] out = new double[grid.length];
      for (int g = 0; g < grid.length; g++) {
        double s = 0.0;
        for (int k = 0; k < nodes.length; k++) {
          double z = (grid[g] - nodes[k]) / width;
          s += weights[k] * Math.exp(-0.5 * z * z);
        }
        out[g] = norm * s;
      }
      return out;
    }

    /** N·Σ w_k f(node_k) for f(t) = t: the trace estimate implied by the quadrature. */
    public double traceEstimate(int n) {
      double s = 0.0;
      for (int k = 0; k < nodes.length; k++) {
        s += weights[k] * nodes[k];
      }
      return n * s;
    }

    /**
     * The default kernel width: {@link #DEFAULT_WIDTH_SHARE} of the node range, and at least
     * 10⁻¹² of the largest |node| (or 10⁻¹²) so that a single-node spectrum still has a width.
     */
    public double defaultWidth() {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : nodes) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      return Math.max(DEFAULT_WIDTH_SHARE * (hi - lo), 1e-12 * Math.max(1.0, Math.max(Math.abs(lo), Math.abs(hi))));
    }

    /** An evenly spaced grid of {@code points} (≥ 2) covering the nodes ± 3 kernel widths. */
    public double[] grid(int points, double width) {
      Checks.atLeast("grid points", points, 2);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : nodes) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      lo -= 3.0 * width;
      hi += 3.0 * width;
      double[] g = new double[points];
      for (int i = 0; i < points; i++) {
        g[i] = lo + (hi - lo) * i / (points - 1);
      }
      return g;
    }
  }

  /**
   * Stochastic Lanczos quadrature: {@code starts} (≥ 1) normalized Rademacher starts (stream
   * {@code Rng.derive(seed, l)}), {@code steps} (≥ 1, at most N) Lanczos steps each; a start
   * whose Krylov space is invariant early gives fewer (exact) nodes.
   */
  public static Quadrature slq(SymmetricOperator op, int starts, int steps, long seed) {
    Checks.atLeast("starts", starts, 1);
    Checks.atLeast("steps", steps, 1);
    int m = Math.min(steps, op.dim());
    double[] nodes = new double[starts * m];
    double[] weights = new double[starts * m];
    int used = 0;
    for (int l = 0; l < starts; l++) {
      Krylov kr = new Krylov(op, TraceEstimator.rademacher(op.dim(), Rng.derive(seed, l)));
      double maxAlpha = 0.0;
      while (kr.size() < m) {
        double b = kr.step();
        double[] al = kr.alphas();
        maxAlpha = Math.max(maxAlpha, Math.abs(al[al.length - 1]));
        if (!(b > Lanczos.BREAKDOWN * Math.max(maxAlpha, Double.MIN_NORMAL))) {
          break;
        }
      }
      SymmetricEigen.Result t = SymmetricEigen.tridiagonal(kr.alphas(), kr.offDiagonal(), true);
      int size = t.size();
      for (int k = 0; k < size; k++) {
        double y0 = t.vector(k)[0];
        nodes[used] = t.values()[k];
        weights[used] = y0 * y0 / starts;
        used++;
      }
    }
    return new Quadrature(java.util.Arrays.copyOf(nodes, used), java.util.Arrays.copyOf(weights, used), starts, m, false);
  }

  /** The exact spectral measure of all eigenvalues (not modified), weight 1/N each. */
  public static Quadrature exact(double[] eigenvalues) {
    int n = eigenvalues.length;
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1.0 / n);
    return new Quadrature(eigenvalues.clone(), w, 0, 0, true);
  }
}
