package dev.basin.cli;

import dev.basin.base.Findings;
import dev.basin.bounds.BoundInputs;
import dev.basin.bounds.JiangSigma;
import dev.basin.io.DataFiles;
import dev.basin.io.NetFiles;
import dev.basin.measure.PacBayesSharpness;
import dev.basin.model.Conventions;
import dev.basin.model.Dataset;
import dev.basin.model.TwoLayerNet;
import java.nio.file.Path;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Option;

/** The options shared by {@code basin bounds} and {@code basin audit}: the classifier, its data and the inputs of particular bounds. */
public final class BoundOptions {

  @Option(names = "--net", required = true, paramLabel = "NET",
      description = "Network weights: .npz or .safetensors with W1, [b1], W2, [b2].")
  private Path net = Path.of("");

  @Option(names = "--data", required = true, paramLabel = "DATA",
      description = "Training data: .npz or .safetensors with X (n x d) and integer labels y (k = 1: labels 0/1, class 1 iff f > 0; k >= 2: 0..k-1).")
  private Path data = Path.of("");

  @Option(names = "--activation", defaultValue = "relu", paramLabel = "ACT",
      description = "Hidden activation (" + Conventions.ACTIVATIONS + "). Default: ${DEFAULT-VALUE}.")
  private String activation = "relu";

  @Option(names = "--init", paramLabel = "INIT",
      description = "The initialization W0 (same format as --net): reference matrices of BFT, prior centre of Dziugaite-Roy, the '-init' Jiang measures.")
  private @Nullable Path init;

  @Option(names = "--sigma", paramLabel = "S",
      description = "Jiang et al. sigma: the STD of the isotropic weight perturbation that changes training accuracy by 0.1.")
  private @Nullable Double sigma;

  @Option(names = "--sigma-mag", paramLabel = "S",
      description = "Jiang et al. magnitude-aware sigma' (perturbation u_i ~ N(0, sigma'^2 w_i^2 + 1e-6), a variance).")
  private @Nullable Double sigmaMag;

  @Option(names = "--sigma-search",
      description = "Find sigma and sigma' (those not given) by Jiang et al.'s searches (spec FLAT-PACBAYES-SIGMA/-MAG:"
          + " accuracy change 0.1, bisection on [0, 2], depth 15, 10 draws, seeded by --seed).")
  private boolean sigmaSearch;

  @Option(names = "--posterior-std", paramLabel = "S",
      description = "Dziugaite-Roy posterior std s: Q = N(w, s^2 I) over all parameters.")
  private @Nullable Double posteriorStd;

  @Option(names = "--mc-samples", defaultValue = "" + BoundInputs.DEFAULT_MC_SAMPLES, paramLabel = "T",
      description = "Monte-Carlo draws of the stochastic net (Dziugaite-Roy). Default: ${DEFAULT-VALUE}.")
  private int mcSamples = BoundInputs.DEFAULT_MC_SAMPLES;

  @Option(names = "--mc-delta", defaultValue = "" + BoundInputs.DEFAULT_MC_DELTA, paramLabel = "D",
      description = "Confidence delta' of the Monte-Carlo error bound. Default: ${DEFAULT-VALUE}.")
  private double mcDelta = BoundInputs.DEFAULT_MC_DELTA;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "SEED", description = "Seed of the Monte-Carlo draws. Default: ${DEFAULT-VALUE}.")
  private long seed;

  @Option(names = "--radius", paramLabel = "R",
      description = "Radius r of the stagnation ball B(theta, r) (BOUND-STAGNATION-BFT).")
  private @Nullable Double radius;

  @Option(names = "--input-radius", paramLabel = "B",
      description = "Radius B of the input domain {||x|| <= B} (NBS). Default: the largest training ||x||.")
  private @Nullable Double inputRadius;

  /** The inputs and, with --sigma-search, the searches that filled σ and σ′. */
  record Loaded(BoundInputs inputs, JiangSigma.@Nullable Searched searched) {}

  /** The inputs with the given δ and margin; runs the σ-searches if requested. */
  Loaded load(double delta, BoundInputs.MarginChoice margin) {
    BoundInputs in = inputs(delta, margin);
    if (!sigmaSearch || in.sigma() != null && in.sigmaMag() != null) {
      return new Loaded(in, null);
    }
    JiangSigma.Searched s = JiangSigma.fill(in, seed);
    return new Loaded(s.inputs(), s);
  }

  /** The σ-searches as findings. */
  static Findings searches(JiangSigma.Searched s) {
    Findings.Builder m = Findings.builder();
    PacBayesSharpness.SigmaSearch p = s.plain();
    if (p != null) {
      m.put("sigma", p.findings("FLAT-PACBAYES-SIGMA"));
    }
    PacBayesSharpness.SigmaSearch q = s.magnitude();
    if (q != null) {
      m.put("sigma_mag", q.findings("FLAT-PACBAYES-MAG"));
    }
    return m.text("spec", "spec/flatness.md FLAT-PACBAYES-SIGMA, FLAT-PACBAYES-MAG: sigma is a standard deviation").build();
  }

  private BoundInputs inputs(double delta, BoundInputs.MarginChoice margin) {
    TwoLayerNet n = NetFiles.read(net, Conventions.activation(activation));
    Dataset d = DataFiles.read(data);
    Path ip = init;
    TwoLayerNet i = ip == null ? null : NetFiles.read(ip, Conventions.activation(activation));
    return BoundInputs.of(n, d, delta, margin).withOptions(i, sigma, sigmaMag, posteriorStd, mcSamples, mcDelta, seed,
        radius, inputRadius);
  }
}
