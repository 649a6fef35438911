package dev.basin.claims;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs claims (spec CLAIM-RUN): in parallel, each judged by every version of its criterion; each
 * result is handed to the store as soon as it is finished, and a finished, non-failed result stored
 * under the same fingerprint is reused instead of rerun. A failing experiment is reported as FAILED
 * with its error; the others still run. Progress goes to the context's listener as phase
 * "reproduce" (claims' weights done out of the total). Rendering (results.json, the HTML page) is
 * the report layer's job.
 */
public final class Reproduction {

  private Reproduction() {}

  /** The outcome of a run: results in catalogue order, and which were reused from a previous run. */
  public record Summary(List<ClaimResult> results, List<String> reused) {}

  /**
   * Runs the claims on {@code threads} threads (results do not depend on it).
   *
   * @param store where results are kept between runs ({@link ResultStore#NONE}: always recompute)
   * @param version basin's version, part of the resume fingerprint
   */
  public static Summary run(List<Claim> claims, ClaimContext ctx, int threads, ResultStore store, String version)
      throws Exception {
    long total = 0;
    for (Claim c : claims) {
      total += units(c.info());
    }
    Work work = new Work(ctx, total, new AtomicLong());
    List<String> reused = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<ClaimResult>> futures = new ArrayList<>();
      for (Claim c : claims) {
        futures.add(pool.submit(() -> runOne(c, ctx, store, version, reused, work)));
      }
      List<ClaimResult> results = new ArrayList<>();
      for (Future<ClaimResult> f : futures) {
        results.add(f.get());
      }
      List<String> order = new ArrayList<>();
      for (Claim c : claims) {
        if (reused.contains(c.info().id())) {
          order.add(c.info().id());
        }
      }
      return new Summary(List.copyOf(results), List.copyOf(order));
    } finally {
      pool.shutdownNow();
    }
  }

  /** A claim's expected cost in the progress bar's units (thousandths of its weight). */
  private static long units(ClaimInfo info) {
    return Math.max(1, Math.round(PROGRESS_UNITS * info.weight()));
  }

  /** Progress units per unit of claim weight (the weights are relative costs with about three digits). */
  private static final double PROGRESS_UNITS = 1000.0;

  /** The catalogue's progress: claims' weights done out of the total, reported as phase "reproduce". */
  private record Work(ClaimContext ctx, long total, AtomicLong done) {
    void finished(ClaimInfo info) {
      ctx.progress().update("reproduce", done.addAndGet(units(info)), total);
    }
  }

  private static ClaimResult runOne(Claim c, ClaimContext ctx, ResultStore store, String version, List<String> reused,
      Work work) {
    ClaimInfo info = c.info();
    String fp = fingerprint(info, ctx, version);
    ClaimResult previous = store.reuse(info, fp);
    if (previous != null && previous.verdict() != Verdict.FAILED) {
      reused.add(info.id());
      work.finished(info);
      return previous;
    }
    ctx.progress().detail(info.id());
    ClaimResult r;
    try {
      r = c.run(ctx);
    } catch (Exception | StackOverflowError | OutOfMemoryError e) {
      r = ClaimResult.failed(info, e);
    }
    store.save(r, fp);
    work.finished(info);
    return r;
  }

  /** What must match for a stored result to be reused: claim, seed, mode, data, basin version, every criterion hash. */
  public static String fingerprint(ClaimInfo info, ClaimContext ctx, String version) {
    StringBuilder criteria = new StringBuilder();
    for (CriterionVersion v : info.criteria()) {
      criteria.append(criteria.length() == 0 ? "" : ",").append(v.label()).append(':').append(v.sha256());
    }
    return info.id() + "|seed=" + ctx.seed() + "|quick=" + ctx.quick() + "|data=" + ctx.data().key() + "|basin=" + version
        + "|criteria=" + criteria;
  }
}
