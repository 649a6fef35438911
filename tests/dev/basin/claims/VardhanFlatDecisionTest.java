package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CLAIM-VARDHAN-FLAT's decision on constructed settings. The first case is the one issue 16
 * describes: at n = 30 the flat interpolator's MSE 0.0817 [0.073, 0.090] misses v1's target
 * 0.1·Var(y) ≈ 0.034, v2 still says reproduced, and at n = 120 the "interpolator" has residual
 * 0.0179 > 10⁻³, which v3 refuses to judge.
 */
class VardhanFlatDecisionTest {

  private static final String ID = VardhanFlatClaim.ID;
  private static final double VAR = 0.5 - 1.0 / (2.0 * Math.PI);

  private static VardhanFlatClaim.Setting setting(int n, double fminFlat, double mse, double lo, double hi, double residual) {
    String at = "n = " + n;
    return new VardhanFlatClaim.Setting(n, 0.0, Measurement.exact("F_min flat " + at, fminFlat, "SYM-FMIN", "test"),
        Measurement.exact("F_min memorizer " + at, 27543, "SYM-FMIN", "test"),
        Measurement.estimate("MSE flat " + at, mse, lo, hi, 1000, "normal", "T", "test"),
        Measurement.estimate("MSE memorizer " + at, 0.55, 0.48, 0.62, 1000, "normal", "T", "test"), residual, 1e-11, VAR);
  }

  private static Verdict verdict(int v, VardhanFlatClaim.Setting... s) {
    return VardhanFlatClaim.decide(Versions.of(ID, v), List.of(s)).verdict();
  }

  @Test
  void theCaseOfTheIssue() {
    VardhanFlatClaim.Setting small = setting(30, 10.4, 0.0817, 0.073, 0.090, 9.3e-4);
    VardhanFlatClaim.Setting large = setting(120, 8.65, 0.00496, 0.004, 0.006, 0.0179);
    assertEquals(Verdict.NOT_REPRODUCED, verdict(1, small, large));
    assertEquals(Verdict.REPRODUCED, verdict(2, small, large));
    assertEquals(Verdict.NOT_REPRODUCED, verdict(3, small, large), "n = 30 misses the target; n = 120 is not judged");
  }

  @Test
  void interpolatorsBelowTheTargetAreReproducedAndANonInterpolatorIsInconclusive() {
    VardhanFlatClaim.Setting a = setting(80, 6.7, 0.0056, 0.005, 0.0062, 9.8e-4);
    VardhanFlatClaim.Setting b = setting(160, 6.5, 0.00001, 0.000008, 0.000012, 9.9e-4);
    assertEquals(Verdict.REPRODUCED, verdict(3, a, b));
    assertEquals(Verdict.INCONCLUSIVE, verdict(3, a, setting(160, 6.5, 0.00001, 0.000008, 0.000012, 0.0179)));
  }

  @Test
  void anIntervalContainingTheTargetIsInconclusive() {
    assertEquals(Verdict.INCONCLUSIVE, verdict(3, setting(80, 6.7, 0.034, 0.03, 0.038, 9.8e-4)));
  }

  @Test
  void aFlatterMemorizerIsNotReproduced() {
    VardhanFlatClaim.Setting s = new VardhanFlatClaim.Setting(80, 0.0, Measurement.exact("F_min flat", 6.7, "SYM-FMIN", "t"),
        Measurement.exact("F_min memorizer", 3.0, "SYM-FMIN", "t"), Measurement.estimate("MSE flat", 0.005, 0.004, 0.006, 1000,
        "normal", "T", "t"), Measurement.estimate("MSE memorizer", 0.55, 0.48, 0.62, 1000, "normal", "T", "t"), 9e-4, 1e-11, VAR);
    for (int v = 1; v <= Versions.count(ID); v++) {
      assertEquals(Verdict.NOT_REPRODUCED, verdict(v, s, s));
    }
  }
}
