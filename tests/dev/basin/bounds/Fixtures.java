package dev.basin.bounds;

import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.kernel.Activation;
import dev.basin.model.Dataset;
import dev.basin.model.TwoLayerNet;

/** Test nets and data sets for the bounds (seeded; the seed is part of every description). */
final class Fixtures {

  private Fixtures() {}

  /** The tiny net of spec BOUND-EXAMPLE. */
  static TwoLayerNet tinyNet() {
    return TwoLayerNet.of(Activation.of(Activation.RELU), 2, 2, 1, new double[] {1, 0, 0, 2}, null,
        new double[] {1, -1}, null);
  }

  /** The tiny data set of spec BOUND-EXAMPLE. */
  static Dataset tinyData() {
    return Dataset.withLabels(4, 2, new double[] {1, 0, 0, 1, 2, 0, 0, 0.5}, new int[] {1, 0, 1, 0});
  }

  /** Inputs of spec BOUND-EXAMPLE: δ = 0.05, γ = 0.5. */
  static BoundInputs tiny() {
    return BoundInputs.of(tinyNet(), tinyData(), 0.05, BoundInputs.MarginChoice.fixed(0.5));
  }

  /** A random teacher classification problem; the net is the teacher (so it classifies its data). */
  static BoundInputs random(long seed, Activation act, int k, boolean b1, int n) {
    Rng rng = Rng.of(seed);
    int d = 2 + (int) (seed % 4);
    int h = 3 + (int) (seed % 5);
    TwoLayerNet net = Synthetic.randomNet(d, h, k, b1, false, act, 1.0, rng);
    Dataset data = Synthetic.teacherClassification(net, n, rng);
    TwoLayerNet init = Synthetic.randomNet(d, h, k, b1, false, act, 1.0, Rng.of(Rng.derive(seed, 1)));
    return BoundInputs.of(net, data, 0.05, BoundInputs.MarginChoice.quantile(0.1))
        .withOptions(init, 0.05, 0.1, 0.02, 20, 0.01, seed, 0.05, null);
  }
}
