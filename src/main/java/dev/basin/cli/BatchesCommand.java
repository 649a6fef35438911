package dev.basin.cli;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.Rng;
import dev.basin.dynamics.BatchPartition;
import dev.basin.dynamics.Sampling;
import dev.basin.dynamics.StopRule;
import dev.basin.dynamics.Trainer;
import dev.basin.dynamics.batches.AlongTraining;
import dev.basin.dynamics.batches.BatchReport;
import dev.basin.dynamics.batches.BatchMinimizers;
import dev.basin.dynamics.noise.GradientNoise;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Conventions;
import dev.basin.model.Objective;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code basin batches}: per-batch landscapes against the full-batch one, at the net and along training (spec BATCH-*). */
@Command(name = "batches", mixinStandardHelpOptions = true,
    description = {"Per-minibatch gradients, Hessians and minimizers against the full-batch ones (spec/dynamics.md BATCH-*):"
        + " gradient cosines, Hessian Frobenius cosines and top-eigenvector overlaps, how often a minimizer of one batch has a"
        + " small gradient on the next, and the distance of per-batch minimizers to the full-batch minimizer.",
        "With --train-steps T the net is trained first (sgd or gd) and the analysis runs at --checkpoints points of the run."})
public final class BatchesCommand implements Callable<Integer> {

  /** Stream index of the partition under --seed (spec DYN-SEEDS). */
  public static final long STREAM_PARTITION = 3;

  @Mixin
  private ProblemOptions problem = new ProblemOptions();

  @Option(names = "--batch", required = true, paramLabel = "B", description = "Minibatch size (the partition has ceil(n/B) batches).")
  private int batch;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "SEED", description = "Seed of the partition and of the training run.")
  private long seed;

  @Option(names = "--train-steps", defaultValue = "0", paramLabel = "T", description = "Train this many steps first (default 0: analyse the net only).")
  private long trainSteps;

  @Option(names = "--checkpoints", defaultValue = "5", paramLabel = "K", description = "Evenly spaced analysis points over the run, both ends included (default ${DEFAULT-VALUE}).")
  private int checkpoints = 5;

  @Option(names = "--optimizer", defaultValue = "sgd", paramLabel = "OPT", description = "Training: sgd (minibatches of B, without replacement; default) or gd.")
  private String optimizer = "sgd";

  @Option(names = "--lr", defaultValue = "0.01", paramLabel = "ETA", description = "Training step size (default ${DEFAULT-VALUE}).")
  private double lr = 0.01;

  @Option(names = "--momentum", defaultValue = "0", paramLabel = "MU", description = "Training momentum (default 0).")
  private double momentum;

  @Option(names = "--hessians", negatable = true, description = "Build per-batch Hessians (default: when N <= --max-exact).")
  private @Nullable Boolean hessians;

  @Option(names = "--max-exact", defaultValue = "1000", paramLabel = "N", description = "Largest N for explicit Hessians by default (default ${DEFAULT-VALUE}).")
  private int maxExact = 1000;

  @Option(names = "--minimize", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Minimize each batch's loss and the full loss by GD from each analysis point (default on).")
  private boolean minimize = true;

  @Option(names = "--min-lr", paramLabel = "ETA", description = "GD step of the minimizations (default: --lr).")
  private @Nullable Double minLr;

  @Option(names = "--min-steps", defaultValue = "1000", paramLabel = "T", description = "Step budget per minimization (default ${DEFAULT-VALUE}).")
  private long minSteps = 1000;

  @Option(names = "--min-grad-tol", defaultValue = "1e-6", paramLabel = "G", description = "A minimization stops at gradient norm < G (default ${DEFAULT-VALUE}).")
  private double minGradTol = 1e-6;

  @Option(names = "--small-grad", defaultValue = "1e-3", paramLabel = "G",
      description = "A next-batch gradient norm <= G counts as small (default ${DEFAULT-VALUE}).")
  private double smallGrad = 1e-3;

  @Option(names = "--json", paramLabel = "OUT", description = "Write the report as JSON (atomically).")
  private @Nullable Path json;

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ProblemOptions.Loaded in = problem.load();
    Objective objective = in.objective();
    int n = in.data().size();
    BatchPartition partition = BatchPartition.random(n, batch, Rng.of(Rng.derive(seed, STREAM_PARTITION)));
    String opt = optimizer.trim().toLowerCase(Locale.ROOT);
    if (!opt.equals("sgd") && !opt.equals("gd")) {
      throw new InvalidInputException("optimizer", "unknown '" + optimizer + "'; expected sgd or gd");
    }
    Trainer.Settings training = new Trainer.Settings(lr, momentum, opt.equals("sgd") ? Sampling.WITHOUT_REPLACEMENT : Sampling.FULL,
        batch, GradientNoise.NONE, StopRule.steps(trainSteps), 0, seed);
    long[] at = BatchReport.checkpointSteps(trainSteps, checkpoints);
    Boolean h = hessians;
    boolean withHessians = h != null ? h : objective.numParams() <= maxExact;
    Double ml = minLr;
    BatchMinimizers.Settings ms = minimize ? new BatchMinimizers.Settings(ml != null ? ml : lr, minSteps, minGradTol, smallGrad)
        : null;
    List<AlongTraining.Checkpoint> cps = AlongTraining.run(objective, in.net().parameters(), training, at, partition,
        withHessians, ms);

    List<Finding> checkpointList = BatchReport.checkpoints(cps);
    Findings.Builder report = Findings.builder()
        .count("num_params", objective.numParams())
        .count("num_samples", n)
        .put("conventions", Conventions.findings(objective))
        .count("batches", partition.count())
        .count("batch_size", batch)
        .text("partition", "uniform random permutation from Rng.derive(seed, " + STREAM_PARTITION + ") cut into"
            + " consecutive batches; L_b = the batch mean (sum reduction: rescaled by n/|b|), spec DYN-BATCH")
        .flag("hessians", withHessians)
        .count("train_steps", trainSteps)
        .items("checkpoints", checkpointList);
    if (!checkpointList.isEmpty()) {
      report.put("last", checkpointList.get(checkpointList.size() - 1));
    }
    report.text("spec", "spec/dynamics.md BATCH-GRAD-COS, BATCH-HESS-FROB, BATCH-HESS-TOP, BATCH-MIN-TRANSFER, BATCH-MIN-DIST");
    Output.emit(spec, json, report.build());
    return 0;
  }
}
