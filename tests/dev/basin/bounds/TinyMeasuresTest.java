package dev.basin.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Jiang et al. measures, Neyshabur's constant-free expressions, the stagnation bound and the
 * Dziugaite–Roy pieces on the tiny net of spec BOUND-EXAMPLE (values from
 * spec/bounds/tiny_example.py, mpmath, 20 digits). Tolerance 1e-13 relative as in
 * TinyExampleTest (the magnitude-aware sum has 6 logarithms of ≤ 1 ulp each).
 */
class TinyMeasuresTest {

  private static final double TOL = 1e-13;

  private static BoundInputs inputs() {
    return Fixtures.tiny().withOptions(null, 0.5, 0.5, 1e-6, 10, 0.01, 0L, 0.1, null);
  }

  @Test
  void measuresMatchTheHandComputation() {
    Map<String, Double> expected = new LinkedHashMap<>();
    expected.put("JIANG-PARAMS", 6.0);
    expected.put("JIANG-FRO-OVER-SPEC", 2.25);
    expected.put("JIANG-LOG-PROD-OF-SPEC", 2.0794415416798359);
    expected.put("JIANG-LOG-SUM-OF-SPEC", 1.7328679513998633);
    expected.put("JIANG-LOG-PROD-OF-FRO", 2.3025850929940457);
    expected.put("JIANG-PARAM-NORM", 7.0);
    expected.put("JIANG-PATH-NORM", 5.0);
    expected.put("JIANG-PACBAYES-ORIG", 19.079441541679836);
    expected.put("JIANG-PACBAYES-FLATNESS", 4.0);
    expected.put("JIANG-PACBAYES-MAG-ORIG", 20.592856716791294);
    expected.put("JIANG-PACBAYES-MAG-FLATNESS", 4.0);
    expected.put("NEYSHABUR-CODE-SPEC-L21", 24.671903634166102);
    expected.put("NEYSHABUR-CODE-SPEC-FRO", 10.583005244258362);
    Ingredients<Plain> plain = new Ingredients<>(Arithmetic.PLAIN, inputs());
    Ingredients<Interval> cert = new Ingredients<>(Arithmetic.INTERVAL, inputs());
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      Bound b = Catalogue.byName(e.getKey());
      Plain v = b.evaluate(plain).value();
      Interval iv = b.evaluate(cert).value();
      assertNotNull(v, e.getKey() + ": " + b.evaluate(plain).notApplicable());
      assertNotNull(iv);
      assertEquals(e.getValue(), v.v(), TOL * e.getValue(), e.getKey());
      double x = e.getValue();
      assertTrue(iv.lo() <= x * (1 + 1e-16) && x * (1 - 1e-16) <= iv.hi(), e.getKey() + " " + iv);
    }
  }

  @Test
  void marginMeasuresNeedTenSamples() {
    BoundResult<Plain> r = JiangMeasure.INVERSE_MARGIN.evaluate(new Ingredients<>(Arithmetic.PLAIN, inputs()));
    assertTrue(r.notApplicable() != null && r.notApplicable().contains("m >= 10"), String.valueOf(r.notApplicable()));
  }

  @Test
  void stagnationBallMatchesTheHandComputation() {
    Plain p = StagnationBFT.INSTANCE.evaluate(new Ingredients<>(Arithmetic.PLAIN, inputs())).paperForm();
    assertNotNull(p);
    assertEquals(1932.4982471189109, p.v(), TOL * 1932.5);
  }

  @Test
  void dziugaiteRoyPiecesMatchTheHandComputation() {
    BoundResult<Plain> r = DziugaiteRoy.INSTANCE.evaluate(new Ingredients<>(Arithmetic.PLAIN, inputs()));
    assertEquals(0.0, ((Plain) r.ingredients().get("stochastic_train_error_mc")).v(), "no draw flips a margin");
    assertEquals(0.41129598134752537, ((Plain) r.ingredients().get("stochastic_train_error_upper")).v(), 1e-15);
    assertEquals(108.30706391677969, ((Plain) r.ingredients().get("kl_divergence")).v(), TOL * 108.3);
    assertEquals(37.728930284641439, ((Plain) r.ingredients().get("complexity_c")).v(), TOL * 37.7);
    assertEquals(1, r.ingredients().get("prior_index_j"));
    assertTrue(r.value() != null && r.value().v() > 0.999999, "kl^-1(0.41 | 37.7) is 1 to double precision");
    assertEquals(0.95 - 0.01, r.confidence(), 1e-15, "confidence 1 - delta - delta'");
  }

  @Test
  void sameSeedSameDrawsOtherSeedOtherDraws() {
    BoundInputs a = Fixtures.random(3, dev.basin.kernel.Activation.of(dev.basin.kernel.Activation.TANH), 2, true, 40)
        .withOptions(null, null, null, 0.5, 50, 0.01, 17L, null, null);
    BoundInputs b = a.withOptions(null, null, null, 0.5, 50, 0.01, 18L, null, null);
    Object e1 = DziugaiteRoy.INSTANCE.evaluate(new Ingredients<>(Arithmetic.PLAIN, a)).ingredients().get("stochastic_train_error_mc");
    Object e2 = DziugaiteRoy.INSTANCE.evaluate(new Ingredients<>(Arithmetic.PLAIN, a)).ingredients().get("stochastic_train_error_mc");
    Object e3 = DziugaiteRoy.INSTANCE.evaluate(new Ingredients<>(Arithmetic.PLAIN, b)).ingredients().get("stochastic_train_error_mc");
    assertEquals(e1, e2, "same seed: bit-identical Monte-Carlo estimate");
    assertTrue(!e1.equals(e3), "another seed draws other nets (with s = 0.5 the error estimates differ): " + e1 + " " + e3);
  }
}
