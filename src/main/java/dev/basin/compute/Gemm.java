package dev.basin.compute;

/**
 * The backend's matrix product ({@link PackedGemm}, spec COMPUTE-SIMD "GEMM") for callers outside
 * the backend, on the calling thread: C ← op(A)·op(B), or C ← C + op(A)·op(B). Each element of C is
 * a sum of its k products in a fixed order (FMA chains over depth blocks that depend on k alone),
 * so results are reproducible bit for bit, and every term passes through at most k + 1 roundings
 * (the FMA chain of its depth block, then one addition per block), as in a recursive sum with C.
 */
public final class Gemm {

  private static final Parallel SERIAL = new Parallel(1);

  private Gemm() {}

  /**
   * C[m×n] (row-major at c[0 + r·n + j]; modified) ← op(A)·op(B) (+ C when accumulate). op(A) is
   * m×k: A is stored row-major with row stride lda, transposed when transA (then A is k×m). op(B)
   * is k×n likewise. A and B are not modified and must not overlap C.
   */
  public static void multiply(int m, int n, int k, double[] a, int lda, boolean transA, double[] b, int ldb,
      boolean transB, double[] c, boolean accumulate) {
    multiply(m, n, k, a, 0, lda, transA, b, 0, ldb, transB, c, 0, accumulate);
  }

  /** The same with A, B and C starting at offsets ao, bo and co of their arrays (C's row stride is n). */
  public static void multiply(int m, int n, int k, double[] a, int ao, int lda, boolean transA, double[] b, int bo,
      int ldb, boolean transB, double[] c, int co, boolean accumulate) {
    new PackedGemm(SERIAL).multiply(m, n, k, new Operand(a, ao, lda, transA), new Operand(b, bo, ldb, transB), c, co,
        n, accumulate);
  }
}
