package dev.basin.report;

import dev.basin.claims.ClaimContext;
import dev.basin.claims.ClaimResult;
import dev.basin.claims.Verdict;
import dev.basin.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a reproduction's report (spec CLAIM-RUN): DIR/results.json (deterministic: no timings) and
 * DIR/index.html.
 */
public final class ReproductionReport {

  private ReproductionReport() {}

  /** Writes both files. */
  public static void write(Path dir, ClaimContext ctx, List<ClaimResult> results, String version) {
    Json.write(dir.resolve("results.json"), results(ctx, results, version));
    HtmlReport.write(dir.resolve("index.html"), ctx, results, version);
  }

  /** The content of results.json: the run, verdict counts under the current and the first criteria, every claim. */
  static Map<String, Object> results(ClaimContext ctx, List<ClaimResult> results, String version) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basin", version);
    m.put("seed", ctx.seed());
    m.put("mode", ctx.quick() ? "quick" : "full");
    m.put("data", ctx.data().describe());
    m.put("criteria", "spec/claims-criteria.json: every claim is judged by every version of its criterion; 'verdict' is the "
        + "current version's, 'verdict_first_version' version 1's (written before any claim ran)");
    m.put("verdicts", counts(results, false));
    m.put("verdicts_first_version", counts(results, true));
    List<Object> claims = new ArrayList<>();
    for (ClaimResult r : results) {
      claims.add(ClaimJson.toMap(r));
    }
    m.put("claims", claims);
    return m;
  }

  private static Map<String, Integer> counts(List<ClaimResult> results, boolean first) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Verdict v : Verdict.values()) {
      counts.put(v.name().toLowerCase(Locale.ROOT), 0);
    }
    for (ClaimResult r : results) {
      counts.merge(ClaimJson.label(first ? r.first().verdict() : r.verdict()), 1, Integer::sum);
    }
    return counts;
  }
}
