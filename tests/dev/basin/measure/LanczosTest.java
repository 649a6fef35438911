package dev.basin.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.compute.SimdBackend;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.model.Point;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * spec FLAT-LANCZOS and FLAT-CERT-EIG against the exact spectrum (dense eigen-decomposition of
 * HESS-FULL). The dense eigenvalues carry the a priori error N·u·‖H‖_F (FLAT-EIG-EXACT), so an
 * enclosure "contains" a dense eigenvalue when it does after widening by that amount.
 */
class LanczosTest {

  private static final SimdBackend SIMD = SimdBackend.create(2);

  static LongStream seeds() {
    return LongStream.range(1, 151);
  }

  private static double denseError(double[] h, int n) {
    double f = 0.0;
    for (double v : h) {
      f += v * v;
    }
    return n * Rounding.U * Math.sqrt(f);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void certifiedExtremesEncloseTheExactOnes(long seed) {
    Case c = Cases.random(seed);
    certifiedExtremesEncloseTheExactOnes(c, c.objective().at(c.theta()), seed);
  }

  /**
   * The same on the SIMD backend (two threads), whose certificates use its own products and forward
   * pass (HessianOperator; FLAT-HVP-ERROR covers COMPUTE-SIMD's products).
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void certifiedExtremesEncloseTheExactOnesOnTheSimdBackend(long seed) {
    Case c = Cases.random(seed);
    certifiedExtremesEncloseTheExactOnes(c, c.objective().withBackend(SIMD).at(c.theta()), seed);
  }

  /** The dense eigenvalues of HESS-FULL, ascending, and their a priori error (FLAT-EIG-EXACT). */
  private record Dense(double[] ev, double err) {
    static Dense of(Point p) {
      int n = p.numParams();
      double[] h = p.hessian();
      return new Dense(SymmetricEigen.of(h, n, false).values(), denseError(h, n));
    }
  }

  private static void certifiedExtremesEncloseTheExactOnes(Case c, Point p, long seed) {
    int n = p.numParams();
    Dense dense = Dense.of(p);
    double[] ev = dense.ev();
    double err = dense.err();
    int k = Math.min(2, n / 2);
    if (k == 0) {
      return;
    }
    Lanczos.Result r = Lanczos.run(HessianOperator.at(p), new Lanczos.Options(k, k, 1e-9, 200, seed));
    assertTrue(r.converged(), () -> c + " did not converge in " + r.iterations());
    for (int i = 0; i < k; i++) {
      EigenCertificate top = r.largest().get(i).certificate();
      EigenCertificate bot = r.smallest().get(i).certificate();
      assertTrue(top != null && bot != null, "Hessian operator certificates");
      double lt = ev[n - 1 - i];
      double lb = ev[i];
      int ii = i;
      // every enclosure contains some exact eigenvalue (the certified claim of FLAT-CERT-EIG)
      assertTrue(containsSome(ev, top, err), () -> c + " top " + ii + " encloses no eigenvalue");
      assertTrue(containsSome(ev, bot, err), () -> c + " bottom " + ii + " encloses no eigenvalue");
      // the extreme ones are found from a random start (not certified, but expected); later ones
      // may skip copies of a repeated eigenvalue (single-vector Lanczos sees one copy)
      if (i == 0) {
        assertTrue(top.low() - err <= lt && lt <= top.high() + err,
            () -> c + " top: " + lt + " not in [" + top.low() + ", " + top.high() + "]");
        assertTrue(bot.low() - err <= lb && lb <= bot.high() + err,
            () -> c + " bottom: " + lb + " not in [" + bot.low() + ", " + bot.high() + "]");
      }
      // Rayleigh bounds are rigorous: lambda_max >= lower bound, lambda_min <= upper bound
      assertTrue(top.lowerBoundOnLargest() <= ev[n - 1] + err, () -> c + " lower bound above lambda_max");
      assertTrue(bot.upperBoundOnSmallest() >= ev[0] - err, () -> c + " upper bound below lambda_min");
      double scale = Math.max(Math.abs(lt), Lanczos.SCALE_FLOOR * Math.max(Math.abs(ev[0]), Math.abs(ev[n - 1])));
      assertTrue(top.radius() <= 1e-9 * scale || Lanczos.roundingLimited(top),
          () -> c + " radius " + top.radius() + " above the tolerance");
    }
  }

  /**
   * Largest-only runs start from the output-block guess (FLAT-LANCZOS "Start") and must still find
   * λ_max: the enclosure contains the dense λ_max and the certified lower bound lies below it.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void largestOnlyRunsFromTheOutputBlockStartFindLambdaMax(long seed) {
    Case c = Cases.random(seed);
    Point p = c.objective().at(c.theta());
    Dense dense = Dense.of(p);
    double err = dense.err();
    Lanczos.Result r = Lanczos.run(HessianOperator.at(p), new Lanczos.Options(1, 0, 1e-9, 200, seed));
    assertTrue(r.converged(), () -> c + " did not converge in " + r.iterations());
    EigenCertificate top = r.largest().get(0).certificate();
    assertTrue(top != null, "Hessian operator certificates");
    double lt = dense.ev()[dense.ev().length - 1];
    assertTrue(top.low() - err <= lt && lt <= top.high() + err,
        () -> c + " top: " + lt + " not in [" + top.low() + ", " + top.high() + "]");
    assertTrue(top.lowerBoundOnLargest() <= lt + err, () -> c + " lower bound above lambda_max");
  }

  private static boolean containsSome(double[] ev, EigenCertificate c, double err) {
    for (double v : ev) {
      if (c.low() - err <= v && v <= c.high() + err) {
        return true;
      }
    }
    return false;
  }

  @Test
  void sameSeedGivesBitIdenticalResults() {
    Case c = Cases.random(42);
    Point p = c.objective().at(c.theta());
    Lanczos.Options o = new Lanczos.Options(1, 1, 1e-10, 100, 7);
    Lanczos.Result a = Lanczos.run(HessianOperator.at(p), o);
    Lanczos.Result b = Lanczos.run(HessianOperator.at(p), o);
    assertEquals(a.largest().get(0).value(), b.largest().get(0).value(), 0.0);
    assertArrayEquals(a.largest().get(0).vector(), b.largest().get(0).vector(), 0.0);
    assertEquals(a.smallest().get(0).certificate().radius(), b.smallest().get(0).certificate().radius(), 0.0);
  }

  /**
   * A diagonal operator with exact products and repeated eigenvalues: the Krylov space of one start
   * has dimension 4 (distinct values), so more wanted values force a breakdown and a restart. Each
   * returned value must be an eigenvalue (certified, radius 0 here) and the extremes must be found;
   * copies of a repeated eigenvalue are not guaranteed (FLAT-LANCZOS).
   */
  @Test
  void breakdownRestartsAndStillCertifies() {
    double[] diag = {3, 3, 3, 1, 1, 0, -2, -2};
    CertifiableOperator op = new CertifiableOperator() {
      @Override
      public int dim() {
        return diag.length;
      }

      @Override
      public void apply(double[] v, double[] out) {
        for (int i = 0; i < v.length; i++) {
          out[i] = diag[i] * v[i];
        }
      }

      @Override
      public void applyCertified(double[] v, double[] out, double[] bound) {
        apply(v, out);
        java.util.Arrays.fill(bound, 0.0);
      }
    };
    Lanczos.Result r = Lanczos.run(op, new Lanczos.Options(3, 2, 1e-10, 50, 3));
    assertTrue(r.converged());
    assertTrue(r.iterations() >= 5, "a restart after the breakdown at dimension 4");
    assertEquals(3.0, r.largest().get(0).value(), 1e-12);
    assertEquals(-2.0, r.smallest().get(0).value(), 1e-12);
    java.util.List<Lanczos.RitzPair> all = new java.util.ArrayList<>(r.largest());
    all.addAll(r.smallest());
    for (Lanczos.RitzPair pair : all) {
      EigenCertificate c = pair.certificate();
      boolean some = false;
      for (double v : diag) {
        some |= c.contains(v);
      }
      assertTrue(some, "value " + pair.value() + " radius " + c.radius() + " is not an eigenvalue");
    }
  }
}
