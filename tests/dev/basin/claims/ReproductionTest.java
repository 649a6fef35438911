package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.report.Plot;
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
 * byte-identical results.json regardless of thread count, and the HTML page embeds every plot.
 */
public class ReproductionTest {

  /** A claim whose measurement is a seeded draw, so results depend on the seed only. */
  public static final class Seeded implements Claim {
    final AtomicInteger runs = new AtomicInteger();
    final String id;

    public Seeded(String id) {
      this.id = id;
    }

    @Override
    public ClaimInfo info() {
      return new ClaimInfo(id, "Test (2026)", "a seeded draw is below 2", "a uniform draw", "draw < 2", "constructed", 1.0);
    }

    @Override
    public ClaimResult run(ClaimContext ctx) {
      runs.incrementAndGet();
      double u = ctx.rng(id, "draw").uniform01();
      Measurement m = Measurement.exact("draw", u, "TEST");
      Decision d = Criteria.below(m, 2.0);
      Plot p = Plot.of("p", "draws", "i", "u").with(Plot.Series.of("u", new double[] {0, 1}, new double[] {u, u}, Plot.Style.LINE));
      return new ClaimResult(info(), d.verdict(), d.reason(), List.of(m), List.of(p), List.of("note"), Map.of(), null);
    }
  }

  /** A claim whose experiment throws. */
  public static final class Broken implements Claim {
    @Override
    public ClaimInfo info() {
      return new ClaimInfo("CLAIM-BROKEN", "Test", "s", "m", "c", "p", 1.0);
    }

    @Override
    public ClaimResult run(ClaimContext ctx) {
      throw new IllegalStateException("deliberate failure");
    }
  }

  private static ClaimContext ctx(Path dir, long seed) {
    return new ClaimContext(seed, true, DataChoice.synthetic(), dir, Progress.NONE);
  }

  @Test
  void failuresAreReportedAndOthersStillRun(@TempDir Path dir) throws Exception {
    Reproduction.Summary s = Reproduction.run(List.of(new Seeded("CLAIM-A"), new Broken()), ctx(dir, 7), 2, true, "test");
    assertEquals(Verdict.REPRODUCED, s.results().get(0).verdict());
    ClaimResult broken = s.results().get(1);
    assertEquals(Verdict.FAILED, broken.verdict());
    assertNotNull(broken.error());
    assertTrue(broken.error().contains("deliberate failure"));
    String html = Files.readString(dir.resolve("index.html"));
    assertTrue(html.contains("deliberate failure"));
    assertTrue(html.contains("data:image/png;base64,"), "the plot is embedded");
    assertTrue(Files.readString(dir.resolve("results.json")).contains("\"failed\" : 1"));
  }

  @Test
  void resumeReusesFinishedClaimsButRerunsFailedOnes(@TempDir Path dir) throws Exception {
    Seeded a = new Seeded("CLAIM-A");
    Reproduction.run(List.of(a, new Broken()), ctx(dir, 7), 1, true, "test");
    String first = Files.readString(dir.resolve("results.json"));
    Reproduction.Summary again = Reproduction.run(List.of(a, new Broken()), ctx(dir, 7), 1, true, "test");
    assertEquals(1, a.runs.get(), "finished claim reused");
    assertEquals(List.of("CLAIM-A"), again.reused());
    assertEquals(first, Files.readString(dir.resolve("results.json")));
    Reproduction.run(List.of(a), ctx(dir, 8), 1, true, "test");
    assertEquals(2, a.runs.get(), "another seed is another fingerprint");
  }

  @Test
  void sameSeedGivesIdenticalResultsWhateverTheThreadCount(@TempDir Path d1, @TempDir Path d2) throws Exception {
    Reproduction.run(List.of(new Seeded("CLAIM-A"), new Seeded("CLAIM-B"), new Seeded("CLAIM-C")), ctx(d1, 3), 1, false, "test");
    Reproduction.run(List.of(new Seeded("CLAIM-A"), new Seeded("CLAIM-B"), new Seeded("CLAIM-C")), ctx(d2, 3), 3, false, "test");
    assertEquals(Files.readString(d1.resolve("results.json")), Files.readString(d2.resolve("results.json")));
  }
}
