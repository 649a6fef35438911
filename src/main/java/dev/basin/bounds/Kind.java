package dev.basin.bounds;

/** What a catalogue entry's number is (spec BOUND-KINDS). */
public enum Kind {
  /** An upper bound on the 0-1 risk of the deterministic classifier, holding with probability ≥ 1 − δ over the sample. */
  RISK_BOUND,
  /** An upper bound on the 0-1 risk of a stochastic (Gibbs) classifier Q, with the stated confidence. */
  STOCHASTIC_RISK_BOUND,
  /** A heuristic size of the generalization gap (not a theorem). */
  HEURISTIC,
  /** A complexity measure (no probability statement; compared across nets, not to 1). */
  MEASURE;

  /** Whether a value ≥ 1 makes the entry vacuous for the 0-1 loss. */
  /*@ public normal_behavior
    @ ensures \result <==> this != MEASURE;
    @ assignable \nothing;
    @*/
  public boolean boundsZeroOneRisk() {
    return this != MEASURE;
  }
}
