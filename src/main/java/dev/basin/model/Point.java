package dev.basin.model;

import dev.basin.base.Memory;
import dev.basin.base.InvalidInputException;
import dev.basin.compute.Evaluation;
import dev.basin.compute.ForwardQuantities;
import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.FullHessian;
import dev.basin.kernel.ParameterLayout;

/**
 * An {@link Objective} evaluated at one θ: loss, gradient, Hessian-vector products (forward pass
 * cached, one R-pass each) and the explicit Hessian and its Gauss–Newton / residual split (spec
 * HESS-HVP, HESS-FULL, HESS-GN, HESS-RESIDUAL). Safe for use by one thread at a time.
 */
public final class Point {

  private final Objective objective;
  private final double[] theta;
  private final Evaluation eval;

  Point(Objective objective, double[] theta, Evaluation eval) {
    this.objective = objective;
    this.theta = theta;
    this.eval = eval;
  }

  /** The objective. */
  public Objective objective() {
    return objective;
  }

  /** A copy of θ. */
  public double[] theta() {
    return theta.clone();
  }

  /** θ itself, shared with the point (validated; do not modify): for readers that would only copy it. */
  public double[] thetaShared() {
    return theta;
  }

  /** N. */
  public int numParams() {
    return theta.length;
  }

  /** L(θ). */
  public double loss() {
    return eval.loss();
  }

  /** f(x_i) for all samples, n·k row-major (fresh). */
  public double[] outputs() {
    return eval.outputs();
  }

  /** ∇L(θ) (fresh). */
  public double[] gradient() {
    double[] g = new double[theta.length];
    eval.gradient(g);
    return g;
  }

  /** ∇²L(θ)·v (fresh); v is validated (length N, finite) and not modified. */
  public double[] hvp(double[] v) {
    double[] out = new double[theta.length];
    hvp(v, out);
    return out;
  }

  /** Writes ∇²L(θ)·v to out (modified); v is validated and not modified. */
  public void hvp(double[] v, double[] out) {
    Checks.length("v", v, theta.length, "N");
    Checks.length("Hv output", out, theta.length, "N");
    if (v == out) {
      throw new InvalidInputException("v", "must not be the output array");
    }
    Checks.finite("v", v);
    eval.hvp(v, out);
  }

  /**
   * Unchecked HVP for inner loops of measures that built v themselves (finite, length N, distinct
   * from out). v not modified; out modified.
   */
  public void hvpTrusted(double[] v, double[] out) {
    eval.hvp(v, out);
  }

  /** Batched HVPs: outs[j] = H vs[j] (vs not modified, outs modified; unchecked like hvpTrusted). */
  public void hvpBatchTrusted(double[][] vs, double[][] outs) {
    eval.hvpBatch(vs, outs);
  }

  /**
   * The forward pass behind this point's products (its backend's own quantities, from which spec
   * FLAT-HVP-ERROR bounds them; {@link Evaluation#forwardQuantities}).
   */
  public ForwardQuantities forwardQuantities() {
    return eval.forwardQuantities();
  }

  /** The backend's evaluation at this point (its products, error model and matrix products). */
  public Evaluation evaluation() {
    return eval;
  }

  /** The full Hessian ∇²L(θ), N×N row-major (fresh). */
  public double[] hessian() {
    return explicit(FullHessian.FULL);
  }

  /** The Gauss–Newton part G = c Σ J_iᵀ M_i J_i, N×N row-major (fresh). */
  public double[] gaussNewton() {
    return explicit(FullHessian.GAUSS_NEWTON);
  }

  /** The residual part R = ∇²L − G, N×N row-major (fresh). */
  public double[] residual() {
    return explicit(FullHessian.RESIDUAL);
  }

  /** The block of the full Hessian for two parameter groups (W1, B1, W2, B2 of ParameterLayout). */
  public double[] hessianBlock(int rowGroup, int colGroup) {
    checkGroup("row group", rowGroup);
    checkGroup("column group", colGroup);
    return FullHessian.block(objective.layout(), hessian(), rowGroup, colGroup);
  }

  private static void checkGroup(String name, int g) {
    if (g < ParameterLayout.W1 || g > ParameterLayout.B2) {
      throw new InvalidInputException(name, g + " is not one of W1=0, B1=1, W2=2, B2=3");
    }
  }

  private double[] explicit(int parts) {
    int n = theta.length;
    if (n > FullHessian.MAX_PARAMS) {
      throw new InvalidInputException("net", "N = " + n + " parameters: an explicit Hessian needs N <= "
          + FullHessian.MAX_PARAMS + " (use HVP-based measures)");
    }
    long bytes = 8L * n * n;
    long free = Memory.freeHeap();
    if (bytes > free) {
      throw new InvalidInputException("net", "N = " + n + ": the explicit Hessian needs " + (bytes >> 20)
          + " MiB but only " + (free >> 20) + " MiB of heap are free (raise -Xmx or use HVP-based measures)");
    }
    ForwardPass f = ForwardPass.compute(objective.problem(), theta);
    return FullHessian.compute(objective.problem(), f, theta, parts);
  }
}
