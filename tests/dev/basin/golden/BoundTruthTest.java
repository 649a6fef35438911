package dev.basin.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.Progress;
import dev.basin.model.TwoLayerNet;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spec GOLDEN-BOUNDS and GOLDEN-TOL-BOUNDS on the smoke preset's bounds-relu-logistic (relu, k = 1,
 * no output bias, m = 40). Expected values come from (a) exact BigDecimal evaluations of three
 * catalogued measures written here from spec/bounds.md (JIANG-PARAM-NORM = Σ‖W_i‖_F²,
 * JIANG-PATH-NORM = Σ_{j} ‖W2[:, j]‖²(‖W1[j]‖² + b1_j²), JIANG-INVERSE-MARGIN = 1/γ² with γ the
 * ⌊m/10⌋-th smallest margin (2y − 1) f(x)), (b) the same three in a float32 evaluation written here
 * (every input rounded to float, every operation in float), which must pass, and (c) the same
 * three with a plausible convention mistake (biases in the parameter norm, b1 left out of the
 * path norm, the smallest margin instead of the quantile), which must fail.
 */
class BoundTruthTest {

  private static final String CASE = "bounds-relu-logistic";
  private static final List<String> MEASURES = List.of("JIANG-PARAM-NORM", "JIANG-PATH-NORM", "JIANG-INVERSE-MARGIN");

  @TempDir
  static Path tmp;

  private static Suite suite;
  private static CaseSpec spec;

  @BeforeAll
  static void writeOnce() {
    SuiteWriter.write(tmp.resolve("smoke"), "smoke", 0, 2, Progress.NONE);
    suite = Suite.read(tmp.resolve("smoke"));
    spec = Presets.of("smoke", 0).stream().filter(c -> c.id().equals(CASE)).findFirst().orElseThrow();
  }

  private static Map<String, Expected> expected() {
    Map<String, Expected> m = new LinkedHashMap<>();
    for (Expected e : suite.expected(suite.cases().get(CASE))) {
      m.put(e.quantity(), e);
    }
    return m;
  }

  /** Every margin (2y − 1) f(x_i), exactly (relu, k = 1, no output bias). */
  private static BigDecimal[] exactMargins() {
    TwoLayerNet net = spec.net();
    int d = net.inputs();
    int h = net.hidden();
    double[] x = spec.data().x();
    int[] y = spec.data().labels();
    double[] b1 = net.b1();
    BigDecimal[] mu = new BigDecimal[y.length];
    for (int i = 0; i < y.length; i++) {
      BigDecimal f = BigDecimal.ZERO;
      for (int j = 0; j < h; j++) {
        BigDecimal z = b1 == null ? BigDecimal.ZERO : new BigDecimal(b1[j]);
        for (int t = 0; t < d; t++) {
          z = z.add(new BigDecimal(net.w1()[j * d + t]).multiply(new BigDecimal(x[i * d + t])));
        }
        f = f.add(new BigDecimal(net.w2()[j]).multiply(z.max(BigDecimal.ZERO)));
      }
      mu[i] = y[i] == 1 ? f : f.negate();
    }
    return mu;
  }

  @Test
  void auditEnclosuresHoldTheExactValues() {
    TwoLayerNet net = spec.net();
    assertEquals(1, net.outputs());
    assertTrue(net.b2() == null, "the bound case has no output bias");
    BigDecimal paramNorm = BigDecimal.ZERO;
    for (double w : net.w1()) {
      paramNorm = paramNorm.add(new BigDecimal(w).pow(2));
    }
    for (double w : net.w2()) {
      paramNorm = paramNorm.add(new BigDecimal(w).pow(2));
    }
    BigDecimal pathNorm = BigDecimal.ZERO;
    int d = net.inputs();
    for (int j = 0; j < net.hidden(); j++) {
      BigDecimal in = net.b1() == null ? BigDecimal.ZERO : new BigDecimal(net.b1()[j]).pow(2);
      for (int t = 0; t < d; t++) {
        in = in.add(new BigDecimal(net.w1()[j * d + t]).pow(2));
      }
      pathNorm = pathNorm.add(new BigDecimal(net.w2()[j]).pow(2).multiply(in));
    }
    BigDecimal[] mu = exactMargins();
    Arrays.sort(mu);
    BigDecimal gamma = mu[spec.data().size() / 10 - 1];
    assertTrue(gamma.signum() > 0, "labels are the net's own predictions: every margin is positive");
    // 1/γ² to 80 digits: the doubles at the enclosure's ends are never that close to the exact value
    BigDecimal inverseMargin = BigDecimal.ONE.divide(gamma.pow(2), new MathContext(80));
    Map<String, Expected> ex = expected();
    holds(ex.get("JIANG-PARAM-NORM"), paramNorm);
    holds(ex.get("JIANG-PATH-NORM"), pathNorm);
    holds(ex.get("JIANG-INVERSE-MARGIN"), inverseMargin);
    String rule = suite.cases().get(CASE).facts().get("bounds").get("inputs").get("margin_rule").asText();
    assertTrue(rule.startsWith("the " + spec.data().size() / 10 + "-th smallest"), rule);
  }

  private static void holds(Expected e, BigDecimal exact) {
    assertTrue(new BigDecimal(e.lo()[0]).compareTo(exact) <= 0 && exact.compareTo(new BigDecimal(e.hi()[0])) <= 0,
        () -> e.quantity() + ": exact " + exact + " outside [" + e.lo()[0] + ", " + e.hi()[0] + "]");
  }

  /** The three measures in float32 (inputs rounded once, every operation in float), or with a convention mistake. */
  private static Map<String, Double> float32(boolean mistaken) {
    TwoLayerNet net = spec.net();
    int d = net.inputs();
    int h = net.hidden();
    float paramNorm = 0f;
    for (double w : net.w1()) {
      paramNorm += (float) w * (float) w;
    }
    for (double w : net.w2()) {
      paramNorm += (float) w * (float) w;
    }
    float pathNorm = 0f;
    for (int j = 0; j < h; j++) {
      float in = mistaken || net.b1() == null ? 0f : (float) net.b1()[j] * (float) net.b1()[j];
      for (int t = 0; t < d; t++) {
        in += (float) net.w1()[j * d + t] * (float) net.w1()[j * d + t];
      }
      pathNorm += (float) net.w2()[j] * (float) net.w2()[j] * in;
    }
    if (mistaken && net.b1() != null) {
      for (double b : net.b1()) {
        paramNorm += (float) b * (float) b; // biases counted as weights
      }
    }
    double[] x = spec.data().x();
    int[] y = spec.data().labels();
    float[] mu = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      float f = 0f;
      for (int j = 0; j < h; j++) {
        float z = net.b1() == null ? 0f : (float) net.b1()[j];
        for (int t = 0; t < d; t++) {
          z += (float) net.w1()[j * d + t] * (float) x[i * d + t];
        }
        f += (float) net.w2()[j] * Math.max(z, 0f);
      }
      mu[i] = y[i] == 1 ? f : -f;
    }
    Arrays.sort(mu);
    float gamma = mistaken ? mu[0] : mu[y.length / 10 - 1];
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("JIANG-PARAM-NORM", (double) paramNorm);
    out.put("JIANG-PATH-NORM", (double) pathNorm);
    out.put("JIANG-INVERSE-MARGIN", (double) (1f / (gamma * gamma)));
    return out;
  }

  private static Scorer.Result score(Map<String, Double> values) {
    List<AnswerFile.Answer> answers = new ArrayList<>();
    values.forEach((q, v) -> answers.add(new AnswerFile.Answer(CASE, q, new double[] {v}, Precision.FLOAT32, null)));
    return Scorer.score(suite, new AnswerFile.Answers("float32", answers));
  }

  @Test
  void aFloat32ToolPassesAndAMistakenOneFails() {
    Scorer.Result good = score(float32(false));
    assertEquals(MEASURES.size(), good.rows().size());
    for (Scorer.Row r : good.rows()) {
      assertTrue(r.pass() && r.violations().isEmpty(), () -> r.quantity() + ": float32 scores " + r.score());
    }
    Scorer.Result bad = score(float32(true));
    for (Scorer.Row r : bad.rows()) {
      assertFalse(r.pass(), () -> r.quantity() + ": a convention mistake passes (score " + r.score() + ")");
      assertTrue(r.score() > 100.0, () -> r.quantity() + ": a convention mistake only " + r.score() + " tolerances off");
    }
  }

  /** The tolerance is derived, not a fudge factor: 0 for an exact count, float64's far below float32's. */
  @Test
  void tolerancesFollowThePrecision() {
    Map<String, Expected> ex = expected();
    Expected params = ex.get("JIANG-PARAMS");
    assertEquals(0.0, params.tolerance(Precision.FLOAT32)[0], "a count of weights is exact in float32");
    assertEquals(params.lo()[0], params.hi()[0]);
    int bounds = 0;
    for (Expected e : ex.values()) {
      if (e.spec().startsWith("BOUND-") || e.spec().startsWith("JIANG-") || e.spec().startsWith("NEYSHABUR-")) {
        bounds++;
        double t64 = e.tolerance(Precision.FLOAT64)[0];
        double t32 = e.tolerance(Precision.FLOAT32)[0];
        assertTrue(t64 <= t32, e.quantity());
        assertTrue(e.lo()[0] <= e.value()[0] && e.value()[0] <= e.hi()[0], e.quantity());
        if (t32 > 0.0) {
          // float32 rounds each ingredient: at least u32 = 2^-24 of the value, at most far less than the value
          assertTrue(t32 >= 0x1p-25 * Math.abs(e.value()[0]) && t32 < 1e-2 * Math.abs(e.value()[0]),
              () -> e.quantity() + ": float32 tolerance " + t32 + " for " + e.value()[0]);
        }
      }
    }
    assertTrue(bounds >= 20, "every applicable catalogued entry of a relu k = 1 classifier: " + bounds);
  }

  /**
   * The rescaled twin (spec GOLDEN-CASES): unit j scaled by a power of two c_j, W2's column by 1/c_j:
   * the same function, so the path norm (invariant) has the same enclosure, the spectral product not.
   */
  @Test
  void rescaledTwinKeepsPathNormsAndMovesSpectralOnes() {
    List<CaseSpec> standard = Presets.of("standard", 0);
    Map<String, Expected> a = byQuantity(GroundTruth.of(find(standard, CASE)).expected());
    Map<String, Expected> b = byQuantity(GroundTruth.of(find(standard, CASE + "-rescaled")).expected());
    Expected pa = a.get("JIANG-PATH-NORM");
    Expected pb = b.get("JIANG-PATH-NORM");
    assertTrue(pa.lo()[0] <= pb.hi()[0] && pb.lo()[0] <= pa.hi()[0], "the path norm is invariant: enclosures overlap");
    Expected sa = a.get("JIANG-LOG-PROD-OF-SPEC");
    Expected sb = b.get("JIANG-LOG-PROD-OF-SPEC");
    assertTrue(sa.hi()[0] < sb.lo()[0] || sb.hi()[0] < sa.lo()[0], "the spectral product changes: disjoint enclosures");
  }

  private static CaseSpec find(List<CaseSpec> cs, String id) {
    return cs.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  private static Map<String, Expected> byQuantity(List<Expected> es) {
    Map<String, Expected> m = new LinkedHashMap<>();
    for (Expected e : es) {
      m.put(e.quantity(), e);
    }
    return m;
  }
}
