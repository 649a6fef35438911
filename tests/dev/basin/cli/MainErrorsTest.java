package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The CLI's error contract (spec CLI-EXIT, issue 15 defects 2 and 7): every failure, Errors
 * included, is exactly one stderr line; running out of memory is exit 3 with the heap figure, a
 * bug exit 1; usage errors are one line without the usage dump; no command's help makes picocli
 * warn. Before issue 15 an OutOfMemoryError escaped the handler (raw stack trace, exit 1), a usage
 * error printed two lines and {@code measure --help} three picocli warnings.
 */
class MainErrorsTest {

  private static String[] failure(Throwable e) {
    StringWriter w = new StringWriter();
    int code = Main.fail(new PrintWriter(w, true), "basin test", e);
    return new String[] {Integer.toString(code), w.toString()};
  }

  private static void oneLine(String err) {
    assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1, () -> "not exactly one line:\n" + err);
    assertFalse(err.contains("\tat "), () -> "stack trace:\n" + err);
  }

  @Test
  void outOfMemoryIsBadInputWithTheHeap() {
    for (Throwable e : new Throwable[] {new OutOfMemoryError("Java heap space"),
        new ExecutionException(new OutOfMemoryError("Java heap space")),
        new CompletionException(new RuntimeException(new OutOfMemoryError("Java heap space")))}) {
      String[] r = failure(e);
      assertEquals("3", r[0], r[1]);
      oneLine(r[1]);
      assertTrue(r[1].startsWith("basin test: error: out of memory (heap ") && r[1].contains("BASIN_JAVA_OPTS"), r[1]);
    }
  }

  @Test
  void stackOverflowIsAnInternalErrorOnOneLine() {
    String[] r = failure(new StackOverflowError());
    assertEquals("1", r[0]);
    oneLine(r[1]);
    assertTrue(r[1].startsWith("basin test: internal error: java.lang.StackOverflowError"), r[1]);
  }

  @Test
  void wrappedBadInputKeepsItsMessageOnOneLine() {
    String[] r = failure(new ExecutionException(new InvalidInputException("x.npy", "line one\nline two\r\n\tthree")));
    assertEquals("3", r[0]);
    oneLine(r[1]);
    // control characters in an input's text are escaped by InvalidInputException itself
    assertEquals("basin test: error: x.npy: line one\\u000aline two\\u000d\\u000a\\u0009three\n", r[1]);
    r = failure(new ExecutionException(new IllegalStateException("bug\nsecond line")));
    assertEquals("1", r[0]);
    oneLine(r[1]);
  }

  @Test
  void fileSystemErrorsAreBadInputNamingTheFile() {
    String[] r = failure(new java.io.UncheckedIOException(new AccessDeniedException("/root/claims.json")));
    assertEquals("3", r[0]);
    assertEquals("basin test: error: /root/claims.json: permission denied\n", r[1]);
    r = failure(new NoSuchFileException("a.npz"));
    assertEquals("basin test: error: a.npz: no such file or directory\n", r[1]);
  }

  @Test
  void usageErrorsAreOneLine() {
    Cli.Result r = Cli.run("measure", "--no-such-option");
    r.usage();
    oneLine(r.err());
    assertTrue(r.err().startsWith("basin measure: "), r.err());
    r = Cli.run("hessian");
    r.usage();
    oneLine(r.err());
    r = Cli.run("no-such-command");
    r.usage();
    oneLine(r.err());
  }

  @Test
  void quietIsAcceptedEverywhere() {
    Cli.run("--quiet", "--version").ok();
    Cli.run("hessian", "--quiet", "--help").ok();
    Cli.run("measure", "-q", "--help").ok();
  }

  /** Runs --help of every command and subcommand below {@code cl} (path: the names so far). */
  private static void helpOfAll(CommandLine cl, java.util.List<String> path) {
    for (var e : cl.getSubcommands().entrySet()) {
      java.util.List<String> p = new java.util.ArrayList<>(path);
      p.add(e.getKey());
      java.util.List<String> args = new java.util.ArrayList<>(p);
      args.add("--help");
      Cli.run(args.toArray(String[]::new));
      if (!e.getKey().equals("help")) {
        helpOfAll(e.getValue(), p);
      }
    }
  }

  @Test
  void noHelpMakesPicocliWarn() {
    CommandLine root = new CommandLine(new Main());
    PrintStream saved = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
      helpOfAll(root, new java.util.ArrayList<>());
    } finally {
      System.setErr(saved);
    }
    assertEquals("", buf.toString(StandardCharsets.UTF_8));
  }
}
