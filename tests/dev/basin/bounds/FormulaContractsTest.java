package dev.basin.bounds;

import static dev.basin.bounds.HighPrecision.bd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.InvalidInputException;
import dev.basin.property.Draws;
import dev.basin.property.Gen;
import dev.basin.property.Gens;
import dev.basin.property.Nets;
import dev.basin.property.Property;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contracts of the catalogue's public formulas (the static value/rademacher/complexity
 * methods), KlInverse and Margins (proofs/LEDGER.md, property-tested): preconditions refused with
 * InvalidInputException; values ≥ 0 (≥ the training error for risk bounds); non-increasing in m
 * and in δ with the other ingredients fixed (plain: exactly, since every step is a monotone IEEE
 * operation; interval: never certainly increasing); the audit enclosure contains the plain value.
 */
class FormulaContractsTest {

  /** Random ingredients of a formula: sizes, two sample counts m ≤ m2, two confidences δ ≤ δ2, norms. */
  record Case(long m, long m2, double delta, double delta2, double err, double a, double b, double c, double gamma, long n) {}

  static Gen<Case> cases(long minM) {
    return Gen.of((Draws d) -> {
      long m = minM + d.draw(d.pick(10L, 1000L, 1_000_000L));
      long m2 = m + d.draw(d.pick(1L, 10L, 100_000L));
      double delta = 1e-9 + d.unit() * 0.98;
      double delta2 = delta + d.unit() * (0.999 - delta);
      return new Case(m, m2, delta, delta2, d.unit(), 1e-3 + 10 * d.unit(), 1e-3 + 10 * d.unit(), 1e-3 + 10 * d.unit(),
          1e-3 + d.unit(), 1 + d.draw(100_000));
    }, List.of(new Case(minM, minM, 0.05, 0.05, 0, 1, 1, 1, 1, 1), new Case(minM, minM + 1, 1e-12, 0.999, 1, 1e-3, 1e3, 1, 1e-3,
        1)));
  }

  /** A formula at (m, δ) in one arithmetic. */
  @FunctionalInterface
  interface At<N extends Num<N>> {
    N at(long m, double delta);
  }

  /** Checks ≥ lower, non-increasing in m and δ (plain exactly, interval not certainly), plain ∈ interval. */
  private static void check(Case c, At<Plain> pf, At<Interval> inf, double lower, String what) {
    double p = pf.at(c.m(), c.delta()).v();
    Interval i = inf.at(c.m(), c.delta());
    double pm = pf.at(c.m2(), c.delta()).v();
    Interval im = inf.at(c.m2(), c.delta());
    double pd = pf.at(c.m(), c.delta2()).v();
    Interval id = inf.at(c.m(), c.delta2());
    assertTrue(p >= lower && i.lo() >= lower, () -> what + " below " + lower + ": " + p + " " + i);
    assertTrue(i.contains(p), () -> what + " plain " + p + " outside " + i);
    assertTrue(pm <= p, () -> what + " grows in m: " + p + " -> " + pm);
    assertTrue(!(im.lo() > i.hi()), () -> what + " certainly grows in m");
    assertTrue(pd <= p, () -> what + " grows in delta: " + p + " -> " + pd);
    assertTrue(!(id.lo() > i.hi()), () -> what + " certainly grows in delta");
  }

  @Test
  void riskFormulasAreNonNegativeMonotoneAndEnclosed() {
    Arithmetic<Plain> pa = Arithmetic.PLAIN;
    Arithmetic<Interval> ia = Arithmetic.INTERVAL;
    Property.named().tries(400).check(cases(3), (c, ctx) -> {
      check(c, (m, d) -> ParameterCountLeeLee.value(pa, c.n(), m), (m, d) -> ParameterCountLeeLee.value(ia, c.n(), m), 0.0,
          "LeeLee");
      check(c, (m, d) -> FiniteClassFloat64.value(pa, pa.exact(c.err()), c.n(), m, d),
          (m, d) -> FiniteClassFloat64.value(ia, ia.exact(c.err()), c.n(), m, d), c.err(), "FiniteClassFloat64");
      check(c, (m, d) -> VcPiecewiseLinear.value(pa, pa.exact(c.err()), c.n(), m, d),
          (m, d) -> VcPiecewiseLinear.value(ia, ia.exact(c.err()), c.n(), m, d), c.err(), "VcPiecewiseLinear");
      check(c, (m, d) -> bft(pa, c, m, d), (m, d) -> bft(ia, c, m, d), c.err(), "BartlettSpectral");
      check(c, (m, d) -> nbs(pa, c, m, d), (m, d) -> nbs(ia, c, m, d), c.err(), "NeyshaburPacBayes");
      check(c, (m, d) -> RademacherL1L2.rademacher(pa, 1.0, pa.exact(c.a()), pa.exact(c.b()), pa.exact(c.c()), m),
          (m, d) -> RademacherL1L2.rademacher(ia, 1.0, ia.exact(c.a()), ia.exact(c.b()), ia.exact(c.c()), m), 0.0,
          "RademacherL1L2");
      check(c, (m, d) -> FrobeniusGRS.rademacher(pa, pa.exact(c.a()), pa.exact(c.b()), pa.exact(c.c()), m),
          (m, d) -> FrobeniusGRS.rademacher(ia, ia.exact(c.a()), ia.exact(c.b()), ia.exact(c.c()), m), 0.0, "FrobeniusGRS");
      check(c, (m, d) -> PathNormEMW.rademacher(pa, 1.0, pa.exact(c.a()), 3, pa.exact(c.b()), m),
          (m, d) -> PathNormEMW.rademacher(ia, 1.0, ia.exact(c.a()), 3, ia.exact(c.b()), m), 0.0, "PathNormEMW");
      int j = 1 + (int) (c.n() % 100);
      check(c, (m, d) -> DziugaiteRoy.complexity(pa, pa.exact(c.a()), j, m, d),
          (m, d) -> DziugaiteRoy.complexity(ia, ia.exact(c.a()), j, m, d), 0.0, "DziugaiteRoy.complexity");
      ctx.classify(c.m() < 100, "m < 100");
    });
  }

  private static <N extends Num<N>> N bft(Arithmetic<N> ar, Case c, long m, double delta) {
    N cx = BartlettSpectral.complexity(ar, 1.0, ar.exact(c.a()), ar.exact(c.b()), ar.exact(c.c()), ar.exact(c.gamma()));
    assertTrue(cx.lo() >= 0.0);
    return BartlettSpectral.value(ar, ar.exact(c.err()), ar.exact(c.gamma()), cx, ar.exact(c.a()), 5, m,
        ar.exact(delta).log().neg());
  }

  private static <N extends Num<N>> N nbs(Arithmetic<N> ar, Case c, long m, double delta) {
    return NeyshaburPacBayes.value(ar, ar.exact(c.err()), ar.exact(c.gamma()), ar.exact(c.a()), ar.exact(c.a()),
        ar.exact(c.b()), ar.exact(c.c()), 4, m, ar.exact(delta).log().neg(), 1.0);
  }

  @Test
  void badArgumentsAreRefused() {
    Arithmetic<Plain> ar = Arithmetic.PLAIN;
    Plain one = new Plain(1.0);
    assertThrows(InvalidInputException.class, () -> ParameterCountLeeLee.value(ar, 10, 0));
    assertThrows(InvalidInputException.class, () -> FiniteClassFloat64.value(ar, one, 10, 0, 0.05));
    assertThrows(InvalidInputException.class, () -> FiniteClassFloat64.value(ar, one, 10, 10, 1.0));
    assertThrows(InvalidInputException.class, () -> VcPiecewiseLinear.value(ar, one, 10, 10, 0.0));
    assertThrows(InvalidInputException.class, () -> BartlettSpectral.value(ar, one, one, one, one, 2, 0, one));
    assertThrows(InvalidInputException.class, () -> NeyshaburPacBayes.value(ar, one, one, one, one, one, one, 2, 1, one, 1.0));
    assertThrows(InvalidInputException.class, () -> RademacherL1L2.rademacher(ar, 1, one, one, one, 0));
    assertThrows(InvalidInputException.class, () -> FrobeniusGRS.rademacher(ar, one, one, one, 0));
    assertThrows(InvalidInputException.class, () -> PathNormEMW.rademacher(ar, 1, one, 2, one, 0));
    assertThrows(InvalidInputException.class, () -> DziugaiteRoy.complexity(ar, one, 1, 1, 0.05));
    assertThrows(InvalidInputException.class, () -> DziugaiteRoy.complexity(ar, one, 1, 10, 1.5));
  }

  @Test
  void gaussianKlIsNonNegative() {
    Gen<double[]> g = Gen.zip(Gens.range(1e-3, 2), Gens.range(0, 50), (s, d) -> new double[] {s, d});
    Property.named().tries(300).check(g, (v, ctx) -> {
      for (int n : new int[] {1, 7, 1000}) {
        for (double logLambda : new double[] {Math.log(v[0] * v[0]), -3.0, 0.5}) {
          Interval kl = DziugaiteRoy.gaussianKl(Arithmetic.INTERVAL, n, Interval.point(v[0]), Interval.point(v[1]),
              Interval.point(logLambda));
          double p = DziugaiteRoy.gaussianKl(Arithmetic.PLAIN, n, new Plain(v[0]), new Plain(v[1]), new Plain(logLambda)).v();
          assertTrue(kl.hi() >= 0.0, () -> "KL enclosure " + kl + " certainly negative");
          assertTrue(kl.contains(p), () -> "plain KL " + p + " outside " + kl);
        }
      }
    });
  }

  @Test
  void vcUpperCertifiesItsDimension() {
    Property.named().tries(200).check(Gen.zip(Gens.ints(1, 60), Gens.ints(1, 30), (h, d) -> new int[] {h, d}), (v, ctx) -> {
      int h = v[0];
      int dAug = v[1];
      long n = (long) h * dAug + 2L * h + 1;
      for (boolean partitions : new boolean[] {true, false}) {
        long dvc = VcPiecewiseLinear.vcUpper(Arithmetic.INTERVAL, h, dAug, n, partitions);
        assertTrue(dvc >= Math.max(n, dAug) - 1);
        assertTrue(VcPiecewiseLinear.proves(Arithmetic.INTERVAL, dvc + 1, h, dAug, n, partitions), "log2 Pi(d+1) < d+1");
      }
    });
  }

  @Test
  void klFunctionsMeetTheirContracts() {
    Property.named().tries(300).check(Gen.zip(Gens.range(0, 1), Gens.range(0, 1), (q, p) -> new double[] {q, p}), (v, ctx) -> {
      double q = v[0];
      double p = v[1];
      double k = KlInverse.kl(q, p);
      if ((p == 0.0 || p == 1.0) && q != p) {
        assertEquals(Double.POSITIVE_INFINITY, k);
      } else {
        assertTrue(k >= -4 * Math.ulp(1.0), () -> "kl(" + q + "||" + p + ") = " + k);
      }
      assertEquals(0.0, KlInverse.kl(q, q), 4 * Math.ulp(1.0));
      double c = p * 2;
      Interval b = KlInverse.bracket(q, c);
      Interval pin = KlInverse.pinsker(Arithmetic.INTERVAL, Interval.point(q), Interval.point(c));
      assertTrue(pin.lo() >= q && !(pin.hi() < b.lo()), () -> "Pinsker " + pin + " below kl^-1 " + b);
    });
  }

  @Test
  void marginsMeetTheirContracts() {
    Property.named().tries(150).check(Nets.labelled(Nets.Shape.small(), false), (l, ctx) -> {
      int n = l.data().size();
      int k = l.net().outputs();
      margins(Arithmetic.PLAIN, l, n, k);
      margins(Arithmetic.INTERVAL, l, n, k);
      ctx.classify(k == 1 ? "binary" : "multi-class");
    });
    Property.named("FormulaContractsTest#marginsMeetTheirContracts#quantile").check(
        Gen.zip(Gens.range(1e-3, 0.999), Gens.ints(1, 5000), (q, m) -> new double[] {q, m}), (v, ctx) -> {
          double q = v[0];
          int m = (int) v[1];
          int expected = new BigDecimal(Double.toString(q)).multiply(BigDecimal.valueOf(m)).setScale(0, RoundingMode.FLOOR)
              .intValueExact();
          if (expected < 1) {
            assertThrows(InvalidInputException.class, () -> Margins.quantileRank(q, m));
          } else {
            assertEquals(expected, Margins.quantileRank(q, m));
          }
        });
  }

  private static <N extends Num<N>> void margins(Arithmetic<N> ar, Nets.Labelled l, int n, int k) {
    N[] mu = Margins.of(ar, l.net(), l.data().x(), l.data().labels());
    assertEquals(n, mu.length);
    double[] out = l.net().outputs(l.data().x(), n);
    int[] y = l.data().labels();
    for (int i = 0; i < n; i++) {
      double plain;
      if (k == 1) {
        plain = y[i] == 1 ? out[i] : -out[i];
      } else {
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          if (j != y[i]) {
            best = Math.max(best, out[i * k + j]);
          }
        }
        plain = out[i * k + y[i]] - best;
      }
      double pv = plain;
      N m = mu[i];
      assertTrue(m.lo() <= pv && pv <= m.hi() || Math.abs(m.lo() - pv) <= 1e-12 * Math.max(1, Math.abs(pv)),
          () -> "margin " + m + " vs " + pv);
    }
    double[] lo = Arrays.stream(mu).mapToDouble(Num::lo).sorted().toArray();
    double[] hi = Arrays.stream(mu).mapToDouble(Num::hi).sorted().toArray();
    for (int r = 1; r <= n; r++) {
      N kth = Margins.kthSmallest(ar, mu, r);
      assertEquals(lo[r - 1], kth.lo());
      assertEquals(hi[r - 1], kth.hi());
    }
    N prev = null;
    for (double g : new double[] {-1, 0, 0.25, 1, 10}) {
      N loss = Margins.loss(ar, mu, ar.exact(g));
      assertTrue(0.0 <= loss.lo() && loss.hi() <= 1.0);
      if (prev != null) {
        assertTrue(loss.hi() >= prev.lo(), "R_gamma does not certainly fall as gamma grows");
      }
      N withRank = Margins.loss(ar, mu, ar.exact(g), Math.min(1, n));
      assertTrue(withRank.lo() >= loss.lo() && withRank.hi() == loss.hi());
      prev = loss;
    }
  }

  /** The exact √(N/m) lies in LeeLee's enclosure: lo²·m ≤ N ≤ hi²·m. */
  @Test
  void leeLeeEnclosesTheExactRoot() {
    Property.named().check(Gen.zip(Gens.ints(0, 1_000_000), Gens.ints(1, 1_000_000), (a, b) -> new long[] {a, b}), (v, ctx) -> {
      Interval r = ParameterCountLeeLee.value(Arithmetic.INTERVAL, v[0], v[1]);
      BigDecimal n = BigDecimal.valueOf(v[0]);
      BigDecimal m = BigDecimal.valueOf(v[1]);
      assertTrue(bd(r.lo()).pow(2).multiply(m).compareTo(n) <= 0 && n.compareTo(bd(r.hi()).pow(2).multiply(m)) <= 0, () -> "" + r);
    });
  }
}
