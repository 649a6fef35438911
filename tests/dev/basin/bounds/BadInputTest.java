package dev.basin.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Bad inputs give one InvalidInputException naming the input (spec BOUND-INPUTS). */
class BadInputTest {

  private static void names(String input, Runnable r) {
    InvalidInputException e = assertThrows(InvalidInputException.class, r::run);
    assertEquals(input, e.input(), e.getMessage());
  }

  @Test
  void marginMustBePositive() {
    names("margin", () -> BoundInputs.MarginChoice.fixed(0.0));
    names("margin", () -> BoundInputs.MarginChoice.fixed(-1.0));
    names("margin", () -> BoundInputs.MarginChoice.fixed(Double.NaN));
    names("margin quantile", () -> BoundInputs.MarginChoice.quantile(1.0));
  }

  @Test
  void deltaMustLieInTheOpenUnitInterval() {
    for (double d : new double[] {0.0, 1.0, -0.1, 2.0, Double.NaN}) {
      names("delta", () -> Fixtures.tiny().withDelta(d));
      names("delta", () -> FiniteClassFloat64.value(Arithmetic.PLAIN, new Plain(0), 5, 10, d));
    }
  }

  @Test
  void zeroSamplesAreRefused() {
    names("m", () -> ParameterCountLeeLee.value(Arithmetic.PLAIN, 5, 0));
    names("m", () -> FiniteClassFloat64.value(Arithmetic.PLAIN, new Plain(0), 5, 0, 0.05));
    names("m", () -> DziugaiteRoy.complexity(Arithmetic.PLAIN, new Plain(1), 1, 1, 0.05));
  }

  @Test
  void labelsOutOfRangeAreRefused() {
    Dataset bad = Dataset.withLabels(4, 2, new double[] {1, 0, 0, 1, 2, 0, 0, 0.5}, new int[] {1, 0, 2, 0});
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> BoundInputs.of(Fixtures.tinyNet(), bad, 0.05, BoundInputs.MarginChoice.fixed(0.5)));
    assertEquals("data y", e.input());
    assertTrue(e.getMessage().contains("label 2 at row 2"), e.getMessage());
  }

  @Test
  void realTargetsAreRefused() {
    Dataset reg = Dataset.withTargets(4, 2, new double[] {1, 0, 0, 1, 2, 0, 0, 0.5}, 1, new double[] {1, 0, 1, 0});
    names("data", () -> BoundInputs.of(Fixtures.tinyNet(), reg, 0.05, BoundInputs.MarginChoice.fixed(0.5)));
  }

  @Test
  void quantileSelectingNoSampleIsRefused() {
    BoundInputs in = Fixtures.tiny().withMargin(BoundInputs.MarginChoice.quantile(0.1)); // floor(0.4) = 0
    names("margin quantile", () -> new Ingredients<>(Arithmetic.PLAIN, in));
  }

  @Test
  void quantileRankIsJiangsKthvalue() {
    assertEquals(2, Margins.quantileRank(0.1, 25), "kthvalue(25 // 10)");
    assertEquals(3, Margins.quantileRank(0.3, 10), "0.3 * 10 is 3 exactly in decimal (2.9999999999999996 in binary)");
    assertEquals(100, Margins.quantileRank(0.1, 1000));
  }
}
