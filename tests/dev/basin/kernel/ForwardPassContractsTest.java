package dev.basin.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import org.junit.jupiter.api.Test;

/**
 * ForwardPass.compute's floating-point postcondition !(\result.loss < 0.0) on the random problems
 * of {@link Cases}, with θ also scaled up to 1e150 and 1e308 so that outputs overflow to ±∞ and
 * losses become ∞ or NaN, the cases where "never negative" is not obvious.
 */
class ForwardPassContractsTest {

  @Test
  void lossIsNeverNegative() {
    for (long seed = 1; seed <= 3000; seed++) {
      Case c = Cases.random(seed);
      for (double scale : new double[] {1.0, 1e150, 1e308}) {
        double[] theta = c.theta().clone();
        for (int q = 0; q < theta.length; q++) {
          theta[q] *= scale;
        }
        double loss = ForwardPass.compute(c.objective().problem(), theta).loss();
        double s = scale;
        assertTrue(!(loss < 0.0), () -> "!(\\result.loss < 0.0) fails: " + c + " theta scaled by " + s + " -> " + loss);
      }
    }
  }
}
