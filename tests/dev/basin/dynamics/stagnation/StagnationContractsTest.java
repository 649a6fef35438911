package dev.basin.dynamics.stagnation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.Vectors;
import dev.basin.base.InvalidInputException;
import dev.basin.base.Rng;
import dev.basin.dynamics.QuadraticLandscape;
import dev.basin.dynamics.noise.IsotropicNoise;
import dev.basin.property.Draws;
import dev.basin.property.Gen;
import dev.basin.property.Gens;
import dev.basin.property.Property;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contracts of dynamics/stagnation (proofs/LEDGER.md, property-tested): ball and tube
 * membership (centre in, star-shaped, a point just inside in and just outside out against exact
 * norms), sampling inside the set, the eigenbasis, the Clopper–Pearson interval's order and its
 * exact binomial tail identities (BigDecimal), the quadratic union bound (a probability, at most
 * 1 − failure exactly, non-increasing in T, non-decreasing in the radius), the essential-convexity
 * check on quadratics (λ_min ≤ κ ≤ λ_max) and the Monte-Carlo staying estimate's bookkeeping.
 */
class StagnationContractsTest {

  private static final double EPS = Math.ulp(1.0);

  /** A random symmetric n×n matrix (n in [1, 6]) with its eigenbasis. */
  static Gen<Eigenbasis> bases() {
    return Gen.of((Draws d) -> {
      int n = d.between(1, 6);
      double[] a = new double[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n; j++) {
          double v = (d.unit() - 0.5) * 4;
          a[i * n + j] = v;
          a[j * n + i] = v;
        }
      }
      return Eigenbasis.of(a, n);
    }, List.of(Eigenbasis.of(new double[] {2.0}, 1), Eigenbasis.of(new double[] {1, 0, 0, 1}, 2)));
  }

  private static double exactNorm2(double[] v) {
    BigDecimal s = BigDecimal.ZERO;
    for (double x : v) {
      s = s.add(new BigDecimal(x).multiply(new BigDecimal(x)));
    }
    return s.sqrt(MathContext.DECIMAL64).doubleValue();
  }

  @Test
  void eigenbasisAndSetsMeetTheirContracts() {
    Property.named().tries(300).check(Gen.zip(bases(), Gens.range(1e-3, 10), (b, r) -> new Object[] {b, r}), (v, ctx) -> {
      Eigenbasis b = (Eigenbasis) v[0];
      double r = (double) v[1];
      int n = b.size();
      double[] vals = b.values();
      for (int j = 1; j < n; j++) {
        assertTrue(vals[j] <= vals[j - 1] && b.value(j) == vals[j]);
      }
      Rng rng = Rng.of(n * 31L + (long) (r * 1000));
      double[] x = rng.gaussians(n, 1.0);
      double[] c = b.coordinates(x);
      assertEquals(exactNorm2(x), exactNorm2(c), 1e-12 * Math.max(1, exactNorm2(x)), "V orthogonal: coordinates keep the norm");
      Ball ball = new Ball(r, n);
      int k = 1 + (int) (r * 7) % n;
      Tube tube = new Tube(b, k, r, 2 * r);
      assertTrue(tube.basis() == b && tube.k() == k && tube.radius() == r && tube.perpRadius() == 2 * r);
      for (StagnationSet s : List.of(ball, tube)) {
        assertTrue(s.contains(new double[n]), "the centre");
        double[] out = new double[n];
        for (double scale : new double[] {1.0, 0.5, 1e-3}) {
          s.sample(scale, rng, out);
          double[] shrunk = out.clone();
          for (int q = 0; q < n; q++) {
            shrunk[q] *= 0.999;
          }
          assertTrue(s.contains(shrunk), "a sampled point, pulled in by 0.1 %, is inside (rounding margin)");
          double[] half = shrunk.clone();
          for (int q = 0; q < n; q++) {
            half[q] *= 0.5;
          }
          assertTrue(s.contains(half), "star-shaped");
          assertTrue(s.essentialNormSquared(out) >= 0.0);
        }
        assertTrue(s.describe().get("shape") != null && s.describe().get("spec") != null);
      }
      // the ball against exact norms: a point at (1 ± 1e-9) r along x
      double nx = exactNorm2(x);
      double[] in = new double[n];
      double[] outside = new double[n];
      for (int q = 0; q < n; q++) {
        in[q] = x[q] / nx * r * (1 - 1e-9);
        outside[q] = x[q] / nx * r * (1 + 1e-9);
      }
      assertTrue(ball.contains(in) && !ball.contains(outside));
      assertEquals(exactNorm2(in) * exactNorm2(in), ball.essentialNormSquared(in), 1e-12 * r * r);
      double[] u = new double[n];
      StagnationSet.uniformInBall(n, r, rng, u);
      assertTrue(Vectors.norm(u) <= r * (1 + 8 * n * EPS));
      assertEquals(exactNorm2(u), Vectors.norm(u), 4 * n * EPS * Math.max(r, 1e-300));
    });
    assertThrows(InvalidInputException.class, () -> new Ball(0.0, 2));
    assertThrows(InvalidInputException.class, () -> new Ball(1.0, 0));
    Eigenbasis two = Eigenbasis.of(new double[] {1, 0, 0, 1}, 2);
    assertThrows(InvalidInputException.class, () -> new Tube(two, 3, 1, 1));
    assertThrows(InvalidInputException.class, () -> new Tube(two, 1, -1, 1));
  }

  /** P[Bin(n, p) ≥ k] exactly, p a double (exact binary fraction). */
  static BigDecimal upperTail(long n, long k, double p) {
    BigDecimal bp = new BigDecimal(p);
    BigDecimal q = BigDecimal.ONE.subtract(bp);
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal binom = BigDecimal.ONE;
    MathContext mc = new MathContext(80);
    for (long i = 0; i <= n; i++) {
      if (i > 0) {
        binom = binom.multiply(BigDecimal.valueOf(n - i + 1)).divide(BigDecimal.valueOf(i), mc);
      }
      if (i >= k) {
        sum = sum.add(binom.multiply(bp.pow((int) i, mc), mc).multiply(q.pow((int) (n - i), mc), mc), mc);
      }
    }
    return sum;
  }

  /**
   * Clopper–Pearson ends satisfy their defining tail equations: P[Bin(n, lo) ≥ k] = α/2 and
   * P[Bin(n, hi) ≤ k] = α/2, within a relative 1e-9 (the beta quantile is found numerically by
   * Commons Statistics; 1e-9 is far below any statistical meaning and far above its observed error).
   */
  @Test
  void clopperPearsonMeetsItsTailIdentities() {
    Gen<long[]> g = Gen.of((Draws d) -> {
      long n = 1 + d.draw(d.pick(5L, 60L, 300L));
      return new long[] {d.draw(n + 1), n, d.draw(3)};
    }, List.of(new long[] {0, 1, 0}, new long[] {1, 1, 0}, new long[] {0, 300, 1}, new long[] {300, 300, 2}));
    Property.named().tries(150).check(g, (v, ctx) -> {
      long k = v[0];
      long n = v[1];
      double level = new double[] {0.95, 0.99, 0.5}[(int) v[2]];
      BinomialInterval ci = BinomialInterval.clopperPearson(k, n, level);
      assertTrue(0.0 <= ci.lower() && ci.lower() <= ci.estimate() && ci.estimate() <= ci.upper() && ci.upper() <= 1.0, ci::toString);
      assertEquals((double) k / n, ci.estimate());
      assertEquals(k == 0, ci.lower() == 0.0);
      assertEquals(k == n, ci.upper() == 1.0);
      BigDecimal half = BigDecimal.valueOf((1 - level) / 2);
      if (k > 0) {
        BigDecimal t = upperTail(n, k, ci.lower());
        assertTrue(t.subtract(half).abs().compareTo(half.multiply(new BigDecimal("1e-9"))) <= 0, () -> "P[X>=k | lo] = " + t);
      }
      if (k < n) {
        BigDecimal t = BigDecimal.ONE.subtract(upperTail(n, k + 1, ci.upper()));
        assertTrue(t.subtract(half).abs().compareTo(half.multiply(new BigDecimal("1e-9"))) <= 0, () -> "P[X<=k | hi] = " + t);
      }
      ctx.classify(k == 0 || k == n, "k at an end");
    });
    assertThrows(InvalidInputException.class, () -> BinomialInterval.clopperPearson(2, 1, 0.95));
    assertThrows(InvalidInputException.class, () -> BinomialInterval.clopperPearson(0, 0, 0.95));
    assertThrows(InvalidInputException.class, () -> BinomialInterval.clopperPearson(0, 1, 1.0));
  }

  @Test
  void quadraticUnionBoundIsAMonotoneProbability() {
    Gen<Object[]> g = Gen.zip(bases(), Gens.range(0.01, 2), (b, s) -> new Object[] {b, s});
    Property.named().tries(120).check(g, (v, ctx) -> {
      boolean[] vacuous = {false};
      Eigenbasis b = (Eigenbasis) v[0];
      double sigma = (double) v[1];
      int n = b.size();
      double[] grad = new double[n];
      grad[0] = sigma / 10;
      for (LocalModel model : List.of(LocalModel.isotropic(b, grad, sigma), LocalModel.hessian(b, grad, sigma))) {
        double lr = 0.05;
        for (double r : new double[] {0.1, 1.0}) {
          StayingBound.Bound at = QuadraticUnionBound.INSTANCE.lowerBound(model, new Ball(r, n), lr, 50);
          StayingBound.Bound longer = QuadraticUnionBound.INSTANCE.lowerBound(model, new Ball(r, n), lr, 200);
          StayingBound.Bound wider = QuadraticUnionBound.INSTANCE.lowerBound(model, new Ball(2 * r, n), lr, 50);
          for (StayingBound.Bound x : List.of(at, longer, wider)) {
            assertTrue(0.0 <= x.value() && x.value() <= 1.0 && x.failure() >= 0.0, x::toString);
            assertEquals(x.failure() >= 1.0, x.vacuous());
            if (x.vacuous()) {
              assertEquals(0.0, x.value());
            } else {
              assertTrue(new BigDecimal(x.value()).compareTo(BigDecimal.ONE.subtract(new BigDecimal(x.failure()))) <= 0,
                  "value <= 1 - failure exactly");
            }
          }
          assertTrue(longer.value() <= at.value(), "more steps: no larger staying bound");
          assertTrue(wider.value() >= at.value(), "a larger radius: no smaller staying bound");
          vacuous[0] |= at.vacuous();
        }
      }
      ctx.classify(vacuous[0], "a vacuous bound among the eight");
    });
    Eigenbasis one = Eigenbasis.of(new double[] {1.0}, 1);
    LocalModel m = LocalModel.isotropic(one, new double[1], 0.1);
    assertThrows(InvalidInputException.class, () -> QuadraticUnionBound.INSTANCE.lowerBound(m, new Ball(1, 1), 0.0, 5));
    assertThrows(InvalidInputException.class, () -> QuadraticUnionBound.INSTANCE.lowerBound(m, new Ball(1, 2), 0.1, 5));
    assertThrows(InvalidInputException.class, () -> LocalModel.isotropic(one, new double[1], -1.0));
    assertArrayEquals(new double[] {0.1 * 0.1 * 1.0}, LocalModel.hessian(one, new double[1], 0.1).noiseVariance(), 0.0);
  }

  @Test
  void oneMinusDownIsRoundedDown() {
    Property.named().check(Gens.range(0, 2).withEdges(List.of(1e-300, 1e-17, Math.ulp(1.0) / 4, 0.5)), (f, ctx) -> {
      double v = Probability.oneMinusDown(f);
      assertTrue(0.0 <= v && v <= 1.0);
      if (f < 1.0) {
        BigDecimal exact = BigDecimal.ONE.subtract(new BigDecimal(f));
        assertTrue(new BigDecimal(v).compareTo(exact) <= 0 && new BigDecimal(Math.nextUp(v)).compareTo(exact) > 0,
            () -> v + " is not 1 - " + f + " rounded down");
      } else {
        assertEquals(0.0, v);
      }
    });
  }

  @Test
  void essentialConvexityBracketsTheCurvatureOfAQuadratic() {
    Gen<double[]> lambdas = Gens.arrays(Gens.range(0.1, 5), 1, 5);
    Property.named().tries(60).check(lambdas, (lam, ctx) -> {
      QuadraticLandscape q = QuadraticLandscape.diagonal(lam);
      int n = lam.length;
      EssentialConvexity.Result r = EssentialConvexity.check(q, new double[n], new Ball(1.0, n), 3, 20, 7L);
      double min = java.util.Arrays.stream(lam).min().orElseThrow();
      double max = java.util.Arrays.stream(lam).max().orElseThrow();
      assertTrue(min * (1 - 1e-9) <= r.kappaSecant() && r.kappaSecant() <= max * (1 + 1e-9), () -> r + " vs " + min + ".." + max);
      assertEquals(0, r.failures());
      assertEquals(0.0, r.smallestFailingScale());
      assertTrue(r.samples() >= 1 && r.samples() <= 60);
      assertEquals(r.shells().stream().mapToDouble(EssentialConvexity.Shell::minSecant).min().orElseThrow(), r.kappaSecant());
    });
    assertThrows(InvalidInputException.class,
        () -> EssentialConvexity.check(QuadraticLandscape.diagonal(new double[] {1}), new double[1], new Ball(1, 1), 0, 1, 1));
  }

  @Test
  void monteCarloBookkeepingMeetsItsContract() {
    QuadraticLandscape q = QuadraticLandscape.diagonal(new double[] {1.0, 0.5});
    StayingMonteCarlo.Result one = StayingMonteCarlo.estimate(q, new double[2], new Ball(0.3, 2), 0.1, new IsotropicNoise(0.5),
        30, 200, 0.95, 11L, 1);
    StayingMonteCarlo.Result two = StayingMonteCarlo.estimate(q, new double[2], new Ball(0.3, 2), 0.1, new IsotropicNoise(0.5),
        30, 200, 0.95, 11L, 2);
    assertArrayEquals(one.exitSteps(), two.exitSteps(), "independent of the thread count");
    assertEquals(200, one.exitSteps().length);
    assertEquals(30, one.steps());
    assertEquals(200, one.survivors(0));
    for (int t = 1; t <= 30; t++) {
      assertTrue(one.survivors(t) <= one.survivors(t - 1));
    }
    assertEquals(one.interval().successes(), one.survivors(30));
    assertEquals(200, one.interval().trials());
    assertThrows(InvalidInputException.class, () -> StayingMonteCarlo.estimate(q, new double[2], new Ball(0.3, 2), 0.1,
        new IsotropicNoise(0.5), 30, 0, 0.95, 11L, 1));
  }
}
