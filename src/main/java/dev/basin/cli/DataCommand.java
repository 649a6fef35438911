package dev.basin.cli;

import dev.basin.data.RealData;
import dev.basin.io.DataFiles;
import dev.basin.io.DebianDatasets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin data}: the real data sets basin knows (spec DATA-REAL): list, fetch from pinned Debian packages, export. */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Real data sets from pinned Debian packages (sha256-checked): digits, breast-cancer, fashion-mnist.",
    subcommands = {DataCommand.ListCmd.class, DataCommand.Fetch.class, DataCommand.Export.class})
public final class DataCommand implements Runnable {

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code basin data list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Shows each data set, its pinned package and whether it is present.")
  static final class ListCmd implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", description = "Data directory (default $BASIN_DATA or ~/.cache/basin/data).")
    private Path dir = DebianDatasets.dataDir();

    @Spec
    @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      for (DebianDatasets.Pinned p : DebianDatasets.CATALOG) {
        String where;
        try {
          where = "present: " + DebianDatasets.locate(p, dir);
        } catch (RuntimeException e) {
          where = "missing (run: bin/basin data fetch " + p.dataset() + ")";
        }
        out.printf(Locale.ROOT, "%-14s %s=%s  %s%n", p.dataset(), p.pkg(), p.version(), where);
      }
      return 0;
    }
  }

  /** {@code basin data fetch}. */
  @Command(name = "fetch", mixinStandardHelpOptions = true,
      description = "apt-get download of the pinned package, sha256 checks, extraction with dpkg-deb into the data directory.")
  static final class Fetch implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "1..*", description = "digits, breast-cancer, fashion-mnist or all.")
    private List<String> names = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "DIR", description = "Data directory (default $BASIN_DATA or ~/.cache/basin/data).")
    private Path dir = DebianDatasets.dataDir();

    @Spec
    @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      List<DebianDatasets.Pinned> todo = new ArrayList<>();
      for (String n : names) {
        if (n.equalsIgnoreCase("all")) {
          todo.addAll(DebianDatasets.CATALOG);
        } else {
          todo.add(DebianDatasets.pinned(n));
        }
      }
      for (DebianDatasets.Pinned p : todo) {
        DebianDatasets.fetch(p, dir, spec.commandLine().getOut());
      }
      return 0;
    }
  }

  /** {@code basin data export}. */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Writes a prepared train/test split of a real data set as basin data files (.npz or .safetensors).")
  static final class Export implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "digits, breast-cancer or fashion-mnist (or a directory of IDX files).")
    private String name = "";

    @Option(names = "--out", required = true, paramLabel = "TRAIN", description = "Training split output file.")
    private Path out = Path.of("");

    @Option(names = "--test-out", paramLabel = "TEST", description = "Test split output file (optional).")
    private Path testOut = Path.of("");

    @Option(names = "--n-train", defaultValue = "0", description = "Training rows to keep (0 = all).")
    private int nTrain;

    @Option(names = "--n-test", defaultValue = "0", description = "Test rows to keep (0 = all).")
    private int nTest;

    @Option(names = "--classes", defaultValue = "", description = "Class subset '0,1' or binary grouping '0-4:5-9'.")
    private String classes = "";

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the subsample and split.")
    private long seed = 1;

    @Option(names = "--dir", paramLabel = "DIR", description = "Data directory (default $BASIN_DATA or ~/.cache/basin/data).")
    private Path dir = DebianDatasets.dataDir();

    @Spec
    @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      RealData.Split s;
      String key = name.toLowerCase(Locale.ROOT);
      int nClasses = key.equals("breast-cancer") ? 2 : 10;
      RealData.Preparation prep = new RealData.Preparation(nTrain, nTest, RealData.classGroups(classes, nClasses), seed);
      s = switch (key) {
        case "digits" -> RealData.digits(DebianDatasets.locate(DebianDatasets.pinned(key), dir).resolve("digits.csv.gz"), prep, 0.3);
        case "breast-cancer" -> RealData.breastCancer(DebianDatasets.locate(DebianDatasets.pinned(key), dir)
            .resolve("breast_cancer.csv"), prep, 0.3);
        case "fashion-mnist" -> RealData.idx(DebianDatasets.locate(DebianDatasets.pinned(key), dir), prep);
        default -> RealData.idx(Path.of(name), prep);
      };
      DataFiles.write(out, s.train());
      if (!testOut.toString().isEmpty()) {
        DataFiles.write(testOut, s.test());
      }
      spec.commandLine().getOut().println(s.description());
      return 0;
    }
  }
}
