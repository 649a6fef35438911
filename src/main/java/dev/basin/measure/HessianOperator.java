package dev.basin.measure;

import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.HessianVector;
import dev.basin.kernel.Problem;
import dev.basin.model.Point;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The Hessian ∇²L(θ) at a {@link Point} as an operator. {@link #apply} goes through the point's
 * backend (the fast path); {@link #applyCertified} always uses the reference kernel, whose
 * rounding {@link HvpErrorBound} bounds (spec FLAT-HVP-ERROR), so certificates do not depend on
 * which backend ran an iteration. Safe for use by one thread at a time.
 */
public final class HessianOperator implements CertifiableOperator {

  private final Point point;
  private final Problem problem;
  private final double[] theta;
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
    HessianVector.apply(problem, theta, referencePass(), v, out);
    double[] b = eb.bound(v);
    System.arraycopy(b, 0, bound, 0, b.length);
  }

  /** The error bound of the reference HVP at this point (built on first use). */
  public HvpErrorBound errorBound() {
    HvpErrorBound eb = errorBound;
    if (eb == null) {
      eb = HvpErrorBound.of(problem, theta, referencePass());
      errorBound = eb;
    }
    return eb;
  }

  private ForwardPass referencePass() {
    ForwardPass f = reference;
    if (f == null) {
      f = ForwardPass.compute(problem, theta);
      reference = f;
    }
    return f;
  }

  /** The number of Hessian-vector products taken so far (fast and certified). */
  public long products() {
    return products;
  }
}
