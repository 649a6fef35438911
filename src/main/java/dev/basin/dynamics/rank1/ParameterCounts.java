package dev.basin.dynamics.rank1;

import dev.basin.base.Findings;
import dev.basin.base.Reported;
import dev.basin.model.Checks;

/**
 * Parameter counts of dense versus rank-1 filters and their effect on Lee &amp; Lee's
 * parameter-counting heuristic √(N/m) (spec RANK1-COUNT; papers.md §3.2: an order-of-magnitude
 * heuristic without constants, log factors or confidence term, <b>not</b> a rigorous bound).
 *
 * @param perFilterDense I·J·K
 * @param perFilterFactored I + J + K
 * @param denseParams N of the model with dense filters
 * @param factoredParams N of the model with rank-1 filters
 * @param samples m
 * @param sqrtDense √(N_dense / m)
 * @param sqrtFactored √(N_factored / m)
 */
public record ParameterCounts(long perFilterDense, long perFilterFactored, long denseParams, long factoredParams,
    long samples, double sqrtDense, double sqrtFactored) {

  /** The counts of a filter I×J×K alone (denseParams = IJK, factoredParams = I+J+K) for m samples. */
  public static ParameterCounts filter(int i, int j, int k, long m) {
    Checks.atLeast("I", i, 1);
    Checks.atLeast("J", j, 1);
    Checks.atLeast("K", k, 1);
    long dense = (long) i * j * k;
    long fact = (long) i + j + k;
    return of(dense, fact, dense, fact, m);
  }

  /** The counts of the conv model of a shape for m samples. */
  public static ParameterCounts model(ConvShape s, long m) {
    return of(s.filterSize(), s.factorSize(), s.denseParams(), s.factoredParams(), m);
  }

  private static ParameterCounts of(long pd, long pf, long nd, long nf, long m) {
    if (m < 1) {
      throw new dev.basin.base.InvalidInputException("samples", m + " (must be >= 1)");
    }
    return new ParameterCounts(pd, pf, nd, nf, m, Math.sqrt(nd / (double) m), Math.sqrt(nf / (double) m));
  }

  /** The counts as findings (RANK1-COUNT). */
  public Findings findings() {
    String heuristic = "sqrt(N / m), Lee & Lee's eq. (1) heuristic (no constants, logs or confidence term)";
    return Findings.builder()
        .count("params_per_filter_dense", perFilterDense)
        .count("params_per_filter_rank1", perFilterFactored)
        .count("num_params_dense", denseParams)
        .count("num_params_rank1", factoredParams)
        .count("num_samples", samples)
        .put("sqrt_N_over_m_dense", Reported.exact(sqrtDense, "RANK1-COUNT", heuristic))
        .put("sqrt_N_over_m_rank1", Reported.exact(sqrtFactored, "RANK1-COUNT", heuristic))
        .build();
  }

  /** √(N_factored/N_dense): the factor by which the heuristic shrinks. */
  public double shrinkFactor() {
    return sqrtFactored / sqrtDense;
  }
}
