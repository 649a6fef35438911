package dev.basin.dynamics.rank1;

import dev.basin.base.Findings;
import dev.basin.base.Reported;
import dev.basin.dynamics.Trainer;

/**
 * A trainer listener that checks spec RANK1-UPDATE inside real training of a
 * {@link FactoredConvLandscape}: before each update θ_{t+1} = θ_t − η v it predicts every filter
 * as w − ηΔ (eq. (3) corrected, with (P, Q, T) the factor blocks of v and α = η), and after the
 * update compares it with p′ ⊗ q′ ⊗ t′ entry by entry, relative to the rounding bound of
 * {@link Rank1Filter#roundingBound}. For plain SGD v is the factor gradient, so this is the
 * factor-wise SGD step of Lee &amp; Lee.
 */
public final class Rank1Check implements Trainer.Listener {

  private final FactoredConvLandscape landscape;
  private double[][] predicted = new double[0][];
  private double[][] bound = new double[0][];
  private long steps;
  private double maxResidual;
  private double maxRatio;

  /** A check for one run on the landscape. */
  public Rank1Check(FactoredConvLandscape landscape) {
    this.landscape = landscape;
  }

  @Override
  public void beforeUpdate(long step, double[] theta, double[] velocity, double lr) {
    int nf = landscape.net().shape().filters();
    predicted = new double[nf][];
    bound = new double[nf][];
    for (int f = 0; f < nf; f++) {
      double[][] w = landscape.factors(theta, f);
      double[][] g = landscape.factors(velocity, f);
      double[] delta = Rank1Filter.delta(w[0], w[1], w[2], g[0], g[1], g[2], lr);
      double[] tensor = Rank1Filter.tensor(w[0], w[1], w[2]);
      double[] pred = new double[tensor.length];
      double[] b = new double[tensor.length];
      int nj = w[1].length;
      int nk = w[2].length;
      for (int q = 0; q < tensor.length; q++) {
        pred[q] = tensor[q] - lr * delta[q];
        int i = q / (nj * nk);
        int j = (q / nk) % nj;
        int k = q % nk;
        b[q] = Rank1Filter.roundingBound(w[0][i], w[1][j], w[2][k], g[0][i], g[1][j], g[2][k], lr);
      }
      predicted[f] = pred;
      bound[f] = b;
    }
  }

  @Override
  public boolean afterStep(long step, double[] theta) {
    for (int f = 0; f < predicted.length; f++) {
      double[] w = landscape.filter(theta, f);
      for (int q = 0; q < w.length; q++) {
        double r = Math.abs(w[q] - predicted[f][q]);
        maxResidual = Math.max(maxResidual, r);
        if (r > 0) {
          maxRatio = Math.max(maxRatio, bound[f][q] > 0 ? r / bound[f][q] : Double.MAX_VALUE);
        }
      }
    }
    steps++;
    return true;
  }

  /** Updates checked. */
  public long steps() {
    return steps;
  }

  /** max |p′⊗q′⊗t′ − (w − αΔ)| over all checked entries and steps. */
  public double maxResidual() {
    return maxResidual;
  }

  /** max of |residual| / rounding bound (≤ 1 when the identity holds to rounding). */
  public double maxResidualOverBound() {
    return maxRatio;
  }

  /** Whether every checked entry's residual is within its rounding bound (RANK1-UPDATE). */
  public boolean holdsToRounding() {
    return maxRatio <= 1.0;
  }

  /** The check's outcome as findings. */
  public Findings findings() {
    return Findings.builder()
        .count("identity_checked_steps", steps)
        .put("identity_max_abs_residual", Reported.exact(maxResidual, "RANK1-UPDATE",
            "max |p' (x) q' (x) t' - (w - lr Delta)| over the checked entries and steps"))
        .put("identity_max_residual_over_rounding_bound", Reported.exact(maxRatio, "RANK1-UPDATE",
            "max of |residual| / its rounding bound"))
        .flag("identity_holds_to_rounding", holdsToRounding())
        .text("identity", "p' (x) q' (x) t' = w - lr Delta, Delta of eq. (3) with t_k P_i Q_j (typo corrected), spec"
            + " RANK1-UPDATE")
        .build();
  }
}
