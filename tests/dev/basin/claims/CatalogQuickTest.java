package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.basin.report.ReproductionReport;
import dev.basin.base.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every claim of spec/claims.md runs to a judgement under every criterion version in quick mode
 * (none FAILED, each with numbers); the claims that are mathematics rather than experiments reach
 * the verdict the mathematics dictates; and the same seed gives byte-identical results.json on one
 * thread and on two (CLAIM-RUN).
 */
class CatalogQuickTest {

  @Test
  void everyClaimRunsInQuickModeAndTheResultsAreDeterministic(@TempDir Path a, @TempDir Path b) throws Exception {
    ClaimContext ca = new ClaimContext(1, true, DataChoice.synthetic(), a, Progress.NONE);
    Reproduction.Summary one = Reproduction.run(Catalog.all(), ca, 1, ResultStore.NONE, "test");
    Map<String, ClaimResult> byId = new HashMap<>();
    for (ClaimResult r : one.results()) {
      assertNotEquals(Verdict.FAILED, r.verdict(), () -> r.info().id() + " failed: " + r.error());
      assertFalse(r.numbers().isEmpty(), r.info().id() + " reports no numbers");
      assertEquals(CriterionRegistry.standard().versions(r.info().id()).size(), r.judgements().size(), r.info().id());
      byId.put(r.info().id(), r);
    }
    assertEquals(Catalog.all().size(), one.results().size());
    // identities of exact arithmetic (spec FLAT-TOY, RANK1-UPDATE, SYM-*): every version must hold
    for (String id : new String[] {DinhToyClaim.ID, LeeRank1Claim.ID, DinhRescaleClaim.ID}) {
      for (Judgement j : byId.get(id).judgements()) {
        assertEquals(Verdict.REPRODUCED, j.verdict(), id + " v" + j.version() + ": " + j.reason());
      }
    }
    ReproductionReport.write(a, ca, one.results(), "test");
    ClaimContext cb = new ClaimContext(1, true, DataChoice.synthetic(), b, Progress.NONE);
    Reproduction.Summary two = Reproduction.run(Catalog.all(), cb, 2, ResultStore.NONE, "test");
    ReproductionReport.write(b, cb, two.results(), "test");
    assertEquals(Files.readString(a.resolve("results.json")), Files.readString(b.resolve("results.json")));
  }
}
