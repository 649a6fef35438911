package dev.basin.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import dev.basin.testing.Doubles;
import java.util.function.DoubleBinaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
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

  /**
   * ForwardPass.addNonNegative's !(\result < 0.0) on operands that satisfy its precondition
   * (see {@link #assertNeverNegative}).
   */
  @Test
  void addNonNegativeIsNeverNegative() {
    assertNeverNegative("addNonNegative", ForwardPass::addNonNegative, 4343L);
  }

  /**
   * ForwardPass.scaleNonNegative's !(\result < 0.0) on operands that satisfy its precondition
   * (see {@link #assertNeverNegative}); products of large operands overflow to ∞, of ∞ and 0 give
   * NaN, both allowed.
   */
  @Test
  void scaleNonNegativeIsNeverNegative() {
    assertNeverNegative("scaleNonNegative", ForwardPass::scaleNonNegative, 4344L);
  }

  /**
   * f(u, v) is never negative for u, v with !(u < 0.0) and !(v < 0.0): IEEE specials (+0, -0, ∞,
   * NaN), random bit patterns and moderate values from {@link Doubles}, negative draws folded with
   * unary minus, not Math.abs, so that -0.0 (not < 0) stays in the sample.
   */
  private static void assertNeverNegative(String name, DoubleBinaryOperator f, long seed) {
    UniformRandomProvider r = Cases.rng(seed);
    for (int i = 0; i < 200_000; i++) {
      double u = Doubles.next(r);
      double v = Doubles.next(r);
      if (u < 0.0) {
        u = -u;
      }
      if (v < 0.0) {
        v = -v;
      }
      double result = f.applyAsDouble(u, v);
      double a = u;
      double b = v;
      assertTrue(!(result < 0.0),
          () -> name + ": !(\\result < 0.0) fails for " + a + ", " + b + " -> " + result + ", seed " + seed);
    }
  }
}
