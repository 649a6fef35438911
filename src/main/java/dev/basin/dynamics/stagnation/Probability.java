package dev.basin.dynamics.stagnation;

import dev.basin.trusted.TrustedRounding;

/**
 * The staying probability's lower bound from a union-bound failure probability (spec
 * STAG-BOUND-QUAD), in the Java subset KeY proves (proofs/README.md): the result is a probability,
 * and it is rounded down.
 */
final class Probability {

  private Probability() {}

  /**
   * max(0, 1 − f) rounded toward −∞, so that a tiny f &gt; 0 never rounds the lower bound up to 1
   * (1 − v is exact for v ∈ [½, 1] by Sterbenz, which detects an upward rounding). f is a sum of
   * probabilities (≥ 0, possibly above 1); NaN gives 0.
   */
  /*@ public normal_behavior
    @ requires f == f ==> f >= 0.0;
    @ ensures 0.0 <= \result && \result <= 1.0;
    @ ensures f < 1.0 ==> \result <= 1.0 - f;
    @ ensures !(f < 1.0) ==> \result == 0.0;
    @ ensures f == 0.0 ==> \result == 1.0;
    @ assignable \strictly_nothing;
    @*/
  static double oneMinusDown(double f) {
    if (!(f < 1.0)) {
      return 0.0;
    }
    double v = 1.0 - f;
    if (1.0 - v < f) {
      v = TrustedRounding.nextDown(v);
    }
    return Math.max(0.0, v);
  }
}
