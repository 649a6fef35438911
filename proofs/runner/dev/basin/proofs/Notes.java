package dev.basin.proofs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What KeY cannot know about a contract, read from proofs/contracts.txt: the randomized tests
 * behind floating-point postconditions and trusted stubs, why a contract is tested-only, and
 * which splitting mode to try first. One entry per line, fields separated by '|':
 *
 * <pre>
 *   test        | Class.method(types) | TestClass#method [TestClass#method ...]
 *   trusted     | Class.method(types) | TestClass#method [...]
 *   tested-only | Class.method(types) | reason | TestClass#method [...]
 *   split-first | Class.method(types) | off
 *   property    | Class.method(types) | TestClass#method [...]   (a contract in a package KeY does not load)
 * </pre>
 */
final class Notes {

  /** Everything noted about one contract. */
  static final class Entry {
    final List<String> tests = new ArrayList<>();
    boolean trusted;
    String testedOnlyReason;
    boolean splitOffFirst;
    /** Property tests of a contract KeY does not load (a package in modern Java). */
    final List<String> properties = new ArrayList<>();
    /** Set when the contract exists, to report notes about contracts that do not. */
    boolean used;
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final List<String> errors = new ArrayList<>();

  static Notes empty() {
    return new Notes();
  }

  static Notes read(Path file) throws IOException {
    Notes notes = new Notes();
    int lineNo = 0;
    for (String raw : Files.readAllLines(file)) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\|");
      for (int i = 0; i < f.length; i++) {
        f[i] = f[i].strip();
      }
      if (f.length < 3) {
        notes.errors.add(file + ":" + lineNo + ": expected 'kind | contract | ...'");
        continue;
      }
      Entry e = notes.entries.computeIfAbsent(f[1], k -> new Entry());
      switch (f[0]) {
        case "test" -> e.tests.addAll(List.of(f[2].split("\\s+")));
        case "trusted" -> {
          e.trusted = true;
          e.tests.addAll(List.of(f[2].split("\\s+")));
        }
        case "tested-only" -> {
          if (f.length != 4) {
            notes.errors.add(file + ":" + lineNo + ": expected 'tested-only | contract | reason | tests'");
            continue;
          }
          e.testedOnlyReason = f[2];
          e.tests.addAll(List.of(f[3].split("\\s+")));
        }
        case "split-first" -> e.splitOffFirst = f[2].equals("off");
        case "property" -> e.properties.addAll(List.of(f[2].split("\\s+")));
        default -> notes.errors.add(file + ":" + lineNo + ": unknown kind '" + f[0] + "'");
      }
    }
    return notes;
  }

  /** The entry for a contract (an empty one if nothing is noted), marked as used. */
  Entry get(String contract) {
    Entry e = entries.computeIfAbsent(contract, k -> new Entry());
    e.used = true;
    return e;
  }

  /** The tests named for a prover-rule file (listed as trusted under its file name). */
  List<String> ruleTests(String file) {
    return get(file).tests;
  }

  /** Every test reference in the notes. */
  List<String> allTests() {
    List<String> all = new ArrayList<>();
    entries.values().forEach(e -> {
      all.addAll(e.tests);
      all.addAll(e.properties);
    });
    return all;
  }

  /** Problems found while reading, plus notes naming a contract that does not exist. */
  List<String> errors() {
    List<String> all = new ArrayList<>(errors);
    entries.forEach((name, e) -> {
      if (!e.used) {
        all.add("contracts.txt names " + name + ", which has no contract");
      }
    });
    return all;
  }

  /**
   * The referenced tests that do not exist: each "Class#method" must name a file Class.java
   * under testRoot that declares a method with that name.
   */
  static List<String> missingTests(List<String> tests, Path testRoot) throws IOException {
    List<String> missing = new ArrayList<>();
    for (String t : tests) {
      int hash = t.indexOf('#');
      if (hash < 0) {
        missing.add(t + " (expected Class#method)");
        continue;
      }
      String cls = t.substring(0, hash) + ".java";
      String method = t.substring(hash + 1);
      List<Path> files;
      try (var s = Files.walk(testRoot)) {
        files = s.filter(p -> p.getFileName().toString().equals(cls)).toList();
      }
      boolean found = false;
      for (Path p : files) {
        if (Files.readString(p).matches("(?s).*\\bvoid\\s+" + method + "\\s*\\(.*")) {
          found = true;
        }
      }
      if (!found) {
        missing.add(t);
      }
    }
    return missing;
  }
}
