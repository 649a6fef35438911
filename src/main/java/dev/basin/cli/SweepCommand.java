package dev.basin.cli;

import dev.basin.base.InvalidInputException;
import dev.basin.model.Checks;
import dev.basin.base.Progress;
import dev.basin.report.SweepReport;
import dev.basin.sweep.Analysis;
import dev.basin.sweep.Row;
import dev.basin.sweep.Sweep;
import dev.basin.sweep.SweepEngine;
import dev.basin.sweep.SweepSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code basin sweep}: thousands of train-and-measure tasks from one spec (spec/sweep.md), in
 * process or on Apache Spark, with the measures-vs-generalization analysis and its HTML report.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Trains and measures one net per task of a sweep spec (spec/sweep.md) and ranks every measure against the",
        "generalization gap (Kendall's tau, Jiang et al.'s granulated Psi, bootstrap intervals).",
        "Writes DIR/rows.csv, DIR/rows.parquet, DIR/columns.json, DIR/analysis.json and DIR/index.html; DIR/rows.jsonl",
        "records finished tasks, so running the same command again resumes. Rows do not depend on the engine or workers."})
public final class SweepCommand implements Callable<Integer> {

  @Option(names = "--spec", required = true, paramLabel = "SPEC.json", description = "The sweep spec (spec/sweep.md, SWEEP-SPEC).")
  private Path specFile = Path.of("");

  @Option(names = "--out", defaultValue = "sweep-out", paramLabel = "DIR", description = "Output directory (default ${DEFAULT-VALUE}).")
  private Path out = Path.of("sweep-out");

  @Option(names = "--engine", defaultValue = "local", paramLabel = "ENGINE",
      description = "local (default: in-process threads) or spark (the basin-spark module; bin/basin starts it).")
  private String engine = "local";

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master: local[N] (embedded), spark://HOST:PORT; default: spark-submit's, else local[*].")
  private @Nullable String master;

  @Option(names = "--workers", defaultValue = "0", paramLabel = "W",
      description = "Local engine: tasks run at once (default: available processors).")
  private int workers;

  @Option(names = "--partitions", defaultValue = "0", paramLabel = "P", description = "Spark: partitions (default: one per task).")
  private int partitions;

  @Option(names = "--fresh", description = "Discard rows of an earlier run in DIR.")
  private boolean fresh;

  @Option(names = "--dry-run", description = "Print the number of tasks and the first ones, run nothing.")
  private boolean dryRun;

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Checks.atLeast("--workers", workers, 0);
    Checks.atLeast("--partitions", partitions, 0);
    SweepSpec s = SweepSpec.read(specFile);
    PrintWriter w = spec.commandLine().getOut();
    if (dryRun) {
      dev.basin.sweep.Design d = new dev.basin.sweep.Design(s);
      w.printf(Locale.ROOT, "%s: %d tasks (%s), spec sha256 %s%n", s.name(), d.count(), s.grid() ? "grid" : "random design", s.hash());
      for (long t = 0; t < Math.min(5, d.count()); t++) {
        w.println("task " + t + ": " + d.task(t));
      }
      return 0;
    }
    if (!engine.equals("spark") && master != null) {
      throw new InvalidInputException("--master", "is for --engine spark");
    }
    SweepEngine e = Sweep.engine(engine.toLowerCase(Locale.ROOT));
    int wk = workers == 0 ? Runtime.getRuntime().availableProcessors() : workers;
    Sweep.Result r = Sweep.run(s, out, e, new SweepEngine.Options(wk, master, partitions), fresh,
        new Bar(Main.progress(spec, null)));
    SweepReport.write(out.resolve("index.html"), s, r.rows(), r.analysis());
    Analysis.Result a = r.analysis();
    w.printf(Locale.ROOT, "%d tasks (%d run now, %d resumed), %d finished, %d failed%n", r.rows().size(), r.ran(),
        r.rows().size() - r.ran(), a.finished(), a.failed());
    for (Analysis.ColumnStats c : a.columns()) {
      var tau = c.tau();
      var psi = c.psi();
      w.printf(Locale.ROOT, "  %-28s tau %s   Psi %s%n", c.column(), tau == null ? "—" : String.format(Locale.ROOT,
          "%+.3f [%+.3f, %+.3f]", tau.value(), tau.lo(), tau.hi()), psi == null ? "—" : String.format(Locale.ROOT,
          "%+.3f [%+.3f, %+.3f]", psi.value(), psi.lo(), psi.hi()));
    }
    w.println("report: " + out.resolve("index.html") + "   rows: " + out.resolve("rows.parquet") + ", " + out.resolve("rows.csv"));
    return 0;
  }

  /** The sweep's tasks as progress (a terminal bar with ETA through Main.progress; issue 15's listener). */
  private static final class Bar implements Sweep.Listener {
    private final Progress progress;
    private final java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
    private volatile long total = 1;

    Bar(Progress progress) {
      this.progress = progress;
    }

    @Override
    public void started(long all, long alreadyDone) {
      total = Math.max(1, all - alreadyDone);
      progress.update("sweep", 0, total);
      progress.detail(all + " tasks" + (alreadyDone > 0 ? ", " + alreadyDone + " resumed from the directory" : ""));
    }

    @Override
    public void finished(Row row) {
      progress.update("sweep", done.incrementAndGet(), total);
    }
  }
}
