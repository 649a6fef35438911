package dev.basin.bounds;

import dev.basin.linalg.SymmetricEigen;

/**
 * The spectral norm ‖A‖₂ of a dense matrix (spec BOUND-NORM-SPECTRAL): in plain arithmetic the
 * square root of the largest eigenvalue of the smaller Gram matrix (AᵀA or AAᵀ) from {@link
 * SymmetricEigen}; in interval arithmetic a certified enclosure:
 *
 * <ul>
 *   <li>lower end: ‖Av‖₂/‖v‖₂ ≤ ‖A‖₂ for the computed top Gram eigenvector v, evaluated in
 *       interval arithmetic (true for every v ≠ 0);
 *   <li>upper end: with V the computed (nearly orthogonal) eigenvector matrix of the Gram matrix
 *       G and M = VᵀGV enclosed in interval arithmetic, Ostrowski's theorem gives λ_max(G) =
 *       λ_max(M)/θ with θ ≥ λ_min(VᵀV) ≥ 1 − ‖VᵀV − I‖_F, and Gershgorin's theorem bounds
 *       λ_max(M) ≤ max_i (M_ii + Σ_{j≠i} |M_ij|); so ‖A‖₂ ≤ √(Gershgorin / (1 − ‖VᵀV − I‖_F)).
 *       The result is also capped by ‖A‖_F (always an upper bound).
 * </ul>
 *
 * Cost O(r²·c + r³) with r = min(rows, cols): fine for the layer matrices of a 2-layer net.
 */
final class SpectralNorm {

  private SpectralNorm() {}

  /** ‖A‖₂ for A rows×cols row-major (not modified), plain. */
  static double plain(double[] a, int rows, int cols) {
    double[] g = gramMid(a, rows, cols);
    int r = Math.min(rows, cols);
    double[] ev = SymmetricEigen.of(g, r, false).values();
    return Math.sqrt(Math.max(0.0, ev[r - 1]));
  }

  /** A certified enclosure of ‖A‖₂ for A rows×cols row-major (not modified). */
  static Interval certified(double[] a, int rows, int cols) {
    int r = Math.min(rows, cols);
    boolean colGram = cols <= rows; // G = AᵀA (cols×cols) or AAᵀ (rows×rows)
    double[] glo = new double[r * r];
    double[] ghi = new double[r * r];
    double[] gmid = new double[r * r];
    for (int p = 0; p < r; p++) {
      for (int q = p; q < r; q++) {
        Interval e = colGram
            ? Interval.dot(a, p, cols, a, q, cols, rows, 0.0)
            : Interval.dot(a, p * cols, 1, a, q * cols, 1, cols, 0.0);
        glo[p * r + q] = e.lo();
        glo[q * r + p] = e.lo();
        ghi[p * r + q] = e.hi();
        ghi[q * r + p] = e.hi();
        gmid[p * r + q] = e.mid();
        gmid[q * r + p] = e.mid();
      }
    }
    Interval fro = Interval.point(0.0);
    for (int p = 0; p < r; p++) {
      fro = fro.add(Interval.of(glo[p * r + p], ghi[p * r + p])); // tr G = ‖A‖_F²
    }
    double froHi = fro.sqrt().hi();
    SymmetricEigen.Result eig = SymmetricEigen.of(gmid, r, true);
    double[] v = eig.vectors();
    if (v == null) {
      throw new IllegalStateException("eigenvectors requested but not returned");
    }
    // v is r×r row-major with eigenvector j in column j (ascending eigenvalues)
    double[] top = eig.vector(r - 1);
    Interval lower = rayleighLower(a, rows, cols, colGram, top);
    // T = G V (interval), M = Vᵀ T (interval); Gershgorin on M
    double[] tlo = new double[r * r];
    double[] thi = new double[r * r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        Interval t = Interval.dotMixed(v, j, r, glo, ghi, i * r, 1, r, Interval.point(0.0));
        tlo[i * r + j] = t.lo();
        thi[i * r + j] = t.hi();
      }
    }
    double gersh = 0.0;
    for (int i = 0; i < r; i++) {
      double row = 0.0;
      for (int j = 0; j < r; j++) {
        Interval mij = Interval.dotMixed(v, i, r, tlo, thi, j, r, r, Interval.point(0.0));
        row = Rounding.addUp(row, i == j ? mij.hi() : mij.abs().hi());
      }
      gersh = Math.max(gersh, row);
    }
    // ‖VᵀV − I‖_F, enclosed from above
    double off = 0.0;
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        Interval e = Interval.dot(v, i, r, v, j, r, r, i == j ? -1.0 : 0.0);
        double m = e.abs().hi();
        off = Rounding.addUp(off, Rounding.mulUp(m, m));
      }
    }
    double offNorm = Interval.point(off).sqrt().hi();
    double upper = froHi;
    if (offNorm < 0.5) {
      Interval theta = Interval.point(1.0).sub(Interval.point(offNorm));
      upper = Math.min(upper, Interval.point(gersh).div(theta).sqrt().hi());
    }
    return Interval.of(Math.min(lower.lo(), upper), upper);
  }

  /** An enclosure of ‖Av‖/‖v‖ (or ‖Aᵀv‖/‖v‖ when the Gram matrix is AAᵀ). */
  private static Interval rayleighLower(double[] a, int rows, int cols, boolean colGram, double[] v) {
    Interval vv = Interval.dot(v, 0, 1, v, 0, 1, v.length, 0.0);
    if (vv.hi() == 0.0) {
      return Interval.point(0.0);
    }
    Interval av = Interval.point(0.0);
    if (colGram) {
      for (int i = 0; i < rows; i++) {
        av = av.add(Interval.dot(a, i * cols, 1, v, 0, 1, cols, 0.0).square());
      }
    } else {
      for (int j = 0; j < cols; j++) {
        av = av.add(Interval.dot(a, j, cols, v, 0, 1, rows, 0.0).square());
      }
    }
    if (vv.lo() <= 0.0) {
      return Interval.point(0.0);
    }
    return av.div(vv).sqrt();
  }

  private static double[] gramMid(double[] a, int rows, int cols) {
    int r = Math.min(rows, cols);
    boolean colGram = cols <= rows;
    double[] g = new double[r * r];
    for (int p = 0; p < r; p++) {
      for (int q = p; q < r; q++) {
        double s = 0.0;
        if (colGram) {
          for (int i = 0; i < rows; i++) {
            s += a[i * cols + p] * a[i * cols + q];
          }
        } else {
          for (int j = 0; j < cols; j++) {
            s += a[p * cols + j] * a[q * cols + j];
          }
        }
        g[p * r + q] = s;
        g[q * r + p] = s;
      }
    }
    return g;
  }
}
