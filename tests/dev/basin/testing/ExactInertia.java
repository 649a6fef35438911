package dev.basin.testing;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The exact number of eigenvalues of a symmetric matrix of rationals below σ (Sylvester's law of
 * inertia via Jacobi's rule): the sign changes in 1, D_1, …, D_n, the leading principal minors of
 * S − σI, computed exactly by Bareiss's fraction-free elimination on a common-scale integer matrix.
 * The oracle for certified eigenvalue enclosures: no rounding anywhere.
 */
public final class ExactInertia {

  private ExactInertia() {}

  /** The number of eigenvalues of S (n×n row-major, symmetric) strictly below σ; S − σI must be nonsingular with non-zero minors. */
  public static int below(BigDecimal[] s, int n, double sigma) {
    BigDecimal sg = new BigDecimal(sigma);
    BigDecimal[] m = new BigDecimal[n * n];
    int scale = 0;
    for (int i = 0; i < n * n; i++) {
      m[i] = i / n == i % n ? s[i].subtract(sg) : s[i];
      scale = Math.max(scale, m[i].scale());
    }
    BigInteger[] a = new BigInteger[n * n];
    for (int i = 0; i < n * n; i++) {
      a[i] = m[i].setScale(scale).unscaledValue();
    }
    BigInteger prev = BigInteger.ONE;
    int changes = 0;
    int sign = 1;
    for (int k = 0; k < n; k++) {
      BigInteger pivot = a[k * n + k];
      if (pivot.signum() == 0) {
        throw new ArithmeticException("a leading principal minor of S - sigma I is 0 at sigma = " + sigma);
      }
      // the pivot is D_{k+1} (up to the positive factor scale^(k+1) of the integer scaling)
      if (pivot.signum() != sign) {
        changes++;
      }
      sign = pivot.signum();
      for (int i = k + 1; i < n; i++) {
        for (int j = k + 1; j < n; j++) {
          a[i * n + j] = pivot.multiply(a[i * n + j]).subtract(a[i * n + k].multiply(a[k * n + j])).divide(prev);
        }
      }
      prev = pivot;
    }
    return changes;
  }

  /** The same for a matrix of doubles (each taken as its exact value). */
  public static int below(double[] s, int n, double sigma) {
    BigDecimal[] b = new BigDecimal[s.length];
    for (int i = 0; i < s.length; i++) {
      b[i] = new BigDecimal(s[i]);
    }
    return below(b, n, sigma);
  }
}
