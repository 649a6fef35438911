package dev.basin.dynamics;

import dev.basin.base.Rng;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The row sequence of {@link Sampling} drawn from one seeded stream (spec DYN-BATCH). */
final class BatchSampler {

  private final Sampling sampling;
  private final int n;
  private final int b;
  private final Rng rng;
  private @Nullable BatchPartition epoch;
  private int position;

  BatchSampler(Sampling sampling, int n, int b, Rng rng) {
    this.sampling = sampling;
    this.n = n;
    this.b = b;
    this.rng = rng;
  }

  /** The rows of the next step, or null for the full batch. */
  int @Nullable [] next() {
    switch (sampling) {
      case FULL:
        return null;
      case WITH_REPLACEMENT: {
        int[] rows = new int[b];
        for (int r = 0; r < b; r++) {
          rows[r] = rng.nextInt(n);
        }
        return rows;
      }
      default: {
        BatchPartition e = epoch;
        if (e == null || position >= e.count()) {
          e = BatchPartition.random(n, b, rng);
          epoch = e;
          position = 0;
        }
        return e.batch(position++);
      }
    }
  }
}
