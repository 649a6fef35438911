package dev.basin.bounds;

import static dev.basin.bounds.HighPrecision.bd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.NonFiniteResultException;
import dev.basin.kernel.Activation;
import dev.basin.model.TwoLayerNet;
import dev.basin.property.Gen;
import dev.basin.property.Gens;
import dev.basin.property.Nets;
import dev.basin.property.Property;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contracts of Arithmetic, Num and Plain (proofs/LEDGER.md, property-tested): the interval
 * kernels (dot, sums, norms, the spectral norm, the forward pass, π, e, ln 2) enclose the exact
 * value (BigDecimal; the 60-digit reference for constants; for the forward pass of relu, leaky
 * relu and identity nets the exact BigDecimal forward pass), the plain ones are IEEE and lie in
 * the enclosure.
 */
class ArithmeticContractsTest {

  private static final BigDecimal PI = new BigDecimal("3.14159265358979323846264338327950288419716939937510582097494");
  private static final BigDecimal E = new BigDecimal("2.71828182845904523536028747135266249775724709369995957496697");

  @Test
  void constantsAndConstructorsMeetTheirContracts() {
    Arithmetic<Interval> ia = Arithmetic.INTERVAL;
    Arithmetic<Plain> pa = Arithmetic.PLAIN;
    assertTrue(ia.certified() && !pa.certified());
    assertTrue(IntervalContractsTest.encloses(ia.pi(), PI) && IntervalContractsTest.encloses(ia.e(), E));
    assertTrue(IntervalContractsTest.encloses(ia.ln2(), HighPrecision.log(BigDecimal.valueOf(2))));
    assertEquals(Math.PI, pa.pi().v());
    assertEquals(Math.E, pa.e().v());
    assertEquals(Math.log(2.0), pa.ln2().v());
    assertEquals(Interval.point(1L << 53), ia.count(1L << 53));
    assertThrows(IllegalArgumentException.class, () -> ia.count((1L << 53) + 1));
    assertThrows(IllegalArgumentException.class, () -> pa.fromEnds(1, 2), "plain holds one value");
    assertEquals(Interval.of(1, 2), ia.fromEnds(1, 2));
    assertThrows(NonFiniteResultException.class, () -> new Plain(Double.NaN));
    assertEquals("0.5", new Plain(0.5).toString());
    Property.named().check(Gens.finiteDoubles(), (x, ctx) -> {
      assertEquals(x, pa.exact(x).v());
      assertEquals(Interval.point(x), ia.exact(x));
      assertEquals(x, pa.around(x).v());
      BigDecimal half = bd(Math.ulp(x)).divide(BigDecimal.valueOf(2));
      Interval a = ia.around(x);
      assertTrue(IntervalContractsTest.encloses(a, bd(x).add(half)) && IntervalContractsTest.encloses(a, bd(x).subtract(half)));
      double err = Math.abs(x) / 8;
      Interval w = ia.widen(Interval.point(x), err);
      assertTrue(Double.isInfinite(w.lo()) || bd(w.lo()).compareTo(bd(x).subtract(bd(err))) <= 0);
      assertTrue(Double.isInfinite(w.hi()) || bd(w.hi()).compareTo(bd(x).add(bd(err))) >= 0);
      assertEquals(x, pa.widen(new Plain(x), err).v());
    });
  }

  @Test
  void plainOperationsAreIeeeAndRefuseNaN() {
    Gen<double[]> g = Gen.zip(Gens.finiteDoubles(), Gens.finiteDoubles(), (a, b) -> new double[] {a, b});
    Property.named().tries(2000).check(g, (v, ctx) -> {
      double a = v[0];
      double b = v[1];
      Plain x = new Plain(a);
      Plain y = new Plain(b);
      assertEquals(a + b, x.add(y).v());
      assertEquals(a - b, x.sub(y).v());
      assertEquals(a * b, x.mul(y).v());
      if (b != 0.0) {
        assertEquals(a / b, x.div(y).v());
      } else {
        assertThrows(NonFiniteResultException.class, () -> x.div(y));
      }
      assertEquals(-a, x.neg().v());
      assertEquals(Math.abs(a), x.abs().v());
      // as reals (max(0.0, -0.0) may be either zero)
      assertTrue(Math.max(a, b) == x.max(y).v() && Math.min(a, b) == x.min(y).v());
      assertEquals(a * a, x.square().v());
      assertEquals(Math.cbrt(a), x.cbrt().v());
      assertEquals(Math.exp(a), x.exp().v());
      assertTrue(x.lo() == a && x.hi() == a);
      if (a >= 0.0) {
        assertEquals(Math.sqrt(a), x.sqrt().v());
        assertEquals(a * Math.sqrt(a), x.pow3over2().v());
        assertEquals(Math.cbrt(a) * Math.cbrt(a), x.pow2over3().v());
      } else {
        assertThrows(NonFiniteResultException.class, () -> x.sqrt(), "sqrt of a negative is NaN, refused");
      }
      if (a > 0.0) {
        assertEquals(Math.log(a), x.log().v());
      }
    });
  }

  @Test
  void kernelsEncloseTheExactValue() {
    Gen<double[]> arrays = Gens.arrays(Gens.range(-1e3, 1e3), 1, 12);
    Property.named().tries(500).check(Gen.zip(arrays, arrays, (a, b) -> new double[][] {a, b}), (v, ctx) -> {
      double[] a = v[0];
      double[] b = v[1];
      int len = Math.min(a.length, b.length);
      BigDecimal dot = BigDecimal.ZERO;
      BigDecimal ss = BigDecimal.ZERO;
      BigDecimal sa = BigDecimal.ZERO;
      for (int t = 0; t < len; t++) {
        dot = dot.add(bd(a[t]).multiply(bd(b[t])));
        ss = ss.add(bd(a[t]).multiply(bd(a[t])));
        sa = sa.add(bd(a[t]).abs());
      }
      Interval id = Arithmetic.INTERVAL.dot(a, 0, 1, b, 0, 1, len);
      BigDecimal exactDot = dot;
      assertTrue(IntervalContractsTest.encloses(id, exactDot), () -> "dot " + id + " misses " + exactDot);
      Interval is = Arithmetic.INTERVAL.sumSquares(a, 0, 1, len);
      assertTrue(IntervalContractsTest.encloses(is, ss));
      Interval ia = Arithmetic.INTERVAL.sumAbs(a, 0, 1, len);
      assertTrue(IntervalContractsTest.encloses(ia, sa) && ia.lo() >= 0.0);
      Interval n2 = Arithmetic.INTERVAL.norm2(a, 0, 1, len);
      assertTrue(n2.lo() >= 0.0 && bd(n2.lo()).pow(2).compareTo(ss) <= 0 && ss.compareTo(bd(n2.hi()).pow(2)) <= 0);
      assertTrue(id.contains(Arithmetic.PLAIN.dot(a, 0, 1, b, 0, 1, len).v()) || id.width() == 0.0);
      // a 1×len matrix: its spectral norm is the vector's 2-norm
      Interval sn = Arithmetic.INTERVAL.spectralNorm(a, 1, len);
      assertTrue(sn.lo() >= 0.0 && bd(sn.lo()).pow(2).compareTo(ss) <= 0 && ss.compareTo(bd(sn.hi()).pow(2)) <= 0,
          () -> "spectral norm " + sn);
      if (len >= 2) {
        int rows = len / 2;
        Interval s2 = Arithmetic.INTERVAL.spectralNorm(a, rows, 2);
        double p2 = Arithmetic.PLAIN.spectralNorm(a, rows, 2).v();
        assertTrue(s2.lo() >= 0.0 && s2.lo() <= p2 * (1 + 1e-12) && p2 <= s2.hi() * (1 + 1e-12), () -> s2 + " vs " + p2);
      }
    });
  }

  @Test
  void forwardPassEnclosesTheExactOutputs() {
    Nets.Shape shape = Nets.Shape.small().with(Activation.of(Activation.RELU), Activation.of(Activation.IDENTITY),
        Activation.leakyRelu(0.25));
    Property.named().tries(300).check(Nets.labelled(shape, false), (l, ctx) -> {
      TwoLayerNet net = l.net();
      int n = l.data().size();
      double[] x = l.data().x();
      Interval[] out = Arithmetic.INTERVAL.outputs(net, x, n);
      Plain[] plain = Arithmetic.PLAIN.outputs(net, x, n);
      assertEquals(n * net.outputs(), out.length);
      int d = net.inputs();
      int h = net.hidden();
      int k = net.outputs();
      for (int i = 0; i < n; i++) {
        BigDecimal[] a = new BigDecimal[h];
        for (int j = 0; j < h; j++) {
          BigDecimal z = net.b1() == null ? BigDecimal.ZERO : bd(net.b1()[j]);
          for (int t = 0; t < d; t++) {
            z = z.add(bd(net.w1()[j * d + t]).multiply(bd(x[i * d + t])));
          }
          int kind = net.activation().kind();
          a[j] = kind == Activation.IDENTITY || z.signum() > 0 ? z
              : kind == Activation.RELU ? BigDecimal.ZERO : bd(net.activation().slope()).multiply(z);
        }
        for (int o = 0; o < k; o++) {
          BigDecimal f = net.b2() == null ? BigDecimal.ZERO : bd(net.b2()[o]);
          for (int j = 0; j < h; j++) {
            f = f.add(bd(net.w2()[o * h + j]).multiply(a[j]));
          }
          Interval e = out[i * k + o];
          BigDecimal fe = f;
          assertTrue(IntervalContractsTest.encloses(e, fe), () -> "output " + e + " misses the exact " + fe);
          double pv = plain[i * k + o].v();
          assertTrue(e.contains(pv), () -> "plain output " + pv + " outside " + e);
        }
      }
    });
  }

  @Test
  void klInverseOfBothArithmeticsAgree() {
    Property.named().tries(100).check(Gen.zip(Gens.range(0, 1), Gens.range(0, 2), (q, c) -> new double[] {q, c}), (v, ctx) -> {
      Interval ci = Arithmetic.INTERVAL.klInverse(Interval.point(v[0]), Interval.point(v[1]));
      double p = Arithmetic.PLAIN.klInverse(new Plain(v[0]), new Plain(v[1])).v();
      assertTrue(v[0] <= ci.lo() && ci.hi() <= 1.0);
      assertTrue(p >= ci.lo() - Math.ulp(ci.lo()) && p <= ci.hi() + Math.ulp(ci.hi()), () -> p + " vs " + ci);
      List<Interval> wide = List.of(Arithmetic.INTERVAL.klInverse(Interval.of(v[0] / 2, v[0]), Interval.of(v[1] / 2, v[1])));
      assertTrue(wide.get(0).lo() <= ci.lo() && ci.hi() <= wide.get(0).hi(), "monotone in q and c: a wider input, a wider bracket");
    });
  }
}
