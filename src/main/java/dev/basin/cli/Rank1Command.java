package dev.basin.cli;

import dev.basin.base.Findings;
import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.dynamics.Landscape;
import dev.basin.dynamics.Sampling;
import dev.basin.dynamics.StopRule;
import dev.basin.dynamics.Trainer;
import dev.basin.dynamics.noise.GradientNoise;
import dev.basin.dynamics.rank1.ConvLandscape;
import dev.basin.dynamics.rank1.ConvNet;
import dev.basin.dynamics.rank1.ConvShape;
import dev.basin.dynamics.rank1.FactoredConvLandscape;
import dev.basin.dynamics.rank1.ParameterCounts;
import dev.basin.dynamics.rank1.Rank1Check;
import dev.basin.io.DataFiles;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Conventions;
import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code basin rank1}: trains the convolution-plus-readout model with rank-1 filters by factor-wise
 * SGD, checks Lee &amp; Lee's corrected update identity at every step, and reports the parameter
 * counts and √(N/m) (spec RANK1-*).
 */
@Command(name = "rank1", mixinStandardHelpOptions = true,
    description = {"Rank-1 factorized filters w = p (x) q (x) t (spec/dynamics.md RANK1-*): train a 1-layer convolution + linear"
        + " readout whose filters are rank 1 by factor-wise SGD, check p'(x)q'(x)t' = w - lr Delta (eq. (3) corrected) at every"
        + " step, and report parameter counts and the heuristic sqrt(N/m) for dense vs rank-1 filters."})
public final class Rank1Command implements Callable<Integer> {

  /** Stream index of the initialization under --seed. */
  public static final long STREAM_INIT = 0;

  @Option(names = "--data", required = true, paramLabel = "DATA", description = "Images as rows of X (n x C*H*W, channel-major) with y or Y.")
  private Path data = Path.of("");

  @Option(names = "--image", required = true, paramLabel = "C,H,W", description = "Image shape: channels, height, width.")
  private String image = "";

  @Option(names = "--filters", defaultValue = "4", paramLabel = "F", description = "Number of filters (default ${DEFAULT-VALUE}).")
  private int filters = 4;

  @Option(names = "--kernel", defaultValue = "3,3", paramLabel = "KH,KW", description = "Filter height and width (default ${DEFAULT-VALUE}).")
  private String kernel = "3,3";

  @Option(names = "--outputs", paramLabel = "K", description = "Outputs k (default: columns of Y; max label + 1 for ce; 1 for logistic).")
  private @Nullable Integer outputs;

  @Option(names = "--activation", defaultValue = "tanh", paramLabel = "ACT", description = "Activation after the convolution (default ${DEFAULT-VALUE}).")
  private String activation = "tanh";

  @Option(names = "--loss", required = true, paramLabel = "LOSS", description = "halfsq, mse, ce or logistic.")
  private String loss = "";

  @Option(names = "--reduction", defaultValue = "mean", paramLabel = "RED", description = "mean (default) or sum.")
  private String reduction = "mean";

  @Option(names = "--one-hot", description = "One-hot encode integer labels into targets.")
  private boolean oneHot;

  @Option(names = "--lr", defaultValue = "0.05", paramLabel = "ETA", description = "Step size alpha (default ${DEFAULT-VALUE}).")
  private double lr = 0.05;

  @Option(names = "--steps", defaultValue = "200", paramLabel = "T", description = "Steps (default ${DEFAULT-VALUE}).")
  private long steps = 200;

  @Option(names = "--batch", paramLabel = "B", description = "Minibatch size (without replacement); default: full batch.")
  private @Nullable Integer batch;

  @Option(names = "--momentum", defaultValue = "0", paramLabel = "MU", description = "Momentum (default 0; the identity uses the step vector).")
  private double momentum;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "SEED", description = "Seed (default ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--init-scale", defaultValue = "1.0", paramLabel = "S", description = "Initialization scale (spec RANK1-INIT; default ${DEFAULT-VALUE}).")
  private double initScale = 1.0;

  @Option(names = "--dense", description = "Also train the same model with dense filters (from the rank-1 start) for comparison.")
  private boolean dense;

  @Option(names = "--json", paramLabel = "OUT", description = "Write the report as JSON (atomically).")
  private @Nullable Path json;

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    int[] img = ints("image", image, 3);
    int[] ker = ints("kernel", kernel, 2);
    Loss lossFn = Conventions.loss(loss, reduction);
    Activation act = Conventions.activation(activation);
    Dataset raw = DataFiles.read(data);
    Integer kk = outputs;
    int k = kk != null ? kk : lossFn.kind() == Loss.LOGISTIC ? 1 : raw.targetWidth();
    ConvShape shape = new ConvShape(img[0], img[1], img[2], filters, ker[0], ker[1], k);
    Dataset d = oneHot ? Synthetic.oneHot(raw, k) : raw;
    ConvNet net = ConvNet.of(shape, act, lossFn, d);
    FactoredConvLandscape fact = new FactoredConvLandscape(net);
    double[] theta0 = FactoredConvLandscape.randomParameters(shape, initScale, Rng.of(Rng.derive(seed, STREAM_INIT)));
    Integer b = batch;
    Trainer.Settings settings = new Trainer.Settings(lr, momentum, b == null ? Sampling.FULL : Sampling.WITHOUT_REPLACEMENT,
        b == null ? 0 : b, GradientNoise.NONE, StopRule.steps(steps), Math.max(1, steps / 20), seed);
    Rank1Check check = new Rank1Check(fact);
    Trainer.Result r = Trainer.run(fact, theta0, settings, check);

    Findings.Builder report = Findings.builder()
        .text("model", "f(x) = V act(conv(x; w_f) + beta_f) + c, valid convolution, stride 1 (spec RANK1-CONV)")
        .text("activation", Conventions.name(act))
        .text("loss", Conventions.name(lossFn) + "/" + Conventions.reductionName(lossFn))
        .putAll(ParameterCounts.model(shape, d.size()).findings())
        .putAll(r.findings(""))
        .putAll(check.findings());
    if (dense) {
      Landscape dl = new ConvLandscape(net);
      report.putAll(Trainer.run(dl, fact.dense(theta0), settings, Trainer.SILENT).findings("dense_"));
    }
    Output.emit(spec, json, report.build());
    return 0;
  }

  private static int[] ints(String name, String text, int count) {
    String[] parts = text.split(",");
    if (parts.length != count) {
      throw new InvalidInputException(name, "'" + text + "' must be " + count + " comma-separated integers");
    }
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      try {
        out[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new InvalidInputException(name, "'" + parts[i].trim() + "' is not an integer");
      }
    }
    return out;
  }
}
