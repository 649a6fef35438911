package dev.basin.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * The Lanczos recurrence with full reorthogonalization (spec FLAT-LANCZOS): an orthonormal basis
 * q₁, q₂, … of the Krylov space and the tridiagonal T = QᵀAQ (α on the diagonal, β beside it).
 * Shared by {@link Lanczos} (extreme eigenvalues) and {@link SpectralDensity} (quadrature).
 */
final class Krylov {

  /** DGKS threshold 1/√2: a Gram–Schmidt pass that keeps less of the norm is repeated once. */
  static final double REORTHOGONALIZE = 0.7071067811865476;
  /** Elements of w per block of the Gram–Schmidt passes (16 KiB: w's block stays in L1). */
  private static final int BLOCK = 2048;

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
   * the new residual direction after reorthogonalizing against every basis vector).
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
    // classical Gram–Schmidt against the whole basis; a second pass only when the first removed
    // more than 1 − 1/√2 of the norm (Daniel, Gragg, Kaufman & Stewart 1976; "twice is enough")
    double before = Math.sqrt(dot(w, w));
    double b = before;
    for (int pass = 0; pass < 2; pass++) {
      double[] c = coefficients(m);
      subtract(c, m);
      a += c[m - 1];
      b = Math.sqrt(dot(w, w));
      if (!(b < REORTHOGONALIZE * before)) {
        break;
      }
      before = b;
    }
    alpha.add(a);
    beta.add(b);
    next = b > 0.0 ? scaled(w, 1.0 / b) : new double[n];
    return b;
  }

  /** c_i = q_iᵀw for the first m basis vectors, in blocks of w that stay in the L1 cache. */
  private double[] coefficients(int m) {
    double[] c = new double[m];
    for (int s = 0; s < n; s += BLOCK) {
      int e = Math.min(n, s + BLOCK);
      for (int i = 0; i < m; i++) {
        c[i] += dot(basis.get(i), w, s, e);
      }
    }
    return c;
  }

  /** w −= Σ_i c_i q_i (w modified), in the same blocks. */
  private void subtract(double[] c, int m) {
    for (int s = 0; s < n; s += BLOCK) {
      int e = Math.min(n, s + BLOCK);
      for (int i = 0; i < m; i++) {
        double ci = -c[i];
        double[] qi = basis.get(i);
        for (int t = s; t < e; t++) {
          w[t] += ci * qi[t];
        }
      }
    }
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

  /**
   * aᵀb with eight partial sums (element i goes to sum i mod 8, the sums are added in a fixed
   * tree): eight independent addition chains instead of one, about 4× faster on long vectors, and
   * the same bits on every machine and JIT (no reassociation is left to the compiler).
   */
  static double dot(double[] a, double[] b) {
    return dot(a, b, 0, a.length);
  }

  /** Σ_{from ≤ i &lt; to} a_i b_i, summed as {@link #dot(double[], double[])}. */
  private static double dot(double[] a, double[] b, int from, int to) {
    int end = to - (to - from) % 8;
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    double s4 = 0.0;
    double s5 = 0.0;
    double s6 = 0.0;
    double s7 = 0.0;
    for (int i = from; i < end; i += 8) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
      s4 += a[i + 4] * b[i + 4];
      s5 += a[i + 5] * b[i + 5];
      s6 += a[i + 6] * b[i + 6];
      s7 += a[i + 7] * b[i + 7];
    }
    for (int i = end; i < to; i++) {
      s0 += a[i] * b[i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
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
