package dev.basin.dynamics.rank1;

import dev.basin.model.Checks;

/**
 * The algebra of one rank-1 3-D filter w = p ⊗ q ⊗ t, w_ijk = p_i q_j t_k (spec RANK1-FILTER),
 * stored row-major: w[(i·J + j)·K + k]. All methods are static; arrays are not modified unless
 * stated.
 */
public final class Rank1Filter {

  private Rank1Filter() {}

  /** p ⊗ q ⊗ t (fresh, I·J·K). */
  public static double[] tensor(double[] p, double[] q, double[] t) {
    int ni = p.length;
    int nj = q.length;
    int nk = t.length;
    double[] w = new double[Checks.product("filter", Checks.product("filter", ni, nj), nk)];
    for (int i = 0; i < ni; i++) {
      for (int j = 0; j < nj; j++) {
        double pq = p[i] * q[j];
        int row = (i * nj + j) * nk;
        for (int k = 0; k < nk; k++) {
          w[row + k] = pq * t[k];
        }
      }
    }
    return w;
  }

  /**
   * The factor gradients from the tensor gradient G = ∂L/∂w by the chain rule (spec RANK1-UPDATE):
   * P_i = Σ_jk G_ijk q_j t_k, Q_j = Σ_ik G_ijk p_i t_k, T_k = Σ_ij G_ijk p_i q_j. Written to
   * gp, gq, gt (overwritten).
   */
  public static void factorGradients(double[] g, double[] p, double[] q, double[] t, double[] gp, double[] gq, double[] gt) {
    int ni = p.length;
    int nj = q.length;
    int nk = t.length;
    java.util.Arrays.fill(gp, 0.0);
    java.util.Arrays.fill(gq, 0.0);
    java.util.Arrays.fill(gt, 0.0);
    for (int i = 0; i < ni; i++) {
      for (int j = 0; j < nj; j++) {
        int row = (i * nj + j) * nk;
        for (int k = 0; k < nk; k++) {
          double gijk = g[row + k];
          gp[i] += gijk * q[j] * t[k];
          gq[j] += gijk * p[i] * t[k];
          gt[k] += gijk * p[i] * q[j];
        }
      }
    }
  }

  /**
   * Δ of Lee &amp; Lee's eq. (3), corrected (spec RANK1-UPDATE): with the factor gradients P, Q, T
   * and step α,
   *
   * <pre>
   *   Δ_ijk = q_j t_k P_i + p_i t_k Q_j + p_i q_j T_k
   *         − α (t_k P_i Q_j + q_j P_i T_k + p_i Q_j T_k)
   *         + α² P_i Q_j T_k
   * </pre>
   *
   * so that (p − αP) ⊗ (q − αQ) ⊗ (t − αT) = w − αΔ exactly (the seed's (3) has t_k P_i T_k in
   * place of t_k P_i Q_j). Fresh array.
   */
  public static double[] delta(double[] p, double[] q, double[] t, double[] gp, double[] gq, double[] gt, double alpha) {
    int ni = p.length;
    int nj = q.length;
    int nk = t.length;
    double[] d = new double[ni * nj * nk];
    for (int i = 0; i < ni; i++) {
      for (int j = 0; j < nj; j++) {
        int row = (i * nj + j) * nk;
        for (int k = 0; k < nk; k++) {
          double first = q[j] * t[k] * gp[i] + p[i] * t[k] * gq[j] + p[i] * q[j] * gt[k];
          double second = t[k] * gp[i] * gq[j] + q[j] * gp[i] * gt[k] + p[i] * gq[j] * gt[k];
          double third = gp[i] * gq[j] * gt[k];
          d[row + k] = first - alpha * second + alpha * alpha * third;
        }
      }
    }
    return d;
  }

  /**
   * Lee &amp; Lee's eq. (2): the ordinary full-tensor step w′ = w − αG corrected to
   * w″ = w′ − α(Δ − G) (= w − αΔ, the rank-1 tensor of the factor step). Fresh array.
   */
  public static double[] correctedStep(double[] w, double[] g, double[] delta, double alpha) {
    double[] out = new double[w.length];
    for (int q = 0; q < w.length; q++) {
      double ordinary = w[q] - alpha * g[q];
      out[q] = ordinary - alpha * (delta[q] - g[q]);
    }
    return out;
  }

  /**
   * A bound on the rounding error of the identity p′⊗q′⊗t′ = w − αΔ at entry (i, j, k): 16 u
   * times the sum of the absolute values of every product in the expansion (u = 2⁻⁵³; each
   * side evaluates at most 8 products of ≤ 3 factors and sums them, γ_n ≤ 1.01 n u).
   */
  public static double roundingBound(double pi, double qj, double tk, double gpi, double gqj, double gtk, double alpha) {
    double a = Math.abs(alpha);
    double pq = Math.abs(pi);
    double qq = Math.abs(qj);
    double tq = Math.abs(tk);
    double gp = Math.abs(gpi);
    double gq = Math.abs(gqj);
    double gt = Math.abs(gtk);
    double mass = pq * qq * tq + a * (qq * tq * gp + pq * tq * gq + pq * qq * gt)
        + a * a * (tq * gp * gq + qq * gp * gt + pq * gq * gt) + a * a * a * gp * gq * gt
        + (pq + a * gp) * (qq + a * gq) * (tq + a * gt);
    return 16 * 0x1p-53 * mass;
  }

  /**
   * A bound on |eq. (2) as computed − p′⊗q′⊗t′| at one entry (spec RANK1-UPDATE): eq. (2) rounds
   * fl(fl(w − fl(αG)) − fl(α fl(Δ̂ − G))), within γ₄(|w| + 2|αG| + 2|αΔ̂|) of w − αΔ̂ (γ₄ = 4u/(1 − 4u),
   * u = 2⁻⁵³: four roundings, each relative to the magnitude of its operands), and w − αΔ̂ is
   * within {@code identityBound} (= {@link #roundingBound}) of the computed p′⊗q′⊗t′.
   */
  public static double correctedStepRoundingBound(double w, double g, double deltaHat, double alpha, double identityBound) {
    double u = 0x1p-53;
    double gamma4 = 4 * u / (1 - 4 * u);
    double a = Math.abs(alpha);
    return identityBound + gamma4 * (Math.abs(w) + 2 * a * Math.abs(g) + 2 * a * Math.abs(deltaHat));
  }
}
