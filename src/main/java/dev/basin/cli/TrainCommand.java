package dev.basin.cli;

import dev.basin.base.Findings;
import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.dynamics.ObjectiveLandscape;
import dev.basin.dynamics.Sampling;
import dev.basin.dynamics.StopRule;
import dev.basin.dynamics.Trainer;
import dev.basin.dynamics.TrajectoryRecorder;
import dev.basin.dynamics.noise.GradientNoise;
import dev.basin.dynamics.noise.IsotropicNoise;
import dev.basin.dynamics.noise.NoiseKind;
import dev.basin.io.DataFiles;
import dev.basin.io.NetFiles;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Checks;
import dev.basin.model.Conventions;
import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code basin train}: trains a 2-layer net on data with GD, SGD, noisy SGD or Langevin dynamics (spec DYN-*). */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a 2-layer net f(x) = W2 s(W1 x + b1) + b2 on data (spec/dynamics.md DYN-SGD).",
        "Initialization: Synthetic.randomNet (spec DATA-RANDOM-NET: W1, b1 ~ N(0, s^2/d), W2, b2 ~ N(0, s^2/h)) from the seed's"
            + " stream 0, unless --init NET is given. Same seed => bit-identical result."})
public final class TrainCommand implements Callable<Integer> {

  /** Stream index of the initialization under --seed (spec DYN-SEEDS). */
  public static final long STREAM_INIT = 0;

  @Option(names = "--data", required = true, paramLabel = "DATA", description = "Data: .npz/.safetensors with X and y or Y.")
  private Path data = Path.of("");

  @Option(names = "--hidden", paramLabel = "H", description = "Hidden width h (required unless --init is given).")
  private @Nullable Integer hidden;

  @Option(names = "--outputs", paramLabel = "K",
      description = "Output dimension k (default: the columns of Y; max label + 1 for ce; 1 for logistic).")
  private @Nullable Integer outputs;

  @Option(names = "--activation", defaultValue = "relu", paramLabel = "ACT", description = "Hidden activation (default ${DEFAULT-VALUE}): "
      + Conventions.ACTIVATIONS + ".")
  private String activation = "relu";

  @Option(names = "--loss", required = true, paramLabel = "LOSS", description = "halfsq, mse, ce or logistic (spec NET-LOSS).")
  private String loss = "";

  @Option(names = "--reduction", defaultValue = "mean", paramLabel = "RED", description = "mean (default) or sum.")
  private String reduction = "mean";

  @Option(names = "--one-hot", description = "One-hot encode integer labels into targets (for halfsq/mse).")
  private boolean oneHot;

  @Option(names = "--no-b1", description = "No hidden bias b1.")
  private boolean noB1;

  @Option(names = "--no-b2", description = "No output bias b2.")
  private boolean noB2;

  @Option(names = "--init-scale", defaultValue = "1.0", paramLabel = "S", description = "Scale s of the random initialization (default ${DEFAULT-VALUE}).")
  private double initScale = 1.0;

  @Option(names = "--init", paramLabel = "NET", description = "Start from this net instead of a random one.")
  private @Nullable Path init;

  @Option(names = "--optimizer", defaultValue = "gd", paramLabel = "OPT",
      description = "gd (full batch), sgd (minibatches), noisy-sgd (gradient + N(0, sigma^2 C); minibatches when --batch is given,"
          + " else full batch), langevin (full batch, theta' = theta - lr grad + sqrt(2 lr tau) z). Default ${DEFAULT-VALUE}.")
  private String optimizer = "gd";

  @Option(names = "--lr", defaultValue = "0.01", paramLabel = "ETA", description = "Learning rate (default ${DEFAULT-VALUE}).")
  private double lr = 0.01;

  @Option(names = "--batch", paramLabel = "B", description = "Minibatch size (sgd: default 32; noisy-sgd: full batch unless given).")
  private @Nullable Integer batch;

  @Option(names = "--sampling", defaultValue = "without", paramLabel = "MODE",
      description = "Minibatch sampling: without (epochs of a reshuffled permutation; default) or with (iid rows with replacement).")
  private String sampling = "without";

  @Option(names = "--momentum", defaultValue = "0", paramLabel = "MU", description = "Heavy-ball momentum in [0, 1) (PyTorch convention; default 0).")
  private double momentum;

  @Option(names = "--noise", paramLabel = "SIGMA", description = "noisy-sgd: noise scale sigma (covariance sigma^2 C).")
  private @Nullable Double noise;

  @Option(names = "--noise-cov", defaultValue = "isotropic", paramLabel = "C",
      description = "noisy-sgd: C = isotropic (I), hessian (H_+, explicit, recomputed each step), gauss-newton (G), gradient"
          + " (per-sample gradient covariance). Default ${DEFAULT-VALUE}.")
  private String noiseCov = "isotropic";

  @Option(names = "--temperature", paramLabel = "TAU", description = "langevin: temperature tau >= 0.")
  private @Nullable Double temperature;

  @Option(names = "--steps", defaultValue = "1000", paramLabel = "T", description = "Step budget (default ${DEFAULT-VALUE}).")
  private long steps = 1000;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "SEED", description = "Seed (default ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--eval-every", defaultValue = "10", paramLabel = "K",
      description = "Full-batch evaluation (loss, gradient norm, fit, stopping rules) every K steps (default ${DEFAULT-VALUE}; 0: start and end only).")
  private long evalEvery = 10;

  @Option(names = "--stop-loss", paramLabel = "L", description = "Stop when the full-batch loss is below L.")
  private @Nullable Double stopLoss;

  @Option(names = "--stop-grad-norm", paramLabel = "G", description = "Stop when the full-batch gradient norm is below G.")
  private @Nullable Double stopGrad;

  @Option(names = "--stop-interpolation", description = "Stop when the net interpolates: 100 %% training accuracy, or max |residual| <= --residual-tol.")
  private boolean stopInterpolation;

  @Option(names = "--residual-tol", defaultValue = "1e-6", paramLabel = "TOL", description = "Residual counting as interpolation (default ${DEFAULT-VALUE}).")
  private double residualTol = 1e-6;

  @Option(names = "--out", required = true, paramLabel = "NET", description = "Write the trained net here (.npz or .safetensors, atomically).")
  private Path out = Path.of("");

  @Option(names = "--trajectory", paramLabel = "FILE", description = "Write the evaluations (step, loss, grad_norm, fit[, theta]) here (.npz, atomically).")
  private @Nullable Path trajectory;

  @Option(names = "--record-params", description = "Also keep theta at every evaluation in the trajectory file.")
  private boolean recordParams;

  @Option(names = "--checkpoint-every", defaultValue = "0", paramLabel = "K", description = "Write a checkpoint net every K steps (0: none).")
  private long checkpointEvery;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Directory of the checkpoints step-NNNNNNNN.npz (default: next to --out).")
  private @Nullable Path checkpointDir;

  @Option(names = "--json", paramLabel = "OUT", description = "Write the report as JSON (atomically).")
  private @Nullable Path json;

  @Option(names = "--progress", negatable = true, description = "Progress bar on stderr (default: when stderr is a terminal and not --quiet).")
  private @Nullable Boolean progress;

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Activation act = Conventions.activation(activation);
    Loss lossFn = Conventions.loss(loss, reduction);
    Dataset raw = DataFiles.read(data);
    TwoLayerNet start = initialNet(raw, act, lossFn);
    Dataset d = oneHot ? Synthetic.oneHot(raw, start.outputs()) : raw;
    Objective objective = Objective.of(start, lossFn, d);
    Trainer.Settings settings = settings(objective, start.parameters());
    ObjectiveLandscape land = new ObjectiveLandscape(objective);

    long expected = evalEvery > 0 ? steps / evalEvery + 2 : 2;
    TrajectoryRecorder recorder = new TrajectoryRecorder(recordParams, expected, objective.numParams());
    Path ckDir = checkpointDir != null ? checkpointDir : out.toAbsolutePath().getParent();
    Checks.atLeast("checkpoint-every", (int) Math.min(Integer.MAX_VALUE, checkpointEvery), 0);
    Trainer.Listener checkpoints = new Trainer.Listener() {
      @Override
      public boolean afterStep(long step, double[] theta) {
        if (checkpointEvery > 0 && step % checkpointEvery == 0 && ckDir != null) {
          NetFiles.write(ckDir.resolve(String.format(Locale.ROOT, "step-%08d.npz", step)), objective.net(theta));
          if (trajectory != null) {
            recorder.write(trajectory);
          }
        }
        return true;
      }
    };
    Trainer.Listener listener = Trainer.all(recorder, checkpoints,
        Trainer.reporting(Main.progress(spec, progress), "train", steps));
    Trainer.Result r = Trainer.run(land, start.parameters(), settings, listener);
    TwoLayerNet trained = objective.net(r.theta());
    // everything is computed and checked (finite) before the final files are written (spec CLI-EXIT)
    Findings report = report(objective, settings, r);
    NetFiles.write(out, trained);
    if (trajectory != null) {
      recorder.write(trajectory);
    }
    Output.emit(spec, json, report);
    return 0;
  }

  private TwoLayerNet initialNet(Dataset raw, Activation act, Loss lossFn) {
    if (init != null) {
      if (hidden != null || outputs != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--hidden/--outputs come from the --init net; do not give them");
      }
      return NetFiles.read(init, act);
    }
    Integer h = hidden;
    Integer kk = outputs;
    if (h == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--hidden is required (or start from --init NET)");
    }
    int k;
    if (kk != null) {
      k = kk;
    } else if (lossFn.kind() == Loss.LOGISTIC) {
      k = 1;
    } else {
      k = raw.targetWidth();
    }
    Checks.positive("--init-scale", initScale);
    return Synthetic.randomNet(raw.inputs(), h, k, !noB1, !noB2, act, initScale, Rng.of(Rng.derive(seed, STREAM_INIT)));
  }

  private Trainer.Settings settings(Objective objective, double[] theta0) {
    String opt = optimizer.trim().toLowerCase(Locale.ROOT);
    boolean noisyOpt = opt.equals("noisy-sgd");
    boolean langevin = opt.equals("langevin");
    if (!opt.equals("gd") && !opt.equals("sgd") && !noisyOpt && !langevin) {
      throw new InvalidInputException("optimizer", "unknown '" + optimizer + "'; expected gd, sgd, noisy-sgd or langevin");
    }
    if (noise != null && !noisyOpt) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--noise applies to --optimizer noisy-sgd only");
    }
    if (temperature != null && !langevin) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--temperature applies to --optimizer langevin only");
    }
    if (batch != null && (opt.equals("gd") || langevin)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--batch does not apply to --optimizer " + opt + " (full batch)");
    }
    if (langevin && momentum != 0.0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--momentum does not apply to --optimizer langevin");
    }
    Checks.positive("lr", lr);
    Sampling mode = switch (sampling.trim().toLowerCase(Locale.ROOT)) {
      case "with" -> Sampling.WITH_REPLACEMENT;
      case "without" -> Sampling.WITHOUT_REPLACEMENT;
      default -> throw new InvalidInputException("sampling", "unknown '" + sampling + "'; expected with or without");
    };
    int b = 0;
    if (opt.equals("sgd")) {
      b = batch != null ? batch : 32;
    } else if (noisyOpt && batch != null) {
      b = batch;
    } else {
      mode = Sampling.FULL;
    }
    GradientNoise gn = GradientNoise.NONE;
    Double sigma = noise;
    Double tau = temperature;
    if (noisyOpt) {
      if (sigma == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--optimizer noisy-sgd needs --noise SIGMA");
      }
      gn = NoiseKind.parse(noiseCov).create(objective, theta0, sigma, false);
    } else if (langevin) {
      if (tau == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--optimizer langevin needs --temperature TAU");
      }
      gn = IsotropicNoise.langevin(lr, tau);
    }
    StopRule stop = new StopRule(steps, stopLoss == null ? OptionalDouble.empty() : OptionalDouble.of(stopLoss),
        stopGrad == null ? OptionalDouble.empty() : OptionalDouble.of(stopGrad), stopInterpolation, residualTol);
    return new Trainer.Settings(lr, momentum, mode, b, gn, stop, evalEvery, seed);
  }

  private Findings report(Objective objective, Trainer.Settings s, Trainer.Result r) {
    Findings.Builder initDesc = Findings.builder();
    if (init != null) {
      initDesc.text("method", "from file " + init);
    } else {
      initDesc.text("method", "Synthetic.randomNet: W1, b1 ~ N(0, s^2/d), W2, b2 ~ N(0, s^2/h) (spec DATA-RANDOM-NET)")
          .setting("scale", initScale)
          .text("rng_stream", "Rng.derive(seed, " + STREAM_INIT + ")");
    }
    Findings.Builder opt = Findings.builder()
        .text("optimizer", optimizer)
        .setting("lr", s.lr())
        .setting("momentum", s.momentum())
        .text("sampling", s.sampling().name().toLowerCase(Locale.ROOT));
    if (s.sampling() != Sampling.FULL) {
      opt.count("batch", s.batchSize());
    }
    opt.put("noise", s.noise().describe());
    Double tau = temperature;
    if (tau != null) {
      opt.setting("temperature", tau);
    }
    opt.text("update", "v = mu v + (g_hat + xi); theta = theta - lr v (spec DYN-SGD)")
        .count("seed", seed)
        .text("rng_streams", "batches Rng.derive(seed, " + Trainer.STREAM_BATCHES + "), noise Rng.derive(seed, "
            + Trainer.STREAM_NOISE + ") (spec DYN-SEEDS)");
    Findings.Builder m = Findings.builder()
        .count("num_params", objective.numParams())
        .count("num_samples", objective.data().size())
        .put("conventions", Conventions.findings(objective))
        .put("initialization", initDesc.build())
        .put("training", opt.build())
        .putAll(r.findings(""))
        .text("out", out.toString());
    Path t = trajectory;
    if (t != null) {
      m.text("trajectory", t.toString());
    }
    return m.text("spec", "spec/dynamics.md DYN-SGD, DYN-BATCH, DYN-STOP, DYN-SEEDS").build();
  }
}
