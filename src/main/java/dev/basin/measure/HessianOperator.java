package dev.basin.measure;

import dev.basin.compute.ForwardQuantities;
import dev.basin.base.Rng;
import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.HessianVector;
import dev.basin.kernel.Problem;
import dev.basin.model.Point;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The Hessian ∇²L(θ) at a {@link Point} as an operator. {@link #apply} goes through the point's
 * backend (the fast path). {@link #applyCertified} pairs a product with the rounding bound of
 * {@link HvpErrorBound} (spec FLAT-HVP-ERROR): it uses the point's backend when that backend offers
 * the forward quantities its products are covered by ({@link Point#forwardQuantities}: the
 * reference kernel and COMPUTE-SIMD), and the reference kernel otherwise. Safe for use by one
 * thread at a time.
 */
public final class HessianOperator implements CertifiableOperator {

  private final Point point;
  private final Problem problem;
  private final double[] theta;
  /** Whether the point's backend products are certified (decided with the bound, on first use). */
  private boolean own;
  /** The point's forward quantities, fetched once (null when its backend offers none). */
  private @Nullable ForwardQuantities quantities;
  private boolean fetched;
  private @Nullable ForwardPass reference;
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
    if (own) {
      point.hvpTrusted(v, out);
    } else {
      HessianVector.apply(problem, theta, referencePass(), v, out);
    }
    double[] b = eb.bound(v);
    System.arraycopy(b, 0, bound, 0, b.length);
  }

  /** The error bound of the certified products at this point (built on first use). */
  public HvpErrorBound errorBound() {
    HvpErrorBound eb = errorBound;
    if (eb == null) {
      ForwardQuantities f = quantities();
      own = f != null;
      eb = f != null ? HvpErrorBound.of(problem, theta, f) : HvpErrorBound.of(problem, theta, referencePass());
      errorBound = eb;
    }
    return eb;
  }

  private @Nullable ForwardQuantities quantities() {
    if (!fetched) {
      quantities = point.forwardQuantities();
      fetched = true;
    }
    return quantities;
  }

  /**
   * FLAT-LANCZOS "Start": for the largest eigenvalues, g/‖g‖ + u with g Gaussian (drawn first) and
   * u the unit top Ritz vector of the output-layer block ({@link OutputBlock}, from a second
   * Gaussian draw) in the W2/b2 coordinates. The top eigenvector of a net's Hessian often lies
   * mostly there (99 % of its mass on the 784-512-10 benchmark net, bench/REPORT.md), so the run
   * skips the steps that a random start spends finding that direction; g keeps every direction in
   * the start. Otherwise (or when the backend offers no forward quantities, or the block's top
   * Ritz value is not positive) g alone.
   */
  @Override
  public double[] lanczosStart(Rng rng, boolean largestOnly) {
    double[] g = rng.gaussians(dim(), 1.0);
    ForwardQuantities f = largestOnly ? quantities() : null;
    if (f == null) {
      return g;
    }
    OutputBlock block = new OutputBlock(problem, f);
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

  private ForwardPass referencePass() {
    ForwardPass f = reference;
    if (f == null) {
      f = ForwardPass.compute(problem, theta);
      reference = f;
    }
    return f;
  }

  /** The backend whose products the certificates use ("reference" when the point's cannot be bounded). */
  public String certifiedBackend() {
    errorBound();
    return own ? point.objective().backend().name() : "reference";
  }

  /** The number of Hessian-vector products taken so far (fast and certified). */
  public long products() {
    return products;
  }
}
