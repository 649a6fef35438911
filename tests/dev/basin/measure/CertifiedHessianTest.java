package dev.basin.measure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.kernel.Problem;
import dev.basin.linalg.VerifiedEigen;
import dev.basin.testing.BigHvp;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import dev.basin.testing.ExactInertia;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * spec FLAT-EIG-VERIFIED: the certified explicit Hessian's enclosures contain the eigenvalues of
 * the exact Hessian in order, and its Frobenius enclosure contains ‖H‖_F. The exact H is the
 * 60-digit HESS-HVP of every unit vector ({@link BigHvp}), symmetrized exactly; its eigenvalues are
 * counted below each end in exact arithmetic ({@link ExactInertia}). The matrix, rounded to 40 digits, is within
 * 1e-38 of H, far inside every enclosure's width (≥ 1e-17 relative).
 */
class CertifiedHessianTest {

  static LongStream seeds() {
    return LongStream.range(1, 41);
  }

  /** Cases of at most 24 parameters (the exact inertia's integers grow with N). */
  @ParameterizedTest
  @MethodSource("seeds")
  void enclosuresContainTheExactSpectrum(long seed) {
    Case c = Cases.random(seed);
    if (c.theta().length > 24) {
      return;
    }
    Problem p = c.objective().problem();
    double[] theta = c.theta();
    int n = theta.length;
    BigDecimal[] h = exactHessian(p, theta);
    CertifiedHessian ch = CertifiedHessian.of(p, theta);
    VerifiedEigen.Result v = ch.spectrum();
    for (int i = 0; i < n; i++) {
      int ii = i;
      assertTrue(ExactInertia.below(h, n, v.lo()[i]) <= i, () -> c + ": more than " + ii + " eigenvalues below lo");
      assertTrue(ExactInertia.below(h, n, Math.nextUp(v.hi()[i])) >= i + 1,
          () -> c + ": fewer than " + (ii + 1) + " eigenvalues at or below hi");
    }
    BigDecimal fro = BigDecimal.ZERO;
    for (BigDecimal x : h) {
      fro = fro.add(x.multiply(x));
    }
    double[] f = ch.frobenius();
    BigDecimal sq = fro;
    assertTrue(new BigDecimal(f[1]).pow(2).compareTo(sq) <= 0 && new BigDecimal(f[2]).pow(2).compareTo(sq) >= 0,
        () -> c + ": ||H||_F^2 = " + sq.doubleValue() + " outside [" + f[1] + ", " + f[2] + "]^2");
    assertTrue(f[2] - f[1] <= 1e-9 * (1.0 + f[0]), () -> c + ": Frobenius enclosure too wide");
  }

  /** The exact Hessian (60 digits), symmetrized exactly. */
  private static BigDecimal[] exactHessian(Problem p, double[] theta) {
    int n = theta.length;
    BigDecimal[] h = new BigDecimal[n * n];
    for (int j = 0; j < n; j++) {
      double[] e = new double[n];
      e[j] = 1.0;
      BigDecimal[] col = BigHvp.hvp(p, theta, e);
      for (int i = 0; i < n; i++) {
        h[i * n + j] = col[i];
      }
    }
    // 40 digits: within 1e-38 of H, far inside every enclosure, and the exact inertia stays fast
    MathContext mc = new MathContext(40);
    for (int q = 0; q < h.length; q++) {
      h[q] = h[q].round(mc);
    }
    BigDecimal half = new BigDecimal("0.5");
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        BigDecimal m = h[i * n + j].add(h[j * n + i]).multiply(half);
        h[i * n + j] = m;
        h[j * n + i] = m;
      }
    }
    return h;
  }

}
