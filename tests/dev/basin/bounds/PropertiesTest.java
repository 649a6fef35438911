package dev.basin.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.kernel.Activation;
import dev.basin.model.TwoLayerNet;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Structural properties the formulas imply (spec/bounds.md): every risk bound decreases as δ
 * grows (ln(1/δ) enters increasingly, nothing else depends on δ) and, with the ingredients fixed,
 * as m grows; path-norm entries are invariant under per-unit Dinh rescaling, spectral-product ones
 * are not (but are under the global rescaling). Rescaling factors are powers of 2, so rescaled
 * weights are exact and invariance is checked bit for bit where the arithmetic is the same.
 */
class PropertiesTest {

  static LongStream seeds() {
    return LongStream.range(1, 13);
  }

  private static final Activation RELU = Activation.of(Activation.RELU);

  @ParameterizedTest
  @MethodSource("seeds")
  void riskBoundsDecreaseAsDeltaGrows(long seed) {
    BoundInputs in = Fixtures.random(seed, RELU, 1 + (int) (seed % 2), seed % 2 == 0, 40)
        .withMargin(BoundInputs.MarginChoice.fixed(0.05));
    List<BoundResult<Plain>> strict = Catalogue.evaluate(Arithmetic.PLAIN, in.withDelta(0.01));
    List<BoundResult<Plain>> loose = Catalogue.evaluate(Arithmetic.PLAIN, in.withDelta(0.2));
    int compared = 0;
    for (int i = 0; i < strict.size(); i++) {
      BoundResult<Plain> a = strict.get(i);
      BoundResult<Plain> b = loose.get(i);
      if (a.confidence() == null || a.value() == null || b.value() == null) {
        continue;
      }
      assertTrue(a.value().v() > b.value().v(), "seed=" + seed + " " + a.id() + ": delta 0.01 -> " + a.value()
          + " must exceed delta 0.2 -> " + b.value());
      compared++;
    }
    assertTrue(compared >= 5, "seed=" + seed + ": only " + compared + " risk bounds applied");
  }

  @Test
  void formulasDecreaseInMWithIngredientsFixed() {
    Arithmetic<Plain> ar = Arithmetic.PLAIN;
    Plain zero = new Plain(0.0);
    double prevFinite = Double.POSITIVE_INFINITY;
    double prevVc = Double.POSITIVE_INFINITY;
    double prevBft = Double.POSITIVE_INFINITY;
    double prevNbs = Double.POSITIVE_INFINITY;
    double prevRad = Double.POSITIVE_INFINITY;
    double prevLee = Double.POSITIVE_INFINITY;
    Plain one = new Plain(1.0);
    for (long m = 3; m < 3_000_000; m = m * 3 / 2 + 1) {
      String ctx = "m=" + m;
      double f = FiniteClassFloat64.value(ar, zero, 100, m, 0.05).v();
      double v = VcPiecewiseLinear.value(ar, zero, 50, m, 0.05).v();
      double b = BartlettSpectral.value(ar, zero, one, new Plain(3.0), new Plain(10.0), 10, m, new Plain(3.0)).v();
      double n = NeyshaburPacBayes.value(ar, zero, one, new Plain(2.0), new Plain(2.0), new Plain(3.0), new Plain(1.0), 10,
          m, new Plain(3.0), 1.0).v();
      double r = MarginBound.value(new Ingredients<>(ar, Fixtures.tiny()), zero, one,
          RademacherL1L2.rademacher(ar, 1.0, one, one, new Plain(Math.sqrt(m)), m), new Plain(3.0)).v();
      double l = ParameterCountLeeLee.value(ar, 100, m).v();
      assertTrue(f < prevFinite && v <= prevVc && b < prevBft && n < prevNbs && l < prevLee, ctx);
      assertTrue(r < prevRad || m < 5, ctx + " margin bound with ||X||_F = sqrt(m)");
      prevFinite = f;
      prevVc = v;
      prevBft = b;
      prevNbs = n;
      prevRad = r;
      prevLee = l;
    }
  }

  /** Per-unit Dinh rescaling (w_j, b_j) ↦ c_j (w_j, b_j), W2[:, j] ↦ W2[:, j]/c_j with c_j = 2^{e_j}. */
  static TwoLayerNet rescale(TwoLayerNet net, int[] exps) {
    double[] w1 = net.w1();
    double[] b1 = net.b1();
    double[] w2 = net.w2();
    int d = net.inputs();
    int h = net.hidden();
    int k = net.outputs();
    for (int j = 0; j < h; j++) {
      double c = Math.scalb(1.0, exps[j]);
      for (int t = 0; t < d; t++) {
        w1[j * d + t] *= c;
      }
      if (b1 != null) {
        b1[j] *= c;
      }
      for (int o = 0; o < k; o++) {
        w2[o * h + j] /= c;
      }
    }
    return TwoLayerNet.of(net.activation(), d, h, k, w1, b1, w2, net.b2());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void pathNormEntriesAreInvariantAndSpectralOnesAreNot(long seed) {
    BoundInputs in = Fixtures.random(seed, RELU, 1 + (int) (seed % 2), seed % 2 == 1, 40)
        .withMargin(BoundInputs.MarginChoice.fixed(0.05));
    // reference matrices M_i = 0: with M_i = the initialization, ||A_i - M_i|| does not scale with A_i
    in = in.withOptions(null, in.sigma(), in.sigmaMag(), in.posteriorStd(), in.mcSamples(), in.mcDelta(), in.seed(),
        in.radius(), in.inputRadius());
    int h = in.net().hidden();
    int[] exps = new int[h];
    for (int j = 0; j < h; j++) {
      exps[j] = (j % 3) - 1 + (j == 0 ? 2 : 0); // mixed factors 1/2, 1, 2, 4: a per-unit (not global) rescaling
    }
    BoundInputs scaled = in.withNet(rescale(in.net(), exps));
    Ingredients<Plain> a = new Ingredients<>(Arithmetic.PLAIN, in);
    Ingredients<Plain> b = new Ingredients<>(Arithmetic.PLAIN, scaled);
    for (Bound bound : new Bound[] {PathNormEMW.INSTANCE, JiangMeasure.PATH_NORM, JiangMeasure.PATH_NORM_OVER_MARGIN}) {
      Plain va = bound.evaluate(a).value();
      Plain vb = bound.evaluate(b).value();
      assertEquals(va == null, vb == null, "seed=" + seed + " " + bound.id() + " applicability must be invariant");
      if (bound == PathNormEMW.INSTANCE) {
        assertNotNull(va, "seed=" + seed + " the path-norm bound applies with a fixed margin");
      }
      if (va == null || vb == null) {
        continue; // Jiang's 10th-percentile margin can be 0 (tied outputs of a relu net without biases)
      }
      if (bound == PathNormEMW.INSTANCE) {
        assertEquals(va.v(), vb.v(), "seed=" + seed + " " + bound.id() + " must be invariant (exact rescaling)");
      } else {
        // Jiang's path norm uses squared weights: invariant, but summed in another order of magnitudes
        assertEquals(va.v(), vb.v(), 1e-13 * va.v(), "seed=" + seed + " " + bound.id());
      }
    }
    Plain fa = FminFlatness.INSTANCE.evaluate(a).value();
    Plain fb = FminFlatness.INSTANCE.evaluate(b).value();
    assertNotNull(fa);
    assertNotNull(fb);
    assertEquals(fa.v(), fb.v(), 1e-12 * Math.max(1.0, fa.v()), "seed=" + seed + " F_min is invariant on the orbit (SYM-FMIN)");
    double trace = ((Plain) FminFlatness.INSTANCE.evaluate(a).ingredients().get("trace")).v();
    assertTrue(fa.v() <= trace * (1 + 1e-12), "seed=" + seed + " F_min <= trace");
    Plain bftA = BartlettSpectral.INSTANCE.evaluate(a).paperForm();
    Plain bftB = BartlettSpectral.INSTANCE.evaluate(b).paperForm();
    assertNotNull(bftA);
    assertNotNull(bftB);
    assertNotEquals(bftA.v(), bftB.v(), 1e-6 * bftA.v(), "seed=" + seed + " BFT is not invariant under per-unit rescaling");
    // global rescaling by 4: BFT's spectral complexity is invariant
    int[] global = new int[h];
    java.util.Arrays.fill(global, 2);
    Plain bftG = BartlettSpectral.INSTANCE.evaluate(new Ingredients<>(Arithmetic.PLAIN,
        in.withNet(rescale(in.net(), global)))).paperForm();
    assertNotNull(bftG);
    assertEquals(bftA.v(), bftG.v(), 1e-12 * bftA.v(), "seed=" + seed + " BFT is invariant under the global rescaling");
  }
}
