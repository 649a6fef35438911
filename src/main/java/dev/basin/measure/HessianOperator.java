package dev.basin.measure;

import dev.basin.base.Rng;
import dev.basin.kernel.Problem;
import dev.basin.model.Point;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The Hessian ∇²L(θ) at a {@link Point} as an operator. {@link #apply} goes through the point's
 * backend. {@link #applyCertified} pairs the same backend's product with the rounding bound of
 * {@link HvpErrorBound} (spec FLAT-HVP-ERROR), built from that backend's own forward quantities
 * and declared error model (spec COMPUTE-ERROR-MODEL), so certificates hold whichever backend
 * computed the products. Safe for use by one thread at a time.
 */
public final class HessianOperator implements CertifiableOperator {

  private final Point point;
  private final Problem problem;
  private final double[] theta;
  private @Nullable HvpErrorBound errorBound;
  private long products;

  private HessianOperator(Point point) {
    this.point = point;
    this.problem = point.objective().problem();
    this.theta = point.theta();
  }

  /** The Hessian at a point. */
  public static HessianOperator at(Point point) {
    return new HessianOperator(point);
  }

  /** The point. */
  public Point point() {
    return point;
  }

  @Override
  public int dim() {
    return theta.length;
  }

  @Override
  public void apply(double[] v, double[] out) {
    products++;
    point.hvpTrusted(v, out);
  }

  @Override
  public void applyBatch(double[][] vs, double[][] outs) {
    products += vs.length;
    point.hvpBatchTrusted(vs, outs);
  }

  @Override
  public void applyCertified(double[] v, double[] out, double[] bound) {
    products++;
    HvpErrorBound eb = errorBound();
    point.hvpTrusted(v, out);
    double[] b = eb.bound(v);
    System.arraycopy(b, 0, bound, 0, b.length);
  }

  /** The error bound of the certified products at this point (built on first use). */
  public HvpErrorBound errorBound() {
    HvpErrorBound eb = errorBound;
    if (eb == null) {
      eb = HvpErrorBound.of(point.evaluation(), theta);
      errorBound = eb;
    }
    return eb;
  }

  /**
   * FLAT-LANCZOS "Start": for the largest eigenvalues, g/‖g‖ + u with g Gaussian (drawn first) and
   * u the unit top Ritz vector of the output-layer block ({@link OutputBlock}, from a second
   * Gaussian draw) in the W2/b2 coordinates. The top eigenvector of a net's Hessian often lies
   * mostly there (99 % of its mass on the 784-512-10 benchmark net, bench/REPORT.md), so the run
   * skips the steps that a random start spends finding that direction; g keeps every direction in
   * the start. Otherwise (or when the block's top Ritz value is not positive) g alone.
   */
  @Override
  public double[] lanczosStart(Rng rng, boolean largestOnly) {
    double[] g = rng.gaussians(dim(), 1.0);
    if (!largestOnly) {
      return g;
    }
    OutputBlock block = new OutputBlock(problem, point.forwardQuantities());
    double[] u = block.topGuess(rng.gaussians(block.dim(), 1.0));
    if (u == null) {
      return g;
    }
    double s = 1.0 / Math.sqrt(Krylov.dot(g, g));
    for (int i = 0; i < g.length; i++) {
      g[i] *= s;
    }
    int ow2 = problem.layout().offsetW2();
    for (int i = 0; i < u.length; i++) {
      g[ow2 + i] += u[i];
    }
    return g;
  }

  /** The backend whose products the certificates use (the point's). */
  public String certifiedBackend() {
    return point.objective().backend().name();
  }

  /** The number of Hessian-vector products taken so far (fast and certified). */
  public long products() {
    return products;
  }
}
