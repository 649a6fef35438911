package dev.basin.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.kernel.Activation;
import dev.basin.kernel.Problem;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Point;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SimdBackend against the reference kernel (spec COMPUTE-SIMD, COMPUTE-BACKEND): every value within
 * the stated bound 2·u·E(y) (E from {@link RunningError}) on randomized problems of every
 * activation, loss, reduction and bias combination and of sizes that are not multiples of the
 * tile (6×16), the vector width (8) or the depth block (256); bit-reproducibility, also across
 * thread counts; batched products equal to single ones bit for bit.
 */
class SimdBackendTest {

  private static final SimdBackend TWO = SimdBackend.create(2);

  @AfterAll
  static void stop() {
    TWO.close();
  }

  /** All combinations at the small sizes of {@link Cases#random(long)}. */
  static Stream<Case> smallCases() {
    return LongStream.rangeClosed(1, 300).mapToObj(Cases::random);
  }

  /**
   * Medium cases cycling through every activation × loss × reduction × bias pattern (d, h, k, n
   * off every block size), and a few large ones with n &gt; 256 and d &gt; 256 (two depth blocks),
   * n &gt; 120 (several row blocks).
   */
  static Stream<Case> sizedCases() {
    List<Case> cases = new ArrayList<>();
    Activation[] acts = Cases.activations();
    for (int s = 0; s < 48; s++) {
      cases.add(Cases.sized(1000 + s, acts[s % 6], (s / 6) % 4, (s / 24) % 2, s % 2 == 0, s % 3 != 0, 29, 23, 7, 37));
    }
    for (int s = 0; s < 8; s++) {
      cases.add(Cases.sized(2000 + s, acts[(s * 5) % 6], s % 4, s % 2, s % 3 != 1, s % 2 == 1, 270, 50, 11, 300));
    }
    return cases.stream();
  }

  static Stream<Case> allCases() {
    return Stream.concat(smallCases(), sizedCases());
  }

  private static void within(String what, Case c, int index, double simd, double ref, double magnitude) {
    double bound = 2 * RunningError.U * magnitude + Double.MIN_NORMAL;
    double diff = Math.abs(simd - ref);
    assertTrue(diff <= bound, () -> c + ": " + what + "[" + index + "] simd " + simd + " ref " + ref + " |diff| "
        + diff + " > bound " + bound);
  }

  private static void within(String what, Case c, double[] simd, double[] ref, double[] magnitude) {
    assertEquals(ref.length, simd.length, what + " length");
    for (int q = 0; q < ref.length; q++) {
      within(what, c, q, simd[q], ref[q], magnitude[q]);
    }
  }

  @ParameterizedTest
  @MethodSource("allCases")
  void everyValueWithinTheStatedBound(Case c) {
    Problem p = c.objective().problem();
    double[] theta = c.theta();
    RunningError bound = new RunningError(p, theta);
    assertTrue(bound.clearOfKinks(), () -> c + ": a relu pre-activation lies within its error bound of 0"
        + " (outside the contract; choose another seed)");
    Evaluation ref = ReferenceBackend.INSTANCE.evaluate(p, theta);
    try (SimdEvaluation e = TWO.evaluate(p, theta)) {
      within("loss", c, 0, e.loss(), ref.loss(), bound.loss());
      within("outputs", c, e.outputs(), ref.outputs(), bound.outputs());
      int nn = theta.length;
      double[] g = new double[nn];
      double[] gr = new double[nn];
      e.gradient(g);
      ref.gradient(gr);
      within("gradient", c, g, gr, bound.gradient());
      UniformRandomProvider r = Cases.rng(c.seed() + 77);
      for (int t = 0; t < 2; t++) {
        double[] v = Cases.gaussians(r, nn, 1.0);
        double[] hv = new double[nn];
        double[] hr = new double[nn];
        e.hvp(v, hv);
        ref.hvp(v, hr);
        within("Hv", c, hv, hr, bound.hvp(v));
      }
    }
  }

  /** The bound is not vacuous: on the large cases it is within a few orders of the observed error. */
  @Test
  void boundIsTightEnoughToCatchErrors() {
    Case c = sizedCases().filter(x -> x.objective().numParams() > 10_000).findFirst().orElseThrow();
    Problem p = c.objective().problem();
    double[] theta = c.theta();
    double[] v = Cases.gaussians(Cases.rng(5), theta.length, 1.0);
    double[] hv = new double[theta.length];
    double[] e = new RunningError(p, theta).hvp(v);
    ReferenceBackend.INSTANCE.evaluate(p, theta).hvp(v, hv);
    // relative size of the bound: 2u·E / |Hv| for the median entry is far below 1e-6, so an error
    // of one part in a million (e.g. a dropped term) exceeds it
    double[] rel = new double[hv.length];
    for (int q = 0; q < hv.length; q++) {
      rel[q] = 2 * RunningError.U * e[q] / Math.max(Math.abs(hv[q]), Double.MIN_NORMAL);
    }
    java.util.Arrays.sort(rel);
    double median = rel[rel.length / 2];
    assertTrue(median < 1e-9, () -> c + ": median relative bound " + median);
  }

  private static double[][] run(SimdBackend b, Case c, double[][] vs) {
    Problem p = c.objective().problem();
    double[] theta = c.theta();
    int nn = theta.length;
    try (SimdEvaluation e = b.evaluate(p, theta)) {
      double[][] res = new double[3 + vs.length][];
      res[0] = new double[] {e.loss()};
      res[1] = e.outputs();
      res[2] = new double[nn];
      e.gradient(res[2]);
      double[][] outs = new double[vs.length][nn];
      e.hvpBatch(vs, outs);
      System.arraycopy(outs, 0, res, 3, vs.length);
      return res;
    }
  }

  @ParameterizedTest
  @MethodSource("sizedCases")
  void bitIdenticalForSameInputsAndAcrossThreadCounts(Case c) {
    int nn = c.theta().length;
    UniformRandomProvider r = Cases.rng(c.seed() + 3);
    double[][] vs = {Cases.gaussians(r, nn, 1.0), Cases.gaussians(r, nn, 1.0), Cases.gaussians(r, nn, 1.0)};
    double[][] two = run(TWO, c, vs);
    double[][] again = run(TWO, c, vs);
    try (SimdBackend one = SimdBackend.create(1); SimdBackend three = SimdBackend.create(3)) {
      double[][] single = run(one, c, vs);
      double[][] triple = run(three, c, vs);
      for (int q = 0; q < two.length; q++) {
        assertArrayEquals(two[q], again[q], c + " repeated run, result " + q);
        assertArrayEquals(two[q], single[q], c + " 2 vs 1 threads, result " + q);
        assertArrayEquals(two[q], triple[q], c + " 2 vs 3 threads, result " + q);
      }
    }
  }

  /**
   * hvpBatch equals one hvp per direction bit for bit, also with more directions than one pass
   * holds and with b·h above the packed panel width (h = 70, 64 directions per pass: 4480 columns).
   */
  @Test
  void batchedProductsEqualSingleProducts() {
    Activation[] acts = Cases.activations();
    for (int s = 0; s < 6; s++) {
      Case c = Cases.sized(3000 + s, acts[s], s % 4, s % 2, s % 2 == 0, s % 3 == 0, 9, 70, 5, 20);
      Problem p = c.objective().problem();
      int nn = c.theta().length;
      UniformRandomProvider r = Cases.rng(s);
      int count = 150;
      double[][] vs = new double[count][];
      for (int j = 0; j < count; j++) {
        vs[j] = Cases.gaussians(r, nn, 1.0);
      }
      double[][] outs = new double[count][nn];
      try (SimdEvaluation e = TWO.evaluate(p, c.theta())) {
        e.hvpBatch(vs, outs);
        for (int j = 0; j < count; j++) {
          double[] single = new double[nn];
          e.hvp(vs[j], single);
          assertArrayEquals(single, outs[j], c + " direction " + j);
        }
      }
    }
  }

  static Stream<Case> hessianCases() {
    Activation[] acts = Cases.activations();
    return Stream.concat(LongStream.rangeClosed(1, 60).mapToObj(Cases::random),
        LongStream.range(0, 4).mapToObj(s -> Cases.sized(5000 + s, acts[(int) (s * 2 + 1) % 6], (int) s % 4,
            (int) s % 2, s != 1, s != 2, 9, 30, 4, 37)));
  }

  /**
   * COMPUTE-SIMD-HESSIAN: the explicit Hessian is exactly symmetric, each entry within the HVP bound
   * of the symmetrized reference columns ½(H_ref e_q + (H_ref e_r)ᵀ), and it agrees with the
   * kernel's independent closed form (FullHessian) to rounding (1e-12 relative, as in
   * DerivativesTest).
   */
  @ParameterizedTest
  @MethodSource("hessianCases")
  void explicitHessianMatchesReferenceColumnsAndFullHessian(Case c) {
    Problem p = c.objective().problem();
    double[] theta = c.theta();
    int nn = theta.length;
    RunningError bound = new RunningError(p, theta);
    Evaluation ref = ReferenceBackend.INSTANCE.evaluate(p, theta);
    double[][] cols = new double[nn][nn];
    double[][] mags = new double[nn][];
    for (int q = 0; q < nn; q++) {
      double[] e = new double[nn];
      e[q] = 1.0;
      ref.hvp(e, cols[q]);
      mags[q] = bound.hvp(e);
    }
    double[] hm;
    try (SimdEvaluation e = TWO.evaluate(p, theta)) {
      hm = e.hessian();
    }
    double[] full = c.objective().at(theta).hessian();
    double scale = Math.max(1.0, Cases.maxAbs(full));
    for (int r = 0; r < nn; r++) {
      for (int q = 0; q < nn; q++) {
        double h = hm[r * nn + q];
        assertEquals(h, hm[q * nn + r], 0.0, c + " asymmetric at " + r + "," + q);
        double expected = 0.5 * (cols[q][r] + cols[r][q]);
        double tol = RunningError.U * (mags[q][r] + mags[r][q]) + Double.MIN_NORMAL;
        int rr = r;
        int qq = q;
        assertTrue(Math.abs(h - expected) <= tol, () -> c + " H[" + rr + "," + qq + "] = " + h + " vs " + expected);
        assertEquals(full[r * nn + q], h, 1e-12 * scale, c + " vs FullHessian at " + r + "," + q);
      }
    }
  }

  @Test
  void worksBehindTheObjectiveApi() {
    Case c = Cases.sized(4000, Activation.of(Activation.TANH), dev.basin.kernel.Loss.CE, 0, true, true, 6, 11, 4, 30);
    double[] v = Cases.gaussians(Cases.rng(9), c.theta().length, 1.0);
    Point simd = c.objective().withBackend(TWO).at(c.theta());
    assertEquals("simd", simd.objective().backend().name());
    double[] expected = new double[v.length];
    try (SimdEvaluation e = TWO.evaluate(c.objective().problem(), c.theta())) {
      e.hvp(v, expected);
      assertArrayEquals(expected, simd.hvp(v));
      double[] g = new double[v.length];
      e.gradient(g);
      assertArrayEquals(g, simd.gradient());
      assertEquals(e.loss(), simd.loss());
    }
  }

  @Test
  void rejectsBadArgumentsAndUseAfterClose() {
    InvalidInputException bad = assertThrows(InvalidInputException.class, () -> SimdBackend.create(0));
    assertEquals("threads", bad.input());
    Case c = Cases.random(1);
    Problem p = c.objective().problem();
    InvalidInputException len = assertThrows(InvalidInputException.class, () -> TWO.evaluate(p, new double[1 + c.theta().length]));
    assertEquals("theta", len.input());
    SimdEvaluation e = TWO.evaluate(p, c.theta());
    e.close();
    assertThrows(IllegalStateException.class, e::loss);
    assertThrows(IllegalStateException.class, () -> e.hvp(c.theta(), new double[c.theta().length]));
  }
}
