package dev.basin.claims;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.io.Json;
import dev.basin.report.HtmlReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs claims and writes the report (spec CLAIM-RUN): DIR/claims/ID.json after each claim (so an
 * interrupted run resumes: a finished, non-failed result with the same fingerprint is reused),
 * then DIR/results.json (deterministic: no timings) and DIR/index.html. A failing experiment is
 * reported as FAILED with its error; the others still run.
 */
public final class Reproduction {

  private Reproduction() {}

  /** The outcome of a run: results in catalogue order, and which were reused from a previous run. */
  public record Summary(List<ClaimResult> results, List<String> reused) {}

  /**
   * Runs the claims (in parallel on {@code threads} threads; results do not depend on it) and writes
   * the report.
   *
   * @param version basin's version, part of the resume fingerprint
   */
  public static Summary run(List<Claim> claims, ClaimContext ctx, int threads, boolean resume, String version)
      throws Exception {
    Path dir = ctx.outDir();
    Files.createDirectories(dir.resolve("claims"));
    long total = 0;
    for (Claim c : claims) {
      total += units(c.info());
    }
    Work work = new Work(ctx, total);
    List<String> reused = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<ClaimResult>> futures = new ArrayList<>();
      for (Claim c : claims) {
        futures.add(pool.submit(() -> runOne(c, ctx, resume, version, reused, work)));
      }
      List<ClaimResult> results = new ArrayList<>();
      for (Future<ClaimResult> f : futures) {
        results.add(f.get());
      }
      Json.write(dir.resolve("results.json"), results(ctx, results, version));
      HtmlReport.write(dir.resolve("index.html"), ctx, results, version);
      return new Summary(results, List.copyOf(reused));
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
  private record Work(ClaimContext ctx, long total, java.util.concurrent.atomic.AtomicLong done) {
    Work(ClaimContext ctx, long total) {
      this(ctx, total, new java.util.concurrent.atomic.AtomicLong());
    }

    void finished(ClaimInfo info) {
      ctx.progress().update("reproduce", done.addAndGet(units(info)), total);
    }
  }

  private static ClaimResult runOne(Claim c, ClaimContext ctx, boolean resume, String version, List<String> reused,
      Work work) {
    ClaimInfo info = c.info();
    Path file = ctx.outDir().resolve("claims").resolve(info.id() + ".json");
    String fp = fingerprint(info, ctx, version);
    if (resume && Files.isRegularFile(file)) {
      try {
        JsonNode node = Json.read(file);
        if (fp.equals(node.path("fingerprint").asText())) {
          ClaimResult r = Json.mapper().treeToValue(node.get("result"), ClaimResult.class);
          if (r.verdict() != Verdict.FAILED) {
            reused.add(info.id());
            work.finished(info);
            return r;
          }
        }
      } catch (Exception e) {
        // an unreadable previous result is simply recomputed
      }
    }
    ctx.progress().detail(info.id());
    ClaimResult r;
    try {
      r = c.run(ctx);
    } catch (Exception | StackOverflowError | OutOfMemoryError e) {
      r = ClaimResult.failed(info, e);
    }
    Map<String, Object> saved = new LinkedHashMap<>();
    saved.put("fingerprint", fp);
    saved.put("result", r);
    Json.write(file, saved);
    work.finished(info);
    return r;
  }

  /** What must match for a stored result to be reused. */
  static String fingerprint(ClaimInfo info, ClaimContext ctx, String version) {
    return info.id() + "|seed=" + ctx.seed() + "|quick=" + ctx.quick() + "|data=" + ctx.data().key() + "|basin=" + version
        + "|criterion=" + info.criterion().hashCode();
  }

  private static Map<String, Object> results(ClaimContext ctx, List<ClaimResult> results, String version) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basin", version);
    m.put("seed", ctx.seed());
    m.put("mode", ctx.quick() ? "quick" : "full");
    m.put("data", ctx.data().describe());
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Verdict v : Verdict.values()) {
      counts.put(v.name().toLowerCase(java.util.Locale.ROOT), 0);
    }
    for (ClaimResult r : results) {
      counts.merge(r.verdict().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
    }
    m.put("verdicts", counts);
    m.put("claims", results);
    return m;
  }
}
