package dev.basin.golden;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.base.InvalidInputException;
import dev.basin.io.ArrayFiles;
import dev.basin.io.Json;
import dev.basin.io.NdArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A suite read back from its folder (spec GOLDEN-MANIFEST): its cases, their quantities and the
 * precisions' model violations, and on demand a case's certified answers, whose files are checked
 * against the manifest's sha256 first.
 */
public final class Suite {

  /**
   * One case as the manifest lists it.
   *
   * @param id the case id
   * @param summary what it tests
   * @param quantities its quantities in order
   * @param lengths each quantity's length (0 for a scalar)
   * @param violations per precision (by ordinal), where its model cannot hold
   * @param facts the case's facts (JSON)
   * @param files the manifest's file entries (role → path relative to the suite)
   * @param sha256 path → expected sha256
   */
  public record CaseInfo(String id, String summary, List<String> quantities, Map<String, Integer> lengths,
      List<List<String>> violations, JsonNode facts, Map<String, String> files, Map<String, String> sha256) {}

  private final Path dir;
  private final String preset;
  private final long seed;
  private final Map<String, CaseInfo> cases;

  private Suite(Path dir, String preset, long seed, Map<String, CaseInfo> cases) {
    this.dir = dir;
    this.preset = preset;
    this.seed = seed;
    this.cases = cases;
  }

  /** Reads a suite's manifest, naming the file in every error. */
  public static Suite read(Path dir) {
    Path mp = dir.resolve(SuiteFiles.MANIFEST);
    if (!Files.isRegularFile(mp)) {
      throw new InvalidInputException(dir.toString(), "is not a basin suite: no " + SuiteFiles.MANIFEST + " (write one"
          + " with basin golden --out DIR)");
    }
    String where = mp.toString();
    JsonNode m = Json.read(mp);
    String format = text(m, "format", where);
    if (!format.equals(SuiteFiles.SUITE_FORMAT)) {
      throw new InvalidInputException(where, "format '" + format + "' is not " + SuiteFiles.SUITE_FORMAT
          + " (written by another version of basin?)");
    }
    Map<String, CaseInfo> cases = new LinkedHashMap<>();
    JsonNode list = m.get("cases");
    if (list == null || !list.isArray()) {
      throw new InvalidInputException(where, "has no cases array");
    }
    for (JsonNode c : list) {
      String id = text(c, "id", where);
      List<String> qs = new ArrayList<>();
      for (JsonNode q : c.path("quantities")) {
        qs.add(q.asText());
      }
      Map<String, Integer> lengths = new LinkedHashMap<>();
      c.path("lengths").properties().forEach(e -> lengths.put(e.getKey(), e.getValue().asInt()));
      List<List<String>> viol = new ArrayList<>();
      for (Precision p : Precision.values()) {
        List<String> v = new ArrayList<>();
        for (JsonNode s : c.path("model_violations").path(p.label())) {
          v.add(s.asText());
        }
        viol.add(List.copyOf(v));
      }
      Map<String, String> files = new LinkedHashMap<>();
      c.path("files").properties().forEach(e -> files.put(e.getKey(), e.getValue().asText()));
      Map<String, String> sums = new LinkedHashMap<>();
      c.path("sha256").properties().forEach(e -> sums.put(e.getKey(), e.getValue().asText()));
      cases.put(id, new CaseInfo(id, c.path("summary").asText(), List.copyOf(qs), lengths, List.copyOf(viol),
          c.path("facts"), files, sums));
    }
    return new Suite(dir, text(m, "preset", where), m.path("seed").asLong(), cases);
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new InvalidInputException(where, "missing text field '" + field + "'");
    }
    return v.asText();
  }

  /** The suite's folder. */
  public Path dir() {
    return dir;
  }

  /** The preset it was written with. */
  public String preset() {
    return preset;
  }

  /** Its seed. */
  public long seed() {
    return seed;
  }

  /** Its cases by id, in manifest order. */
  public Map<String, CaseInfo> cases() {
    return cases;
  }

  /** The certified answers of a case, after checking its expected files' sha256. */
  public List<Expected> expected(CaseInfo c) {
    String jsonRel = c.files().get("expected");
    String npzRel = c.files().get("expected_arrays");
    if (jsonRel == null || npzRel == null) {
      throw new InvalidInputException(dir.resolve(SuiteFiles.MANIFEST).toString(), "case " + c.id()
          + " lists no expected files");
    }
    Path jp = verified(c, jsonRel);
    Path np = verified(c, npzRel);
    JsonNode ex = Json.read(jp);
    Map<String, NdArray> arrays = ArrayFiles.read(np);
    List<Expected> out = new ArrayList<>();
    for (var e : ex.path("quantities").properties()) {
      out.add(expected(jp.toString(), np.toString(), e.getKey(), e.getValue(), arrays));
    }
    return out;
  }

  private Path verified(CaseInfo c, String rel) {
    Path p = dir.resolve(rel);
    String want = c.sha256().get(rel);
    if (!Files.isRegularFile(p)) {
      throw new InvalidInputException(p.toString(), "missing (the suite is incomplete)");
    }
    if (want == null || !want.equals(SuiteWriter.sha256(p))) {
      throw new InvalidInputException(p.toString(), "does not match the manifest's sha256 (changed after basin golden"
          + " wrote it)");
    }
    return p;
  }

  private static Expected expected(String jsonFile, String npzFile, String name, JsonNode q,
      Map<String, NdArray> arrays) {
    String spec = q.path("spec").asText();
    String method = q.path("method").asText();
    @SuppressWarnings("unchecked")
    Map<String, Object> facts = q.has("facts") ? Json.mapper().convertValue(q.get("facts"), Map.class) : Map.of();
    Precision[] ps = Precision.values();
    double[][] tol = new double[ps.length][];
    if (q.has("value")) {
      for (Precision p : ps) {
        tol[p.ordinal()] = new double[] {q.path("tolerance").path(p.label()).asDouble(Double.NaN)};
      }
      return new Expected(name, spec, method, true, new double[] {q.path("value").asDouble()},
          new double[] {q.path("lo").asDouble()}, new double[] {q.path("hi").asDouble()}, tol, facts);
    }
    JsonNode names = q.path("arrays");
    double[] value = array(npzFile, arrays, names, "value");
    for (Precision p : ps) {
      tol[p.ordinal()] = array(npzFile, arrays, names, "tolerance_" + p.label());
    }
    try {
      return new Expected(name, spec, method, false, value, array(npzFile, arrays, names, "lo"),
          array(npzFile, arrays, names, "hi"), tol, facts);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(jsonFile, "quantity " + name + ": " + e.getMessage(), e);
    }
  }

  private static double[] array(String file, Map<String, NdArray> arrays, JsonNode names, String field) {
    String n = names.path(field).asText();
    NdArray a = arrays.get(n);
    if (a == null) {
      throw new InvalidInputException(file, "missing array '" + n + "'");
    }
    return a.values();
  }
}
