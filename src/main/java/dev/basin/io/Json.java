package dev.basin.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.basin.base.InvalidInputException;
import dev.basin.base.NonFiniteResultException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * JSON output (spec IO-JSON): pretty-printed UTF-8, written atomically. A result that contains NaN
 * or ±∞ is refused with an error naming the field — basin never writes a silent NaN.
 */
public final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);

  /** Reading is strict (RFC 8259 leaves duplicate names undefined): a duplicate key or trailing text is an error. */
  private static final com.fasterxml.jackson.databind.ObjectReader STRICT = MAPPER.reader()
      .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private Json() {}

  /** The shared mapper (records, maps, lists and primitives serialize as expected). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The JSON tree of a value, checked for non-finite numbers. */
  public static JsonNode tree(Object value) {
    JsonNode node = MAPPER.valueToTree(value);
    checkFinite(node, "$");
    return node;
  }

  /** The pretty JSON text of a value (checked), ending with a newline. */
  public static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(tree(value)) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("JSON serialization failed", e);
    }
  }

  /** Writes a value as JSON to path, atomically; nothing is written if a number is not finite. */
  public static void write(Path path, Object value) {
    AtomicFiles.writeString(path, text(value));
  }

  /** Reads a JSON file into a tree, naming the file in errors. */
  public static JsonNode read(Path path) {
    try {
      JsonNode node = STRICT.readTree(ArrayFiles.bytes(path));
      if (node == null || node.isMissingNode()) {
        throw new InvalidInputException(path.toString(), "not valid JSON: the file is empty");
      }
      return node;
    } catch (IOException e) {
      throw new InvalidInputException(path.toString(), "not valid JSON: " + Safetensors.firstLine(e.getMessage()), e);
    }
  }

  /**
   * Reads a JSON file that may hold the non-standard tokens NaN, Infinity and -Infinity (as Python's
   * json module writes them): for inputs in which a non-finite number is a value to judge, not an
   * error (a tool's answers, spec GOLDEN-ANSWERS). Names the file in errors.
   */
  public static JsonNode readAllowingNonFinite(Path path) {
    try {
      return LENIENT.readTree(ArrayFiles.bytes(path));
    } catch (IOException e) {
      throw new InvalidInputException(path.toString(), "not valid JSON: " + Safetensors.firstLine(e.getMessage()), e);
    }
  }

  private static final ObjectMapper LENIENT = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private static void checkFinite(JsonNode node, String where) {
    if (node.isNumber() && (node.isDouble() || node.isFloat()) && !Double.isFinite(node.asDouble())) {
      throw new NonFiniteResultException("result field " + where + " is " + node.asDouble() + "; refusing to write a non-finite number");
    }
    if (node.isTextual() && where.length() > 0) {
      String t = node.asText();
      if (t.equals("NaN") || t.equals("Infinity") || t.equals("-Infinity")) {
        throw new NonFiniteResultException("result field " + where + " is " + t + "; refusing to write a non-finite number");
      }
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkFinite(node.get(i), where + "[" + i + "]");
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        checkFinite(e.getValue(), where + "." + e.getKey());
      }
    }
  }
}
