package dev.basin.golden;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.base.InvalidInputException;
import dev.basin.io.ArrayFiles;
import dev.basin.io.Json;
import dev.basin.io.NdArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A tool's answers (spec GOLDEN-ANSWERS), from JSON or .npz, keyed by case and quantity; any subset
 * of the suite may be answered. A non-finite number is an answer (it fails), not a format error.
 */
public final class AnswerFile {

  private AnswerFile() {}

  /**
   * One answer.
   *
   * @param caseId the case
   * @param quantity the quantity
   * @param values the tool's values (a scalar has one)
   * @param precision the precision the tool computed in
   * @param estimator the estimator it declares, or null for a deterministic answer
   */
  public record Answer(String caseId, String quantity, double[] values, Precision precision,
      Policy.@Nullable Estimator estimator) {}

  /**
   * A file of answers.
   *
   * @param tool the tool's self-description ("" if none)
   * @param answers the answers in file order
   */
  public record Answers(String tool, List<Answer> answers) {}

  /**
   * Reads answers from a .json or .npz file. precision overrides the file's (and is required for
   * .npz, which cannot state it).
   */
  public static Answers read(Path file, @Nullable Precision precision) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".npz")) {
      if (precision == null) {
        throw new InvalidInputException("--precision", "is required with .npz answers (float64 or float32): an .npz"
            + " file cannot state the precision its answers were computed in");
      }
      return npz(file, precision);
    }
    return json(file, precision);
  }

  private static Answers npz(Path file, Precision precision) {
    List<Answer> out = new ArrayList<>();
    for (Map.Entry<String, NdArray> e : ArrayFiles.read(file).entrySet()) {
      String key = e.getKey();
      int slash = key.indexOf('/');
      if (slash <= 0 || slash == key.length() - 1) {
        throw new InvalidInputException(file + " [" + key + "]", "array names must be CASE/QUANTITY (e.g."
            + " relu-halfsq-mean/gradient)");
      }
      out.add(new Answer(key.substring(0, slash), key.substring(slash + 1), e.getValue().values(), precision, null));
    }
    return new Answers("", out);
  }

  private static Answers json(Path file, @Nullable Precision override) {
    String where = file.toString();
    JsonNode root = Json.readAllowingNonFinite(file);
    if (!root.isObject()) {
      throw new InvalidInputException(where, "must be a JSON object with \"answers\" (spec GOLDEN-ANSWERS)");
    }
    JsonNode format = root.get("format");
    if (format != null && !format.asText().equals(SuiteFiles.ANSWERS_FORMAT)) {
      throw new InvalidInputException(where, "format '" + format.asText() + "' is not " + SuiteFiles.ANSWERS_FORMAT);
    }
    Precision top = override;
    if (top == null && root.hasNonNull("precision")) {
      top = Precision.parse(where + " [precision]", root.get("precision").asText());
    }
    JsonNode answers = root.get("answers");
    if (answers == null || !answers.isObject()) {
      throw new InvalidInputException(where, "missing object \"answers\": {CASE: {QUANTITY: value}}");
    }
    List<Answer> out = new ArrayList<>();
    for (var c : answers.properties()) {
      if (!c.getValue().isObject()) {
        throw new InvalidInputException(where + " [answers." + c.getKey() + "]", "must be an object {QUANTITY: value}");
      }
      for (var q : c.getValue().properties()) {
        String at = where + " [answers." + c.getKey() + "." + q.getKey() + "]";
        out.add(answer(at, c.getKey(), q.getKey(), q.getValue(), top, override));
      }
    }
    return new Answers(root.path("tool").asText(""), out);
  }

  private static Answer answer(String at, String caseId, String quantity, JsonNode v, @Nullable Precision top,
      @Nullable Precision override) {
    JsonNode value = v;
    Precision p = top;
    Policy.Estimator est = null;
    if (v.isObject()) {
      value = v.get("value");
      if (value == null) {
        throw new InvalidInputException(at, "an answer object needs \"value\"");
      }
      if (override == null && v.hasNonNull("precision")) {
        p = Precision.parse(at + " precision", v.get("precision").asText());
      }
      if (v.hasNonNull("estimator")) {
        est = estimator(at, v.get("estimator"));
        Policy.requireApplicable(at, est, quantity);
      }
    }
    if (p == null) {
      throw new InvalidInputException(at, "no precision: give \"precision\": \"float64\" or \"float32\" at the top of"
          + " the file or in the answer, or --precision");
    }
    return new Answer(caseId, quantity, numbers(at, value), p, est);
  }

  private static double[] numbers(String at, JsonNode v) {
    if (v.isNumber()) {
      return new double[] {v.asDouble()};
    }
    if (v.isArray()) {
      double[] r = new double[v.size()];
      for (int i = 0; i < r.length; i++) {
        JsonNode x = v.get(i);
        if (!x.isNumber()) {
          throw new InvalidInputException(at, "element " + i + " is not a number: " + x);
        }
        r[i] = x.asDouble();
      }
      if (r.length == 0) {
        throw new InvalidInputException(at, "is an empty list");
      }
      return r;
    }
    throw new InvalidInputException(at, "must be a number or a list of numbers, got " + v.getNodeType());
  }

  private static Policy.Estimator estimator(String at, JsonNode e) {
    String kind = e.path("kind").asText("");
    if (kind.equals(Policy.HUTCHINSON)) {
      int m = e.path("samples").asInt(0);
      if (m < 1) {
        throw new InvalidInputException(at, "a hutchinson estimator needs \"samples\" >= 1");
      }
      String probes = e.path("probes").asText("rademacher");
      if (!probes.equals("rademacher") && !probes.equals("gaussian")) {
        throw new InvalidInputException(at, "hutchinson \"probes\" must be rademacher or gaussian, got '" + probes + "'");
      }
      return new Policy.Estimator(kind, m, probes.equals("gaussian"), 0.0);
    }
    if (kind.equals(Policy.ITERATIVE)) {
      double t = e.path("relative_tolerance").asDouble(Double.NaN);
      if (!(t > 0.0 && t < 1.0)) {
        throw new InvalidInputException(at, "an iterative estimator needs \"relative_tolerance\" in (0, 1)");
      }
      return new Policy.Estimator(kind, 0, false, t);
    }
    throw new InvalidInputException(at, "unknown estimator kind '" + kind + "'; expected one of " + Policy.kinds());
  }
}
