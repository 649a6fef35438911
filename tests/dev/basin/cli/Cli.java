package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.io.Json;
import dev.basin.testing.ReportSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Runs the CLI in-process (Main.run) and captures its exit code and streams. */
final class Cli {

  private Cli() {}

  /** The outcome of one command. */
  record Result(int code, String out, String err, String command) {

    /** Asserts success, showing the streams otherwise. */
    Result ok() {
      assertEquals(0, code, () -> command + "\nstdout:\n" + out + "\nstderr:\n" + err);
      return this;
    }

    /**
     * Asserts exit code 3 with exactly one stderr line "basin CMD: error: INPUT..." that names
     * {@code input}, and no stack trace anywhere.
     */
    Result badInput(String input) {
      assertEquals(Main.BAD_INPUT, code, () -> command + "\nstdout:\n" + out + "\nstderr:\n" + err);
      String e = err.strip();
      assertFalse(e.contains("\n"), () -> command + ": more than one error line:\n" + err);
      assertTrue(e.startsWith("basin ") && e.contains(": error: "), () -> command + ": " + err);
      assertTrue(e.contains(input), () -> command + ": the error does not name " + input + ":\n" + err);
      noStackTrace();
      return this;
    }

    /** Asserts a usage error (exit 2) without a stack trace. */
    Result usage() {
      assertEquals(2, code, () -> command + "\nstdout:\n" + out + "\nstderr:\n" + err);
      noStackTrace();
      return this;
    }

    void noStackTrace() {
      for (String s : List.of(out, err)) {
        assertFalse(s.contains("\tat ") || s.contains("Exception:") || s.contains("Exception\n"),
            () -> command + ": stack trace or exception class in the output:\n" + s);
      }
    }
  }

  /** Runs {@code basin args…}. */
  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString(), "basin " + String.join(" ", args));
  }

  /** Runs {@code basin args…} with Paths and other objects converted to strings. */
  static Result run(Object... args) {
    String[] s = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      s[i] = String.valueOf(args[i]);
    }
    return run(s);
  }

  /** Any JSON file a command wrote that is not a report (a data file, a suite, a check report), as it is. */
  static JsonNode data(Path p) {
    return Json.read(p);
  }

  /**
   * The results of a JSON report written by a command, after checking the whole report against
   * spec/report.schema.json (REPORT-JSON): every report a test reads is validated.
   */
  static JsonNode json(Path p) {
    ReportSchema.assertValid(p);
    return Json.read(p).get("results");
  }

  /** The names of all files under dir (recursively), sorted, relative to dir. */
  static List<String> files(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
