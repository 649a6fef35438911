package dev.basin.cli;

import dev.basin.base.Rng;
import dev.basin.dynamics.BatchPartition;
import dev.basin.dynamics.Sampling;
import dev.basin.dynamics.StopRule;
import dev.basin.dynamics.Trainer;
import dev.basin.dynamics.batches.AlongTraining;
import dev.basin.dynamics.batches.BatchAlignment;
import dev.basin.dynamics.batches.BatchMinimizers;
import dev.basin.dynamics.noise.GradientNoise;
import dev.basin.io.Json;
import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Objective;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    Checks.atLeast("checkpoints", checkpoints, 1);
    BatchPartition partition = BatchPartition.random(n, batch, Rng.of(Rng.derive(seed, STREAM_PARTITION)));
    String opt = optimizer.trim().toLowerCase(Locale.ROOT);
    if (!opt.equals("sgd") && !opt.equals("gd")) {
      throw new InvalidInputException("optimizer", "unknown '" + optimizer + "'; expected sgd or gd");
    }
    Trainer.Settings training = new Trainer.Settings(lr, momentum, opt.equals("sgd") ? Sampling.WITHOUT_REPLACEMENT : Sampling.FULL,
        batch, GradientNoise.NONE, StopRule.steps(trainSteps), 0, seed);
    long[] at = checkpointSteps();
    Boolean h = hessians;
    boolean withHessians = h != null ? h : objective.numParams() <= maxExact;
    Double ml = minLr;
    BatchMinimizers.Settings ms = minimize ? new BatchMinimizers.Settings(ml != null ? ml : lr, minSteps, minGradTol, smallGrad)
        : null;
    List<AlongTraining.Checkpoint> cps = AlongTraining.run(objective, in.net().parameters(), training, at, partition,
        withHessians, ms);

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("num_params", objective.numParams());
    report.put("num_samples", n);
    report.put("conventions", ProblemOptions.conventions(objective));
    report.put("batches", partition.count());
    report.put("batch_size", batch);
    report.put("partition", "uniform random permutation from Rng.derive(seed, " + STREAM_PARTITION + ") cut into consecutive"
        + " batches; L_b = the batch mean (sum reduction: rescaled by n/|b|), spec DYN-BATCH");
    report.put("hessians", withHessians);
    report.put("train_steps", trainSteps);
    List<Map<String, Object>> list = new ArrayList<>();
    for (AlongTraining.Checkpoint c : cps) {
      list.add(checkpointReport(c));
    }
    report.put("checkpoints", list);
    if (!list.isEmpty()) {
      Map<String, Object> lastSummary = list.get(list.size() - 1);
      for (Map.Entry<String, Object> e : lastSummary.entrySet()) {
        if (!(e.getValue() instanceof List<?>)) {
          report.put("last." + e.getKey(), e.getValue());
        }
      }
    }
    report.put("spec", "spec/dynamics.md BATCH-GRAD-COS, BATCH-HESS-FROB, BATCH-HESS-TOP, BATCH-MIN-TRANSFER, BATCH-MIN-DIST");
    Json.tree(report);
    if (json != null) {
      Json.write(json, report);
    }
    Reports.printScalars(spec.commandLine().getOut(), report);
    return 0;
  }

  private long[] checkpointSteps() {
    if (trainSteps < 0) {
      throw new InvalidInputException("train-steps", trainSteps + " (must be >= 0)");
    }
    if (trainSteps == 0 || checkpoints == 1) {
      return new long[] {trainSteps};
    }
    long[] s = new long[checkpoints];
    for (int j = 0; j < checkpoints; j++) {
      s[j] = Math.round(trainSteps * (j / (double) (checkpoints - 1)));
    }
    return s;
  }

  private static Map<String, Object> checkpointReport(AlongTraining.Checkpoint c) {
    Map<String, Object> m = new LinkedHashMap<>();
    BatchAlignment.Result a = c.alignment();
    m.put("step", c.step());
    m.put("loss", a.loss());
    m.put("grad_norm", a.gradNorm());
    Stats cos = new Stats();
    Stats frob = new Stats();
    Stats top = new Stats();
    List<Map<String, Object>> per = new ArrayList<>();
    for (BatchAlignment.Batch b : a.batches()) {
      cos.add(b.gradCosine());
      frob.add(b.hessFrobenius());
      top.add(b.topOverlap());
      Map<String, Object> bm = new LinkedHashMap<>();
      bm.put("size", b.size());
      bm.put("loss", b.loss());
      bm.put("grad_norm", b.gradNorm());
      putIf(bm, "grad_cosine", b.gradCosine());
      putIf(bm, "hessian_frobenius_cosine", b.hessFrobenius());
      putIf(bm, "top_eigenvector_overlap", b.topOverlap());
      putIf(bm, "lambda_max", b.lambdaMax());
      putIf(bm, "eigengap", b.eigengap());
      per.add(bm);
    }
    cos.put(m, "grad_cosine");
    frob.put(m, "hessian_frobenius_cosine");
    top.put(m, "top_eigenvector_overlap");
    putIf(m, "lambda_max", a.lambdaMax());
    BatchMinimizers.Result r = c.minimizers();
    if (r != null) {
      m.put("small_next_gradient_fraction", r.smallFraction());
      m.put("mean_distance_to_full_minimizer", r.meanDistanceToFull());
      m.put("full_minimizer_converged", r.fullConverged());
      m.put("full_minimizer_grad_norm", r.fullGradNorm());
      m.put("full_minimizer_distance_from_start", r.fullDistanceFromStart());
      int conv = 0;
      for (int i = 0; i < r.batches().size(); i++) {
        BatchMinimizers.Batch b = r.batches().get(i);
        conv += b.converged() ? 1 : 0;
        Map<String, Object> bm = per.get(i);
        bm.put("minimizer_converged", b.converged());
        bm.put("minimizer_steps", b.steps());
        bm.put("minimizer_grad_norm", b.gradNorm());
        bm.put("next_batch_grad_norm", b.nextGradNorm());
        bm.put("next_batch_grad_norm_at_start", b.nextGradNormAtStart());
        bm.put("next_is_small", b.nextIsSmall());
        bm.put("distance_to_full_minimizer", b.distanceToFull());
      }
      m.put("batch_minimizers_converged", conv);
    }
    m.put("per_batch", per);
    return m;
  }

  private static void putIf(Map<String, Object> m, String key, @Nullable Double v) {
    if (v != null) {
      m.put(key, v);
    }
  }

  /** Mean and minimum of the defined values. */
  private static final class Stats {
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private int count;

    void add(@Nullable Double v) {
      if (v != null) {
        sum += v;
        min = Math.min(min, v);
        count++;
      }
    }

    void put(Map<String, Object> m, String name) {
      if (count > 0) {
        m.put("mean_" + name, sum / count);
        m.put("min_" + name, min);
      }
    }
  }
}
