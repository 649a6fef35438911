package dev.basin.bounds;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The binary margin bound (spec BOUND-RAD-MARGIN; Koltchinskii &amp; Panchenko 2002, Mohri et al.
 * 2018 Thm 5.8): for a class F fixed before the sample, with probability ≥ 1 − δ, every f ∈ F has
 * Pr[y f(x) ≤ 0] ≤ R̂_γ(f) + (2/γ) R̂_S(F) + 3 √(ln(2/δ)/(2m)), R̂_S the empirical Rademacher
 * complexity. Shared by the three Rademacher entries.
 */
final class MarginBound {

  private MarginBound() {}

  /** R̂_γ + (2/γ)·rad + 3 √((ln 2 + ln(1/δ))/(2m)). */
  static <N extends Num<N>> N value(Ingredients<N> in, N marginLoss, N gamma, N rad, N logInvDelta) {
    Arithmetic<N> ar = in.ar;
    N conf = ar.ln2().add(logInvDelta).div(ar.exact(2.0).mul(in.mN())).sqrt().mul(ar.exact(3.0));
    return marginLoss.add(ar.exact(2.0).div(gamma).mul(rad)).add(conf);
  }

  /** Why γ is unusable (γ ≤ 0 from a quantile of margins), or null. */
  static <N extends Num<N>> @Nullable String gammaProblem(Ingredients<N> in) {
    if (in.gamma.lo() > 0.0) {
      return null;
    }
    return "the margin gamma = " + in.gamma + " (" + in.gammaRule + ") is not > 0: the sample at"
        + " that quantile is misclassified or tied; choose a fixed --margin or a higher quantile";
  }
}
