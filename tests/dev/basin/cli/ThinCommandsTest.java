package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Commands are parse → library → render (spec CLI-*, docs/architecture.md): no class of cli/
 * decides what a number is (no Reported is made there), computes on results (no vector helper, no
 * kernel arithmetic) or builds JSON maps; and the three commands issue 17 named stay small.
 * A guard on the source text, so that a regression shows up as the line that brought it.
 */
class ThinCommandsTest {

  static final Path CLI = Path.of("src", "main", "java", "dev", "basin", "cli");

  /** A JSON-shaped map; Output.java alone has one: the options as picocli parsed them (not results). */
  static final Pattern MAPS = Pattern.compile("Map<String, Object>|LinkedHashMap<");

  /** What a thin command does not contain, with why. */
  static final List<Pattern> FORBIDDEN = List.of(
      Pattern.compile("Reported\\.(exact|enclosure|lowerBound|upperBound|estimate)\\(|new Reported\\."), // the library says what a number is
      Pattern.compile("\\bVectors\\."), // arithmetic on results belongs to the library
      Pattern.compile("import dev\\.basin\\.kernel\\.(?!Activation;|Loss;)"), // the kernel's numerics (its value types are fine)
      MAPS, // JSON is rendered from findings in report/
      Pattern.compile("Json\\.mapper\\(\\)|ObjectNode")); // likewise

  @Test
  void noCommandComputesOrDescribesResults() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> s = Files.list(CLI)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(p);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
            continue;
          }
          for (Pattern f : FORBIDDEN) {
            if (f == MAPS && p.getFileName().toString().equals("Output.java")) {
              continue;
            }
            Matcher m = f.matcher(line);
            if (m.find()) {
              found.add(p.getFileName() + ":" + (i + 1) + ": " + line);
            }
          }
        }
      }
    }
    assertEquals(List.of(), found, "cli/ does arithmetic on results, describes numbers or builds JSON itself");
  }

  @Test
  void theMeasureHessianAndStagnationCommandsStaySmall() throws IOException {
    for (String c : List.of("MeasureCommand", "HessianCommand", "StagnationCommand")) {
      long n = Files.readAllLines(CLI.resolve(c + ".java")).size();
      assertTrue(n < 150, c + " has " + n + " lines (issue 17: well under 150)");
    }
  }
}
