package dev.basin.claims;

import dev.basin.data.Synthetic;
import dev.basin.dynamics.Fit;
import dev.basin.dynamics.ObjectiveLandscape;
import dev.basin.dynamics.Sampling;
import dev.basin.dynamics.StopRule;
import dev.basin.dynamics.Trainer;
import dev.basin.dynamics.noise.GradientNoise;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import java.util.Locale;
import java.util.OptionalDouble;

/** Training of the claims' students with stated settings and stopping rules (spec DYN-SGD, DYN-STOP). */
final class Training {

  private Training() {}

  /**
   * How to train.
   *
   * @param lr step size
   * @param momentum heavy-ball momentum
   * @param batch minibatch size (0 = full batch)
   * @param maxSteps step budget
   * @param lossBelow stop when the training loss is below this (NaN: no loss rule)
   * @param gradBelow stop when the gradient norm is below this (NaN: no gradient rule)
   * @param interpolate stop when the net interpolates (100 % accuracy, or residual ≤ 1e-3)
   */
  record Recipe(double lr, double momentum, int batch, long maxSteps, double lossBelow, double gradBelow, boolean interpolate) {
    String describe() {
      return String.format(Locale.ROOT, "%s, lr %g, momentum %g, at most %d steps, stop at %s",
          batch == 0 ? "full-batch GD" : "SGD batch " + batch + " (without replacement)", lr, momentum, maxSteps,
          (Double.isNaN(lossBelow) ? "" : "loss < " + lossBelow + " ") + (Double.isNaN(gradBelow) ? "" : "grad norm < " + gradBelow + " ")
              + (interpolate ? "interpolation" : ""));
    }
  }

  /** A trained net with its run and fit. */
  record Trained(TwoLayerNet net, Trainer.Result run, double trainFit, String recipe) {
    double[] theta() {
      return net.parameters();
    }
  }

  /** A fresh student with both biases at DATA-RANDOM-NET scale 1 from the given seed. */
  static TwoLayerNet student(int d, int h, int k, Activation act, long seed) {
    return Synthetic.randomNet(d, h, k, true, true, act, 1.0, dev.basin.base.Rng.of(seed));
  }

  /**
   * A fresh relu student without output bias (the margin bounds of spec/bounds.md assume b2 = 0) at
   * DATA-RANDOM-NET scale 1.
   */
  static TwoLayerNet boundStudent(int d, int h, int k, long seed) {
    return Synthetic.randomNet(d, h, k, true, false, Activation.of(Activation.RELU), 1.0, dev.basin.base.Rng.of(seed));
  }

  /** Trains from a start net on data with a loss. */
  static Trained train(TwoLayerNet start, Loss loss, Dataset data, Recipe r, long seed) {
    Objective obj = Objective.of(start, loss, data);
    StopRule stop = new StopRule(r.maxSteps(),
        Double.isNaN(r.lossBelow()) ? OptionalDouble.empty() : OptionalDouble.of(r.lossBelow()),
        Double.isNaN(r.gradBelow()) ? OptionalDouble.empty() : OptionalDouble.of(r.gradBelow()),
        r.interpolate(), 1e-3);
    Trainer.Settings s = new Trainer.Settings(r.lr(), r.momentum(), r.batch() == 0 ? Sampling.FULL : Sampling.WITHOUT_REPLACEMENT,
        r.batch(), GradientNoise.NONE, stop, 25, seed);
    Trainer.Result res = Trainer.run(new ObjectiveLandscape(obj), start.parameters(), s, Trainer.SILENT);
    TwoLayerNet net = start.withParameters(res.theta());
    return new Trained(net, res, fit(net, data), r.describe() + "; stopped after " + res.steps() + " steps by "
        + res.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '));
  }

  /** Accuracy (labels) or max residual (targets) of a net on data (spec DYN-FIT). */
  static double fit(TwoLayerNet net, Dataset data) {
    return Fit.of(data, net.outputs(), net.outputs(data.x(), data.size()), 1e-3).value();
  }
}
