package dev.basin.claims;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs claims (spec CLAIM-RUN): in parallel, each judged by every version of its criterion; each
 * result is handed to the store as soon as it is finished, and a finished, non-failed result stored
 * under the same fingerprint is reused instead of rerun. A failing experiment is reported as FAILED
 * with its error; the others still run. Rendering (results.json, the HTML page) is the report
 * layer's job.
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
    List<String> reused = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<ClaimResult>> futures = new ArrayList<>();
      for (Claim c : claims) {
        futures.add(pool.submit(() -> runOne(c, ctx, store, version, reused)));
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

  private static ClaimResult runOne(Claim c, ClaimContext ctx, ResultStore store, String version, List<String> reused) {
    ClaimInfo info = c.info();
    String fp = fingerprint(info, ctx, version);
    ClaimResult previous = store.reuse(info, fp);
    if (previous != null && previous.verdict() != Verdict.FAILED) {
      reused.add(info.id());
      ctx.progress().advance(info.weight());
      return previous;
    }
    ctx.progress().task(info.id());
    ClaimResult r;
    try {
      r = c.run(ctx);
    } catch (Exception | StackOverflowError | OutOfMemoryError e) {
      r = ClaimResult.failed(info, e);
    }
    store.save(r, fp);
    ctx.progress().advance(info.weight());
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
