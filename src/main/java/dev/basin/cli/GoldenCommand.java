package dev.basin.cli;

import dev.basin.golden.SuiteWriter;
import dev.basin.model.Checks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code basin golden}: writes a certified test suite for other tools (spec/golden.md GOLDEN-FORMAT):
 * per case the net, data, probe vectors and certified answers with their tolerance per precision,
 * and a manifest. The same preset and seed give byte-identical files for every thread count.
 */
@Command(name = "golden", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Write a certified test suite: nets, data and certified answers (loss, gradient, HVPs, eigenvalues,"
        + " trace, diagonal, block traces, Frobenius norm, spectrum, density, F_min) with a tolerance per precision.",
        "Score a tool's answers with basin check. Format and policy: spec/golden.md."})
public final class GoldenCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The suite's folder (new, empty, or an earlier suite).")
  private Path out = Path.of("");

  @Option(names = "--preset", defaultValue = "standard", paramLabel = "P",
      description = "smoke (8 cases), standard (every activation x loss x reduction and the special cases), or large"
          + " (N up to 1e6). Default: ${DEFAULT-VALUE}.")
  private String preset = "standard";

  @Option(names = "--seed", defaultValue = "0", description = "Seed of every case (default ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--threads", defaultValue = "0", paramLabel = "T",
      description = "Cases certified at once (default: available processors; the files do not depend on it).")
  private int threads;

  @Option(names = "--progress", negatable = true, description = "Progress bar on stderr (default: when stderr is a terminal and not --quiet).")
  private @Nullable Boolean progress;

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Checks.atLeast("--threads", threads, 0);
    int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    SuiteWriter.Written w = SuiteWriter.write(out, preset, seed, workers, Main.progress(spec, progress));
    PrintWriter o = spec.commandLine().getOut();
    o.println("basin golden: " + w.cases() + " cases (preset " + preset + ", seed " + seed + ") in " + out);
    o.println("manifest: " + w.manifest());
    o.println("score a tool: basin check --suite " + out + " --answers ANSWERS.json [--report DIR]");
    o.flush();
    return 0;
  }
}
