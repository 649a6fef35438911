package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.Plot;
import dev.basin.report.ClaimFiles;
import dev.basin.report.ReproductionReport;
import dev.basin.base.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner of spec CLAIM-RUN with constructed claims: a failing experiment is reported as
 * FAILED with its error (never dropped), finished claims are reused on resume, the same seed gives
 * byte-identical results.json regardless of thread count, the HTML page embeds every plot, and a
 * claim with a revised criterion shows the verdict under each version with the revision's reason.
 */
public class ReproductionTest {

  /** Two versions of a constructed criterion: v1 "draw < 2", v2 (stricter) "draw < 0". */
  static List<CriterionVersion> criteria(String id) {
    Map<String, String> c1 = Map.of("limit", "2");
    Map<String, String> c2 = Map.of("limit", "0");
    return List.of(
        new CriterionVersion(id, 1, "2026-01-01", "test", "yes", "draw < 2", "", c1, "the original",
            CriterionVersion.hash("draw < 2", "", c1)),
        new CriterionVersion(id, 2, "2026-01-02", "test", "no", "draw < 0", "", c2, "made stricter for this test",
            CriterionVersion.hash("draw < 0", "", c2)));
  }

  /** A claim whose measurement is a seeded draw, so results depend on the seed only. */
  public static final class Seeded implements Claim {
    final AtomicInteger runs = new AtomicInteger();
    final String id;

    public Seeded(String id) {
      this.id = id;
    }

    @Override
    public ClaimInfo info() {
      return new ClaimInfo(id, "Test (2026)", "a seeded draw is small", "a uniform draw", "constructed", 1.0, criteria(id));
    }

    @Override
    public ClaimResult run(ClaimContext ctx) {
      runs.incrementAndGet();
      double u = ctx.rng(id, "draw").uniform01();
      Measurement m = Measurement.exact("draw", u, "TEST", "uniform draw");
      Plot p = Plot.of("p", "draws", "i", "u").with(Plot.Series.of("u", new double[] {0, 1}, new double[] {u, u}, Plot.Style.LINE));
      return ClaimResult.judged(info(), v -> Criteria.below(m, v.number("limit")), List.of(m), List.of(p), List.of("note"),
          Map.of());
    }
  }

  /** A claim whose experiment throws. */
  public static final class Broken implements Claim {
    @Override
    public ClaimInfo info() {
      return new ClaimInfo("CLAIM-BROKEN", "Test", "s", "m", "p", 1.0, criteria("CLAIM-BROKEN"));
    }

    @Override
    public ClaimResult run(ClaimContext ctx) {
      throw new IllegalStateException("deliberate failure");
    }
  }

  private static ClaimContext ctx(Path dir, long seed) {
    return new ClaimContext(seed, true, DataChoice.synthetic(), dir, Progress.NONE);
  }

  private static Reproduction.Summary run(List<Claim> claims, Path dir, long seed, int threads) throws Exception {
    Reproduction.Summary s = Reproduction.run(claims, ctx(dir, seed), threads, new ClaimFiles(dir), "test");
    ReproductionReport.write(dir, ctx(dir, seed), s.results(), "test");
    return s;
  }

  @Test
  void failuresAreReportedAndOthersStillRun(@TempDir Path dir) throws Exception {
    Reproduction.Summary s = run(List.of(new Seeded("CLAIM-A"), new Broken()), dir, 7, 2);
    assertEquals(Verdict.NOT_REPRODUCED, s.results().get(0).verdict(), "v2 (draw < 0) fails");
    assertEquals(Verdict.REPRODUCED, s.results().get(0).first().verdict(), "v1 (draw < 2) holds");
    ClaimResult broken = s.results().get(1);
    assertEquals(Verdict.FAILED, broken.verdict());
    assertEquals(Verdict.FAILED, broken.first().verdict());
    assertNotNull(broken.error());
    assertTrue(broken.error().contains("deliberate failure"));
    String html = Files.readString(dir.resolve("index.html"));
    assertTrue(html.contains("deliberate failure"));
    assertTrue(html.contains("data:image/png;base64,"), "the plot is embedded");
    assertTrue(html.contains("made stricter for this test"), "the reason for the revision is shown");
    assertTrue(html.contains("Verdict under v1"));
    String json = Files.readString(dir.resolve("results.json"));
    assertTrue(json.contains("\"failed\" : 1"));
    assertTrue(json.contains("\"verdict_first_version\" : \"reproduced\""));
  }

  @Test
  void resumeReusesFinishedClaimsButRerunsFailedOnes(@TempDir Path dir) throws Exception {
    Seeded a = new Seeded("CLAIM-A");
    run(List.of(a, new Broken()), dir, 7, 1);
    String first = Files.readString(dir.resolve("results.json"));
    Reproduction.Summary again = run(List.of(a, new Broken()), dir, 7, 1);
    assertEquals(1, a.runs.get(), "finished claim reused");
    assertEquals(List.of("CLAIM-A"), again.reused());
    assertEquals(first, Files.readString(dir.resolve("results.json")), "a reused result renders the same");
    run(List.of(a), dir, 8, 1);
    assertEquals(2, a.runs.get(), "another seed is another fingerprint");
  }

  @Test
  void anotherCriterionVersionIsAnotherFingerprint(@TempDir Path dir) {
    ClaimInfo info = new Seeded("CLAIM-A").info();
    ClaimInfo shorter = new ClaimInfo(info.id(), info.paper(), info.statement(), info.measured(), info.provenance(), 1.0,
        info.criteria().subList(0, 1));
    assertTrue(!Reproduction.fingerprint(info, ctx(dir, 1), "v").equals(Reproduction.fingerprint(shorter, ctx(dir, 1), "v")));
  }

  @Test
  void sameSeedGivesIdenticalResultsWhateverTheThreadCount(@TempDir Path d1, @TempDir Path d2) throws Exception {
    run(List.of(new Seeded("CLAIM-A"), new Seeded("CLAIM-B"), new Seeded("CLAIM-C")), d1, 3, 1);
    run(List.of(new Seeded("CLAIM-A"), new Seeded("CLAIM-B"), new Seeded("CLAIM-C")), d2, 3, 3);
    assertEquals(Files.readString(d1.resolve("results.json")), Files.readString(d2.resolve("results.json")));
  }
}
