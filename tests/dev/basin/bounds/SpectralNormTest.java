package dev.basin.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.testing.Cases;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The certified spectral norm (spec BOUND-NORM-SPECTRAL) against an independent method (EJML's
 * SVD of A itself, not of the Gram matrix). The SVD's largest singular value is backward stable:
 * its error is ~ r·u·‖A‖, so the enclosure must contain it up to 1e-13 relative; the enclosure's
 * own width must stay below 1e-12 relative (Gershgorin radii and ‖VᵀV − I‖ are O(r u)).
 */
class SpectralNormTest {

  static LongStream seeds() {
    return LongStream.range(1, 101);
  }

  static double svdMax(double[] a, int rows, int cols) {
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, cols, false, false, true);
    svd.decompose(new DMatrixRMaj(rows, cols, true, a));
    double max = 0;
    for (double s : svd.getSingularValues()) {
      max = Math.max(max, s);
    }
    return max;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void enclosureContainsTheSvdValueAndIsTight(long seed) {
    UniformRandomProvider r = Cases.rng(seed);
    int rows = 1 + r.nextInt(12);
    int cols = 1 + r.nextInt(12);
    double[] a = Cases.gaussians(r, rows * cols, Math.scalb(1.0, r.nextInt(9) - 4));
    Interval e = SpectralNorm.certified(a, rows, cols);
    double svd = svdMax(a, rows, cols);
    String ctx = "seed=" + seed + " " + rows + "x" + cols + " enclosure " + e + " svd " + svd;
    double slack = 1e-13 * svd;
    assertTrue(e.lo() - slack <= svd && svd <= e.hi() + slack, ctx);
    assertTrue(e.width() <= 1e-12 * svd, ctx + " width " + e.width());
    double plain = SpectralNorm.plain(a, rows, cols);
    assertTrue(e.contains(plain) || Math.abs(plain - svd) <= slack, ctx + " plain " + plain);
  }

  @Test
  void diagonalMatrixIsExact() {
    Interval e = SpectralNorm.certified(new double[] {3, 0, 0, 0, -4, 0}, 2, 3);
    assertTrue(e.contains(4.0), "||diag(3, -4)||_2 = 4: " + e);
  }

  @Test
  void zeroMatrixHasNormZero() {
    Interval e = SpectralNorm.certified(new double[6], 2, 3);
    assertEquals(0.0, e.lo());
    assertEquals(0.0, e.hi());
  }

  @Test
  void rankOneMatrixHasTheProductOfNorms() {
    // u vᵀ with u = (1, 2), v = (2, 2, 1): ||A||_2 = ||u|| ||v|| = √5 · 3
    double[] a = {2, 2, 1, 4, 4, 2};
    Interval e = SpectralNorm.certified(a, 2, 3);
    double exact = Math.sqrt(5) * 3;
    assertTrue(e.lo() <= exact * (1 + 1e-16) && exact * (1 - 1e-16) <= e.hi(), e + " vs " + exact);
  }

  /**
   * 2×2 matrices have a closed form: σ_max² = (T + √(T² − 4D²))/2 with T = ‖A‖_F², D = det A,
   * evaluated here in 60-digit decimal arithmetic; the enclosure must contain it with no slack
   * (lo² ≤ σ² ≤ hi², squares of doubles exact in BigDecimal). A plain (uncertified) value fails
   * this about half the time.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void enclosureContainsTheExactTwoByTwoNorm(long seed) {
    UniformRandomProvider r = Cases.rng(seed + 77);
    double[] a = Cases.gaussians(r, 4, 1.0);
    java.math.MathContext mc = new java.math.MathContext(60);
    java.math.BigDecimal[] b = new java.math.BigDecimal[4];
    for (int i = 0; i < 4; i++) {
      b[i] = new java.math.BigDecimal(a[i]);
    }
    java.math.BigDecimal t = b[0].pow(2).add(b[1].pow(2)).add(b[2].pow(2)).add(b[3].pow(2));
    java.math.BigDecimal det = b[0].multiply(b[3]).subtract(b[1].multiply(b[2]));
    java.math.BigDecimal disc = t.pow(2).subtract(det.pow(2).multiply(java.math.BigDecimal.valueOf(4)));
    java.math.BigDecimal sigma2 = t.add(disc.sqrt(mc)).divide(java.math.BigDecimal.valueOf(2), mc);
    Interval e = SpectralNorm.certified(a, 2, 2);
    java.math.BigDecimal lo2 = new java.math.BigDecimal(e.lo()).pow(2);
    java.math.BigDecimal hi2 = new java.math.BigDecimal(e.hi()).pow(2);
    assertTrue(lo2.compareTo(sigma2) <= 0 && sigma2.compareTo(hi2) <= 0, "seed=" + seed + " " + e + " vs sigma^2 " + sigma2);
  }
}
