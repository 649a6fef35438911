package dev.basin.claims;

/** The outcome of a claim's experiment against its criterion (spec CLAIM-VERDICT). */
public enum Verdict {
  /** The criterion, stated in advance, is met. */
  REPRODUCED,
  /** The measurements contradict the claim by the criterion. */
  NOT_REPRODUCED,
  /** The measurements neither meet nor contradict the criterion (e.g. overlapping intervals). */
  INCONCLUSIVE,
  /** The experiment did not run to the end; its error is reported. */
  FAILED
}
