package dev.basin.sweep;

import dev.basin.base.InvalidInputException;
import dev.basin.io.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Runs a sweep into a directory (spec SWEEP-RUN, SWEEP-JOURNAL): DIR/sweep.json names the spec (its
 * canonical text and SHA-256), DIR/rows.jsonl records every finished task as one JSON line, appended
 * and forced to disk as the task finishes, so an interrupted sweep resumes where it stopped (a torn
 * last line is dropped and its task rerun). When every task has its row, the rows are written in
 * task order as DIR/rows.csv, DIR/rows.parquet and DIR/columns.json, and the analysis as
 * DIR/analysis.json.
 */
public final class Sweep {

  private Sweep() {}

  /** Observes a run: how many tasks there are and each finished row. */
  public interface Listener {
    /** Called once before tasks run: all tasks and those already done in DIR. */
    default void started(long total, long alreadyDone) {}

    /** Called as each task finishes (from the thread that records it). */
    default void finished(Row row) {}
  }

  /**
   * The outcome.
   *
   * @param rows every row in task order
   * @param ran the number of tasks run now (the others were resumed from DIR)
   * @param analysis the τ analysis of the rows
   */
  public record Result(List<Row> rows, long ran, Analysis.Result analysis) {}

  /** The engine with this name: "local", or one found through ServiceLoader (e.g. "spark"). */
  public static SweepEngine engine(String name) {
    if (name.equals("local")) {
      return new LocalEngine();
    }
    List<String> found = new ArrayList<>(List.of("local"));
    for (SweepEngine e : ServiceLoader.load(SweepEngine.class)) {
      if (e.name().equals(name)) {
        return e;
      }
      found.add(e.name());
    }
    if (name.equals("spark")) {
      throw new InvalidInputException("--engine", "spark is not on the classpath: run it through bin/basin, which builds "
          + "and starts the basin-spark module, or with spark-submit and spark/target/basin-spark.jar (docs/sweep.md)");
    }
    throw new InvalidInputException("--engine", "unknown engine '" + name + "'; available: " + found);
  }

  /** Runs (or resumes) the sweep of a spec in DIR with an engine; {@code fresh} discards DIR's earlier rows. */
  public static Result run(SweepSpec spec, Path dir, SweepEngine engine, SweepEngine.Options options, boolean fresh,
      Listener listener) throws Exception {
    Design design = new Design(spec);
    long count = design.count();
    if (count > Integer.MAX_VALUE) {
      throw new InvalidInputException("spec", count + " tasks; at most " + Integer.MAX_VALUE + " rows fit one table");
    }
    prepare(dir, spec, count, fresh);
    Path journal = dir.resolve("rows.jsonl");
    Map<Long, Row> done = read(journal, spec, count);
    long[] pending = new long[(int) (count - done.size())];
    int i = 0;
    for (long t = 0; t < count; t++) {
      if (!done.containsKey(t)) {
        pending[i++] = t;
      }
    }
    listener.started(count, done.size());
    List<Row> rows;
    try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      engine.run(spec, pending, options, line -> {
        Row r = RowCodec.decode(line, spec);
        synchronized (ch) {
          append(ch, line, journal);
          done.put(r.task(), r);
        }
        listener.finished(r);
      });
      synchronized (ch) {
        rows = new ArrayList<>(done.values());
      }
    }
    if (rows.size() != count) {
      throw new IllegalStateException("the engine returned " + rows.size() + " of " + count + " rows");
    }
    RowTable.write(dir, spec, rows);
    Analysis.Result a = Analysis.of(spec, rows);
    Json.write(dir.resolve("analysis.json"), a.json());
    return new Result(List.copyOf(rows), pending.length, a);
  }

  private static void prepare(Path dir, SweepSpec spec, long count, boolean fresh) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InvalidInputException(dir.toString(), "is not a directory");
    }
    Files.createDirectories(dir);
    Path manifest = dir.resolve("sweep.json");
    Path journal = dir.resolve("rows.jsonl");
    if (fresh) {
      for (String f : List.of("rows.jsonl", "rows.csv", "rows.parquet", "columns.json", "analysis.json", "index.html")) {
        Files.deleteIfExists(dir.resolve(f));
      }
    } else if (Files.exists(manifest)) {
      String had = Json.read(manifest).path("spec_sha256").asText();
      if (!had.equals(spec.hash())) {
        throw new InvalidInputException(dir.toString(), "holds the rows of another spec (sha256 " + had + "); use --fresh to "
            + "discard them or another --out");
      }
    } else if (Files.exists(journal)) {
      throw new InvalidInputException(dir.toString(), "has rows.jsonl but no sweep.json; use --fresh or another --out");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("spec_sha256", spec.hash());
    m.put("tasks", count);
    m.put("spec", Json.mapper().readTree(spec.canonical()));
    Json.write(manifest, m);
  }

  /** The rows recorded in the journal (a torn last line is cut off); task → row. */
  static Map<Long, Row> read(Path journal, SweepSpec spec, long count) throws IOException {
    Map<Long, Row> out = new TreeMap<>();
    if (!Files.exists(journal)) {
      return out;
    }
    byte[] bytes = Files.readAllBytes(journal);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    if (end < bytes.length) {
      try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.WRITE)) {
        ch.truncate(end);
      }
    }
    String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
    int lineNo = 0;
    for (String line : text.split("\n")) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      Row r;
      try {
        r = RowCodec.decode(line, spec);
      } catch (RuntimeException e) {
        throw new InvalidInputException(journal + ":" + lineNo, "not a row of this sweep (" + e.getMessage() + "); use --fresh");
      }
      if (r.task() < 0 || r.task() >= count) {
        throw new InvalidInputException(journal + ":" + lineNo, "task " + r.task() + " is not in [0, " + count + "); use --fresh");
      }
      out.put(r.task(), r);
    }
    return out;
  }

  private static void append(FileChannel ch, String line, Path journal) {
    try {
      ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
    } catch (IOException e) {
      throw new InvalidInputException(journal.toString(), "cannot append: " + e.getMessage(), e);
    }
  }
}
