package dev.basin.property;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The choice sequence behind one generated case (the design of Hypothesis' "internal shrinking"):
 * every generator builds its value from bounded draws {@code draw(n) ∈ [0, n)}, and the sequence
 * of draws is recorded. Shrinking edits the recorded sequence (deletes blocks, lowers values) and
 * replays it through the same generator, so any generator shrinks without a shrinker of its own,
 * as long as smaller draws mean simpler values (0 → the simplest choice). In replay a value is
 * clamped to its bound, and a draw past the end of the sequence is 0.
 */
public final class Draws {

  private final UniformRandomProvider rng;
  private final long[] replay;
  private final List<Long> record = new ArrayList<>();

  private Draws(UniformRandomProvider rng, long[] replay) {
    this.rng = rng;
    this.replay = replay;
  }

  /** Fresh draws from a seeded generator. */
  public static Draws random(long seed) {
    return new Draws(RandomSource.XO_RO_SHI_RO_128_PP.create(seed), null);
  }

  /** A replay of a recorded sequence (used by shrinking). */
  static Draws replay(long[] sequence) {
    return new Draws(null, sequence);
  }

  /** A value in [0, bound), bound ≥ 1. */
  public long draw(long bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("bound " + bound + " < 1");
    }
    long v;
    if (replay == null) {
      v = bound == 1 ? 0 : rng.nextLong(bound);
    } else {
      int i = record.size();
      v = i < replay.length ? Math.min(replay[i], bound - 1) : 0;
    }
    record.add(v);
    return v;
  }

  /** An int in [lo, hi] that shrinks toward lo. */
  public int between(int lo, int hi) {
    return (int) (lo + draw((long) hi - lo + 1));
  }

  /** A boolean that shrinks toward false. */
  public boolean bool() {
    return draw(2) == 1;
  }

  /** A double in [0, 1) on the 2^-53 grid that shrinks toward 0. */
  public double unit() {
    return draw(1L << 53) * 0x1p-53;
  }

  /** Picks one of the options (shrinks toward the first). */
  @SafeVarargs
  public final <T> T pick(T... options) {
    return options[(int) draw(options.length)];
  }

  /** The draws made so far. */
  long[] recorded() {
    long[] out = new long[record.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = record.get(i);
    }
    return out;
  }

  /** Shortlex order: a shorter sequence is simpler, then the lexicographically smaller. */
  static int compare(long[] a, long[] b) {
    if (a.length != b.length) {
      return Integer.compare(a.length, b.length);
    }
    return Arrays.compare(a, b);
  }
}
