package dev.basin.dynamics.stagnation;

import dev.basin.linalg.SymmetricEigen;
import dev.basin.model.Checks;

/**
 * The eigen-decomposition H = V diag(λ) Vᵀ of a symmetric matrix (a Hessian at θ*) with the
 * eigenvalues in <b>descending</b> order, so that the first k columns of V span the top-k
 * eigendirections (spec STAG-SET-TUBE). Dense (SymmetricEigen, spec LINALG-EIGEN).
 */
public final class Eigenbasis {

  private final int n;
  private final double[] values;
  private final double[] vectors;

  private Eigenbasis(int n, double[] values, double[] vectors) {
    this.n = n;
    this.values = values;
    this.vectors = vectors;
  }

  /** The eigenbasis of the symmetric n×n row-major matrix a (validated, not modified). */
  /*@ public behavior
    @ requires a.length == n * n && a is symmetric;
    @ ensures \result.size() == n && (\forall int j; 0 < j && j < n; \result.value(j - 1) >= \result.value(j));
    @ ensures the columns of V are orthonormal and A V ~= V diag(values) (spec LINALG-EIGEN tolerances);
    @ signals (InvalidInputException) n < 1;
    @ assignable \nothing;
    @*/
  public static Eigenbasis of(double[] a, int n) {
    Checks.atLeast("n", n, 1);
    SymmetricEigen.Result e = SymmetricEigen.of(a, n, true);
    double[] v = e.vectors();
    if (v == null) {
      throw new IllegalStateException("eigenvectors were requested");
    }
    double[] values = new double[n];
    double[] vectors = new double[n * n];
    for (int j = 0; j < n; j++) {
      int src = n - 1 - j;
      values[j] = e.values()[src];
      for (int r = 0; r < n; r++) {
        vectors[r * n + j] = v[r * n + src];
      }
    }
    return new Eigenbasis(n, values, vectors);
  }

  /** N. */
  /*@ public normal_behavior
    @ ensures \result == n;
    @ assignable \nothing;
    @*/
  public int size() {
    return n;
  }

  /** The eigenvalues, descending (a copy). */
  /*@ public normal_behavior
    @ ensures \fresh(\result) && \result.length == n && (\forall int j; 0 <= j && j < n; \result[j] == value(j));
    @ assignable \nothing;
    @*/
  public double[] values() {
    return values.clone();
  }

  /** λ_j (j-th largest). */
  /*@ public normal_behavior
    @ requires 0 <= j && j < n;
    @ ensures j > 0 ==> \result <= value(j - 1);
    @ assignable \nothing;
    @*/
  public double value(int j) {
    return values[j];
  }

  /** Component r of eigenvector j. */
  /*@ public normal_behavior
    @ requires 0 <= r && r < n && 0 <= j && j < n;
    @ ensures \result == V[r][j];
    @ assignable \nothing;
    @*/
  public double vector(int r, int j) {
    return vectors[r * n + j];
  }

  /** Vᵀ x: the coordinates of x (length N, not modified) in the eigenbasis (fresh). */
  /*@ public normal_behavior
    @ requires x.length == n;
    @ ensures \fresh(\result) && \result.length == n && \result ~= V^T x;
    @ ensures ||\result||_2 ~= ||x||_2 (V orthogonal);
    @ assignable \nothing;
    @*/
  public double[] coordinates(double[] x) {
    double[] c = new double[n];
    for (int r = 0; r < n; r++) {
      double xr = x[r];
      int row = r * n;
      for (int j = 0; j < n; j++) {
        c[j] += vectors[row + j] * xr;
      }
    }
    return c;
  }

  /**
   * Coordinates of x along the first k eigenvectors, written to out[0 .. k) (overwritten); x not
   * modified.
   */
  void topCoordinates(double[] x, int k, double[] out) {
    java.util.Arrays.fill(out, 0, k, 0.0);
    for (int r = 0; r < n; r++) {
      double xr = x[r];
      int row = r * n;
      for (int j = 0; j < k; j++) {
        out[j] += vectors[row + j] * xr;
      }
    }
  }

  /** out = Σ_{j &lt; k} c_j v_j (overwritten); c not modified. */
  void combineTop(double[] c, int k, double[] out) {
    for (int r = 0; r < n; r++) {
      double s = 0.0;
      int row = r * n;
      for (int j = 0; j < k; j++) {
        s += vectors[row + j] * c[j];
      }
      out[r] = s;
    }
  }
}
