package dev.basin.dynamics.stagnation;

import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * The exact (Clopper–Pearson 1934) two-sided confidence interval for a binomial proportion (spec
 * STAG-CP): with k successes in n trials and level 1 − α,
 * lower = B⁻¹(α/2; k, n − k + 1) (0 when k = 0), upper = B⁻¹(1 − α/2; k + 1, n − k) (1 when
 * k = n), B⁻¹ the beta quantile (Commons Statistics BetaDistribution). Its coverage is at least
 * 1 − α for every true proportion.
 *
 * @param successes k
 * @param trials n ≥ 1
 * @param level 1 − α ∈ (0, 1)
 * @param estimate k / n
 * @param lower the lower end
 * @param upper the upper end
 */
public record BinomialInterval(long successes, long trials, double level, double estimate, double lower, double upper) {

  /** The Clopper–Pearson interval. */
  /*@ public behavior
    @ requires trials >= 1 && 0 <= successes && successes <= trials && 0 < level && level < 1;
    @ ensures 0.0 <= \result.lower() && \result.lower() <= \result.estimate() && \result.estimate() <= \result.upper() && \result.upper() <= 1.0;
    @ ensures \result.estimate() == (double) successes / trials;
    @ ensures successes == 0 <==> \result.lower() == 0.0;  ensures successes == trials <==> \result.upper() == 1.0;
    @ ensures successes > 0 ==> P[Bin(trials, lower) >= successes] == (1 - level) / 2   (exact binomial tail);
    @ ensures successes < trials ==> P[Bin(trials, upper) <= successes] == (1 - level) / 2;
    @ signals (InvalidInputException) the requires clause fails;
    @ assignable \nothing;
    @*/
  public static BinomialInterval clopperPearson(long successes, long trials, double level) {
    if (trials < 1) {
      throw new InvalidInputException("trials", trials + " (must be >= 1)");
    }
    if (successes < 0 || successes > trials) {
      throw new InvalidInputException("successes", successes + " (must lie in [0, " + trials + "])");
    }
    Checks.openUnit("confidence level", level);
    double alpha = 1.0 - level;
    double k = successes;
    double n = trials;
    double lo = successes == 0 ? 0.0
        : BetaDistribution.of(k, n - k + 1.0).inverseCumulativeProbability(alpha / 2.0);
    double hi = successes == trials ? 1.0
        : BetaDistribution.of(k + 1.0, n - k).inverseSurvivalProbability(alpha / 2.0);
    return new BinomialInterval(successes, trials, level, k / n, lo, hi);
  }
}
