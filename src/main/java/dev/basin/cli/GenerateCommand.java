package dev.basin.cli;

import dev.basin.base.Findings;
import dev.basin.io.AtomicFiles;
import dev.basin.data.SyntheticProblem;
import dev.basin.data.SyntheticProblem.Kind;
import dev.basin.io.DataFiles;
import dev.basin.io.NetFiles;
import dev.basin.model.Conventions;
import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code basin generate}: seeded synthetic nets and data sets (spec/data.md DATA-GENERATE). */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Writes a seeded synthetic net and/or data set (spec/data.md DATA-GENERATE); the same options and seed"
        + " give byte-identical files.",
        "KIND: random-net (net only), teacher-regression, teacher-classification (the net is the teacher),"
            + " random-labels, multi-index, single-index-sum (the net is a random net independent of the data)."})
public final class GenerateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "KIND", description = "One of: ${COMPLETION-CANDIDATES}.",
      completionCandidates = KindNames.class)
  private String kind = "";

  @Option(names = "--seed", defaultValue = "0", description = "Seed of every random draw (default ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--d", defaultValue = "10", description = "Input dimension (default ${DEFAULT-VALUE}).")
  private int d = 10;

  @Option(names = "--h", defaultValue = "16", description = "Hidden units of the net (default ${DEFAULT-VALUE}).")
  private int h = 16;

  @Option(names = "--k", defaultValue = "1", description = "Outputs of the net (default ${DEFAULT-VALUE}); labelled"
      + " data has k classes for k >= 2 and binary labels for k = 1.")
  private int k = 1;

  @Option(names = "--n", defaultValue = "256", description = "Samples (default ${DEFAULT-VALUE}).")
  private int n = 256;

  @Option(names = "--no-b1", description = "Net without hidden bias b1.")
  private boolean noB1;

  @Option(names = "--no-b2", description = "Net without output bias b2.")
  private boolean noB2;

  @Option(names = "--activation", defaultValue = "relu", paramLabel = "ACT",
      description = "The net's activation (defines the teacher's function; not stored in the file). Default ${DEFAULT-VALUE}.")
  private String activation = "relu";

  @Option(names = "--scale", defaultValue = "1.0", description = "Net scale s: W1, b1 ~ N(0, s^2/d), W2, b2 ~ N(0, s^2/h)"
      + " (spec DATA-RANDOM-NET; default ${DEFAULT-VALUE}).")
  private double scale = 1.0;

  @Option(names = "--noise", defaultValue = "0.0", description = "Std. dev. of Gaussian noise on real targets (default ${DEFAULT-VALUE}).")
  private double noise;

  @Option(names = "--directions", defaultValue = "2", paramLabel = "R",
      description = "Index models: number r of orthonormal directions (default ${DEFAULT-VALUE}).")
  private int directions = 2;

  @Option(names = "--link", paramLabel = "LINK", description = "Index models: multi-index product (default), norm2, max;"
      + " single-index-sum relu (default), tanh, he2, he3.")
  private @Nullable String link;

  @Option(names = "--label-fraction", defaultValue = "0.0", paramLabel = "F",
      description = "teacher-classification: replace the labels of a fraction F of the rows by uniformly random ones.")
  private double labelFraction;

  @Option(names = "--net-out", paramLabel = "NET", description = "Write the net here (.npz or .safetensors: W1, b1, W2, b2).")
  private @Nullable Path netOut;

  @Option(names = "--data-out", paramLabel = "DATA", description = "Write the data here (.npz or .safetensors: X and y or Y).")
  private @Nullable Path dataOut;

  @Option(names = "--json", paramLabel = "OUT", description = "Also write the summary as JSON to OUT.")
  private @Nullable Path json;

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Kind kd = Kind.parse(kind);
    if (netOut == null && dataOut == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "nothing to write: give --net-out and/or --data-out");
    }
    if (dataOut != null && !kd.hasData()) {
      throw new CommandLine.ParameterException(spec.commandLine(), kd.label() + " makes no data set; drop --data-out");
    }
    checkExtension(netOut);
    checkExtension(dataOut);
    distinct("--net-out", netOut, "--data-out", dataOut);
    distinct("--net-out", netOut, "--json", json);
    distinct("--data-out", dataOut, "--json", json);
    SyntheticProblem recipe = new SyntheticProblem(kd, seed, d, h, k, n, !noB1, !noB2, Conventions.activation(activation),
        scale, noise, directions, link, labelFraction);
    SyntheticProblem.Generated g = recipe.generate();
    Findings report = summary(recipe, g, netOut, dataOut);
    Dataset data = g.data();
    if (dataOut != null && data != null) {
      DataFiles.write(dataOut, data);
    }
    if (netOut != null) {
      NetFiles.write(netOut, g.net());
    }
    Output.emit(spec, json, report);
    return 0;
  }

  /** Two outputs that name the same file (after links) would overwrite each other: refused. */
  private static void distinct(String optA, @Nullable Path a, String optB, @Nullable Path b) {
    if (a != null && b != null && AtomicFiles.sameTarget(a, b)) {
      throw new InvalidInputException(optB, b + " is the same file as " + optA + " " + a + "; give two different files");
    }
  }

  /** What was generated and how to use it (for the terminal and --json). */
  static Findings summary(SyntheticProblem r, SyntheticProblem.Generated g, @Nullable Path net, @Nullable Path data) {
    Findings.Builder m = Findings.builder()
        .text("recipe", r.kind().label())
        .count("seed", r.seed())
        .text("net", net == null ? "(not written)" : net.toString())
        .text("net_is", g.netDescription())
        .count("num_params", g.net().numParams());
    if (r.kind().hasData()) {
      m.text("data", data == null ? "(not written)" : data.toString())
          .text("data_is", g.dataDescription())
          .count("num_samples", r.n())
          .text("suggested_options", "--activation " + Conventions.name(r.activation()) + " --loss " + suggestedLoss(r));
    } else {
      m.text("suggested_options", "--activation " + Conventions.name(r.activation()));
    }
    return m.text("spec", "spec/data.md DATA-GENERATE").build();
  }

  /** halfsq for real targets; ce for k ≥ 2 classes; logistic for binary labels with k = 1. */
  static String suggestedLoss(SyntheticProblem r) {
    if (!r.kind().hasLabels()) {
      return "halfsq";
    }
    return r.k() >= 2 ? "ce" : "logistic";
  }

  private static void checkExtension(@Nullable Path p) {
    if (p == null) {
      return;
    }
    String name = String.valueOf(p.getFileName()).toLowerCase(Locale.ROOT);
    if (!name.endsWith(".npz") && !name.endsWith(".safetensors")) {
      throw new InvalidInputException(p.toString(), "must end in .npz or .safetensors");
    }
  }

  /** Kind names for picocli's completion candidates and help. */
  static final class KindNames extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    KindNames() {
      for (Kind kd : Kind.values()) {
        add(kd.label());
      }
    }
  }
}
