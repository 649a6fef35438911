package dev.basin.dynamics;

import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An exact quadratic R(θ) = R0 + g0ᵀ(θ − θ*) + ½ (θ − θ*)ᵀ H (θ − θ*) with a symmetric H (spec
 * STAG-BOUND-QUAD): the second-order Taylor model of a net at a (near-)minimizer θ*, and the
 * test surface on which the staying probability is known. It has no data, so it supports
 * full-batch dynamics only.
 */
public final class QuadraticLandscape implements Landscape {

  /**
   * Largest relative asymmetry |H_ab − H_ba| / max|H| accepted: a Hessian assembled in floating
   * point (HESS-FULL accumulates the mirrored blocks separately) is symmetric only to rounding,
   * ~N·2⁻⁵³ relative; 1e-10 leaves room for N up to ~10⁵ and rejects genuinely asymmetric input.
   */
  public static final double SYMMETRY_TOL = 1e-10;

  private final int n;
  private final double[] hessian;
  private final double[] center;
  private final double[] slope;
  private final double base;

  /**
   * @param hessian H, N×N row-major, finite and symmetric to {@link #SYMMETRY_TOL} (copied, not
   *     modified; its symmetric part (H + Hᵀ)/2 is used)
   * @param center θ* (length N, copied, not modified)
   * @param slope g0 = ∇R(θ*) (length N, copied, not modified; zeros at an exact minimizer)
   * @param base R0
   */
  public QuadraticLandscape(double[] hessian, double[] center, double[] slope, double base) {
    n = center.length;
    Checks.atLeast("theta* length", n, 1);
    Checks.length("H", hessian, Checks.product("H", n, n), "N*N with N = " + n);
    Checks.length("g0", slope, n, "N");
    Checks.finite("H", hessian);
    Checks.finite("theta*", center);
    Checks.finite("g0", slope);
    Checks.finite("R0", base);
    double scale = 0.0;
    for (double v : hessian) {
      scale = Math.max(scale, Math.abs(v));
    }
    double[] sym = hessian.clone();
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < a; b++) {
        double hab = hessian[a * n + b];
        double hba = hessian[b * n + a];
        if (Math.abs(hab - hba) > SYMMETRY_TOL * scale) {
          throw new InvalidInputException("H", "not symmetric at (" + a + ", " + b + "): " + hab + " vs " + hba);
        }
        double m = 0.5 * (hab + hba);
        sym[a * n + b] = m;
        sym[b * n + a] = m;
      }
    }
    this.hessian = sym;
    this.center = center.clone();
    this.slope = slope.clone();
    this.base = base;
  }

  /** A diagonal quadratic with curvatures λ (not modified) around θ* = 0 and R0 = 0. */
  public static QuadraticLandscape diagonal(double[] lambda) {
    int n = lambda.length;
    double[] h = new double[Checks.product("H", n, n)];
    for (int q = 0; q < n; q++) {
      h[q * n + q] = lambda[q];
    }
    return new QuadraticLandscape(h, new double[n], new double[n], 0.0);
  }

  /** A copy of H. */
  public double[] hessian() {
    return hessian.clone();
  }

  /** A copy of θ*. */
  public double[] center() {
    return center.clone();
  }

  /** A copy of g0 = ∇R(θ*). */
  public double[] slope() {
    return slope.clone();
  }

  @Override
  public int dimension() {
    return n;
  }

  @Override
  public int samples() {
    return 1;
  }

  @Override
  public double lossAndGradient(double[] theta, double[] grad) {
    double value = 0.0;
    for (int a = 0; a < n; a++) {
      double s = 0.0;
      int row = a * n;
      for (int b = 0; b < n; b++) {
        s += hessian[row + b] * (theta[b] - center[b]);
      }
      double da = theta[a] - center[a];
      grad[a] = slope[a] + s;
      value += (slope[a] + 0.5 * s) * da;
    }
    return base + value;
  }

  @Override
  public double batchLossAndGradient(double[] theta, int[] rows, double[] grad) {
    throw new InvalidInputException("batch", "a quadratic surface has no samples; use full-batch dynamics");
  }

  @Override
  public @Nullable Fit fit(double[] theta, double residualTol) {
    return null;
  }
}
