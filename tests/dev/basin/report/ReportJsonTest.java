package dev.basin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.base.Findings;
import dev.basin.base.NonFiniteResultException;
import dev.basin.base.Reported;
import dev.basin.io.Json;
import dev.basin.testing.ReportSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one JSON rendering of results (spec REPORT-JSON) and the schema spec/report.schema.json: a
 * document with every kind of finding validates, and the schema rejects what a report must not
 * contain (a bare number among the results, a reported number without its spec or interval, an
 * unknown kind), so it can fail.
 */
class ReportJsonTest {

  /** A document with one finding of every variant. */
  static CommandReport everything() {
    Findings results = Findings.builder()
        .put("exact", Reported.exact(75.0, "FLAT-TRACE", "closed form"))
        .put("enclosure", Reported.enclosure(2.0, 1.5, 2.5, "FLAT-CERT-EIG", "Lanczos"))
        .put("lower", Reported.lowerBound(0.25, "FLAT-SHARP-BALL", "ascent"))
        .put("upper", new Reported.Bound(3.0, Reported.Side.UPPER, "FLAT-HVP-ERROR", "bound", "nats"))
        .put("estimate", new Reported.Estimate(10.0, 9.0, 11.0, 0.95, "Student-t (FLAT-CI)", 30, "FLAT-HUTCHINSON",
            "probes", ""))
        .count("count", 3)
        .flag("flag", true)
        .text("text", "words")
        .setting("setting", 0.1)
        .values("values", new double[] {1.0, 2.5}, "two numbers", "FLAT-SLQ")
        .notApplicable("na", "the activation is not homogeneous")
        .put("group", Findings.builder().count("inner", 1).build())
        .items("list", List.of(Reported.exact(1.0, "X", "m"), Findings.builder().flag("b", false).build()))
        .build();
    return new CommandReport("basin measure", Map.of("--tol", 1e-8, "--measures", List.of("spectrum", "trace"),
        "--quiet", false, "--net", "net.npz"), results);
  }

  @Test
  void everyVariantRendersWithItsKindAndValidates() {
    String text = ReportJson.text(everything());
    ReportSchema.assertValid(text, "the sample document");
    JsonNode r = Json.mapper().valueToTree(ReportJson.document(everything())).get("results");
    assertEquals("exact", r.get("exact").get("kind").asText());
    assertEquals(75.0, r.get("exact").get("value").asDouble());
    assertEquals("certified_enclosure", r.get("enclosure").get("kind").asText());
    assertEquals(1.5, r.get("enclosure").get("lo").asDouble());
    assertEquals("lower", r.get("lower").get("side").asText());
    assertEquals("nats", r.get("upper").get("units").asText());
    assertFalse(r.get("exact").has("units"), "dimensionless numbers carry no units field");
    assertEquals(30, r.get("estimate").get("samples").asInt());
    assertEquals(0.95, r.get("estimate").get("level").asDouble());
    assertEquals(3, r.get("count").asLong());
    assertTrue(r.get("count").isIntegralNumber());
    assertEquals("setting", r.get("setting").get("kind").asText());
    assertEquals(2, r.get("values").get("values").size());
    assertEquals("not_applicable", r.get("na").get("kind").asText());
    assertEquals(1, r.get("group").get("inner").asInt());
    assertEquals("basin-report/1", Json.mapper().valueToTree(ReportJson.document(everything())).get("basin").get("schema")
        .asText());
  }

  @Test
  void reportedNumbersReadBackEqual() {
    for (dev.basin.base.Finding f : everything().results().entries().values()) {
      if (f instanceof Reported r) {
        assertEquals(r, ReportJson.fromJson(ReportJson.reported(r)));
      }
    }
    assertThrows(IllegalArgumentException.class, () -> ReportJson.fromJson(Json.mapper().createObjectNode().put("kind", "x")));
  }

  @Test
  void theSchemaRejectsNumbersThatDoNotSayWhatTheyAre() {
    String ok = ReportJson.text(everything());
    // a bare double among the results
    assertInvalid(ok.replace("\"count\" : 3", "\"count\" : 3.5"));
    // a reported number without its spec ID
    assertInvalid(ok.replaceFirst("\"spec\" : \"FLAT-TRACE\",", ""));
    // an estimate without its interval
    assertInvalid(ok.replace("\"level\" : 0.95,", ""));
    // an unknown kind
    assertInvalid(ok.replace("\"kind\" : \"certified_enclosure\"", "\"kind\" : \"approximately\""));
    // an enclosure with a field the schema does not know
    assertInvalid(ok.replace("\"lo\" : 1.5,", "\"lo\" : 1.5, \"approx\" : 1.0,"));
    // a document without its header
    assertInvalid(ok.replace("\"schema\" : \"basin-report/1\"", "\"schema\" : \"other\""));
  }

  private static void assertInvalid(String json) {
    assertFalse(ReportSchema.errors(json).isEmpty(), () -> "should not validate:\n" + json);
  }

  @Test
  void theResultModelRefusesNonFiniteNumbersSoNoneReachesJson() {
    assertThrows(NonFiniteResultException.class, () -> Reported.exact(Double.NaN, "X", "m"));
    assertThrows(NonFiniteResultException.class, () -> Findings.builder().values("v", new double[] {1, Double.POSITIVE_INFINITY},
        "w", "X"));
    assertThrows(NonFiniteResultException.class, () -> Findings.builder().setting("s", Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Findings.builder().count("kind", 1), "kind is reserved");
    assertThrows(IllegalArgumentException.class, () -> Findings.builder().count("a", 1).count("a", 2));
  }
}
