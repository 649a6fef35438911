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
  /*@ public behavior
    @ requires lr > 0 && steps >= 1;
    @ ensures 0.0 <= \result.value() && \result.value() <= 1.0 && \result.failure() >= 0.0;
    @ ensures \result.value() <= 1 - \result.failure() (exact) || \result.value() == 0.0;
    @ ensures P(noisy GD stays in set for steps steps | model) >= \result.value();
    @ ensures (\forall int t2; steps <= t2; lowerBound(model, set, lr, t2).value() <= \result.value());
    @ ensures (\forall StagnationSet s2; s2 is set with every radius scaled by c >= 1; lowerBound(model, s2, lr, steps).value() >= \result.value());
    @ signals (InvalidInputException) !(lr > 0) || steps < 1 || set does not live in model's eigenbasis;
    @ assignable \nothing;
    @*/
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
    /*@ public normal_behavior
      @ ensures \result <==> failure >= 1.0;
      @ ensures \result ==> value == 0.0;
      @ assignable \nothing;
      @*/
    public boolean vacuous() {
      return failure >= 1.0;
    }
  }
}
