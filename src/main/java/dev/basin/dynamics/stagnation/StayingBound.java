package dev.basin.dynamics.stagnation;

/**
 * A lower bound on the probability that noisy GD started at θ* stays in a stagnation set for T
 * steps, for a local model of the dynamics (spec STAG-BOUND-QUAD). An interface so that the
 * paper's own bound (not retrieved, papers.md §4.3) can replace basin's.
 */
public interface StayingBound {

  /**
   * The bound.
   *
   * @param model the local model
   * @param set the stagnation set (must be expressible in the model's eigenbasis)
   * @param lr η &gt; 0
   * @param steps T ≥ 1
   */
  Bound lowerBound(LocalModel model, StagnationSet set, double lr, int steps);

  /**
   * A computed bound: P(stay) ≥ value = max(0, 1 − failure).
   *
   * @param value the lower bound on the staying probability (0 means vacuous)
   * @param failure the union bound on the leaving probability (may exceed 1)
   * @param method how it was obtained
   * @param spec the spec ID
   */
  record Bound(double value, double failure, String method, String spec) {

    /** Whether the bound says nothing (failure ≥ 1). */
    public boolean vacuous() {
      return failure >= 1.0;
    }
  }
}
