package dev.basin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.base.Reported;
import dev.basin.io.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of reported number survives JSON and back unchanged (the claims' resume depends on it). */
class ReportedJsonTest {

  @Test
  void everyKindRoundTrips() {
    List<Reported> all = List.of(new Reported.Exact(0.1 + 0.2, "S-1", "sum", ""),
        new Reported.Enclosure(6.4, 6.3999999, 6.4000001, "S-2", "Lanczos", "nat"),
        new Reported.Bound(0.37, Reported.Side.UPPER, "S-3", "kl-inverse", ""),
        new Reported.Bound(750.0, Reported.Side.LOWER, "S-4", "ascent", ""),
        new Reported.Estimate(0.294, 0.254386, 0.33607, 0.95, "Clopper-Pearson, exact", 500, "S-5", "147 of 500", ""));
    for (Reported r : all) {
      JsonNode n = Json.tree(ReportedJson.toMap(r));
      assertEquals(r, ReportedJson.fromJson(n), r.toString());
    }
  }

  @Test
  void anUnknownKindIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> ReportedJson.fromJson(Json.tree(java.util.Map.of("kind", "guess"))));
  }
}
