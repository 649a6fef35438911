package dev.basin.cli;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.data.SyntheticProblem;
import dev.basin.io.DataFiles;
import dev.basin.io.NetFiles;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Conventions;
import dev.basin.model.Dataset;
import dev.basin.measure.Measures;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.report.ReportJson;
import dev.basin.report.Terminal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code basin demo}: a small seeded teacher–student problem and its exact curvature report, with
 * no input files. The net is the teacher itself (nothing is trained): on noisy data it is near,
 * not at, the empirical minimum.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Generates a small synthetic teacher regression problem (seeded) and prints the curvature report of"
        + " 'basin hessian' at the teacher net: loss, gradient norm, trace, Frobenius norm, lambda_max, lambda_min and"
        + " the extreme eigenvalues.",
        "Problem: x ~ N(0, I_4), teacher 4-6-1 tanh net with biases (scale 1), n = 100, Y = teacher(x) + 0.1 N(0, 1),"
            + " loss halfsq (mean). Nothing is trained: the Hessian is taken at the teacher's own weights."})
public final class DemoCommand implements Callable<Integer> {

  /** The default seed, fixed so that {@code basin demo} always prints the same numbers. */
  public static final long DEFAULT_SEED = 1;

  /** How many of the smallest and largest eigenvalues are printed. */
  private static final int EXTREMES = 5;

  @Option(names = "--seed", defaultValue = "" + DEFAULT_SEED, description = "Seed (default ${DEFAULT-VALUE}).")
  private long seed = DEFAULT_SEED;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Also write DIR/net.npz, DIR/data.npz and DIR/report.json (created if missing).")
  private @Nullable Path out;

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private CommandLine.Model.CommandSpec spec;

  /** The demo's recipe for a seed. */
  static SyntheticProblem recipe(long seed) {
    return new SyntheticProblem(SyntheticProblem.Kind.TEACHER_REGRESSION, seed, 4, 6, 1, 100, true, true,
        Activation.of(Activation.TANH), 1.0, 0.1, 1, null, 0.0);
  }

  /** The demo's loss. */
  static Loss loss() {
    return new Loss(Loss.HALFSQ, Loss.MEAN);
  }

  @Override
  public Integer call() {
    SyntheticProblem r = recipe(seed);
    SyntheticProblem.Generated g = r.generate();
    Dataset data = g.data();
    if (data == null) {
      throw new IllegalStateException("a teacher-regression recipe always makes data");
    }
    Path dir = out;
    Path netFile = dir == null ? null : dir.resolve("net.npz");
    Path dataFile = dir == null ? null : dir.resolve("data.npz");
    Findings problem = GenerateCommand.summary(r, g, netFile, dataFile);
    Point p = Objective.of(g.net(), loss(), data).at(g.net());
    Findings curvature = Findings.builder().putAll(Measures.problem(p))
        .putAll(Measures.run(p, Measures.hessianDefaults(), Measures.HESSIAN, dev.basin.base.Progress.NONE, Measures.Listener.NONE)).build();
    Findings report = Findings.builder().put("problem", problem).put("curvature", curvature).build();
    Path json = dir == null ? null : dir.resolve("report.json");
    if (netFile != null && dataFile != null && json != null) {
      NetFiles.write(netFile, g.net());
      DataFiles.write(dataFile, data);
      ReportJson.write(json, Output.report(spec, report));
    }
    PrintWriter pw = spec.commandLine().getOut();
    Terminal.print(pw, problem);
    pw.println();
    Terminal.print(pw, curvature);
    if (curvature.at("eigenvalues.eigenvalues") instanceof Finding.Values ev) {
      Terminal.printExtremes(pw, ev.values(), EXTREMES);
    }
    if (netFile != null && dataFile != null && json != null) {
      pw.println();
      pw.println("wrote " + netFile + ", " + dataFile + ", " + json);
      pw.println("same report: basin hessian --net " + netFile + " --data " + dataFile + " --activation "
          + Conventions.name(r.activation()) + " --loss " + Conventions.name(loss()));
    }
    pw.flush();
    return 0;
  }
}
