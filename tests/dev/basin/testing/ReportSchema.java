package dev.basin.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * spec/report.schema.json (REPORT-JSON) loaded once with a draft 2020-12 validator (networknt
 * json-schema-validator), for the tests that check every command's JSON against it.
 */
public final class ReportSchema {

  /** The schema file, relative to the repository root (Maven runs the tests there). */
  public static final Path FILE = Path.of("spec", "report.schema.json");

  private static final Schema SCHEMA = load();

  private ReportSchema() {}

  private static Schema load() {
    try {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(Files.readString(FILE), InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema violations of a JSON text, as "location: message" lines (empty when valid). */
  public static List<String> errors(String json) {
    List<String> out = new ArrayList<>();
    for (Error e : SCHEMA.validate(json, InputFormat.JSON)) {
      out.add(e.getInstanceLocation() + ": " + e.getMessage());
    }
    return out;
  }

  /** Asserts that a JSON text is a valid basin report. */
  public static void assertValid(String json, String what) {
    List<String> errors = errors(json);
    assertTrue(errors.isEmpty(), () -> what + " does not validate against " + FILE + ":\n"
        + String.join("\n", errors.subList(0, Math.min(20, errors.size()))));
  }

  /** Asserts that a JSON file is a valid basin report. */
  public static void assertValid(Path file) {
    try {
      assertValid(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
