package dev.basin.dynamics.noise;

import dev.basin.linalg.SymmetricEigen;

/**
 * A factor F with F Fᵀ = A₊ for a symmetric matrix A, where A₊ = V max(Λ, 0) Vᵀ is the nearest
 * positive semi-definite matrix to A in the Frobenius norm (spec DYN-NOISE-HESS): negative
 * eigenvalues are clipped to 0 and reported.
 *
 * @param factor F, n×n row-major, column j = √max(λ_j, 0) v_j (not copied: treat as read-only)
 * @param n the dimension
 * @param clipped how many eigenvalues were negative
 * @param clippedMass Σ |λ_j| over the negative eigenvalues (= ‖A − A₊‖_* )
 * @param mostNegative the smallest eigenvalue (≥ 0 when nothing was clipped)
 */
public record PsdFactor(double[] factor, int n, int clipped, double clippedMass, double mostNegative) {

  /** The factor of the PSD part of the symmetric n×n row-major matrix a (not modified). */
  public static PsdFactor of(double[] a, int n) {
    SymmetricEigen.Result e = SymmetricEigen.of(a, n, true);
    double[] v = e.vectors();
    if (v == null) {
      throw new IllegalStateException("eigenvectors were requested");
    }
    double[] f = new double[n * n];
    int clipped = 0;
    double mass = 0.0;
    for (int j = 0; j < n; j++) {
      double lam = e.values()[j];
      if (lam < 0.0) {
        clipped++;
        mass -= lam;
        continue;
      }
      double s = Math.sqrt(lam);
      for (int r = 0; r < n; r++) {
        f[r * n + j] = s * v[r * n + j];
      }
    }
    return new PsdFactor(f, n, clipped, mass, e.values()[0]);
  }

  /** out = scale · F z for z of length n (not modified); out overwritten. */
  public void apply(double[] z, double scale, double[] out) {
    for (int r = 0; r < n; r++) {
      double s = 0.0;
      int row = r * n;
      for (int j = 0; j < n; j++) {
        s += factor[row + j] * z[j];
      }
      out[r] = scale * s;
    }
  }
}
