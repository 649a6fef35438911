package dev.basin.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The small sweep the tests run (tests/resources/sweep/tiny.json, also used by the Spark module's test
 * and bin/test's engine check): 8 tasks of a few hundred SGD steps each (seconds in all).
 */
final class TinySweep {

  private TinySweep() {}

  static final String SPEC = read();

  private static String read() {
    try {
      return Files.readString(Path.of("tests/resources/sweep/tiny.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SweepSpec spec() {
    return SweepSpec.parse(SPEC, "tiny spec");
  }
}
