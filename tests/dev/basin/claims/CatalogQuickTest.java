package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.basin.base.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every claim of spec/claims.md runs to a verdict in quick mode (none FAILED, each with numbers),
 * and the same seed gives byte-identical results.json on one thread and on two (CLAIM-RUN).
 */
class CatalogQuickTest {

  @Test
  void everyClaimRunsInQuickModeAndTheResultsAreDeterministic(@TempDir Path a, @TempDir Path b) throws Exception {
    Reproduction.Summary one = Reproduction.run(Catalog.all(), new ClaimContext(1, true, DataChoice.synthetic(), a,
        Progress.NONE), 1, false, "test");
    for (ClaimResult r : one.results()) {
      assertNotEquals(Verdict.FAILED, r.verdict(), () -> r.info().id() + " failed: " + r.error());
      assertFalse(r.numbers().isEmpty(), r.info().id() + " reports no numbers");
    }
    assertEquals(Catalog.all().size(), one.results().size());
    Reproduction.run(Catalog.all(), new ClaimContext(1, true, DataChoice.synthetic(), b, Progress.NONE), 2, false, "test");
    assertEquals(Files.readString(a.resolve("results.json")), Files.readString(b.resolve("results.json")));
  }
}
