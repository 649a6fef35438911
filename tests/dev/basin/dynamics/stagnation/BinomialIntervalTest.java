package dev.basin.dynamics.stagnation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Clopper–Pearson intervals (spec STAG-CP) against reference values.
 *
 * <p>Source of the expected values: scipy 1.17.1, {@code scipy.stats.beta.ppf(alpha/2, k, n-k+1)}
 * and {@code beta.isf(alpha/2, k+1, n-k)} — an independent implementation (Boost's incomplete
 * beta inverse); (5, 20, 95 %) = [0.0866, 0.4910] is also the value printed in standard tables.
 * The closed forms for k = 0 and k = n are 1 − (α/2)^{1/n} and (α/2)^{1/n}. Tolerance 1e-10
 * relative: both libraries invert the regularized incomplete beta to ~1e-14; the margin covers
 * their different stopping rules.
 */
class BinomialIntervalTest {

  private static final double TOL = 1e-10;

  @ParameterizedTest
  @CsvSource({
      "5, 20, 0.95, 0.08657146910143462, 0.49104587170795744",
      "37, 100, 0.95, 0.2755665796145515, 0.47235164055168316",
      "1, 10, 0.99, 0.0005011285754646344, 0.5442870568996868",
      "999, 1000, 0.95, 0.9944410757201734, 0.9999746825125088",
      "0, 10, 0.95, 0.0, 0.3084971078187607",
      "10, 10, 0.95, 0.6915028921812392, 1.0",
      "4950, 5000, 0.999, 0.9844803752959078, 0.9939989791159128"})
  void matchesReferenceValues(long k, long n, double level, double lo, double hi) {
    BinomialInterval ci = BinomialInterval.clopperPearson(k, n, level);
    assertEquals(lo, ci.lower(), TOL * Math.max(lo, 1e-300), "lower");
    assertEquals(hi, ci.upper(), TOL * hi, "upper");
    assertEquals(k / (double) n, ci.estimate(), 0.0);
  }

  @ParameterizedTest
  @CsvSource({"7, 0.9", "50, 0.95", "1000, 0.999"})
  void edgeCasesHaveClosedForms(long n, double level) {
    double a = (1 - level) / 2;
    assertEquals(1 - Math.pow(a, 1.0 / n), BinomialInterval.clopperPearson(0, n, level).upper(), 1e-12);
    assertEquals(Math.pow(a, 1.0 / n), BinomialInterval.clopperPearson(n, n, level).lower(), 1e-12);
  }

  @ParameterizedTest
  @CsvSource({"-1, 10, 0.95, successes", "11, 10, 0.95, successes", "0, 0, 0.95, trials", "3, 10, 1.0, confidence level",
      "3, 10, 0.0, confidence level"})
  void badArgumentsAreRejected(long k, long n, double level, String input) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> BinomialInterval.clopperPearson(k, n, level));
    assertTrue(e.getMessage().startsWith(input), e.getMessage());
  }
}
