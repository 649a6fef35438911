package dev.basin.dynamics;

import dev.basin.base.Rng;
import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;

/**
 * A partition of the rows 0..n−1 into minibatches (spec DYN-BATCH): a uniform random
 * permutation cut into consecutive batches of b rows, the last one holding n mod b rows when b
 * does not divide n. The epochs of {@link Sampling#WITHOUT_REPLACEMENT} and the per-batch
 * landscapes (spec BATCH-*) both use this rule.
 */
public final class BatchPartition {

  private final int[][] batches;

  private BatchPartition(int[][] batches) {
    this.batches = batches;
  }

  /** A random partition of n rows into batches of b (1 ≤ b ≤ n), drawn from rng. */
  public static BatchPartition random(int n, int b, Rng rng) {
    Checks.atLeast("n", n, 1);
    Checks.atLeast("batch", b, 1);
    if (b > n) {
      throw new InvalidInputException("batch", b + " is larger than the number of samples n = " + n);
    }
    int[] perm = rng.permutation(n);
    int count = (n + b - 1) / b;
    int[][] out = new int[count][];
    for (int c = 0; c < count; c++) {
      int from = c * b;
      out[c] = java.util.Arrays.copyOfRange(perm, from, Math.min(n, from + b));
    }
    return new BatchPartition(out);
  }

  /** Number of batches ⌈n/b⌉. */
  public int count() {
    return batches.length;
  }

  /** The rows of batch c (a copy). */
  public int[] batch(int c) {
    return batches[c].clone();
  }
}
