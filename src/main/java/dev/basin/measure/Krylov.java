package dev.basin.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * The Lanczos recurrence with full reorthogonalization (spec FLAT-LANCZOS): an orthonormal basis
 * q₁, q₂, … of the Krylov space and the tridiagonal T = QᵀAQ (α on the diagonal, β beside it).
 * Shared by {@link Lanczos} (extreme eigenvalues) and {@link SpectralDensity} (quadrature).
 */
final class Krylov {

  private final SymmetricOperator op;
  private final int n;
  private final List<double[]> basis = new ArrayList<>();
  private final List<Double> alpha = new ArrayList<>();
  private final List<Double> beta = new ArrayList<>();
  private double[] next;
  private final double[] w;

  /** Starts from v (not modified; non-zero, finite), normalized. */
  Krylov(SymmetricOperator op, double[] v) {
    this.op = op;
    this.n = op.dim();
    this.w = new double[n];
    double nv = Math.sqrt(dot(v, v));
    if (!(nv > 0.0) || !Double.isFinite(nv)) {
      throw new IllegalArgumentException("Krylov start vector is zero or not finite");
    }
    this.next = scaled(v, 1.0 / nv);
  }

  /** Steps taken (= dimension of T). */
  int size() {
    return alpha.size();
  }

  /**
   * One Lanczos step: appends q_m, α_m and the β that would follow. Returns that β (the norm of
   * the new residual direction after reorthogonalizing twice against every basis vector).
   */
  double step() {
    double[] q = next;
    basis.add(q);
    op.apply(q, w);
    int m = basis.size();
    double a = dot(q, w);
    axpy(-a, q, w);
    if (m > 1) {
      axpy(-beta.get(m - 2), basis.get(m - 2), w);
    }
    // classical Gram–Schmidt twice against the whole basis ("twice is enough")
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < m; i++) {
        double[] qi = basis.get(i);
        double c = dot(qi, w);
        axpy(-c, qi, w);
        if (i == m - 1) {
          a += c;
        }
      }
    }
    alpha.add(a);
    double b = Math.sqrt(dot(w, w));
    beta.add(b);
    next = b > 0.0 ? scaled(w, 1.0 / b) : new double[n];
    return b;
  }

  /**
   * After a breakdown (β ≈ 0): continues from a fresh vector v (not modified), orthogonalized
   * against the basis, and sets the last β to 0 (T splits into blocks). Returns false if v lies in
   * the span of the basis.
   */
  boolean restart(double[] v) {
    double[] r = v.clone();
    for (int pass = 0; pass < 2; pass++) {
      for (double[] qi : basis) {
        axpy(-dot(qi, r), qi, r);
      }
    }
    double nr = Math.sqrt(dot(r, r));
    if (!(nr > 1e-8 * Math.sqrt(dot(v, v)))) {
      return false;
    }
    beta.set(beta.size() - 1, 0.0);
    next = scaled(r, 1.0 / nr);
    return true;
  }

  /** The diagonal α of T (fresh). */
  double[] alphas() {
    double[] a = new double[alpha.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = alpha.get(i);
    }
    return a;
  }

  /** The off-diagonal β₁ … β_{m−1} of T (fresh, length m − 1). */
  double[] offDiagonal() {
    int m = alpha.size();
    double[] b = new double[Math.max(0, m - 1)];
    for (int i = 0; i < b.length; i++) {
      b[i] = beta.get(i);
    }
    return b;
  }

  /** The β after the last step (the coupling to the unexplored space). */
  double lastBeta() {
    return beta.get(beta.size() - 1);
  }

  /** Σ_j y_j q_j for a vector y of T's size (fresh). */
  double[] combine(double[] y) {
    double[] v = new double[n];
    for (int j = 0; j < y.length; j++) {
      axpy(y[j], basis.get(j), v);
    }
    return v;
  }

  static double dot(double[] a, double[] b) {
    double s = 0.0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** y += a·x (y modified). */
  static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  static double[] scaled(double[] v, double s) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = s * v[i];
    }
    return r;
  }
}
