package dev.basin.cli;

import dev.basin.claims.Catalog;
import dev.basin.claims.Claim;
import dev.basin.claims.ClaimContext;
import dev.basin.claims.ClaimInfo;
import dev.basin.claims.ClaimResult;
import dev.basin.claims.DataChoice;
import dev.basin.claims.Reproduction;
import dev.basin.claims.ResultStore;
import dev.basin.data.RealData;
import dev.basin.io.DataFiles;
import dev.basin.io.DebianDatasets;
import dev.basin.model.Checks;
import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import dev.basin.report.ClaimFiles;
import dev.basin.report.ReproductionReport;
import dev.basin.report.StatusTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code basin reproduce}: every source paper's claims as experiments with verdicts and an HTML report (spec/claims.md). */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
    description = {"Runs the claim catalogue (spec/claims.md) and writes DIR/index.html, DIR/results.json and the nets.",
        "Each claim is measured with error bars and judged by every version of its criterion (spec/claims-criteria.json:",
        "version 1 was fixed before any claim ran; later versions say why they were written). Finished claims are reused",
        "when the same command is run again (resume); --fresh recomputes everything."})
public final class ReproduceCommand implements Callable<Integer> {

  @Option(names = "--claims", defaultValue = "", paramLabel = "ID,...", description = "Only these claims (IDs with or without the CLAIM- prefix).")
  private String claims = "";

  @Option(names = "--data", defaultValue = "synthetic", paramLabel = "DATA",
      description = "synthetic (default, built in), fashion-mnist, digits, breast-cancer, a directory of MNIST-style IDX files, or a .npz/.safetensors data file.")
  private String data = "synthetic";

  @Option(names = "--out", defaultValue = "basin-report", paramLabel = "DIR", description = "Report directory (default ${DEFAULT-VALUE}).")
  private Path out = Path.of("basin-report");

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of every random stream (default ${DEFAULT-VALUE}).")
  private long seed = 1;

  @Option(names = "--quick", description = "Small sizes: every claim in about a minute in total (CI smoke test).")
  private boolean quick;

  @Option(names = "--fresh", description = "Ignore results of a previous run in DIR.")
  private boolean fresh;

  @Option(names = "--threads", defaultValue = "0", paramLabel = "T", description = "Claims run in parallel (default: available processors). Results do not depend on it.")
  private int threads;

  @Option(names = "--n-train", defaultValue = "0", paramLabel = "N", description = "Real data: training rows to keep (default: 2000 full, 300 quick).")
  private int nTrain;

  @Option(names = "--n-test", defaultValue = "0", paramLabel = "N", description = "Real data: test rows to keep (default: 2000 full, 300 quick).")
  private int nTest;

  @Option(names = "--classes", defaultValue = "", paramLabel = "SPEC",
      description = "Real data: class subset '0,1' or binary grouping '0-4:5-9' (default: the data set's own binary task where the claims need one).")
  private String classes = "";

  @Option(names = "--status-table", paramLabel = "FILE",
      description = "Also write this run's verdicts, run time and machine into the marked status block of FILE (spec/claims.md).")
  private @Nullable Path statusTable;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where 'basin data fetch' put the data sets (default $BASIN_DATA or ~/.cache/basin/data).")
  private Path dataDir = DebianDatasets.dataDir();

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Checks.atLeast("--threads", threads, 0);
    Checks.atLeast("--n-train", nTrain, 0);
    Checks.atLeast("--n-test", nTest, 0);
    List<Claim> selected = Catalog.select(claims);
    if (selected.isEmpty()) {
      throw new InvalidInputException("--claims", "the catalogue is empty");
    }
    DataChoice choice = dataChoice();
    ClaimContext ctx = new ClaimContext(seed, quick, choice, out, Main.progress(spec, null));
    int t = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    String version = new Main.Version().getVersion()[0];
    long start = System.nanoTime();
    ResultStore store = fresh ? new FreshStore(new ClaimFiles(out)) : new ClaimFiles(out);
    Reproduction.Summary s = Reproduction.run(selected, ctx, t, store, version);
    ReproductionReport.write(out, ctx, s.results(), version);
    double seconds = (System.nanoTime() - start) / 1e9;
    Path table = statusTable;
    if (table != null) {
      StatusTable.update(table, StatusTable.render(ctx, s.results(), version, seconds, machine(t),
          java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString()));
    }
    var w = spec.commandLine().getOut();
    for (ClaimResult r : s.results()) {
      w.printf(Locale.ROOT, "%-28s %-15s %s%n", r.info().id(), r.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '),
          s.reused().contains(r.info().id()) ? "(reused)" : "");
    }
    w.println("report: " + out.resolve("index.html") + "   data: " + out.resolve("results.json"));
    return 0;
  }

  /** With --fresh: nothing is reused, but every result is still saved, so a later run can resume from it. */
  private record FreshStore(ResultStore inner) implements ResultStore {
    @Override
    public @Nullable ClaimResult reuse(ClaimInfo info, String fingerprint) {
      return null;
    }

    @Override
    public void save(ClaimResult result, String fingerprint) {
      inner.save(result, fingerprint);
    }
  }

  /** The CPU model (from /proc/cpuinfo where there is one) and the threads used, for the status table. */
  private static String machine(int threads) {
    String cpu = "unknown CPU";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux: the CPU stays unnamed
    }
    return cpu + ", " + Runtime.getRuntime().availableProcessors() + " processors, " + threads + " claim threads";
  }

  private DataChoice dataChoice() {
    String key = data.trim();
    int nTr = nTrain > 0 ? nTrain : (quick ? 300 : 2000);
    int nTe = nTest > 0 ? nTest : (quick ? 300 : 2000);
    switch (key.toLowerCase(Locale.ROOT)) {
      case "synthetic":
        return DataChoice.synthetic();
      case "fashion-mnist": {
        Path dir = DebianDatasets.locate(DebianDatasets.pinned("fashion-mnist"), dataDir);
        return new DataChoice("fashion-mnist", RealData.idx(dir, prep(nTr, nTe, 10, "0-4:5-9")));
      }
      case "digits": {
        Path dir = DebianDatasets.locate(DebianDatasets.pinned("digits"), dataDir);
        return new DataChoice("digits", RealData.digits(dir.resolve("digits.csv.gz"), prep(nTr, nTe, 10, "0-4:5-9"), 0.3));
      }
      case "breast-cancer": {
        Path dir = DebianDatasets.locate(DebianDatasets.pinned("breast-cancer"), dataDir);
        return new DataChoice("breast-cancer", RealData.breastCancer(dir.resolve("breast_cancer.csv"), prep(nTr, nTe, 2, ""), 0.3));
      }
      default: {
        Path p = Path.of(key);
        if (Files.isDirectory(p)) {
          return new DataChoice(p.toString(), RealData.idx(p, prep(nTr, nTe, 10, "0-4:5-9")));
        }
        Dataset all = DataFiles.read(p);
        if (!all.hasLabels()) {
          throw new InvalidInputException(key, "reproduce needs integer labels y (classification claims)");
        }
        return new DataChoice(p.toString(), RealData.table(all, all.targetWidth(), prep(nTr, nTe, all.targetWidth(), ""), 0.3,
            "data file " + p));
      }
    }
  }

  private RealData.Preparation prep(int nTr, int nTe, int nClasses, String defaultGroups) {
    String g = classes.isBlank() ? defaultGroups : classes;
    return new RealData.Preparation(nTr, nTe, RealData.classGroups(g, nClasses), seed);
  }
}
