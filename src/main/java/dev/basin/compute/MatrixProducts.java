package dev.basin.compute;

/**
 * The matrix-product passes that a backend runs for the layers above it on host arrays (spec
 * COMPUTE-BACKEND): the GEMM-shaped sums of the certificate (FLAT-HVP-ERROR's magnitudes), of the
 * closed-form Hessian diagonal and trace, and of the output-layer block. Nothing above compute
 * multiplies matrices itself.
 *
 * <p>Contract (the backend's {@link ErrorModel}): every written component satisfies
 * |Ĉ − C| ≤ γ_L·(|op(A)||op(B)| + |C₀|) with L = {@link ErrorModel#gemmChain}(k), C the exact
 * op(A)·op(B) (+ C₀, the old C, when accumulating). Results are a function of the inputs alone
 * (bit for bit the same on every call, whatever the thread count).
 */
public interface MatrixProducts {

  /**
   * C[m×n] (row-major at c[co + r·n + j]; modified) ← op(A)·op(B), or C + op(A)·op(B) when
   * accumulate. op(A) is m×k: A is stored row-major at a[ao …] with row stride lda, transposed when
   * transA (then A is k×m). op(B) is k×n likewise. A and B are not modified and must not overlap C.
   */
  /*@ public normal_behavior
    @ requires a != null && b != null && c != null && a != c && b != c;
    @ requires m >= 0 && n >= 0 && k >= 0 && ao >= 0 && bo >= 0 && co >= 0 && lda >= 0 && ldb >= 0;
    @ requires co + (long) m * n <= c.length;
    @ requires (* op(A) and op(B) lie inside a and b *);
    @ assignable c[co .. co + m * n - 1];
    @ ensures (\forall int r, j; 0 <= r && r < m && 0 <= j && j < n;
    @     (* |c[co + r*n + j] - exact| <= ErrorModel.gamma(errorModel().gemmChain(k)) * (|op(A)||op(B)| + |old c|)[r, j],
    @        exact = op(A)op(B) (+ old c when accumulate) *));
    @*/
  void multiply(int m, int n, int k, double[] a, int ao, int lda, boolean transA, double[] b, int bo, int ldb,
      boolean transB, double[] c, int co, boolean accumulate);

  /** The same with everything starting at offset 0. */
  /*@ public normal_behavior
    @ requires a != null && b != null && c != null && a != c && b != c;
    @ requires m >= 0 && n >= 0 && k >= 0 && lda >= 0 && ldb >= 0 && (long) m * n <= c.length;
    @ requires (* op(A) and op(B) lie inside a and b *);
    @ assignable c[0 .. m * n - 1];
    @ ensures (* as multiply with offsets ao = bo = co = 0 *);
    @*/
  default void multiply(int m, int n, int k, double[] a, int lda, boolean transA, double[] b, int ldb,
      boolean transB, double[] c, boolean accumulate) {
    multiply(m, n, k, a, 0, lda, transA, b, 0, ldb, transB, c, 0, accumulate);
  }

  /** The model these products keep. */
  /*@ public normal_behavior
    @ ensures \result != null;
    @ pure
    @*/
  ErrorModel errorModel();
}
