package dev.basin.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.Reported;
import dev.basin.io.Json;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * The one JSON rendering of results (spec REPORT-JSON, schema spec/report.schema.json): a
 * {@link Finding} becomes a JSON leaf that carries its kind, and a {@link CommandReport} the
 * document {@code {"basin": {...}, "options": {...}, "results": {...}}} every command writes.
 */
public final class ReportJson {

  /** The schema version every document names (spec/report.schema.json). */
  public static final String SCHEMA = "basin-report/1";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ReportJson() {}

  /** The JSON of one finding. */
  public static JsonNode of(Finding f) {
    return switch (f) {
      case Reported r -> reported(r);
      case Findings g -> group(g);
      case Finding.Count c -> NODES.numberNode(c.value());
      case Finding.Flag b -> NODES.booleanNode(b.value());
      case Finding.Text t -> NODES.textNode(t.value());
      case Finding.Setting s -> leaf("setting").put("value", s.value());
      case Finding.Values v -> values(v);
      case Finding.NotApplicable n -> leaf("not_applicable").put("reason", n.reason());
      case Finding.Items l -> {
        ArrayNode a = NODES.arrayNode(l.items().size());
        for (Finding x : l.items()) {
          a.add(of(x));
        }
        yield a;
      }
    };
  }

  /** The JSON of a reported number: kind, value, the interval or side, spec, method and units. */
  public static ObjectNode reported(Reported r) {
    ObjectNode o = leaf(r.kind().label());
    o.put("value", r.value());
    switch (r) {
      case Reported.Enclosure e -> o.put("lo", e.lo()).put("hi", e.hi());
      case Reported.Bound b -> o.put("side", b.side().label());
      case Reported.Estimate e -> o.put("lo", e.lo()).put("hi", e.hi()).put("level", e.level())
          .put("interval", e.interval()).put("samples", e.samples());
      case Reported.Exact e -> { }
    }
    o.put("spec", r.spec()).put("method", r.method());
    if (!r.units().isEmpty()) {
      o.put("units", r.units());
    }
    return o;
  }

  /**
   * A reported number back from its JSON ({@link #reported}; for stores that are read again, like
   * a resumable reproduction); an unknown kind is an error.
   */
  public static Reported fromJson(JsonNode n) {
    double v = n.path("value").asDouble();
    String spec = n.path("spec").asText();
    String method = n.path("method").asText();
    String units = n.path("units").asText("");
    return switch (n.path("kind").asText()) {
      case "exact" -> new Reported.Exact(v, spec, method, units);
      case "certified_enclosure" -> new Reported.Enclosure(v, n.path("lo").asDouble(), n.path("hi").asDouble(), spec, method,
          units);
      case "certified_bound" -> new Reported.Bound(v, "lower".equals(n.path("side").asText()) ? Reported.Side.LOWER
          : Reported.Side.UPPER, spec, method, units);
      case "estimate" -> new Reported.Estimate(v, n.path("lo").asDouble(), n.path("hi").asDouble(),
          n.path("level").asDouble(), n.path("interval").asText(), n.path("samples").asInt(), spec, method, units);
      default -> throw new IllegalArgumentException("unknown kind of reported number '" + n.path("kind").asText() + "'");
    };
  }

  /** The JSON of a group: an object in the group's order. */
  public static ObjectNode group(Findings g) {
    ObjectNode o = NODES.objectNode();
    for (Map.Entry<String, Finding> e : g.entries().entrySet()) {
      o.set(e.getKey(), of(e.getValue()));
    }
    return o;
  }

  /** The whole document of a command. */
  public static ObjectNode document(CommandReport r) {
    ObjectNode doc = NODES.objectNode();
    ObjectNode head = doc.putObject("basin");
    head.put("command", r.command());
    head.put("version", version());
    head.put("schema", SCHEMA);
    ObjectNode opts = doc.putObject("options");
    for (Map.Entry<String, Object> e : r.options().entrySet()) {
      opts.set(e.getKey(), option(e.getValue()));
    }
    doc.set("results", group(r.results()));
    return doc;
  }

  /** Writes the document atomically (IO-ATOMIC); the result model holds no non-finite number. */
  public static void write(Path file, CommandReport r) {
    Json.write(file, document(r));
  }

  /** The document as pretty JSON text, ending with a newline. */
  public static String text(CommandReport r) {
    return Json.text(document(r));
  }

  /** basin's version from the jar manifest, or "dev" when run from classes. */
  public static String version() {
    Package p = ReportJson.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private static ObjectNode leaf(String kind) {
    ObjectNode o = NODES.objectNode();
    o.put("kind", kind);
    return o;
  }

  private static ObjectNode values(Finding.Values v) {
    ObjectNode o = leaf("values");
    ArrayNode a = o.putArray("values");
    for (int i = 0; i < v.size(); i++) {
      a.add(v.get(i));
    }
    return o.put("what", v.what()).put("spec", v.spec());
  }

  /** An option value as given: numbers, booleans and strings as themselves, lists as arrays, the rest as text. */
  private static JsonNode option(Object v) {
    return switch (v) {
      case Integer i -> NODES.numberNode(i);
      case Long l -> NODES.numberNode(l);
      case Double d -> Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(d.toString());
      case Boolean b -> NODES.booleanNode(b);
      case Collection<?> c -> {
        ArrayNode a = NODES.arrayNode(c.size());
        for (Object x : c) {
          a.add(option(x == null ? "" : x));
        }
        yield a;
      }
      default -> NODES.textNode(String.valueOf(v));
    };
  }
}
