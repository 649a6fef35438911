package dev.basin.data;

import dev.basin.base.Rng;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The index models of spec/data.md DATA-ORTHONORMAL, DATA-MULTI-INDEX, DATA-SINGLE-INDEX-SUM.
 */
class IndexModelsTest {

  static LongStream seeds() {
    return LongStream.range(1, 51);
  }

  /**
   * UᵀU = I_r. Budget: two passes of modified Gram–Schmidt give orthogonality to a small multiple
   * of d·u (Giraud et al. 2005); d ≤ 40 here, so 1e-14 leaves a margin of ~2×… 10×.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void directionsAreOrthonormal(long seed) {
    Rng r = Rng.of(seed);
    int d = 1 + r.nextInt(40);
    int k = 1 + r.nextInt(d);
    double[] u = IndexModels.orthonormalDirections(d, k, Rng.of(seed * 31));
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double dot = 0;
        for (int m = 0; m < d; m++) {
          dot += u[m * k + i] * u[m * k + j];
        }
        assertEquals(i == j ? 1.0 : 0.0, dot, 1e-14, "seed=" + seed + " d=" + d + " r=" + k + " (" + i + "," + j + ")");
      }
    }
  }

  @Test
  void theFirstDirectionIsTheNormalizedFirstGaussianColumn() {
    // Gram–Schmidt leaves the direction of the first column unchanged: u_1 = g_1/‖g_1‖
    int d = 5;
    int r = 3;
    double[] g = Rng.of(9).gaussians(d * r, 1.0);
    double[] u = IndexModels.orthonormalDirections(d, r, Rng.of(9));
    double norm = 0;
    for (int m = 0; m < d; m++) {
      norm += g[m * r] * g[m * r];
    }
    norm = Math.sqrt(norm);
    for (int m = 0; m < d; m++) {
      assertEquals(g[m * r] / norm, u[m * r], 1e-15);
    }
  }

  @Test
  void linksAtChosenPoints() {
    // closed forms of the tables in spec DATA-MULTI-INDEX / DATA-SINGLE-INDEX-SUM
    double[] z = {2.0, -3.0, 0.5};
    assertEquals(-3.0, IndexModels.MultiLink.PRODUCT.apply(z, 0, 3), 0.0);
    assertEquals((4 + 9 + 0.25 - 3) / Math.sqrt(6), IndexModels.MultiLink.NORM2.apply(z, 0, 3), 1e-15);
    assertEquals(2.0, IndexModels.MultiLink.MAX.apply(z, 0, 3), 0.0);
    assertEquals(0.5, IndexModels.MultiLink.MAX.apply(z, 2, 1), 0.0);
    assertEquals(0.0, IndexModels.ScalarLink.RELU.apply(-1.5), 0.0);
    assertEquals(1.5, IndexModels.ScalarLink.RELU.apply(1.5), 0.0);
    assertEquals(Math.tanh(0.7), IndexModels.ScalarLink.TANH.apply(0.7), 0.0);
    assertEquals(3 / Math.sqrt(2), IndexModels.ScalarLink.HE2.apply(2.0), 1e-15);
    assertEquals((8 - 6) / Math.sqrt(6), IndexModels.ScalarLink.HE3.apply(2.0), 1e-15);
    assertEquals(IndexModels.MultiLink.NORM2, IndexModels.MultiLink.parse(" Norm2 "));
    assertThrows(InvalidInputException.class, () -> IndexModels.MultiLink.parse("relu"));
    assertThrows(InvalidInputException.class, () -> IndexModels.ScalarLink.parse("product"));
  }

  /** The targets depend on x only through z = Uᵀx, by the stated formulas (noise 0: exact up to the same arithmetic). */
  @ParameterizedTest
  @MethodSource("seeds")
  void targetsFollowTheFormulas(long seed) {
    Rng pick = Rng.of(seed + 1000);
    int d = 2 + pick.nextInt(8);
    int r = 1 + pick.nextInt(d);
    int n = 1 + pick.nextInt(30);
    double[] u = IndexModels.orthonormalDirections(d, r, Rng.of(seed));
    IndexModels.MultiLink g = IndexModels.MultiLink.values()[pick.nextInt(3)];
    IndexModels.ScalarLink phi = IndexModels.ScalarLink.values()[pick.nextInt(4)];
    Dataset multi = IndexModels.multiIndex(n, d, u, r, g, 0.0, Rng.of(seed + 1));
    Dataset single = IndexModels.singleIndexSum(n, d, u, r, phi, 0.0, Rng.of(seed + 1));
    assertArrayEquals(multi.x(), single.x(), 0.0, "X is drawn first from the same stream");
    double[] x = multi.x();
    for (int i = 0; i < n; i++) {
      double[] z = new double[r];
      for (int j = 0; j < r; j++) {
        for (int m = 0; m < d; m++) {
          z[j] += u[m * r + j] * x[i * d + m];
        }
      }
      double s = 0;
      for (int j = 0; j < r; j++) {
        s += phi.apply(z[j]);
      }
      String what = "seed=" + seed + " d=" + d + " r=" + r + " row " + i;
      assertEquals(g.apply(z, 0, r), multi.targets()[i], 1e-12 * (1 + Math.abs(multi.targets()[i])), what + " " + g);
      assertEquals(s / Math.sqrt(r), single.targets()[i], 1e-12 * (1 + Math.abs(s)), what + " " + phi);
    }
  }

  /**
   * Moments under x ~ N(0, I): the normalized links have mean 0 and variance 1 (spec tables). With
   * n = 20000 the standard error of the mean is 1/√n ≈ 0.007 and of the variance ≤ √(8/n) ≈ 0.02
   * (E y⁴ ≤ 9 for these links at r = 2); the tolerances 0.05 / 0.12 are ~6 standard errors. The
   * seed is fixed, so the test is deterministic; the tolerance guards a wrong normalization
   * (e.g. a missing 1/√2 changes the variance by a factor 2).
   */
  @Test
  void normalizedLinksHaveUnitVariance() {
    int n = 20000;
    int d = 6;
    int r = 2;
    double[] u = IndexModels.orthonormalDirections(d, r, Rng.of(1));
    for (IndexModels.MultiLink g : new IndexModels.MultiLink[] {IndexModels.MultiLink.PRODUCT, IndexModels.MultiLink.NORM2}) {
      double[] y = IndexModels.multiIndex(n, d, u, r, g, 0.0, Rng.of(2)).targets();
      assertMoments(y, g.label());
    }
    for (IndexModels.ScalarLink phi : new IndexModels.ScalarLink[] {IndexModels.ScalarLink.HE2, IndexModels.ScalarLink.HE3}) {
      double[] y = IndexModels.singleIndexSum(n, d, u, r, phi, 0.0, Rng.of(3)).targets();
      assertMoments(y, phi.label());
    }
  }

  private static void assertMoments(double[] y, String what) {
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= y.length;
    double var = 0;
    for (double v : y) {
      var += (v - mean) * (v - mean);
    }
    var /= y.length - 1;
    assertEquals(0.0, mean, 0.05, what + " mean");
    assertEquals(1.0, var, 0.12, what + " variance");
  }

  @Test
  void noiseIsAddedAfterTheInputs() {
    double[] u = IndexModels.orthonormalDirections(4, 2, Rng.of(5));
    Dataset clean = IndexModels.multiIndex(50, 4, u, 2, IndexModels.MultiLink.PRODUCT, 0.0, Rng.of(6));
    Dataset noisy = IndexModels.multiIndex(50, 4, u, 2, IndexModels.MultiLink.PRODUCT, 0.5, Rng.of(6));
    assertArrayEquals(clean.x(), noisy.x(), 0.0);
    assertTrue(dev.basin.testing.Cases.maxAbsDiff(clean.targets(), noisy.targets()) > 0.1);
  }

  @Test
  void badArgumentsAreNamed() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> IndexModels.orthonormalDirections(3, 4, Rng.of(1)));
    assertTrue(e.getMessage().startsWith("r (directions)"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> IndexModels.multiIndex(5, 3, new double[5], 2,
        IndexModels.MultiLink.MAX, 0.0, Rng.of(1)));
    assertThrows(InvalidInputException.class, () -> IndexModels.singleIndexSum(5, 3, new double[6], 2,
        IndexModels.ScalarLink.RELU, -1.0, Rng.of(1)));
  }
  /**
   * DATA-SINGLE-INDEX-SUM with the relu link and orthonormal U: Var(y) = ½ − 1/(2π) + noise²
   * (derived in spec/data.md). The sample variance of 400000 draws has standard error about
   * Var·√(2.6/m) ≈ 8e-4 (relu's kurtosis included); the tolerance is 5 of them.
   */
  @Test
  void reluSumVarianceMatchesTheSampleVariance() {
    for (double noise : new double[] {0.0, 0.1}) {
      int m = 400_000;
      double[] u = IndexModels.orthonormalDirections(10, 2, Rng.of(4));
      double[] y = IndexModels.singleIndexSum(m, 10, u, 2, IndexModels.ScalarLink.RELU, noise, Rng.of(5)).targets();
      double mean = 0.0;
      for (double v : y) {
        mean += v / m;
      }
      double var = 0.0;
      for (double v : y) {
        var += (v - mean) * (v - mean) / (m - 1);
      }
      assertEquals(IndexModels.reluSumVariance(noise), var, 4e-3, "noise " + noise);
    }
  }
}
