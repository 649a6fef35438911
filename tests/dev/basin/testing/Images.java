package dev.basin.testing;

import dev.basin.base.Rng;
import dev.basin.model.Dataset;

/** Tiny labelled 1×5×5 "images" for the rank-1 conv tests: N(0, 1) pixels, label = whether the centre pixel is positive. */
public final class Images {

  /** Pixels per image (1 channel, 5 × 5). */
  public static final int PIXELS = 25;

  private Images() {}

  /** n images drawn from rng. */
  public static Dataset labelled(int n, Rng rng) {
    double[] x = rng.gaussians(n * PIXELS, 1.0);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = x[i * PIXELS + PIXELS / 2] > 0 ? 1 : 0;
    }
    return Dataset.withLabels(n, PIXELS, x, y);
  }
}
