package dev.basin.bounds;

import static dev.basin.bounds.HighPrecision.bd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.kernel.Activation;
import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.Loss;
import dev.basin.kernel.Problem;
import dev.basin.measure.HvpErrorBound;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import dev.basin.property.Gen;
import dev.basin.property.Gens;
import dev.basin.property.Nets;
import dev.basin.property.Property;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;

/**
 * spec GOLDEN-TOL-BOUNDS: the tool arithmetic's enclosures (ToolModel, ToolNum, ToolArithmetic)
 * hold every value a tool in that precision computes and the exact value. The expected values
 * come from an independent simulation of a float32 tool written here with Java's float type
 * (inputs rounded to float, every operation in float, sums in a random order, library functions
 * as the double result rounded to float: within one ulp), from exact BigDecimal arithmetic, and,
 * for float64, from basin's own IEEE evaluation (Arithmetic.PLAIN, a float64 tool).
 */
class ToolArithmeticTest {

  /** A 1-1-1 net: the kernels below do not use the net, the arithmetic needs one. */
  private static final TwoLayerNet NET = TwoLayerNet.of(Activation.of(Activation.RELU), 1, 1, 1, new double[] {1.0},
      null, new double[] {1.0}, null);

  private static ToolArithmetic tool(ToolModel m) {
    return (ToolArithmetic) m.arithmetic(NET, new double[] {0.0}, new double[] {0.0});
  }

  /** Whether every value a tool computes for n may be v (ToolModel.enclosure: a raw input's rounding charged). */
  private static boolean holds(Num<?> n, double v) {
    Interval e = ToolModel.enclosure(n);
    return e.lo() <= v && v <= e.hi();
  }

  private static boolean holds(Num<?> n, BigDecimal v) {
    Interval e = ToolModel.enclosure(n);
    return bd(e.lo()).compareTo(v) <= 0 && v.compareTo(bd(e.hi())) <= 0;
  }

  /** Σ a_t b_t in float, the products and the sum in the order of a random permutation. */
  private static float floatDot(double[] a, double[] b, int len, Random order) {
    List<Integer> idx = new ArrayList<>();
    for (int t = 0; t < len; t++) {
      idx.add(t);
    }
    Collections.shuffle(idx, order);
    float s = 0f;
    for (int t : idx) {
      s += (float) a[t] * (float) b[t];
    }
    return s;
  }

  @Test
  void float32ValuesAndExactValuesLieInTheEnclosures() {
    ToolArithmetic ar = tool(ToolModel.BINARY32);
    Gen<double[]> arrays = Gens.arrays(Gens.range(-1e3, 1e3), 1, 12);
    Property.named().tries(400).check(Gen.zip(arrays, arrays, (a, b) -> new double[][] {a, b}), (v, ctx) -> {
      double[] a = v[0];
      double[] b = v[1];
      int len = Math.min(a.length, b.length);
      Random order = new Random(java.util.Arrays.hashCode(a) * 31L + java.util.Arrays.hashCode(b));
      BigDecimal dot = BigDecimal.ZERO;
      BigDecimal ss = BigDecimal.ZERO;
      BigDecimal sa = BigDecimal.ZERO;
      double[] absA = new double[len];
      for (int t = 0; t < len; t++) {
        dot = dot.add(bd(a[t]).multiply(bd(b[t])));
        ss = ss.add(bd(a[t]).multiply(bd(a[t])));
        sa = sa.add(bd(a[t]).abs());
        absA[t] = Math.abs(a[t]);
      }
      double[] ones = new double[len];
      java.util.Arrays.fill(ones, 1.0);
      ToolNum d = ar.dot(a, 0, 1, b, 0, 1, len);
      ToolNum s2 = ar.sumSquares(a, 0, 1, len);
      ToolNum s1 = ar.sumAbs(a, 0, 1, len);
      for (int rep = 0; rep < 4; rep++) { // four summation orders
        float fd = floatDot(a, b, len, order);
        float fs = floatDot(a, a, len, order);
        float fa = floatDot(absA, ones, len, order);
        assertTrue(holds(d, fd), () -> "float32 dot " + fd + " outside " + d);
        assertTrue(holds(s2, fs), () -> "float32 sum of squares " + fs + " outside " + s2);
        assertTrue(holds(s1, fa), () -> "float32 sum of |a| " + fa + " outside " + s1);
        float norm = (float) Math.sqrt(fs);
        assertTrue(holds(ar.norm2(a, 0, 1, len), norm));
        // a row vector's SVD: its only singular value is its 2-norm
        assertTrue(holds(ar.spectralNorm(a, 1, len), norm), () -> norm + " outside " + ar.spectralNorm(a, 1, len));
        // a formula on top: ln(1 + Σa²) / (1 + |Σab|), e^(−that), x^(2/3) both ways, x^(3/2), ∛x
        ToolNum one = ar.exact(1.0);
        ToolNum y = one.add(s2).log().div(one.add(d.abs()));
        float fy = (float) Math.log(1f + fs) / (1f + Math.abs(fd));
        assertTrue(holds(y, fy), () -> fy + " outside " + y);
        float fe = (float) Math.exp(-fy);
        assertTrue(holds(y.neg().exp(), fe), () -> fe + " outside " + y.neg().exp());
        ToolNum z = one.add(s1);
        float fz = 1f + fa;
        float cbrt = (float) Math.cbrt(fz);
        assertTrue(holds(z.cbrt(), cbrt));
        assertTrue(holds(z.pow2over3(), cbrt * cbrt), () -> cbrt * cbrt + " outside " + z.pow2over3());
        float pow = (float) Math.pow(fz, 2f / 3f);
        assertTrue(holds(z.pow2over3(), pow), () -> "pow(x, fl(2/3)) = " + pow + " outside " + z.pow2over3());
        float p32 = fz * (float) Math.sqrt(fz);
        assertTrue(holds(z.pow3over2(), p32) && holds(z.pow3over2(), (float) Math.pow(fz, 1.5f)));
      }
      assertTrue(holds(d, dot) && holds(s2, ss) && holds(s1, sa), "the exact values lie in the enclosures too");
    });
  }

  /** A float64 tool: basin's own IEEE evaluation of a bound's formulas lies in the binary64 tool enclosure. */
  @Test
  void float64ToolEnclosesThePlainEvaluation() {
    Nets.Shape shape = Nets.Shape.small().with(Activation.of(Activation.RELU), Activation.of(Activation.TANH));
    Property.named().tries(60).check(Nets.labelled(shape, true), (l, ctx) -> {
      BoundInputs in = BoundInputs.of(l.net(), l.data(), 0.05, BoundInputs.MarginChoice.fixed(0.5));
      // the outputs' error bounds of any IEEE float64 evaluation (FLAT-LOSS-ERROR's E_o, rigorous)
      Loss loss = new Loss(l.net().outputs() == 1 ? Loss.LOGISTIC : Loss.CE, Loss.MEAN);
      Problem p = Objective.of(l.net(), loss, l.data()).problem();
      double[] theta = l.net().parameters();
      double[] errors = HvpErrorBound.of(p, theta, ForwardPass.compute(p, theta)).outputErrorBounds();
      Arithmetic<?> ar = ToolModel.BINARY64.arithmetic(l.net(), l.data().x(), errors);
      List<BoundResult<Plain>> plain = Catalogue.evaluate(Arithmetic.PLAIN, in);
      List<? extends BoundResult<?>> toolResults = evaluate(ar, in);
      List<BoundResult<Interval>> audit = Catalogue.evaluate(Arithmetic.INTERVAL, in);
      for (int i = 0; i < plain.size(); i++) {
        // the number golden/BoundTruth judges: the paper's expression where the entry has one, else the value
        Num<?> pv = target(plain.get(i));
        Num<?> t = target(toolResults.get(i));
        Num<?> e = target(audit.get(i));
        if (pv == null || t == null || e == null || !audit.get(i).applicable()) {
          continue;
        }
        String id = plain.get(i).id();
        Interval te = ToolModel.enclosure(t);
        assertTrue(te.lo() <= e.lo() && e.hi() <= te.hi(), () -> id + ": the audit enclosure " + e + " is not inside " + te);
        if (!(e.lo() <= pv.lo() && pv.lo() <= e.hi())) {
          // a union-grid level decided at a tie (Bound.evaluate's contract): not a rounding question
          ctx.classify("plain outside the audit enclosure");
          continue;
        }
        ctx.classify(id);
        assertTrue(holds(t, pv.lo()), () -> id + ": plain " + pv + " outside the float64 tool's " + te);
      }
    });
  }

  private static @Nullable Num<?> target(BoundResult<?> r) {
    return r.paperForm() != null ? r.paperForm() : r.value();
  }

  private static <N extends Num<N>> List<BoundResult<N>> evaluate(Arithmetic<N> ar, BoundInputs in) {
    return Catalogue.evaluate(ar, in);
  }

  /** kl⁻¹ of a tool stays in [q, 1] and holds the exact bracket. */
  @Test
  void klInverseStaysInItsRange() {
    ToolArithmetic ar = tool(ToolModel.BINARY32);
    Property.named().tries(100).check(Gen.zip(Gens.range(0, 1), Gens.range(0, 2), (q, c) -> new double[] {q, c}), (v, ctx) -> {
      ToolNum q = ToolNum.within(ToolModel.BINARY32, Interval.point(v[0]));
      ToolNum r = ar.klInverse(q, ToolNum.within(ToolModel.BINARY32, Interval.point(v[1])));
      Interval exact = Arithmetic.INTERVAL.klInverse(Interval.point(v[0]), Interval.point(v[1]));
      assertTrue(v[0] <= r.lo() && r.hi() <= 1.0 && r.lo() <= exact.lo() && exact.hi() <= r.hi(), () -> r + " vs " + exact);
    });
  }

  @Test
  void modelProblemsAndNames() {
    ToolArithmetic ar = tool(ToolModel.BINARY32);
    assertEquals("float32", ToolModel.BINARY32.name());
    assertEquals("float64", ToolModel.BINARY64.toString());
    assertNull(ToolModel.modelProblem(ar.exact(3.0).mul(ar.exact(1e30))), "3e30 is in float32's range");
    assertNotNull(ToolModel.modelProblem(ar.exact(4.0).mul(ar.exact(1e38))), "4e38 overflows float32 (max 3.4e38)");
    assertNotNull(ToolModel.modelProblem(ar.exact(1e-40)), "1e-40 is below float32's normal range");
    assertNull(ToolModel.modelProblem(tool(ToolModel.BINARY64).exact(1e-40)));
    assertNull(ToolModel.modelProblem(new Plain(1e300)), "not a tool's number");
    // exact() shows the double itself (Arithmetic.exact's contract); its float32 rounding is charged on use
    ToolNum tenth = ar.exact(0.1);
    assertTrue(tenth.lo() == 0.1 && tenth.hi() == 0.1);
    assertTrue(holds(tenth, (float) 0.1), "ToolModel.enclosure charges the input's float32 rounding");
    ToolNum used = tenth.add(ar.exact(0.0)).mul(ar.exact(1.0));
    assertTrue(holds(used, (float) 0.1) && holds(used, 0.1));
    assertTrue(ar.certified());
  }
}
