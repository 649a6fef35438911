package dev.basin.bounds;

/**
 * A layer matrix (rows×cols, row-major) or the difference W − W⁰ from a reference, with its norms
 * (spec BOUND-NORMS) in either arithmetic. A difference is stored as fl(W − W⁰); its entries are
 * enclosed as [nextDown, nextUp] of the stored value (the exact difference is within half an ulp),
 * and its spectral norm is widened by an upper bound on ‖(W − W⁰) − fl(W − W⁰)‖_F.
 */
final class LayerMatrix {

  final double[] v;
  final int rows;
  final int cols;
  private final boolean rounded;

  private LayerMatrix(double[] v, int rows, int cols, boolean rounded) {
    this.v = v;
    this.rows = rows;
    this.cols = cols;
    this.rounded = rounded;
  }

  /** The matrix w (not copied: callers pass fresh arrays, never modified afterwards). */
  static LayerMatrix of(double[] w, int rows, int cols) {
    return new LayerMatrix(w, rows, cols, false);
  }

  /** W − W⁰ (neither modified). */
  static LayerMatrix diff(LayerMatrix w, LayerMatrix w0) {
    double[] d = new double[w.v.length];
    boolean inexact = false;
    for (int i = 0; i < d.length; i++) {
      d[i] = w.v[i] - w0.v[i];
      inexact |= Rounding.addDown(w.v[i], -w0.v[i]) != d[i] || Rounding.addUp(w.v[i], -w0.v[i]) != d[i];
    }
    return new LayerMatrix(d, w.rows, w.cols, inexact || w.rounded || w0.rounded);
  }

  <N extends Num<N>> N entry(Arithmetic<N> ar, int i) {
    return rounded ? ar.around(v[i]) : ar.exact(v[i]);
  }

  /** ‖·‖_F. */
  <N extends Num<N>> N frobenius(Arithmetic<N> ar) {
    if (!rounded) {
      return ar.sumSquares(v, 0, 1, v.length).sqrt();
    }
    N s = ar.exact(0.0);
    for (int i = 0; i < v.length; i++) {
      s = s.add(entry(ar, i).square());
    }
    return s.sqrt();
  }

  /** ℓ2 norm of row r. */
  <N extends Num<N>> N rowNorm2(Arithmetic<N> ar, int r) {
    if (!rounded) {
      return ar.norm2(v, r * cols, 1, cols);
    }
    N s = ar.exact(0.0);
    for (int c = 0; c < cols; c++) {
      s = s.add(entry(ar, r * cols + c).square());
    }
    return s.sqrt();
  }

  /** ℓ1 norm of row r. */
  <N extends Num<N>> N rowNorm1(Arithmetic<N> ar, int r) {
    N s = ar.exact(0.0);
    for (int c = 0; c < cols; c++) {
      s = s.add(entry(ar, r * cols + c).abs());
    }
    return s;
  }

  /** ‖Aᵀ‖_{2,1} = Σ_r ‖row r‖₂ (BFT's (2,1) norm of the transpose: one term per unit). */
  <N extends Num<N>> N l21(Arithmetic<N> ar) {
    N s = ar.exact(0.0);
    for (int r = 0; r < rows; r++) {
      s = s.add(rowNorm2(ar, r));
    }
    return s;
  }

  /** ‖·‖₂ (spec BOUND-NORM-SPECTRAL). */
  <N extends Num<N>> N spectral(Arithmetic<N> ar) {
    N s = ar.spectralNorm(v, rows, cols);
    if (!rounded) {
      return s;
    }
    N err = ar.exact(0.0);
    for (double x : v) {
      err = err.add(ar.exact(Math.ulp(x)).square());
    }
    return ar.widen(s, err.sqrt().hi()).max(ar.exact(0.0));
  }
}
