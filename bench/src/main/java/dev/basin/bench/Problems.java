package dev.basin.bench;

import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;

/**
 * The benchmark problems, built deterministically from seeds (spec DATA-RNG, DATA-RANDOM-NET):
 * a LeCun-normal random net with both biases, N(0, 1) inputs and uniform random labels, softmax
 * cross-entropy with mean reduction. Draw order: net, X, labels, then the HVP direction.
 */
final class Problems {

  /** The seed of every benchmark problem. */
  static final long SEED = 1234;

  private Problems() {}

  /** One problem: the objective, θ and a unit direction v. */
  record Setup(Objective objective, double[] theta, double[] v) {}

  /** A d-h-k relu net with softmax cross-entropy (mean) on n samples. */
  static Setup reluCrossEntropy(int d, int h, int k, int n) {
    Rng rng = Rng.of(SEED);
    TwoLayerNet net = Synthetic.randomNet(d, h, k, true, true, Activation.of(Activation.RELU), 1.0, rng);
    double[] x = Synthetic.gaussianInputs(n, d, rng);
    int[] y = Synthetic.randomLabels(n, k, rng);
    Objective obj = Objective.of(net, new Loss(Loss.CE, Loss.MEAN), Dataset.withLabels(n, d, x, y));
    double[] v = rng.gaussians(net.numParams(), 1.0);
    double norm = 0.0;
    for (double q : v) {
      norm += q * q;
    }
    norm = Math.sqrt(norm);
    for (int q = 0; q < v.length; q++) {
      v[q] /= norm;
    }
    return new Setup(obj, net.parameters(), v);
  }

  /** The MLP of the issue: 784-512-10, n = 1000 (N = 407,050). */
  static Setup mlp() {
    return reluCrossEntropy(784, 512, 10, 1000);
  }

  /** The explicit-Hessian problem: 50-50-10, n = 500 (N = 3,060). */
  static Setup hessian() {
    return reluCrossEntropy(50, 50, 10, 500);
  }
}
