package dev.basin.compute;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorized element-wise helpers of {@link SimdEvaluation} (spec COMPUTE-SIMD). Each uses only
 * lane-wise IEEE operations (no fused multiply-add, no cross-lane reduction), so the vector body
 * and the scalar tail round identically: the result of an element never depends on where a range
 * starts or ends, hence not on the thread split.
 */
final class Lanes {

  private static final VectorSpecies<Double> S = PackedGemm.SPECIES;
  private static final int L = S.length();

  private Lanes() {}

  /** out[oo + i] = x[xo + i]·y[yo + i] for i &lt; len (out modified; x, y not modified). */
  static void multiply(double[] x, int xo, double[] y, int yo, double[] out, int oo, int len) {
    int i = 0;
    for (int bound = S.loopBound(len); i < bound; i += L) {
      DoubleVector.fromArray(S, x, xo + i).mul(DoubleVector.fromArray(S, y, yo + i)).intoArray(out, oo + i);
    }
    for (; i < len; i++) {
      out[oo + i] = x[xo + i] * y[yo + i];
    }
  }

  /** out[oo + i] = c·(x[xo + i]·y[yo + i]) for i &lt; len (out modified; x, y not modified). */
  static void scaledProduct(double c, double[] x, int xo, double[] y, int yo, double[] out, int oo, int len) {
    DoubleVector cv = DoubleVector.broadcast(S, c);
    int i = 0;
    for (int bound = S.loopBound(len); i < bound; i += L) {
      cv.mul(DoubleVector.fromArray(S, x, xo + i).mul(DoubleVector.fromArray(S, y, yo + i))).intoArray(out, oo + i);
    }
    for (; i < len; i++) {
      out[oo + i] = c * (x[xo + i] * y[yo + i]);
    }
  }

  /**
   * out[oo + i] = c·(x[xo + i]·y[yo + i] + (p[po + i]·q[qo + i])·r[ro + i]) for i &lt; len (out
   * modified; the others not modified).
   */
  static void scaledProductSum(double c, double[] x, int xo, double[] y, int yo, double[] p, int po, double[] q,
      int qo, double[] r, int ro, double[] out, int oo, int len) {
    DoubleVector cv = DoubleVector.broadcast(S, c);
    int i = 0;
    for (int bound = S.loopBound(len); i < bound; i += L) {
      DoubleVector a = DoubleVector.fromArray(S, x, xo + i).mul(DoubleVector.fromArray(S, y, yo + i));
      DoubleVector b = DoubleVector.fromArray(S, p, po + i).mul(DoubleVector.fromArray(S, q, qo + i))
          .mul(DoubleVector.fromArray(S, r, ro + i));
      cv.mul(a.add(b)).intoArray(out, oo + i);
    }
    for (; i < len; i++) {
      out[oo + i] = c * (x[xo + i] * y[yo + i] + p[po + i] * q[qo + i] * r[ro + i]);
    }
  }

  /**
   * Column sums: out[oo + j] = Σ_{i&lt;rows} src[so + i·ld + j] for j in [j0, j1), the sum taken in
   * row order (out modified; src not modified).
   */
  static void columnSums(double[] src, int so, int ld, int rows, int j0, int j1, double[] out, int oo) {
    int j = j0;
    for (int bound = j0 + S.loopBound(j1 - j0); j < bound; j += L) {
      DoubleVector s = DoubleVector.zero(S);
      for (int i = 0; i < rows; i++) {
        s = s.add(DoubleVector.fromArray(S, src, so + i * ld + j));
      }
      s.intoArray(out, oo + j);
    }
    for (; j < j1; j++) {
      double s = 0.0;
      for (int i = 0; i < rows; i++) {
        s += src[so + i * ld + j];
      }
      out[oo + j] = s;
    }
  }

  /** Fills rows r0..r1−1 of the row-major array dst (row stride ld, at offset do_) with src[so .. so+len). */
  static void fillRows(double[] dst, int dstOff, int ld, int r0, int r1, double[] src, int so, int len) {
    for (int r = r0; r < r1; r++) {
      System.arraycopy(src, so, dst, dstOff + r * ld, len);
    }
  }
}
