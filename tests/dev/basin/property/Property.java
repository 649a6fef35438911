package dev.basin.property;

import dev.basin.base.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.basin.model.TwoLayerNet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a property: a check on generated values, over the generator's edge cases first and then
 * random cases, each built from seeded {@link Draws}. On a failure it shrinks the random case to a
 * minimal one (see {@link Draws}) and fails with the original and the shrunk value, the seed and
 * the command that replays the run. On success it prints one statistics line (cases, labels from
 * {@link Ctx#classify}) and records it under target/property-stats/ (the proof ledger reads it
 * for its effort column). See package-info for usage.
 */
public final class Property {

  /** System property: the seed of every property in this run (decimal or 0x hex), to replay a failure. */
  public static final String SEED = "basin.property.seed";
  /** System property: a factor on every property's number of random cases (e.g. 20 for a soak run). */
  public static final String SCALE = "basin.property.scale";
  /** Random cases by default: enough that a 1 % corner is hit with probability 1 − 0.99^500 ≈ 99 %. */
  public static final int DEFAULT_TRIES = 500;
  /** Property evaluations spent shrinking one failure at most. */
  static final int SHRINK_BUDGET = 3000;

  /** The check on one value. */
  @FunctionalInterface
  public interface Body<T> {
    /** Throws (an assertion error or any exception) when the property does not hold for value. */
    void check(T value, Ctx ctx) throws Exception;
  }

  /** Per-case context: labels for the statistics, coverage requirements, assumptions, notes. */
  public static final class Ctx {
    private final List<String> labels = new ArrayList<>();
    private final Map<String, Double> covers = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /** Counts this case under label in the statistics. */
    public void classify(String label) {
      labels.add(label);
    }

    /** Counts this case under label when cond holds. */
    public void classify(boolean cond, String label) {
      if (cond) {
        labels.add(label);
      }
    }

    /**
     * Requires that at least minPercent of all cases carry label when cond holds for this case:
     * the property fails otherwise (a generator that stopped producing the corner under test).
     */
    public void cover(boolean cond, String label, double minPercent) {
      covers.putIfAbsent(label, minPercent);
      if (cond) {
        labels.add(label);
      }
    }

    /** Discards the case unless cond holds (it counts as neither passed nor failed). */
    public void assume(boolean cond) {
      if (!cond) {
        throw new Discard();
      }
    }

    /** A line shown with a failing case. */
    public void note(String line) {
      notes.add(line);
    }
  }

  private static final class Discard extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Discard() {
      super(null, null, false, false);
    }
  }

  private final String name;
  private final int tries;
  private final long seed;

  private Property(String name, int tries, long seed) {
    this.name = name;
    this.tries = tries;
    this.seed = seed;
  }

  /** A property named after the calling test method (Class#method), with the default tries and seed. */
  public static Property named() {
    String caller = StackWalker.getInstance().walk(s -> s
        .filter(f -> !f.getClassName().startsWith(Property.class.getPackageName() + ".Property"))
        .findFirst().map(f -> simple(f.getClassName()) + "#" + f.getMethodName()).orElse("property"));
    return named(caller);
  }

  /** A property with this name (its default seed is a hash of the name). */
  public static Property named(String name) {
    String s = System.getProperty(SEED);
    long seed = s != null ? Long.decode(s) : fnv(name);
    return new Property(name, DEFAULT_TRIES, seed);
  }

  /** The same property with n random cases (times the scale factor). */
  public Property tries(int n) {
    return new Property(name, n, seed);
  }

  /** The seed (for tests of the harness). */
  public Property seed(long s) {
    return new Property(name, tries, s);
  }

  /** Checks body on gen's edges and random values; throws an AssertionError describing a failure. */
  public <T> Result check(Gen<T> gen, Body<T> body) {
    long t0 = System.nanoTime();
    int scaled = (int) Math.min(Integer.MAX_VALUE, (long) tries * Long.getLong(SCALE, 1L));
    Map<String, Integer> labels = new LinkedHashMap<>();
    Map<String, Double> covers = new LinkedHashMap<>();
    int cases = 0;
    int discarded = 0;
    List<T> edges = gen.edges();
    for (int i = 0; i < edges.size() + scaled; i++) {
      boolean edge = i < edges.size();
      Draws draws = edge ? null : Draws.random(Rng.derive(seed, i));
      T value;
      try {
        value = edge ? edges.get(i) : gen.generate(draws);
      } catch (RuntimeException e) {
        throw new AssertionError("property " + name + ": the generator failed on case " + i + " (seed " + hex(seed) + ")", e);
      }
      Ctx ctx = new Ctx();
      Throwable failure = run(body, value, ctx);
      if (failure instanceof Discard) {
        discarded++;
        continue;
      }
      if (failure != null) {
        throw failed(gen, body, value, ctx, failure, edge, i, edges.size(), draws);
      }
      cases++;
      for (String l : ctx.labels) {
        labels.merge(l, 1, Integer::sum);
      }
      ctx.covers.forEach(covers::putIfAbsent);
    }
    if (discarded > cases) {
      throw new AssertionError("property " + name + ": " + discarded + " of " + (cases + discarded)
          + " cases were discarded by assume(); the generator should produce valid cases directly");
    }
    for (Map.Entry<String, Double> c : covers.entrySet()) {
      double pct = 100.0 * labels.getOrDefault(c.getKey(), 0) / cases;
      if (pct < c.getValue()) {
        throw new AssertionError(String.format(Locale.ROOT, "property %s: coverage of '%s' is %.2f %% of %d cases, below the"
            + " required %.2f %% (seed %s)", name, c.getKey(), pct, cases, c.getValue(), hex(seed)));
      }
    }
    Result r = new Result(name, cases, Math.min(edges.size(), cases + discarded), discarded, seed,
        (System.nanoTime() - t0) / 1e9, labels);
    System.out.println(r);
    r.record();
    return r;
  }

  /**
   * What a passed property saw.
   *
   * @param name Class#method
   * @param cases cases checked (edges and random, discards excluded)
   * @param edges how many of them were edge cases
   * @param discarded cases discarded by assume()
   * @param seed the seed
   * @param seconds wall time
   * @param labels classification counts
   */
  public record Result(String name, int cases, int edges, int discarded, long seed, double seconds,
      Map<String, Integer> labels) {

    /** The share of cases carrying label, in percent. */
    public double percent(String label) {
      return 100.0 * labels.getOrDefault(label, 0) / cases;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "[property] %s: %d cases (%d edge, %d discarded),"
          + " seed %s, %.2f s", name, cases, edges, discarded, hex(seed), seconds));
      if (!labels.isEmpty()) {
        sb.append("; ");
        String sep = "";
        for (Map.Entry<String, Integer> e : labels.entrySet()) {
          sb.append(sep).append(String.format(Locale.ROOT, "%s %.1f%%", e.getKey(), percent(e.getKey())));
          sep = ", ";
        }
      }
      return sb.toString();
    }

    /** Appends a line to target/property-stats/Class#method.tsv (read by the proof ledger's effort column). */
    void record() {
      Path dir = Path.of("target", "property-stats");
      try {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name.replace('#', '.') + ".tsv"), String.format(Locale.ROOT,
            "%s\t%d\t%d\t%.3f\t%s%n", name, cases, edges, seconds, hex(seed)), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static <T> Throwable run(Body<T> body, T value, Ctx ctx) {
    try {
      body.check(value, ctx);
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  private <T> AssertionError failed(Gen<T> gen, Body<T> body, T value, Ctx ctx, Throwable failure, boolean edge,
      int index, int edgeCount, Draws draws) {
    StringBuilder sb = new StringBuilder();
    sb.append("property ").append(name).append(" failed on ").append(edge ? "edge case " + index
        : "random case " + (index - edgeCount) + " (after " + edgeCount + " edge cases)").append(", seed ").append(hex(seed))
        .append('\n');
    T shown = value;
    Throwable cause = failure;
    List<String> notes = ctx.notes;
    if (!edge) {
      Shrunk<T> s = shrink(gen, body, draws.recorded(), failure);
      if (s.steps > 0) {
        sb.append("  shrunk in ").append(s.steps).append(" steps (").append(s.replays).append(" replays) to:\n    ")
            .append(show(s.value)).append('\n');
        sb.append("  original:\n    ").append(show(value)).append('\n');
        shown = s.value;
        cause = s.failure;
        notes = s.notes;
      } else {
        sb.append("  case (could not be shrunk):\n    ").append(show(value)).append('\n');
      }
    } else {
      sb.append("  case:\n    ").append(show(value)).append('\n');
    }
    for (String n : notes) {
      sb.append("  note: ").append(n).append('\n');
    }
    sb.append("  cause: ").append(cause).append('\n');
    sb.append("  replay: mvn -B -ntp verify -Dtest='").append(name).append("' -Dsurefire.failIfNoSpecifiedTests=false -D")
        .append(SEED).append('=').append(hex(seed));
    AssertionError e = new AssertionError(sb.toString(), cause);
    e.setStackTrace(new StackTraceElement[0]);
    return e;
  }

  private record Shrunk<T>(T value, Throwable failure, List<String> notes, int steps, int replays) {}

  /** One replay: the value, its recorded draws and its failure (null when it passes or is discarded). */
  private record Replay<T>(T value, long[] recorded, Throwable failure, List<String> notes) {}

  private static <T> Replay<T> replay(Gen<T> gen, Body<T> body, long[] seq) {
    Draws d = Draws.replay(seq);
    T v;
    try {
      v = gen.generate(d);
    } catch (RuntimeException e) {
      return new Replay<>(null, d.recorded(), null, List.of());
    }
    Ctx ctx = new Ctx();
    Throwable t = run(body, v, ctx);
    return new Replay<>(v, d.recorded(), t instanceof Discard ? null : t, ctx.notes);
  }

  /**
   * Shortlex-minimizes the failing draw sequence: deletes blocks of 8, 4, 2, 1 draws, then lowers
   * each draw (to 0, else by bisection), until a pass changes nothing. A candidate is kept only if
   * it fails with the same exception class and its recorded draws are shortlex-smaller, so
   * shrinking terminates and never wanders to a different failure.
   */
  private <T> Shrunk<T> shrink(Gen<T> gen, Body<T> body, long[] start, Throwable original) {
    Class<?> kind = original.getClass();
    Replay<T> best = replay(gen, body, start);
    if (best.failure == null || best.failure.getClass() != kind) {
      return new Shrunk<>(null, original, List.of(), 0, 1); // not reproducible by replay (should not happen)
    }
    int[] budget = {SHRINK_BUDGET};
    int steps = 0;
    boolean progress = true;
    while (progress && budget[0] > 0) {
      progress = false;
      for (int k = 8; k >= 1; k /= 2) {
        for (int i = 0; i + k <= best.recorded.length && budget[0] > 0;) {
          long[] cand = new long[best.recorded.length - k];
          System.arraycopy(best.recorded, 0, cand, 0, i);
          System.arraycopy(best.recorded, i + k, cand, i, cand.length - i);
          Replay<T> r = better(gen, body, cand, best, kind, budget);
          if (r != null) {
            best = r;
            steps++;
            progress = true;
          } else {
            i++;
          }
        }
      }
      for (int i = 0; i < best.recorded.length && budget[0] > 0; i++) {
        long hi = best.recorded[i];
        if (hi == 0) {
          continue;
        }
        long lo = -1; // lo passes (or is untried at -1), hi fails
        while (hi - lo > 1 && budget[0] > 0) {
          long mid = lo < 0 ? 0 : lo + (hi - lo) / 2;
          long[] cand = best.recorded.clone();
          if (i >= cand.length) {
            break;
          }
          cand[i] = mid;
          Replay<T> r = better(gen, body, cand, best, kind, budget);
          if (r != null) {
            best = r;
            steps++;
            progress = true;
            if (i >= best.recorded.length) {
              break;
            }
            hi = best.recorded[i];
          } else {
            lo = mid;
          }
        }
      }
    }
    return new Shrunk<>(best.value, best.failure, best.notes, steps, SHRINK_BUDGET - budget[0]);
  }

  private static <T> Replay<T> better(Gen<T> gen, Body<T> body, long[] cand, Replay<T> best, Class<?> kind,
      int[] budget) {
    budget[0]--;
    Replay<T> r = replay(gen, body, cand);
    if (r.failure != null && r.failure.getClass() == kind && Draws.compare(r.recorded, best.recorded) < 0) {
      return r;
    }
    return null;
  }

  /** A value as a counterexample line: arrays element by element, nets with every weight. */
  static String show(Object v) {
    if (v instanceof double[] a) {
      return Arrays.toString(a);
    }
    if (v instanceof int[] a) {
      return Arrays.toString(a);
    }
    if (v instanceof Object[] a) {
      return Arrays.deepToString(a);
    }
    if (v instanceof TwoLayerNet n) {
      return Nets.describe(n);
    }
    return String.valueOf(v);
  }

  static String hex(long seed) {
    return "0x" + Long.toHexString(seed);
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /** FNV-1a: a stable 64-bit hash of the property name (String.hashCode is only 32 bits). */
  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
