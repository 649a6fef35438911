package dev.basin.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.basin.base.Reported;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A row as one line of JSON (spec SWEEP-JOURNAL): the form in which workers hand rows to the driver
 * and in which DIR/rows.jsonl records finished tasks for resuming. Doubles are written in Java's
 * shortest round-trip form, so decoding gives back bit-identical numbers.
 */
public final class RowCodec {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RowCodec() {}

  /** The row as one line of JSON (no newline). */
  public static String encode(Row r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("task", r.task());
    ObjectNode params = o.putObject("params");
    for (Map.Entry<String, Object> e : r.params().entrySet()) {
      switch (e.getValue()) {
        case Long l -> params.put(e.getKey(), l);
        case Double d -> params.put(e.getKey(), d);
        default -> params.put(e.getKey(), e.getValue().toString());
      }
    }
    o.put("status", r.status());
    o.put("stop", r.stop());
    o.put("error", r.error());
    ObjectNode cells = o.putObject("cells");
    for (Map.Entry<String, Cell> e : r.cells().entrySet()) {
      ObjectNode c = cells.putObject(e.getKey());
      Reported v = e.getValue().value();
      if (v == null) {
        c.put("missing", e.getValue().note());
        continue;
      }
      put(c, v);
    }
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("encoding a row failed", e);
    }
  }

  /** A reported number as a JSON object: kind, value, its interval fields, spec, method, units. */
  public static ObjectNode node(Reported v) {
    ObjectNode c = MAPPER.createObjectNode();
    put(c, v);
    return c;
  }

  private static void put(ObjectNode c, Reported v) {
    c.put("kind", v.kind().label());
    c.put("value", v.value());
    switch (v) {
      case Reported.Exact x -> { }
      case Reported.Enclosure x -> c.put("lo", x.lo()).put("hi", x.hi());
      case Reported.Bound x -> c.put("side", x.side().label());
      case Reported.Estimate x -> c.put("lo", x.lo()).put("hi", x.hi()).put("level", x.level()).put("interval", x.interval())
          .put("samples", x.samples());
    }
    c.put("spec", v.spec()).put("method", v.method()).put("units", v.units());
  }

  /** Decodes a line written by {@link #encode} for this spec (hyperparameter types come from it). */
  public static Row decode(String line, SweepSpec spec) {
    JsonNode o;
    try {
      o = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a row: " + e.getOriginalMessage(), e);
    }
    JsonNode params = o.get("params");
    Map<String, Object> p = new LinkedHashMap<>();
    for (Axis a : spec.axes()) {
      JsonNode v = params.get(a.name());
      if (v == null) {
        throw new IllegalArgumentException("row " + o.get("task") + " lacks hyperparameter " + a.name());
      }
      p.put(a.name(), switch (a.type()) {
        case INT -> v.asLong();
        case REAL -> v.asDouble();
        case TEXT -> v.asText();
      });
    }
    Map<String, Cell> cells = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : o.get("cells").properties()) {
      cells.put(e.getKey(), cell(e.getValue()));
    }
    return new Row(o.get("task").asLong(), p, o.get("status").asText(), o.get("stop").asText(), o.get("error").asText(), cells);
  }

  private static Cell cell(JsonNode c) {
    if (c.has("missing")) {
      return Cell.missing(c.get("missing").asText());
    }
    double v = c.get("value").asDouble();
    String spec = c.get("spec").asText();
    String method = c.get("method").asText();
    String units = c.get("units").asText();
    return Cell.of(switch (c.get("kind").asText()) {
      case "exact" -> new Reported.Exact(v, spec, method, units);
      case "certified_enclosure" -> new Reported.Enclosure(v, c.get("lo").asDouble(), c.get("hi").asDouble(), spec, method, units);
      case "certified_bound" -> new Reported.Bound(v, c.get("side").asText().equals("lower") ? Reported.Side.LOWER
          : Reported.Side.UPPER, spec, method, units);
      case "estimate" -> new Reported.Estimate(v, c.get("lo").asDouble(), c.get("hi").asDouble(), c.get("level").asDouble(),
          c.get("interval").asText(), c.get("samples").asInt(), spec, method, units);
      default -> throw new IllegalArgumentException("unknown kind " + c.get("kind"));
    });
  }
}
