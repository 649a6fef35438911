package dev.basin.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.basin.base.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A sweep specification (spec SWEEP-SPEC), parsed and validated: the data, the architecture, the
 * training and what to compute per trained net, with every hyperparameter either fixed, listed (a
 * grid axis) or drawn (a random design). Immutable; {@link #canonical()} is the spec as sorted JSON
 * text, which is what engines ship to workers and what {@link #hash()} identifies.
 *
 * @param name a short name for reports
 * @param seed the sweep's seed (every stream of every task derives from it, spec SWEEP-SEEDS)
 * @param randomTasks the number of tasks of a random design, or 0 for a grid
 * @param axes the hyperparameters in canonical order ({@link #AXES})
 * @param source the data source ("teacher-cls", "digits", "breast-cancer", "fashion-mnist")
 * @param inputs d of the teacher-cls source
 * @param classes the number of classes of the teacher-cls source
 * @param nTest held-out rows
 * @param teacherWidth hidden width of the teacher-cls teacher
 * @param teacherScale DATA-RANDOM-NET scale of the teacher
 * @param stopLoss stop when the training loss falls below this (NaN: no loss rule)
 * @param stopInterpolation stop when the net classifies every training row correctly
 * @param evalEvery full-batch evaluation period of the stop rules, in steps
 * @param measures the measures per trained net (names of {@link Metrics})
 * @param bounds the catalogue bounds per trained net (spec IDs of bounds/Catalogue)
 * @param gap the generalization gap the analysis ranks against: "error" or "loss"
 * @param bootstrap bootstrap replicates of the analysis
 * @param level confidence level of the analysis' intervals
 * @param canonical the spec as canonical JSON (sorted keys, no whitespace)
 */
public record SweepSpec(String name, long seed, int randomTasks, List<Axis> axes, String source, int inputs, int classes,
    int nTest, int teacherWidth, double teacherScale, double stopLoss, boolean stopInterpolation, int evalEvery,
    List<String> measures, List<String> bounds, String gap, int bootstrap, double level, String canonical) {

  /** The hyperparameters, in the canonical order that fixes task IDs (section, name, type, default). */
  static final List<Param> AXES = List.of(
      new Param("data", "n_train", Axis.Type.INT, 200L),
      new Param("data", "label_noise", Axis.Type.REAL, 0.0),
      new Param("net", "width", Axis.Type.INT, 16L),
      new Param("net", "activation", Axis.Type.TEXT, "relu"),
      new Param("train", "optimizer", Axis.Type.TEXT, "sgd"),
      new Param("train", "lr", Axis.Type.REAL, 0.1),
      new Param("train", "batch", Axis.Type.INT, 32L),
      new Param("train", "momentum", Axis.Type.REAL, 0.0),
      new Param("train", "noise", Axis.Type.REAL, 0.0),
      new Param("train", "steps", Axis.Type.INT, 2000L),
      new Param("train", "seed", Axis.Type.INT, 1L));

  /** The settings that are not hyperparameters, per section, with their defaults. */
  private static final Map<String, Set<String>> FIXED = Map.of(
      "data", Set.of("source", "d", "classes", "n_test", "teacher_width", "teacher_scale"),
      "net", Set.of(),
      "train", Set.of("stop_loss", "stop_interpolation", "eval_every"),
      "analysis", Set.of("gap", "bootstrap", "level"));

  /** The largest number of tasks one sweep may have (task IDs and rows are held in memory). */
  public static final long MAX_TASKS = 10_000_000L;

  /** Data sources. */
  static final List<String> SOURCES = List.of("teacher-cls", "digits", "breast-cancer", "fashion-mnist");
  /** Optimizers (spec DYN-SGD). */
  static final List<String> OPTIMIZERS = List.of("gd", "sgd");

  private static final ObjectMapper CANON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** A hyperparameter's place in the spec. */
  record Param(String section, String name, Axis.Type type, Object fallback) {}

  /** Copies the lists. */
  public SweepSpec {
    axes = List.copyOf(axes);
    measures = List.copyOf(measures);
    bounds = List.copyOf(bounds);
  }

  /** The hyperparameter with this name. */
  public Axis axis(String axisName) {
    for (Axis a : axes) {
      if (a.name().equals(axisName)) {
        return a;
      }
    }
    throw new IllegalArgumentException("no hyperparameter " + axisName);
  }

  /** The hyperparameters the sweep varies, in canonical order. */
  public List<Axis> varied() {
    List<Axis> out = new ArrayList<>();
    for (Axis a : axes) {
      if (a.varied()) {
        out.add(a);
      }
    }
    return out;
  }

  /** Whether the design is a grid (every combination of the listed values). */
  public boolean grid() {
    return randomTasks == 0;
  }

  /** SHA-256 of the canonical text, hex: identifies the spec in DIR and in the rows' metadata. */
  public String hash() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  /** Reads and validates a spec file (errors name the file). */
  public static SweepSpec read(java.nio.file.Path file) {
    JsonNode root = dev.basin.io.Json.read(file);
    if (!root.isObject()) {
      throw new InvalidInputException(file.toString(), "a sweep spec is a JSON object");
    }
    return of((ObjectNode) root, file.toString());
  }

  /** Parses a spec from JSON text; {@code what} names it in errors (e.g. the file name). */
  public static SweepSpec parse(String json, String what) {
    JsonNode root;
    try {
      root = CANON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(what, "not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(what, "a sweep spec is a JSON object");
    }
    return of((ObjectNode) root, what);
  }

  /** Validates a spec tree. */
  static SweepSpec of(ObjectNode root, String what) {
    known(root, what, Set.of("name", "seed", "design", "data", "net", "train", "measures", "bounds", "analysis", "description"));
    String name = text(root, "name", what, "sweep");
    long seed = integer(root, "seed", what, 1);
    int randomTasks = design(root.get("design"), what);
    Map<String, JsonNode> sections = new LinkedHashMap<>();
    for (String s : List.of("data", "net", "train", "analysis")) {
      JsonNode n = root.get(s);
      if (n != null && !n.isObject()) {
        throw new InvalidInputException(what + ": " + s, "must be an object");
      }
      sections.put(s, n);
    }
    for (Map.Entry<String, JsonNode> e : sections.entrySet()) {
      JsonNode n = e.getValue();
      if (n != null) {
        Set<String> allowed = new java.util.HashSet<>(FIXED.getOrDefault(e.getKey(), Set.of()));
        for (Param p : AXES) {
          if (p.section().equals(e.getKey())) {
            allowed.add(p.name());
          }
        }
        known(n, what + ": " + e.getKey(), allowed);
      }
    }
    List<Axis> axes = new ArrayList<>();
    long tasks = 1;
    for (Param p : AXES) {
      JsonNode sec = sections.get(p.section());
      JsonNode v = sec == null ? null : sec.get(p.name());
      Axis a = axis(p, v, what + ": " + p.section() + "." + p.name(), randomTasks > 0);
      axes.add(a);
      tasks = Math.multiplyExact(tasks, Math.max(1, a.size()));
    }
    if (randomTasks == 0 && tasks > MAX_TASKS) {
      throw new InvalidInputException(what, "the grid has " + tasks + " tasks; at most " + MAX_TASKS + " are allowed");
    }
    JsonNode data = sections.get("data");
    JsonNode train = sections.get("train");
    JsonNode analysis = sections.get("analysis");
    String source = text(data, "source", what + ": data", "teacher-cls").toLowerCase(Locale.ROOT);
    if (!SOURCES.contains(source)) {
      throw new InvalidInputException(what + ": data.source", "'" + source + "' is not one of " + SOURCES);
    }
    int d = (int) bounded(integer(data, "d", what + ": data", 20), 1, 100_000, what + ": data.d");
    int classes = (int) bounded(integer(data, "classes", what + ": data", 2), 2, 1000, what + ": data.classes");
    int nTest = (int) bounded(integer(data, "n_test", what + ": data", 2000), 1, 100_000_000, what + ": data.n_test");
    int teacherWidth = (int) bounded(integer(data, "teacher_width", what + ": data", 8), 1, 100_000, what + ": data.teacher_width");
    double teacherScale = real(data, "teacher_scale", what + ": data", 2.0);
    if (!(teacherScale > 0)) {
      throw new InvalidInputException(what + ": data.teacher_scale", teacherScale + " (must be > 0)");
    }
    double stopLoss = real(train, "stop_loss", what + ": train", Double.NaN);
    boolean stopInterp = train != null && train.has("stop_interpolation") && bool(train.get("stop_interpolation"),
        what + ": train.stop_interpolation");
    int evalEvery = (int) bounded(integer(train, "eval_every", what + ": train", 50), 1, Integer.MAX_VALUE, what + ": train.eval_every");
    for (Object o : axes.get(axisIndex("optimizer")).values()) {
      if (!OPTIMIZERS.contains(o)) {
        throw new InvalidInputException(what + ": train.optimizer", "'" + o + "' is not one of " + OPTIMIZERS);
      }
    }
    for (Object o : axes.get(axisIndex("activation")).values()) {
      try {
        dev.basin.model.Conventions.activation((String) o);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(what + ": net.activation", e.problem());
      }
    }
    checkPositive(axes, "n_train", what);
    checkPositive(axes, "width", what);
    checkPositive(axes, "batch", what);
    checkRange(axes, "label_noise", 0.0, 1.0, what);
    checkRange(axes, "momentum", 0.0, 0.999999, what);
    checkRange(axes, "noise", 0.0, Double.MAX_VALUE, what);
    checkRange(axes, "lr", Double.MIN_VALUE, Double.MAX_VALUE, what);
    checkRange(axes, "steps", 0.0, 1e12, what);
    List<String> measures = names(root.get("measures"), what + ": measures", List.of("params", "trace"));
    for (String m : measures) {
      Metrics.measure(m, what + ": measures");
    }
    List<String> bounds = names(root.get("bounds"), what + ": bounds", List.of());
    List<String> boundIds = new ArrayList<>();
    for (String b : bounds) {
      boundIds.add(Metrics.bound(b, what + ": bounds"));
    }
    String gap = text(analysis, "gap", what + ": analysis", "error");
    if (!gap.equals("error") && !gap.equals("loss")) {
      throw new InvalidInputException(what + ": analysis.gap", "'" + gap + "' is not 'error' or 'loss'");
    }
    int bootstrap = (int) bounded(integer(analysis, "bootstrap", what + ": analysis", 1000), 100, 1_000_000,
        what + ": analysis.bootstrap");
    double level = real(analysis, "level", what + ": analysis", 0.95);
    if (!(level > 0.5 && level < 1.0)) {
      throw new InvalidInputException(what + ": analysis.level", level + " (must lie in (0.5, 1))");
    }
    String canonical;
    try {
      canonical = CANON.writeValueAsString(CANON.treeToValue(root, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("re-serializing a parsed spec failed", e);
    }
    return new SweepSpec(name, seed, randomTasks, axes, source, d, classes, nTest, teacherWidth, teacherScale, stopLoss,
        stopInterp, evalEvery, measures, boundIds, gap, bootstrap, level, canonical);
  }

  static int axisIndex(String axisName) {
    for (int i = 0; i < AXES.size(); i++) {
      if (AXES.get(i).name().equals(axisName)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no hyperparameter " + axisName);
  }

  private static int design(@Nullable JsonNode n, String what) {
    if (n == null || n.isTextual() && n.asText().equals("grid")) {
      return 0;
    }
    if (n.isObject() && n.size() == 1 && n.has("random")) {
      return (int) bounded(integral(n.get("random"), what + ": design.random"), 1, MAX_TASKS, what + ": design.random");
    }
    throw new InvalidInputException(what + ": design", "must be \"grid\" or {\"random\": TASKS}");
  }

  private static Axis axis(Param p, @Nullable JsonNode v, String where, boolean random) {
    if (v == null) {
      return new Axis(p.name(), p.type(), List.of(p.fallback()), null);
    }
    if (v.isObject()) {
      if (!random) {
        throw new InvalidInputException(where, "a range ({\"uniform\": ...}) needs a random design (\"design\": {\"random\": N})");
      }
      if (p.type() != Axis.Type.REAL || v.size() != 1 || !(v.has("uniform") || v.has("log_uniform"))) {
        throw new InvalidInputException(where, "a range is {\"uniform\": [a, b]} or {\"log_uniform\": [a, b]} of a real hyperparameter");
      }
      boolean log = v.has("log_uniform");
      JsonNode r = log ? v.get("log_uniform") : v.get("uniform");
      if (!r.isArray() || r.size() != 2 || !r.get(0).isNumber() || !r.get(1).isNumber()) {
        throw new InvalidInputException(where, "a range needs two numbers [a, b]");
      }
      double lo = r.get(0).asDouble();
      double hi = r.get(1).asDouble();
      if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi) || log && !(lo > 0)) {
        throw new InvalidInputException(where, "range [" + lo + ", " + hi + "] must be finite with a <= b (and a > 0 for log_uniform)");
      }
      return new Axis(p.name(), p.type(), List.of(), new Axis.Range(log, lo, hi));
    }
    List<Object> values = new ArrayList<>();
    if (v.isArray()) {
      if (v.isEmpty()) {
        throw new InvalidInputException(where, "an empty list");
      }
      for (JsonNode e : v) {
        values.add(value(p, e, where));
      }
      if (new java.util.HashSet<>(values).size() != values.size()) {
        throw new InvalidInputException(where, "lists a value twice: " + values);
      }
    } else {
      values.add(value(p, v, where));
    }
    return new Axis(p.name(), p.type(), values, null);
  }

  private static Object value(Param p, JsonNode e, String where) {
    return switch (p.type()) {
      case INT -> integral(e, where);
      case REAL -> {
        if (!e.isNumber() || !Double.isFinite(e.asDouble())) {
          throw new InvalidInputException(where, "'" + e + "' is not a finite number");
        }
        yield e.asDouble();
      }
      case TEXT -> {
        if (!e.isTextual()) {
          throw new InvalidInputException(where, "'" + e + "' is not a name");
        }
        yield e.asText().trim().toLowerCase(Locale.ROOT);
      }
    };
  }

  private static void checkPositive(List<Axis> axes, String axisName, String what) {
    for (Object o : axes.get(axisIndex(axisName)).values()) {
      if ((Long) o < 1 || (Long) o > Integer.MAX_VALUE) {
        throw new InvalidInputException(what + ": " + axisName, o + " (must be a positive int)");
      }
    }
  }

  private static void checkRange(List<Axis> axes, String axisName, double lo, double hi, String what) {
    Axis a = axes.get(axisIndex(axisName));
    List<Double> vs = new ArrayList<>();
    for (Object o : a.values()) {
      vs.add(Axis.number(o));
    }
    Axis.Range r = a.range();
    if (r != null) {
      vs.add(r.lo());
      vs.add(r.hi());
    }
    for (double x : vs) {
      if (!(x >= lo && x <= hi)) {
        throw new InvalidInputException(what + ": " + axisName, x + " (must lie in [" + lo + ", " + hi + "])");
      }
    }
  }

  private static void known(JsonNode n, String what, Set<String> allowed) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new InvalidInputException(what, "unknown key '" + f + "'; known: " + new java.util.TreeSet<>(allowed));
      }
    }
  }

  private static String text(@Nullable JsonNode n, String key, String what, String fallback) {
    JsonNode v = n == null ? null : n.get(key);
    if (v == null) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw new InvalidInputException(what + "." + key, "'" + v + "' is not a string");
    }
    return v.asText();
  }

  private static long integer(@Nullable JsonNode n, String key, String what, long fallback) {
    JsonNode v = n == null ? null : n.get(key);
    return v == null ? fallback : integral(v, what + "." + key);
  }

  private static long integral(JsonNode v, String where) {
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new InvalidInputException(where, "'" + v + "' is not a whole number");
    }
    return v.asLong();
  }

  private static long bounded(long v, long lo, long hi, String where) {
    if (v < lo || v > hi) {
      throw new InvalidInputException(where, v + " (must lie in [" + lo + ", " + hi + "])");
    }
    return v;
  }

  private static double real(@Nullable JsonNode n, String key, String what, double fallback) {
    JsonNode v = n == null ? null : n.get(key);
    if (v == null) {
      return fallback;
    }
    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw new InvalidInputException(what + "." + key, "'" + v + "' is not a finite number");
    }
    return v.asDouble();
  }

  private static boolean bool(JsonNode v, String where) {
    if (!v.isBoolean()) {
      throw new InvalidInputException(where, "'" + v + "' is not true or false");
    }
    return v.asBoolean();
  }

  private static List<String> names(@Nullable JsonNode n, String where, List<String> fallback) {
    if (n == null) {
      return fallback;
    }
    if (!n.isArray()) {
      throw new InvalidInputException(where, "must be a list of names");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw new InvalidInputException(where, "'" + e + "' is not a name");
      }
      String s = e.asText().trim();
      if (out.contains(s)) {
        throw new InvalidInputException(where, "lists '" + s + "' twice");
      }
      out.add(s);
    }
    return out;
  }
}
