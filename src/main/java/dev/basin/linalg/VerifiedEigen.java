package dev.basin.linalg;

import dev.basin.base.InvalidInputException;
import dev.basin.compute.Gemm;

/**
 * Certified enclosures of every eigenvalue of a symmetric matrix of doubles, in order (spec
 * LINALG-EIG-VERIFIED): the i-th smallest eigenvalue of S lies in [lo_i, hi_i]. From the computed
 * decomposition S ≈ QΛQᵀ ({@link SymmetricEigen}), with rigorous bounds on the rounding of the
 * products that check it:
 *
 * <ul>
 *   <li>Weyl: |λ_i(QᵀSQ) − Λ_i| ≤ r with r ≥ ‖QᵀSQ − Λ‖₂, from ‖fl(Qᵀ·fl(SQ)) − Λ‖_F plus the
 *       rounding γ_{N+1}(|Q|ᵀ|fl(SQ)| + |Q|ᵀ|S||Q|) of the two products;
 *   <li>Ostrowski (Horn &amp; Johnson, Thm 4.5.9): λ_i(QᵀSQ) = θ_i λ_i(S) with θ_i in [1 − α, 1 + α],
 *       α ≥ ‖QᵀQ − I‖₂ from ‖fl(QᵀQ) − I‖_F + γ_{N+1}‖|Q|ᵀ|Q|‖_F;
 * </ul>
 *
 * so λ_i(S) ∈ [Λ_i − r, Λ_i + r] / [1 − α, 1 + α], with every end rounded outwards. The products
 * run on {@link Gemm} (every term through at most N + 1 roundings), so the result does not depend
 * on the thread count. Cost: six N³ products.
 */
public final class VerifiedEigen {

  private VerifiedEigen() {}

  /**
   * The enclosures.
   *
   * @param values the computed eigenvalues Λ, ascending (lo_i ≤ Λ_i ≤ hi_i)
   * @param lo lower ends
   * @param hi upper ends
   * @param residual r, the Weyl radius of QᵀSQ about Λ
   * @param orthogonality α, the bound on ‖QᵀQ − I‖₂
   */
  public record Result(double[] values, double[] lo, double[] hi, double residual, double orthogonality) {}

  /** Encloses the eigenvalues of the symmetric n×n row-major matrix s (not modified; finite). */
  public static Result of(double[] s, int n) {
    SymmetricEigen.Result e = SymmetricEigen.of(s, n, true);
    double[] q = e.vectors();
    if (q == null) {
      throw new IllegalStateException("eigenvectors were requested");
    }
    double[] lambda = e.values();
    double g = gamma(n + 1.0);
    double[] absQ = abs(q);
    double[] absS = abs(s);
    double[] sq = new double[n * n];
    Gemm.multiply(n, n, n, s, n, false, q, n, false, sq, false);
    double[] f = new double[n * n];
    Gemm.multiply(n, n, n, q, n, true, sq, n, false, f, false);
    // the rounding of both products: γ(|Q|ᵀ|fl(SQ)| + |Q|ᵀ(|S||Q|)), non-negative sums
    double[] absSq = abs(sq);
    double[] mag = new double[n * n];
    Gemm.multiply(n, n, n, absQ, n, true, absSq, n, false, mag, false);
    double[] sAbsQ = new double[n * n];
    Gemm.multiply(n, n, n, absS, n, false, absQ, n, false, sAbsQ, false);
    Gemm.multiply(n, n, n, absQ, n, true, sAbsQ, n, false, mag, true);
    double r = radius(f, lambda, mag, n, g);
    double[] qq = new double[n * n];
    Gemm.multiply(n, n, n, q, n, true, q, n, false, qq, false);
    double[] qMag = new double[n * n];
    Gemm.multiply(n, n, n, absQ, n, true, absQ, n, false, qMag, false);
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1.0);
    double alpha = radius(qq, ones, qMag, n, g);
    if (!(alpha < 0.5)) {
      throw new InvalidInputException("matrix", "the computed eigenvectors are not orthogonal enough to certify ("
          + "||Q^T Q - I|| <= " + alpha + ")");
    }
    double low = Math.nextDown(1.0 - alpha);
    double high = Math.nextUp(1.0 + alpha);
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int i = 0; i < n; i++) {
      double mLo = Math.nextDown(lambda[i] - r);
      double mHi = Math.nextUp(lambda[i] + r);
      lo[i] = Math.nextDown(mLo / (mLo >= 0.0 ? high : low));
      hi[i] = Math.nextUp(mHi / (mHi >= 0.0 ? low : high));
    }
    return new Result(lambda, lo, hi, r, alpha);
  }

  /**
   * An upper bound on ‖M − diag(dg)‖_F + γ·‖M_mag‖_F for the exact products, given the computed
   * product m (n×n) and the computed non-negative magnitude mag whose every term passed at most
   * 2n + 3 roundings (so the exact magnitude is at most mag·(1 + 2γ_{2n+3})). Each Frobenius norm is
   * a sum of n² computed squares and a square root: at most n² + 3 roundings per term.
   */
  private static double radius(double[] m, double[] dg, double[] mag, int n, double g) {
    double off = 0.0;
    double magSq = 0.0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double dv = m[i * n + j] - (i == j ? dg[i] : 0.0);
        off += dv * dv;
        magSq += mag[i * n + j] * mag[i * n + j];
      }
    }
    double norm = 1.0 + 2.0 * gamma((double) n * n + 3.0);
    double offNorm = Math.nextUp(Math.sqrt(off) * norm);
    double magNorm = Math.nextUp(Math.nextUp(Math.sqrt(magSq) * norm) * (1.0 + 2.0 * gamma(2.0 * n + 3.0)));
    // gradual underflow adds at most 2⁻¹⁰⁷⁵ per operation: n³ products, absolutely (negligible above 2⁻¹⁰⁰⁰)
    return Math.nextUp(offNorm + Math.nextUp(g * magNorm) + 4.0 * n * (double) n * n * Double.MIN_VALUE);
  }

  /** γ_m at binary64 (FLAT-FP). */
  private static double gamma(double m) {
    double mu = m * 0x1p-53;
    if (!(mu < 0.5)) {
      throw new ArithmeticException("gamma(" + m + "): m·u >= 1/2");
    }
    return mu / (1.0 - mu);
  }

  private static double[] abs(double[] a) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = Math.abs(a[i]);
    }
    return r;
  }
}
