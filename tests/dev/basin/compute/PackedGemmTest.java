package dev.basin.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.testing.Cases;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PackedGemm (spec COMPUTE-SIMD, "GEMM") against a plain triple loop: C ← op(A)·op(B) (+ C) for
 * every transpose combination, views with offsets and row strides larger than the matrix,
 * pre-packed operands and in-place right operands, at sizes around the tile (6×16), the depth
 * block (256) and the panel limits. Expected values: the exact sum differs from any evaluation
 * order by at most γ_{k+1}·(Σ|a||b| + |C|) (Higham, Eq. 3.5), so the check is
 * |C_gemm − C_loop| ≤ 2·(k+2)·u·(Σ|a||b| + |C₀|).
 */
class PackedGemmTest {

  private static final double U = 0x1.0p-53;

  static Stream<Arguments> shapes() {
    int[][] mnk = {{1, 1, 1}, {6, 16, 1}, {5, 15, 7}, {7, 17, 257}, {13, 33, 300}, {121, 10, 40}, {10, 70, 130},
        {250, 3, 513}, {12, 600, 20}, {37, 29, 23}, {7, 900, 300}, {20, 900, 300}};
    return IntStream.range(0, mnk.length * 4).mapToObj(i -> {
      int[] s = mnk[i / 4];
      return Arguments.of(s[0], s[1], s[2], (i & 1) != 0, (i & 2) != 0);
    });
  }

  /** A view of a random m×k (or transposed) matrix inside a larger array, and the plain matrix. */
  private record View(Operand op, double[] plain) {}

  private static View view(UniformRandomProvider r, int rows, int cols, boolean transposed) {
    // stored as stored-rows × stored-cols with extra columns and an offset
    int sr = transposed ? cols : rows;
    int sc = transposed ? rows : cols;
    int ld = sc + 3;
    int off = 5;
    double[] data = Cases.gaussians(r, off + sr * ld, 1.0);
    double[] plain = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        plain[i * cols + j] = transposed ? data[off + j * ld + i] : data[off + i * ld + j];
      }
    }
    return new View(new Operand(data, off, ld, transposed), plain);
  }

  private static void check(int m, int n, int k, double[] a, double[] b, double[] c0, double[] got, int co, int ldc,
      boolean accumulate, String what) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0.0;
        double abs = 0.0;
        for (int q = 0; q < k; q++) {
          s += a[i * k + q] * b[q * n + j];
          abs += Math.abs(a[i * k + q] * b[q * n + j]);
        }
        double c = c0[co + i * ldc + j];
        double expected = s + (accumulate ? c : 0.0);
        double bound = 2 * (k + 2) * U * (abs + (accumulate ? Math.abs(c) : 0.0));
        double actual = got[co + i * ldc + j];
        int ii = i;
        int jj = j;
        assertTrue(Math.abs(actual - expected) <= bound + Double.MIN_NORMAL,
            () -> what + " C[" + ii + "," + jj + "] = " + actual + " expected " + expected + " ± " + bound);
      }
    }
    // outside the m×n block nothing changed
    for (int q = 0; q < got.length; q++) {
      int rel = q - co;
      boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
      if (!inside) {
        assertTrue(Double.compare(got[q], c0[q]) == 0, what + " wrote outside C at " + q);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void matchesTripleLoop(int m, int n, int k, boolean ta, boolean tb) {
    UniformRandomProvider r = Cases.rng(m * 1000L + n * 10L + k + (ta ? 7 : 0) + (tb ? 11 : 0));
    View a = view(r, m, k, ta);
    View b = view(r, k, n, tb);
    int ldc = n + 2;
    int co = 3;
    double[] c0 = Cases.gaussians(r, co + m * ldc, 1.0);
    String what = m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb;
    try (Parallel one = new Parallel(1); Parallel two = new Parallel(2)) {
      for (boolean accumulate : new boolean[] {false, true}) {
        double[] got = c0.clone();
        new PackedGemm(one).multiply(m, n, k, a.op(), b.op(), got, co, ldc, accumulate);
        check(m, n, k, a.plain(), b.plain(), c0, got, co, ldc, accumulate, what + " acc=" + accumulate);
        // pre-packed operands and two threads give the very same bits
        double[] packed = c0.clone();
        Operand pa = Operand.rows(a.plain(), 0, k);
        Operand pb = Operand.rows(b.plain(), 0, n);
        new PackedGemm(two).multiply(m, n, k, PackedGemm.packA(pa, m, k), PackedGemm.packB(pb, k, n), packed, co,
            ldc, accumulate);
        assertArrayEquals(got, packed, what + " packed operands / 2 threads");
      }
    }
  }

  /** Column-wise filling of a packed A (putColumn) and its row sums, against packA and plain sums. */
  @Test
  void putColumnAndRowSumsAgreeWithPacking() {
    UniformRandomProvider r = Cases.rng(99);
    for (int[] s : new int[][] {{1, 1}, {7, 300}, {12, 5}, {23, 513}}) {
      int m = s[0];
      int k = s[1];
      double[] src = Cases.gaussians(r, k * m, 1.0); // k rows of m: column kk of op(A) is row kk
      PackedGemm.Packed filled = PackedGemm.emptyA(m, k, new double[(int) PackedGemm.packedSizeA(m, k) + 4]);
      java.util.Arrays.fill(filled.data(), Double.NaN); // padding must be overwritten
      for (int kk = 0; kk < k; kk++) {
        PackedGemm.putColumn(filled, kk, src, kk * m);
      }
      PackedGemm.Packed reference = PackedGemm.packA(Operand.transposeOf(src, 0, m), m, k);
      double[] got = java.util.Arrays.copyOf(filled.data(), reference.data().length);
      assertArrayEquals(reference.data(), got, m + "x" + k);
      double[] sums = new double[m];
      PackedGemm.rowSums(filled, 0, m, sums, 0);
      for (int i = 0; i < m; i++) {
        double e = 0.0;
        for (int kk = 0; kk < k; kk++) {
          e += src[kk * m + i];
        }
        assertTrue(Double.compare(e, sums[i]) == 0, "row sum " + i + " (same order, same bits)");
      }
    }
  }
}
