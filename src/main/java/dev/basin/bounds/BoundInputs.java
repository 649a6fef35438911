package dev.basin.bounds;

import dev.basin.model.Checks;
import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import dev.basin.model.TwoLayerNet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Everything a bound evaluation depends on, validated once (spec BOUND-INPUTS): the classifier,
 * its labelled training set, the confidence parameter δ, the margin choice, and the optional
 * inputs of particular bounds (initialization, PAC-Bayes σ's, posterior std, ball radius, input
 * radius). Immutable.
 *
 * @param net the classifier (k = 1: class 1 ⇔ f(x) &gt; 0; k ≥ 2: argmax)
 * @param data the training set with integer labels
 * @param init the initialization W⁰ (reference matrices, prior centre), or null
 * @param delta δ ∈ (0, 1): each risk bound holds with probability ≥ 1 − δ over the sample
 * @param margin the margin γ: fixed, or a quantile of the training margins
 * @param sigma Jiang et al.'s σ (std of the isotropic perturbation), or null
 * @param sigmaMag Jiang et al.'s magnitude-aware σ′, or null
 * @param posteriorStd Dziugaite–Roy posterior std s (Q = N(w, s² I)), or null
 * @param mcSamples Monte-Carlo draws of the stochastic net (Dziugaite–Roy)
 * @param mcDelta δ′ of the Monte-Carlo sample-convergence bound
 * @param seed seed of the Monte-Carlo stream
 * @param radius radius r of the stagnation ball B(θ, r), or null
 * @param inputRadius radius B of the input domain {‖x‖ ≤ B} (NBS), or null for max_i ‖x_i‖
 */
public record BoundInputs(TwoLayerNet net, Dataset data, @Nullable TwoLayerNet init, double delta, MarginChoice margin,
    @Nullable Double sigma, @Nullable Double sigmaMag, @Nullable Double posteriorStd, int mcSamples, double mcDelta,
    long seed, @Nullable Double radius, @Nullable Double inputRadius) {

  /** Default δ. */
  public static final double DEFAULT_DELTA = 0.05;
  /** Default Monte-Carlo draws. */
  public static final int DEFAULT_MC_SAMPLES = 1000;
  /** Default δ′ (Dziugaite &amp; Roy use 0.01). */
  public static final double DEFAULT_MC_DELTA = 0.01;
  /** The default margin: the 10% quantile of the training margins (Jiang et al.'s convention, q = 0.1). */
  public static final double DEFAULT_MARGIN_QUANTILE = 0.1;

  /**
   * The margin: a fixed γ &gt; 0, or the ⌊q·m⌋-th smallest training margin (Jiang et al.'s
   * convention with q = 0.1).
   *
   * @param quantile whether value is a quantile q ∈ (0, 1) rather than γ
   * @param value γ or q
   */
  public record MarginChoice(boolean quantile, double value) {
    /** Validates γ &gt; 0 or q ∈ (0, 1). */
    /*@ public behavior
      @ ensures quantile ==> 0 < value && value < 1;
      @ ensures !quantile ==> value > 0 && value is finite;
      @ signals (InvalidInputException) quantile ? !(0 < value && value < 1) : !(value > 0 && finite);
      @*/
    public MarginChoice {
      if (quantile) {
        Checks.openUnit("margin quantile", value);
      } else {
        Checks.positive("margin", value);
      }
    }

    /** A fixed margin γ. */
    /*@ public behavior
      @ ensures !\result.quantile() && \result.value() == gamma;
      @ signals (InvalidInputException) !(gamma > 0 && finite);
      @*/
    public static MarginChoice fixed(double gamma) {
      return new MarginChoice(false, gamma);
    }

    /** The q-quantile of the training margins. */
    /*@ public behavior
      @ ensures \result.quantile() && \result.value() == q;
      @ signals (InvalidInputException) !(0 < q && q < 1);
      @*/
    public static MarginChoice quantile(double q) {
      return new MarginChoice(true, q);
    }

    /*@ public normal_behavior
      @ ensures \result.equals(quantile ? "quantile " + value : "gamma = " + value);
      @*/
    @Override
    public String toString() {
      return quantile ? "quantile " + value : "gamma = " + value;
    }
  }

  /** Validates every input (InvalidInputException naming the input). */
  /*@ public behavior
    @ ensures 0 < delta && delta < 1 && 0 < mcDelta && mcDelta < 1 && mcSamples >= 1 && data.hasLabels() && data.inputs() == net.inputs();
    @ ensures (\forall int i; 0 <= i && i < data.size(); data.labels()[i] < Math.max(2, net.outputs()));
    @ ensures init == null || init has net's architecture;
    @ ensures sigma, sigmaMag, posteriorStd, inputRadius are null or > 0; radius is null or >= 0;
    @ signals (InvalidInputException) any of the above fails (the message names the input);
    @*/
  public BoundInputs {
    Checks.openUnit("delta", delta);
    Checks.openUnit("mc delta", mcDelta);
    Checks.atLeast("mc samples", mcSamples, 1);
    if (!data.hasLabels()) {
      throw new InvalidInputException("data", "the bounds are for classification and need integer labels y; the data has real targets Y");
    }
    if (data.inputs() != net.inputs()) {
      throw new InvalidInputException("data X", "has d=" + data.inputs() + " columns but the net's W1 expects d=" + net.inputs());
    }
    int k = net.outputs();
    int classes = Math.max(k, 2);
    int[] y = data.labels();
    for (int i = 0; i < y.length; i++) {
      if (y[i] >= classes) {
        throw new InvalidInputException("data y", "label " + y[i] + " at row " + i + " is out of range [0, " + classes
            + ") for a classifier with k = " + k + " output" + (k == 1 ? " (binary: labels 0, 1)" : "s"));
      }
    }
    if (init != null && !sameArchitecture(net, init)) {
      throw new InvalidInputException("init", TwoLayerNet.describe(init.layout()) + " does not match the net's "
          + TwoLayerNet.describe(net.layout()));
    }
    if (sigma != null) {
      Checks.positive("sigma", sigma);
    }
    if (sigmaMag != null) {
      Checks.positive("sigma-mag", sigmaMag);
    }
    if (posteriorStd != null) {
      Checks.positive("posterior std", posteriorStd);
    }
    if (radius != null) {
      Checks.nonNegative("radius", radius);
    }
    if (inputRadius != null) {
      Checks.positive("input radius", inputRadius);
    }
  }

  /** Inputs with defaults for everything but net, data, δ and the margin. */
  /*@ public behavior
    @ ensures \result.net() == net && \result.data() == data && \result.delta() == delta && \result.margin() == margin;
    @ ensures \result.init() == null && \result.sigma() == null && \result.mcSamples() == DEFAULT_MC_SAMPLES && \result.mcDelta() == DEFAULT_MC_DELTA;
    @ signals (InvalidInputException) the canonical constructor's checks fail;
    @*/
  public static BoundInputs of(TwoLayerNet net, Dataset data, double delta, MarginChoice margin) {
    return new BoundInputs(net, data, null, delta, margin, null, null, null, DEFAULT_MC_SAMPLES, DEFAULT_MC_DELTA, 0L,
        null, null);
  }

  /** A copy with another δ. */
  /*@ public behavior
    @ ensures \result.delta() == d && \result equals this in every other component;
    @ signals (InvalidInputException) !(0 < d && d < 1);
    @*/
  public BoundInputs withDelta(double d) {
    return new BoundInputs(net, data, init, d, margin, sigma, sigmaMag, posteriorStd, mcSamples, mcDelta, seed, radius,
        inputRadius);
  }

  /** A copy with another margin. */
  /*@ public normal_behavior
    @ ensures \result.margin() == m && \result equals this in every other component;
    @*/
  public BoundInputs withMargin(MarginChoice m) {
    return new BoundInputs(net, data, init, delta, m, sigma, sigmaMag, posteriorStd, mcSamples, mcDelta, seed, radius,
        inputRadius);
  }

  /** A copy with another net (same architecture). */
  /*@ public behavior
    @ ensures \result.net() == n && \result equals this in every other component;
    @ signals (InvalidInputException) n does not fit the data or the init;
    @*/
  public BoundInputs withNet(TwoLayerNet n) {
    return new BoundInputs(n, data, init, delta, margin, sigma, sigmaMag, posteriorStd, mcSamples, mcDelta, seed, radius,
        inputRadius);
  }

  /** A copy with the optional inputs set. */
  /*@ public behavior
    @ ensures \result has net, data, delta and margin of this and the given options;
    @ signals (InvalidInputException) an option is invalid;
    @*/
  public BoundInputs withOptions(@Nullable TwoLayerNet initNet, @Nullable Double sig, @Nullable Double sigMag,
      @Nullable Double postStd, int samples, double mcD, long s, @Nullable Double r, @Nullable Double inR) {
    return new BoundInputs(net, data, initNet, delta, margin, sig, sigMag, postStd, samples, mcD, s, r, inR);
  }

  private static boolean sameArchitecture(TwoLayerNet a, TwoLayerNet b) {
    return a.inputs() == b.inputs() && a.hidden() == b.hidden() && a.outputs() == b.outputs()
        && a.layout().hasHiddenBias() == b.layout().hasHiddenBias()
        && a.layout().hasOutputBias() == b.layout().hasOutputBias();
  }
}
