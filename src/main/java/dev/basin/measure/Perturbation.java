package dev.basin.measure;

import dev.basin.base.Vectors;
import dev.basin.base.Rng;
import dev.basin.model.Point;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A perturbation set {θ + S y : y ∈ C} of FLAT-SHARP-ASCENT: S is the identity, a positive-or-zero
 * diagonal, or a dense N×p matrix given by its columns; C is a box {|y_i| ≤ w_i} or a ball
 * {‖y‖₂ ≤ ρ}. Projections use a set shrunk by the rounding of θ + S y, so that the computed point
 * lies in the exact set; {@link #contains} re-checks it conservatively. Immutable.
 */
final class Perturbation {

  private final double[] theta;
  private final double @Nullable [] scale;
  private final double @Nullable [][] columns;
  private final double @Nullable [] halfWidths;
  private final double radius;
  /** Effective (shrunk) half-widths or radius used by the projection. */
  private final double @Nullable [] effHalf;
  private final double effRadius;

  private Perturbation(double[] theta, double @Nullable [] scale, double @Nullable [][] columns,
      double @Nullable [] halfWidths, double radius) {
    this.theta = theta;
    this.scale = scale;
    this.columns = columns;
    this.halfWidths = halfWidths;
    this.radius = radius;
    double u = Rounding.U;
    if (halfWidths != null) {
      double[] e = new double[halfWidths.length];
      for (int i = 0; i < e.length; i++) {
        double slack;
        if (columns != null) {
          slack = 0.0;
        } else if (scale == null) {
          slack = 4.0 * u * Math.abs(theta[i]);
        } else {
          slack = 4.0 * u * (1.0 + halfWidths[i]);
        }
        e[i] = Math.max(0.0, halfWidths[i] * (1.0 - 8.0 * u) - slack);
      }
      this.effHalf = e;
      this.effRadius = 0.0;
    } else {
      this.effHalf = null;
      double g = Rounding.gamma(theta.length + 8.0);
      double slack = scale == null ? 4.0 * u * (Vectors.norm(theta) + radius)
          : 4.0 * u * (1.0 + radius) * Math.sqrt(theta.length);
      this.effRadius = Math.max(0.0, radius * (1.0 - g) - slack);
    }
  }

  /** Box {|y_i| ≤ w_i} (w not modified) with S = diag(scale) or the identity when scale is null. */
  static Perturbation box(double[] theta, double @Nullable [] scale, double[] w) {
    return new Perturbation(theta.clone(), scale == null ? null : scale.clone(), null, w.clone(), 0.0);
  }

  /** Ball {‖y‖₂ ≤ ρ} with S = diag(scale) or the identity when scale is null. */
  static Perturbation ball(double[] theta, double @Nullable [] scale, double rho) {
    return new Perturbation(theta.clone(), scale == null ? null : scale.clone(), null, null, rho);
  }

  /** Box in the span of the columns (kept by reference; not modified). */
  static Perturbation subspace(double[] theta, double[][] columns, double[] w) {
    return new Perturbation(theta.clone(), null, columns, w.clone(), 0.0);
  }

  int dim() {
    double[][] a = columns;
    return a != null ? a.length : theta.length;
  }

  /** A random start: uniform in the box, or uniform on the sphere of the ball. */
  double[] randomStart(Rng rng) {
    int p = dim();
    double[] y = new double[p];
    double[] e = effHalf;
    if (e != null) {
      for (int i = 0; i < p; i++) {
        y[i] = (2.0 * rng.uniform01() - 1.0) * e[i];
      }
    } else {
      for (int i = 0; i < p; i++) {
        y[i] = rng.gaussian();
      }
      double[] s = scale;
      if (s != null) {
        for (int i = 0; i < p; i++) {
          if (s[i] == 0.0) {
            y[i] = 0.0;
          }
        }
      }
      double ny = Vectors.norm(y);
      for (int i = 0; i < p; i++) {
        y[i] = ny > 0.0 ? y[i] * effRadius / ny * (1.0 - Rounding.gamma(p + 2.0)) : 0.0;
      }
    }
    return y;
  }

  /** A y whose S y approximates the displacement z (not modified); not yet projected. */
  double[] fromDisplacement(double[] z) {
    double[][] a = columns;
    if (a != null) {
      return Sharpness.pseudoInverseTimes(a, z);
    }
    double[] y = z.clone();
    double[] s = scale;
    if (s != null) {
      for (int i = 0; i < y.length; i++) {
        y[i] = s[i] > 0.0 ? z[i] / s[i] : 0.0;
      }
    }
    return y;
  }

  /** Projects y (modified) onto the shrunk set. */
  void project(double[] y) {
    double[] e = effHalf;
    if (e != null) {
      for (int i = 0; i < y.length; i++) {
        y[i] = Math.max(-e[i], Math.min(e[i], y[i]));
      }
      return;
    }
    double[] s = scale;
    if (s != null) {
      for (int i = 0; i < y.length; i++) {
        if (s[i] == 0.0) {
          y[i] = 0.0;
        }
      }
    }
    double ny = Vectors.norm(y);
    if (ny > effRadius) {
      double f = effRadius / ny * (1.0 - Rounding.gamma(y.length + 2.0));
      for (int i = 0; i < y.length; i++) {
        y[i] *= f;
      }
    }
  }

  /** The projected ascent step from y (not modified) along the ascent direction for gradient g; null if g = 0. */
  double @Nullable [] step(double[] y, double[] g, double eta) {
    double ng = Vectors.norm(g);
    if (!(ng > 0.0) || !Double.isFinite(ng)) {
      return null;
    }
    double[] c = y.clone();
    double[] w = halfWidths;
    if (w != null) {
      for (int i = 0; i < c.length; i++) {
        c[i] += eta * w[i] * Math.signum(g[i]);
      }
    } else {
      for (int i = 0; i < c.length; i++) {
        c[i] += eta * radius * g[i] / ng;
      }
    }
    project(c);
    return c;
  }

  /** θ + S y (fresh). */
  double[] point(double[] y) {
    double[] pt = new double[theta.length];
    displacement(y, pt);
    for (int i = 0; i < pt.length; i++) {
      pt[i] += theta[i];
    }
    return pt;
  }

  /** out = S y (out modified, length N; y not modified). */
  void displacement(double[] y, double[] out) {
    double[][] a = columns;
    double[] s = scale;
    if (a != null) {
      java.util.Arrays.fill(out, 0.0);
      for (int c = 0; c < a.length; c++) {
        Krylov.axpy(y[c], a[c], out);
      }
    } else if (s != null) {
      for (int i = 0; i < out.length; i++) {
        out[i] = s[i] * y[i];
      }
    } else {
      System.arraycopy(y, 0, out, 0, out.length);
    }
  }

  /** out = Sᵀ g (out modified, length dim()). */
  void adjoint(double[] g, double[] out) {
    double[][] a = columns;
    double[] s = scale;
    if (a != null) {
      for (int c = 0; c < a.length; c++) {
        out[c] = Krylov.dot(a[c], g);
      }
    } else if (s != null) {
      for (int i = 0; i < g.length; i++) {
        out[i] = s[i] * g[i];
      }
    } else {
      System.arraycopy(g, 0, out, 0, g.length);
    }
  }

  /**
   * Whether pt − θ lies in the exact set, checked with every rounding of the check counted against
   * membership (FLAT-SHARP-ASCENT). For the subspace variant only the box in y is enforced (by
   * construction); membership of the rounded point in the subspace cannot be checked.
   */
  boolean contains(double[] pt) {
    if (columns != null) {
      return true;
    }
    double u = Rounding.U;
    double[] w = halfWidths;
    double[] s = scale;
    int n = theta.length;
    if (w != null) {
      for (int i = 0; i < n; i++) {
        double d = Math.abs(pt[i] - theta[i]) * (1.0 + u);
        double lim = s == null ? w[i] * (1.0 - 3.0 * u) : w[i] * s[i] * (1.0 - 3.0 * u);
        if (!(d <= lim)) {
          return false;
        }
      }
      return true;
    }
    double ss = 0.0;
    for (int i = 0; i < n; i++) {
      double d = pt[i] - theta[i];
      if (s != null) {
        if (s[i] == 0.0) {
          if (d != 0.0) {
            return false;
          }
          continue;
        }
        d /= s[i];
      }
      ss += d * d;
    }
    return Math.sqrt(ss) * (1.0 + Rounding.gamma(n + 5.0)) <= radius;
  }

  /**
   * The FLAT-SHARP-QUAD bound on the quadratic model's maximum over the set (not normalized):
   * ρ‖Sᵀg‖ + ½ρ²λ⁺ (ball) or Σ w_i|(Sᵀg)_i| + ½‖w‖²λ⁺ (box), λ⁺ = max(0, λ_max(SᵀHS)) from a
   * Lanczos run (relative tolerance 10⁻⁶, an estimate).
   */
  double quadraticBound(Point base, long seed) {
    int p = dim();
    double[] g = new double[p];
    adjoint(base.gradient(), g);
    HessianOperator h = HessianOperator.at(base);
    int n = theta.length;
    SymmetricOperator sts = new SymmetricOperator() {
      private final double[] sv = new double[n];
      private final double[] hsv = new double[n];

      @Override
      public int dim() {
        return p;
      }

      @Override
      public void apply(double[] v, double[] out) {
        displacement(v, sv);
        h.apply(sv, hsv);
        adjoint(hsv, out);
      }
    };
    Lanczos.Result r = Lanczos.run(sts, new Lanczos.Options(1, 0, 1e-6, Math.min(p, 200), seed));
    double lam = Math.max(0.0, r.largest().get(0).value());
    double[] w = halfWidths;
    if (w != null) {
      double lin = 0.0;
      double ww = 0.0;
      for (int i = 0; i < p; i++) {
        lin += w[i] * Math.abs(g[i]);
        ww += w[i] * w[i];
      }
      return lin + 0.5 * ww * lam;
    }
    return radius * Vectors.norm(g) + 0.5 * radius * radius * lam;
  }
}
