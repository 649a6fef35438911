package dev.basin.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.base.Reported;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Reported} number as JSON and back (the claim report's form, spec CLAIM-REPORTING):
 * {"kind": "exact" | "certified_enclosure" | "certified_bound" | "estimate", "value", then "lo"/"hi"
 * (enclosure, estimate), "side" (bound), "level", "interval", "samples" (estimate), and "spec",
 * "method", "units". The one place the claims' numbers are turned into JSON; it maps the house
 * result model field by field, so a shared renderer can replace it without changing the files.
 */
public final class ReportedJson {

  private ReportedJson() {}

  /** The number as an ordered map (for Jackson). */
  public static Map<String, Object> toMap(Reported r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", r.kind().label());
    m.put("value", r.value());
    switch (r) {
      case Reported.Enclosure e -> {
        m.put("lo", e.lo());
        m.put("hi", e.hi());
      }
      case Reported.Estimate e -> {
        m.put("lo", e.lo());
        m.put("hi", e.hi());
        m.put("level", e.level());
        m.put("interval", e.interval());
        m.put("samples", e.samples());
      }
      case Reported.Bound b -> m.put("side", b.side().label());
      case Reported.Exact e -> {
        // the value says it all
      }
    }
    m.put("spec", r.spec());
    m.put("method", r.method());
    m.put("units", r.units());
    return m;
  }

  /** The number back from {@link #toMap}'s JSON; an unknown kind is an error. */
  public static Reported fromJson(JsonNode n) {
    double v = n.path("value").asDouble();
    String spec = n.path("spec").asText();
    String method = n.path("method").asText();
    String units = n.path("units").asText();
    String kind = n.path("kind").asText();
    return switch (kind) {
      case "exact" -> new Reported.Exact(v, spec, method, units);
      case "certified_enclosure" -> new Reported.Enclosure(v, n.path("lo").asDouble(), n.path("hi").asDouble(), spec, method, units);
      case "certified_bound" -> new Reported.Bound(v, "lower".equals(n.path("side").asText()) ? Reported.Side.LOWER
          : Reported.Side.UPPER, spec, method, units);
      case "estimate" -> new Reported.Estimate(v, n.path("lo").asDouble(), n.path("hi").asDouble(), n.path("level").asDouble(),
          n.path("interval").asText(), n.path("samples").asInt(), spec, method, units);
      default -> throw new IllegalArgumentException("unknown kind of reported number '" + kind + "'");
    };
  }
}
