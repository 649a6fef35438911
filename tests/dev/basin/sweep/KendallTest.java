package dev.basin.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.base.Rng;
import org.junit.jupiter.api.Test;

/** Kendall's τ of spec SWEEP-TAU against its definition, the O(n²) double sum of Jiang et al.'s eq. 2. */
class KendallTest {

  /** Jiang et al.'s eq. 2 literally: Σ_{i≠j} sign(Δx) sign(Δy) / (n(n−1)). */
  static double bySum(double[] x, double[] y) {
    int n = x.length;
    long s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          s += (long) Math.signum(x[i] - x[j]) * (long) Math.signum(y[i] - y[j]);
        }
      }
    }
    return s / ((double) n * (n - 1));
  }

  @Test
  void equalsTheDoubleSumWithAndWithoutTies() {
    Rng rng = Rng.of(3);
    for (int trial = 0; trial < 200; trial++) {
      int n = 2 + rng.nextInt(40);
      int levels = 1 + rng.nextInt(8); // few levels: many ties in x and y, and joint ties
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = trial % 2 == 0 ? rng.nextInt(levels) : rng.gaussian();
        y[i] = rng.nextInt(levels) + (trial % 3 == 0 ? 0.5 * x[i] : 0.0);
      }
      assertEquals(bySum(x, y), Kendall.tau(x, y, n), 1e-15, "trial " + trial);
    }
  }

  @Test
  void perfectOrderReversedOrderAndConstants() {
    double[] up = {1, 2, 3, 4, 5};
    double[] down = {5, 4, 3, 2, 1};
    double[] flat = {2, 2, 2, 2, 2};
    assertEquals(1.0, Kendall.tau(up, up, 5));
    assertEquals(-1.0, Kendall.tau(up, down, 5));
    assertEquals(0.0, Kendall.tau(up, flat, 5), "a constant measure has tau 0 (Jiang et al.), not NaN");
    // one discordant pair of the 10: (concordant - discordant) / 10 = (9 - 1) / 10
    assertEquals(0.8, Kendall.tau(up, new double[] {1, 3, 2, 4, 5}, 5), 1e-15);
  }
}
