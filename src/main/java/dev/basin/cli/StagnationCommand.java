package dev.basin.cli;

import dev.basin.dynamics.noise.NoiseKind;
import dev.basin.dynamics.StagnationStudy;
import dev.basin.dynamics.StagnationStudy.Shape;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code basin stagnation}: does noisy GD started at a minimizer stay in a ball or tube around it?
 * Parses the study ({@link StagnationStudy.Request}), runs it with a progress bar and renders it
 * (spec STAG-*; basin's operationalizations of Imaizumi &amp; Schmidt-Hieber 2022).
 */
@Command(name = "stagnation", mixinStandardHelpOptions = true,
    description = {"Staying probability of noisy GD theta' = theta - lr (grad R + xi) started at the net (a minimizer theta*)"
        + " in a ball or tube around it for T steps: Monte Carlo over R runs with a Clopper-Pearson interval, the"
        + " quadratic-model union bound, and the restricted secant (local essential convexity) check.",
        "These are basin's operationalizations (spec/dynamics.md STAG-*); the paper's exact definitions were not retrieved."})
public final class StagnationCommand implements Callable<Integer> {

  @Mixin
  private ProblemOptions problem = new ProblemOptions();

  @Option(names = "--radius", required = true, paramLabel = "R", description = "Ball radius r (tube: radius across the top-k directions).")
  private double radius;

  @Option(names = "--shape", defaultValue = "ball", paramLabel = "SHAPE", description = "ball (default) or tube.")
  private String shape = "ball";

  @Option(names = "--tube-k", defaultValue = "1", paramLabel = "K", description = "Tube: number of top Hessian eigendirections (default ${DEFAULT-VALUE}).")
  private int tubeK = 1;

  @Option(names = "--tube-perp", paramLabel = "R_PERP", description = "Tube: radius in the remaining directions (default " + StagnationStudy.DEFAULT_PERP_FACTOR + " r).")
  private @Nullable Double tubePerp;

  @Option(names = "--lr", required = true, paramLabel = "ETA", description = "Step size.")
  private double lr;

  @Option(names = "--noise", required = true, paramLabel = "SIGMA", description = "Noise scale sigma (covariance sigma^2 C).")
  private double noise;

  @Option(names = "--noise-cov", defaultValue = "isotropic", paramLabel = "C",
      description = "isotropic (default), hessian (sigma^2 H_+ frozen at theta*), gauss-newton or gradient (at the current iterate;"
          + " Monte Carlo only: the bound needs a covariance diagonal in the Hessian's eigenbasis).")
  private String noiseCov = "isotropic";

  @Option(names = "--steps", required = true, paramLabel = "T", description = "Steps per run.")
  private int steps;

  @Option(names = "--runs", required = true, paramLabel = "R", description = "Independent runs.")
  private int runs;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "SEED", description = "Seed (run r uses Rng.derive(seed, r)).")
  private long seed;

  @Option(names = "--level", defaultValue = "0.95", paramLabel = "P", description = "Confidence level of the interval (default ${DEFAULT-VALUE}).")
  private double level;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Worker threads (results do not depend on it).")
  private int threads;

  @Option(names = "--quadratic-model", description = "Also run the Monte Carlo on the local quadratic model (separates model error from bound looseness).")
  private boolean quadraticModel;

  @Option(names = "--convexity-shells", defaultValue = "5", paramLabel = "J", description = "Convexity check: shells (default ${DEFAULT-VALUE}).")
  private int shells;

  @Option(names = "--convexity-samples", defaultValue = "20", paramLabel = "M", description = "Convexity check: points per shell (0: skip; default ${DEFAULT-VALUE}).")
  private int perShell;

  @Option(names = "--max-exact", defaultValue = "2000", paramLabel = "N",
      description = "Largest N for the explicit Hessian (tube, bound, hessian noise; default ${DEFAULT-VALUE}).")
  private int maxExact;

  @Option(names = "--json", paramLabel = "OUT", description = "Write the report as JSON (atomically).")
  private @Nullable Path json;

  @Option(names = "--progress", negatable = true, description = "Progress on stderr (default: when stderr is a terminal).")
  private @Nullable Boolean progress;

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    StagnationStudy.Request r = new StagnationStudy.Request(Shape.parse(shape), radius, tubeK, tubePerp, lr, noise,
        NoiseKind.parse(noiseCov), steps, runs, seed, level, threads, quadraticModel, shells, perShell, maxExact);
    ProblemOptions.Loaded in = problem.load();
    dev.basin.base.Progress bar = Main.progress(spec, progress);
    Output.emit(spec, json, StagnationStudy.run(in.objective(), in.net().parameters(), r,
        done -> bar.update("stagnation runs", done, runs)));
    return 0;
  }
}
