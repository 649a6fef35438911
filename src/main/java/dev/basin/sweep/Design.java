package dev.basin.sweep;

import dev.basin.base.Rng;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deterministic expansion of a spec into tasks (spec SWEEP-TASKS). A grid's task t is the
 * mixed-radix digit string of t over the hyperparameters in canonical order, the last one varying
 * fastest (nested loops in {@link SweepSpec#AXES} order); a random design's task t draws each
 * hyperparameter in canonical order from the stream {@code derive(derive(seed, DESIGN_STREAM), t)}.
 * Either way a task's hyperparameters depend only on (spec, t).
 */
public final class Design {

  /** Stream index of the random design under the sweep seed. */
  static final long DESIGN_STREAM = 0x5EED_DE51_6E00L;

  private final SweepSpec spec;
  private final long count;

  /** The design of a spec. */
  public Design(SweepSpec spec) {
    this.spec = spec;
    long n = 1;
    for (Axis a : spec.axes()) {
      n = Math.multiplyExact(n, Math.max(1, a.size()));
    }
    this.count = spec.grid() ? n : spec.randomTasks();
  }

  /** The number of tasks. */
  public long count() {
    return count;
  }

  /** The hyperparameters of task t (0 ≤ t &lt; count), by axis name in canonical order; unmodifiable. */
  public Map<String, Object> task(long t) {
    if (t < 0 || t >= count) {
      throw new IllegalArgumentException("task " + t + " is not in [0, " + count + ")");
    }
    List<Axis> axes = spec.axes();
    Map<String, Object> out = new LinkedHashMap<>();
    if (spec.grid()) {
      Object[] vals = new Object[axes.size()];
      long rest = t;
      for (int i = axes.size() - 1; i >= 0; i--) {
        Axis a = axes.get(i);
        int size = a.size();
        vals[i] = a.values().get((int) (rest % size));
        rest /= size;
      }
      for (int i = 0; i < axes.size(); i++) {
        out.put(axes.get(i).name(), vals[i]);
      }
    } else {
      Rng rng = Rng.of(Rng.derive(Rng.derive(spec.seed(), DESIGN_STREAM), t));
      for (Axis a : axes) {
        out.put(a.name(), a.draw(rng));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * FNV-1a (64-bit) of a string's UTF-8 bytes: the stable key hash of spec SWEEP-SEEDS (unlike
   * String.hashCode it is 64 bits wide; like it, it is the same on every JVM).
   */
  static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** The seed of a named stream of a sweep: derive(seed, FNV-1a(key)) (spec SWEEP-SEEDS). */
  static long stream(long seed, String key) {
    return Rng.derive(seed, hash(key));
  }
}
