package dev.basin.dynamics;

/** How each step's gradient estimate picks its rows (spec DYN-BATCH). */
public enum Sampling {
  /** All n rows every step (gradient descent). */
  FULL,
  /** b rows drawn uniformly and independently, with replacement, every step. */
  WITH_REPLACEMENT,
  /**
   * Epochs: a fresh uniform permutation of the n rows each epoch, cut into consecutive batches
   * of b rows; the last batch of an epoch has n mod b rows when b does not divide n.
   */
  WITHOUT_REPLACEMENT
}
