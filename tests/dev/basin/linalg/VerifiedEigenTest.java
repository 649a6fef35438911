package dev.basin.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.testing.Cases;
import dev.basin.testing.ExactInertia;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * spec LINALG-EIG-VERIFIED: for every i, the i-th smallest eigenvalue of S lies in [lo_i, hi_i],
 * checked exactly by counting the eigenvalues below each end (Sylvester inertia in exact integer
 * arithmetic, {@link ExactInertia}): at most i below lo_i and at least i + 1 at or below hi_i. The
 * matrices have clustered and repeated eigenvalues and mixed signs; the enclosures must also be
 * narrow (relative width ≤ 1e-10 of the spectral scale).
 */
class VerifiedEigenTest {

  static LongStream seeds() {
    return LongStream.range(1, 61);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void enclosuresContainTheEigenvaluesInOrder(long seed) {
    UniformRandomProvider r = Cases.rng(seed);
    int n = 1 + r.nextInt(12);
    double[] s = matrix(r, n);
    VerifiedEigen.Result v = VerifiedEigen.of(s, n);
    double scale = 0.0;
    for (double x : v.values()) {
      scale = Math.max(scale, Math.abs(x));
    }
    for (int i = 0; i < n; i++) {
      int ii = i;
      assertTrue(v.lo()[i] <= v.values()[i] && v.values()[i] <= v.hi()[i], "value outside its enclosure");
      assertTrue(ExactInertia.below(s, n, v.lo()[i]) <= i, () -> "seed " + seed + ": more than " + ii + " eigenvalues below lo");
      assertTrue(ExactInertia.below(s, n, Math.nextUp(v.hi()[i])) >= i + 1,
          () -> "seed " + seed + ": fewer than " + (ii + 1) + " eigenvalues at or below hi");
      assertTrue(v.hi()[i] - v.lo()[i] <= 1e-10 * Math.max(scale, 1e-300), () -> "seed " + seed + " wide enclosure");
    }
  }

  /**
   * A random symmetric matrix: G + Gᵀ, or (every third seed) a nearly rank-deficient Gram matrix
   * with a repeated direction, so that eigenvalues cluster.
   */
  private static double[] matrix(UniformRandomProvider r, int n) {
    double[] g = Cases.gaussians(r, n * n, 1.0);
    double[] s = new double[n * n];
    boolean gram = r.nextInt(3) == 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = 0.0;
        if (gram) {
          for (int m = 0; m < Math.max(1, n / 2); m++) {
            v += g[m * n + i] * g[m * n + j];
          }
        } else {
          v = g[i * n + j] + g[j * n + i];
        }
        s[i * n + j] = v;
      }
    }
    return s;
  }
}
