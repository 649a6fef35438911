package dev.basin.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.InvalidInputException;
import dev.basin.base.Vectors;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.measure.EigenCertificate;
import dev.basin.measure.HessianOperator;
import dev.basin.measure.HvpErrorBound;
import dev.basin.measure.Lanczos;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.testing.BigHvp;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance kit every {@link Backend} runs (spec COMPUTE-CONFORMANCE): a subclass names the
 * backend ({@link #open()}) and inherits every test. What it checks, and where each expected value
 * comes from:
 *
 * <ul>
 *   <li>shapes and bad input: θ of the wrong length is refused with an InvalidInputException, a
 *       closed evaluation throws, every array has its stated length;
 *   <li>determinism: two preparations and evaluations of the same inputs give the same bits, and a
 *       batched HVP equals single HVPs bit for bit;
 *   <li>the declared error model (COMPUTE-ERROR-MODEL) against exact values: every matrix-product
 *       pass within γ_L·(|A||B| + |C₀|) of the exact (BigDecimal) product, on shapes with k = 1,
 *       prime and tile-misaligned sizes, designed cancellation and exponents over ±2⁶⁰ per row or
 *       column (kept out of subnormals); the forward quantities z, o, W2ᵀg within γ_L of the exact
 *       sums of the backend's own inputs to them, activations within the declared ulps of the
 *       60-digit σ, σ', σ''; the loss within FLAT-LOSS-ERROR and every HVP within FLAT-HVP-ERROR
 *       (both built from the declared model) of the 60-digit values ({@link BigHvp});
 *   <li>against the reference kernel: HVPs within the sum of both backends' FLAT-HVP-ERROR bounds;
 *       loss, outputs, gradient and HVPs within the first-order running-error bound 2u·E(y) of
 *       {@link RunningError} (valid for any summation order, FMA or not), also on problems with
 *       features scaled over 2^±30 and near-fit targets (cancellation in o − y);
 *   <li>metamorphic relations with rigorous slack from the same bounds: vᵀĤw = wᵀĤv, linearity
 *       H(αv + βw) = αHv + βHw (α, β powers of two, the rounding of αv + βw carried exactly by
 *       TwoSum); HVPs against central differences of the backend's own gradient (smooth
 *       activations; a stated truncation tolerance);
 *   <li>certified eigenvalue enclosures (FLAT-CERT-EIG on this backend's products) that contain the
 *       exact eigenvalues of small nets (dense eigen-decomposition of HESS-FULL, widened by its a
 *       priori error N·u·‖H‖_F).
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformance {

  private static final double U = ErrorModel.U;

  private Backend backend = ReferenceBackend.INSTANCE;

  /** A fresh backend under test (closed after the class's tests). */
  protected abstract Backend open();

  /** How many seeded small random cases ({@link Cases#random}) the exact checks run (slow backends may lower it). */
  protected int smallCaseCount() {
    return 60;
  }

  @BeforeAll
  final void start() {
    backend = open();
  }

  @AfterAll
  final void stop() {
    backend.close();
  }

  /** The backend under test (open during the tests). */
  protected final Backend backend() {
    return backend;
  }

  // ---------------------------------------------------------------- cases

  public final Stream<Case> smallCases() {
    return LongStream.rangeClosed(1, smallCaseCount()).mapToObj(Cases::random);
  }

  /**
   * Sized cases through every activation × loss × reduction × bias pattern: sizes prime and off
   * every tile width in use (6, 8, 16, 64, 128, 256), k = 1, one sample, one unit, and one with
   * n, h ≥ 128 (full GEMM tiles of the CUDA kernels).
   */
  public final Stream<Case> plainSizedCases() {
    List<Case> cases = new ArrayList<>();
    Activation[] acts = Cases.activations();
    int[][] shapes = {{29, 23, 7, 37}, {1, 1, 1, 1}, {13, 17, 1, 31}, {3, 129, 2, 5}, {65, 7, 11, 257},
      {257, 33, 3, 19}, {5, 2, 13, 1}, {70, 130, 3, 150}};
    for (int s = 0; s < 32; s++) {
      int[] sh = shapes[s % shapes.length];
      cases.add(Cases.sized(7000 + s, acts[s % 6], (s / 6) % 4, (s / 24) % 2, s % 2 == 0, s % 3 != 0, sh[0], sh[1],
          sh[2], sh[3]));
    }
    return cases.stream();
  }

  /**
   * The plain sized cases, plus two with features scaled over 2^±30 (z unchanged, W1 components
   * and the terms of R{z} spread wide) and two with near-fit targets (cancellation in o − y).
   */
  public final Stream<Case> sizedCases() {
    Activation[] acts = Cases.activations();
    return Stream.concat(plainSizedCases(), Stream.of(
        scaledFeatures(Cases.sized(7100, acts[2], Loss.CE, Loss.MEAN, true, true, 31, 19, 5, 23), 30),
        scaledFeatures(Cases.sized(7101, acts[0], Loss.HALFSQ, Loss.SUM, false, true, 17, 29, 3, 41), 30),
        nearFit(Cases.sized(7102, acts[3], Loss.HALFSQ, Loss.MEAN, true, true, 11, 13, 4, 29)),
        nearFit(Cases.sized(7103, acts[1], Loss.MSE, Loss.SUM, true, false, 23, 9, 2, 17))));
  }

  public final Stream<Case> allCases() {
    return Stream.concat(smallCases(), sizedCases());
  }

  public final Stream<Case> smoothCases() {
    return plainSizedCases().filter(c -> ActivationStage.curved(c.objective().activation()));
  }

  /** Feature m of X times 2^e_m and column m of W1 times 2^−e_m, e_m ∈ [−span, span]: exact, z unchanged. */
  static Case scaledFeatures(Case c, int span) {
    Objective o = c.objective();
    ParameterLayout l = o.layout();
    int n = o.data().size();
    int d = l.inputs();
    UniformRandomProvider r = Cases.rng(c.seed() + 1);
    double[] x = o.problem().inputs().clone();
    double[] theta = c.theta().clone();
    for (int m = 0; m < d; m++) {
      double s = Math.scalb(1.0, r.nextInt(2 * span + 1) - span);
      for (int i = 0; i < n; i++) {
        x[i * d + m] *= s;
      }
      for (int j = 0; j < l.hidden(); j++) {
        theta[j * d + m] /= s;
      }
    }
    Dataset data = o.loss().usesLabels() ? Dataset.withLabels(n, d, x, o.problem().labels())
        : Dataset.withTargets(n, d, x, l.outputs(), o.problem().targets());
    return new Case(c.seed(), Objective.of(l, o.activation(), o.loss(), data), theta, c + " features*2^+-" + span);
  }

  /** Targets = the reference outputs plus noise of 10⁻⁹ relative: o − y cancels to ~9 digits. */
  static Case nearFit(Case c) {
    Objective o = c.objective();
    double[] out = ReferenceBackend.INSTANCE.evaluate(o.problem(), c.theta()).outputs();
    UniformRandomProvider r = Cases.rng(c.seed() + 2);
    for (int q = 0; q < out.length; q++) {
      out[q] += 1e-9 * Math.abs(out[q]) * Cases.gauss(r);
    }
    Dataset data = Dataset.withTargets(o.data().size(), o.layout().inputs(), o.problem().inputs(), o.layout().outputs(),
        out);
    return new Case(c.seed(), Objective.of(o.layout(), o.activation(), o.loss(), data), c.theta(), c + " near-fit");
  }

  private static double[] gaussians(long seed, int n) {
    return Cases.gaussians(Cases.rng(seed), n, 1.0);
  }

  /** Everything an evaluation returns, for bit comparisons: loss, outputs, gradient, H·v_j. */
  private static double[][] everything(Evaluation e, double[][] vs) {
    int nn = e.problem().layout().size();
    double[][] res = new double[3 + vs.length][];
    res[0] = new double[] {e.loss()};
    res[1] = e.outputs();
    res[2] = new double[nn];
    e.gradient(res[2]);
    for (int j = 0; j < vs.length; j++) {
      res[3 + j] = new double[nn];
      e.hvp(vs[j], res[3 + j]);
    }
    return res;
  }

  // ---------------------------------------------------------------- shapes and bad input

  @Test
  public void refusesThetaOfTheWrongLength() {
    Case c = Cases.random(3);
    try (Prepared p = backend.prepare(c.objective().problem())) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> p.evaluate(new double[c.theta().length + 1]));
      assertEquals("theta", e.input());
    }
  }

  @Test
  public void aClosedEvaluationThrows() {
    Case c = Cases.random(4);
    try (Prepared p = backend.prepare(c.objective().problem())) {
      Evaluation e = p.evaluate(c.theta());
      e.close();
      e.close();
      assertThrows(IllegalStateException.class, e::loss);
      assertThrows(IllegalStateException.class, () -> e.hvp(c.theta(), new double[c.theta().length]));
    }
  }

  /** Prepared.evaluate's lifecycle clause: after close() it refuses (IllegalStateException), twice closed is fine. */
  @Test
  public void aClosedPreparedProblemRefusesEvaluations() {
    Case c = Cases.random(5);
    Prepared p = backend.prepare(c.objective().problem());
    p.close();
    p.close();
    assertThrows(IllegalStateException.class, () -> p.evaluate(c.theta()));
  }

  @ParameterizedTest
  @MethodSource("sizedCases")
  public void everyArrayHasItsStatedShape(Case c) {
    Problem p = c.objective().problem();
    ParameterLayout l = p.layout();
    int n = p.samples();
    int h = l.hidden();
    int k = l.outputs();
    try (Prepared pr = backend.prepare(p); Evaluation e = pr.evaluate(c.theta())) {
      assertEquals(backend.errorModel(), e.errorModel());
      assertEquals(n * k, e.outputs().length);
      ForwardQuantities f = e.forwardQuantities();
      for (double[] a : new double[][] {f.preActivations(), f.activations(), f.firstDerivatives(),
        f.secondDerivatives(), f.backpropagated()}) {
        assertEquals(n * h, a.length);
      }
      assertEquals(n * k, f.outputs().length);
      assertEquals(n * k, f.outputGradients().length);
      assertArrayEquals(e.outputs(), f.outputs(), "outputs() and the forward quantities' outputs");
      double[][] none = new double[0][];
      e.hvpBatch(none, none);
    }
  }

  // ---------------------------------------------------------------- determinism

  @ParameterizedTest
  @MethodSource("sizedCases")
  public void runToRunBitDeterminismAndBatchedEqualsSingle(Case c) {
    Problem p = c.objective().problem();
    int nn = c.theta().length;
    double[][] vs = {gaussians(c.seed() + 11, nn), gaussians(c.seed() + 12, nn), gaussians(c.seed() + 13, nn)};
    double[][] first;
    double[][] second;
    double[][] batched = new double[vs.length][nn];
    try (Prepared pr = backend.prepare(p); Evaluation e = pr.evaluate(c.theta())) {
      first = everything(e, vs);
      e.hvpBatch(vs, batched);
    }
    try (Prepared pr = backend.prepare(p); Evaluation e = pr.evaluate(c.theta())) {
      second = everything(e, vs);
    }
    for (int q = 0; q < first.length; q++) {
      assertArrayEquals(first[q], second[q], c + ": result " + q + " differs between two runs");
    }
    for (int j = 0; j < vs.length; j++) {
      assertArrayEquals(first[3 + j], batched[j], c + ": batched HVP " + j + " differs from the single one");
    }
  }

  // ---------------------------------------------------------------- matrix products against exact values

  /** A GEMM test case: shape, transposes, offsets, accumulation, value pattern. */
  public record GemmCase(int m, int n, int k, boolean transA, boolean transB, boolean accumulate, int pattern, long seed) {
    @Override
    public String toString() {
      return "gemm " + m + "x" + n + "x" + k + (transA ? " A^T" : "") + (transB ? " B^T" : "")
          + (accumulate ? " +C" : "") + " pattern " + pattern + " seed " + seed;
    }
  }

  public final Stream<GemmCase> gemmCases() {
    int[][] shapes = {{1, 1, 1}, {7, 5, 1}, {1, 9, 13}, {13, 17, 31}, {7, 129, 257}, {65, 33, 2}, {6, 16, 256},
      {70, 19, 300}, {3, 130, 64}, {37, 41, 43}};
    List<GemmCase> cases = new ArrayList<>();
    int s = 0;
    for (int[] sh : shapes) {
      for (int pattern = 0; pattern < 3; pattern++) {
        cases.add(new GemmCase(sh[0], sh[1], sh[2], s % 2 == 1, s % 3 == 1, s % 4 >= 2, pattern, 900 + s));
        s++;
      }
    }
    return cases.stream();
  }

  /**
   * Values of pattern 0: N(0,1); 1: N(0,1)·2^e with e ∈ [−60, 60] per row of op(A) and per column
   * of op(B) and ±8 per entry (products over 2^±136, far from subnormals); 2: cancellation, the
   * second half of each op(A) row repeats the first half and op(B)'s second half is minus its
   * first half times (1 + 2⁻²⁰·noise), so each exact sum is ~10⁻⁶ of its terms.
   */
  private static double[][] gemmOperands(GemmCase g) {
    UniformRandomProvider r = Cases.rng(g.seed());
    double[] a = new double[g.m() * g.k()];
    double[] b = new double[g.k() * g.n()];
    int[] rowExp = new int[g.m()];
    int[] colExp = new int[g.n()];
    for (int i = 0; i < g.m(); i++) {
      rowExp[i] = g.pattern() == 1 ? r.nextInt(121) - 60 : 0;
    }
    for (int j = 0; j < g.n(); j++) {
      colExp[j] = g.pattern() == 1 ? r.nextInt(121) - 60 : 0;
    }
    int half = g.k() / 2;
    // op(A)(i, p) and op(B)(p, j) in logical (untransposed) coordinates first
    for (int i = 0; i < g.m(); i++) {
      for (int p = 0; p < g.k(); p++) {
        double v = Cases.gauss(r) * Math.scalb(1.0, rowExp[i] + (g.pattern() == 1 ? r.nextInt(17) - 8 : 0));
        a[i * g.k() + p] = g.pattern() == 2 && p >= half && p - half < half ? a[i * g.k() + p - half] : v;
      }
    }
    for (int p = 0; p < g.k(); p++) {
      for (int j = 0; j < g.n(); j++) {
        double v = Cases.gauss(r) * Math.scalb(1.0, colExp[j] + (g.pattern() == 1 ? r.nextInt(17) - 8 : 0));
        b[p * g.n() + j] = g.pattern() == 2 && p >= half && p - half < half
            ? -b[(p - half) * g.n() + j] * (1.0 + 0x1p-20 * Cases.gauss(r)) : v;
      }
    }
    return new double[][] {a, b};
  }

  /** The row-major storage of a logical rows×cols matrix, transposed when asked, at offset off. */
  private static double[] store(double[] logical, int rows, int cols, boolean transposed, int off) {
    double[] s = new double[off + rows * cols + 3];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        s[off + (transposed ? c * rows + r : r * cols + c)] = logical[r * cols + c];
      }
    }
    return s;
  }

  @ParameterizedTest
  @MethodSource("gemmCases")
  public void matrixProductsWithinTheDeclaredBoundOfTheExactProduct(GemmCase g) {
    double[][] ops = gemmOperands(g);
    int m = g.m();
    int n = g.n();
    int k = g.k();
    double[] a = store(ops[0], m, k, g.transA(), 2);
    double[] b = store(ops[1], k, n, g.transB(), 5);
    double[] c0 = gaussians(g.seed() + 1, 1 + m * n + 1);
    double[] c = c0.clone();
    Case any = Cases.random(1);
    try (Prepared p = backend.prepare(any.objective().problem())) {
      MatrixProducts mp = p.products();
      mp.multiply(m, n, k, a, 2, g.transA() ? m : k, g.transA(), b, 5, g.transB() ? k : n, g.transB(), c, 1,
          g.accumulate());
      double[] again = c0.clone();
      mp.multiply(m, n, k, a, 2, g.transA() ? m : k, g.transA(), b, 5, g.transB() ? k : n, g.transB(), again, 1,
          g.accumulate());
      assertArrayEquals(c, again, g + ": two runs differ");
      BigDecimal gamma = new BigDecimal(ErrorModel.gamma(mp.errorModel().gemmChain(k)));
      assertEquals(c0[0], c[0], g + ": wrote before C");
      assertEquals(c0[1 + m * n], c[1 + m * n], g + ": wrote after C");
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          BigDecimal exact = g.accumulate() ? new BigDecimal(c0[1 + i * n + j]) : BigDecimal.ZERO;
          BigDecimal mag = exact.abs();
          for (int q = 0; q < k; q++) {
            BigDecimal t = new BigDecimal(ops[0][i * k + q]).multiply(new BigDecimal(ops[1][q * n + j]));
            exact = exact.add(t);
            mag = mag.add(t.abs());
          }
          BigDecimal err = new BigDecimal(c[1 + i * n + j]).subtract(exact).abs();
          BigDecimal bound = gamma.multiply(mag);
          int ii = i;
          int jj = j;
          assertTrue(err.compareTo(bound) <= 0, () -> g + " C[" + ii + "," + jj + "]: |error| " + err.doubleValue()
              + " > declared bound " + bound.doubleValue());
        }
      }
    }
  }

  // ---------------------------------------------------------------- forward quantities, loss and HVP against exact values

  private static BigDecimal bd(double v) {
    return new BigDecimal(v);
  }

  private static void within(String what, double computed, BigDecimal exact, BigDecimal bound) {
    BigDecimal err = bd(computed).subtract(exact).abs();
    assertTrue(err.compareTo(bound) <= 0, () -> what + ": |error| " + err.doubleValue() + " > declared bound "
        + bound.doubleValue() + " (value " + computed + ")");
  }

  @ParameterizedTest
  @MethodSource("allCases")
  public void forwardQuantitiesWithinTheDeclaredModel(Case c) {
    Problem p = c.objective().problem();
    ParameterLayout l = p.layout();
    int n = p.samples();
    int d = l.inputs();
    int h = l.hidden();
    int k = l.outputs();
    double[] x = p.inputs();
    double[] theta = c.theta();
    try (Prepared pr = backend.prepare(p); Evaluation e = pr.evaluate(theta)) {
      ErrorModel em = e.errorModel();
      ForwardQuantities f = e.forwardQuantities();
      BigDecimal gz = bd(ErrorModel.gamma(em.preActivationChain(d)));
      BigDecimal go = bd(ErrorModel.gamma(em.outputChain(h)));
      BigDecimal gb = bd(ErrorModel.gamma(em.backChain(k)));
      Activation act = p.activation();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < h; j++) {
          BigDecimal z = l.hasHiddenBias() ? bd(theta[l.offsetB1() + j]) : BigDecimal.ZERO;
          BigDecimal mag = z.abs();
          for (int m = 0; m < d; m++) {
            BigDecimal t = bd(theta[j * d + m]).multiply(bd(x[i * d + m]));
            z = z.add(t);
            mag = mag.add(t.abs());
          }
          int q = i * h + j;
          String at = c + " sample " + i + " unit " + j;
          within(at + " z", f.preActivations()[q], z, gz.multiply(mag));
          BigDecimal[] s = BigHvp.act(act, bd(f.preActivations()[q]));
          double[] got = {f.activations()[q], f.firstDerivatives()[q], f.secondDerivatives()[q]};
          for (int o = 0; o < 3; o++) {
            within(at + " sigma^(" + o + ")", got[o], s[o], bd(em.functionError(got[o])));
          }
          BigDecimal back = BigDecimal.ZERO;
          BigDecimal bmag = BigDecimal.ZERO;
          for (int o = 0; o < k; o++) {
            BigDecimal t = bd(theta[l.offsetW2() + o * h + j]).multiply(bd(f.outputGradients()[i * k + o]));
            back = back.add(t);
            bmag = bmag.add(t.abs());
          }
          within(at + " W2^T g", f.backpropagated()[q], back, gb.multiply(bmag));
        }
        for (int o = 0; o < k; o++) {
          BigDecimal out = l.hasOutputBias() ? bd(theta[l.offsetB2() + o]) : BigDecimal.ZERO;
          BigDecimal mag = out.abs();
          for (int j = 0; j < h; j++) {
            BigDecimal t = bd(theta[l.offsetW2() + o * h + j]).multiply(bd(f.activations()[i * h + j]));
            out = out.add(t);
            mag = mag.add(t.abs());
          }
          within(c + " sample " + i + " output " + o, f.outputs()[i * k + o], out, go.multiply(mag));
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("smallCases")
  public void lossWithinFlatLossErrorOfTheExactLoss(Case c) {
    Problem p = c.objective().problem();
    try (Prepared pr = backend.prepare(p); Evaluation e = pr.evaluate(c.theta())) {
      double bound = HvpErrorBound.of(e, c.theta()).lossErrorBound();
      within(c + " loss", e.loss(), BigHvp.loss(p, c.theta()), bd(bound));
    }
  }

  @ParameterizedTest
  @MethodSource("smallCases")
  public void hvpWithinFlatHvpErrorOfTheExactProduct(Case c) {
    Problem p = c.objective().problem();
    double[] theta = c.theta();
    double[] v = gaussians(c.seed() + 77, theta.length);
    try (Prepared pr = backend.prepare(p); Evaluation e = pr.evaluate(theta)) {
      double[] hv = new double[theta.length];
      e.hvp(v, hv);
      double[] b = HvpErrorBound.of(e, theta).bound(v);
      BigDecimal[] exact = BigHvp.hvp(p, theta, v);
      for (int q = 0; q < hv.length; q++) {
        within(c + " Hv[" + q + "]", hv[q], exact[q], bd(b[q]));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("sizedCases")
  public void hvpWithinBothBoundsOfTheReferenceProduct(Case c) {
    Problem p = c.objective().problem();
    double[] theta = c.theta();
    double[] v = gaussians(c.seed() + 78, theta.length);
    Evaluation ref = ReferenceBackend.INSTANCE.evaluate(p, theta);
    double[] hr = new double[theta.length];
    ref.hvp(v, hr);
    double[] br = HvpErrorBound.of(ref, theta).bound(v);
    try (Prepared pr = backend.prepare(p); Evaluation e = pr.evaluate(theta)) {
      double[] hv = new double[theta.length];
      e.hvp(v, hv);
      double[] b = HvpErrorBound.of(e, theta).bound(v);
      for (int q = 0; q < hv.length; q++) {
        double diff = Math.abs(hv[q] - hr[q]);
        // the sum of the two bounds rounded up (two roundings of at most u relative each)
        double allowed = (b[q] + br[q]) * (1 + 4 * U);
        int qq = q;
        assertTrue(diff <= allowed, () -> c + " Hv[" + qq + "]: |backend - reference| " + diff + " > " + allowed);
      }
    }
  }

  // ---------------------------------------------------------------- running-error bound against the reference

  private static void close(String what, Case c, double[] got, double[] ref, double[] magnitude) {
    assertEquals(ref.length, got.length, what + " length");
    for (int q = 0; q < ref.length; q++) {
      double bound = 2 * RunningError.U * magnitude[q] + Double.MIN_NORMAL;
      double diff = Math.abs(got[q] - ref[q]);
      int qq = q;
      assertTrue(diff <= bound, () -> c + ": " + what + "[" + qq + "] backend " + got[qq] + " reference " + ref[qq]
          + " |diff| " + diff + " > 2u·E = " + bound);
    }
  }

  @ParameterizedTest
  @MethodSource("allCases")
  public void withinTheRunningErrorBoundOfTheReference(Case c) {
    Problem p = c.objective().problem();
    double[] theta = c.theta();
    RunningError bound = new RunningError(p, theta);
    assertTrue(bound.clearOfKinks(), () -> c + ": a relu pre-activation lies within its error bound of 0"
        + " (outside the running-error contract; choose another seed)");
    Evaluation ref = ReferenceBackend.INSTANCE.evaluate(p, theta);
    try (Prepared pr = backend.prepare(p); Evaluation e = pr.evaluate(theta)) {
      close("loss", c, new double[] {e.loss()}, new double[] {ref.loss()}, new double[] {bound.loss()});
      close("outputs", c, e.outputs(), ref.outputs(), bound.outputs());
      int nn = theta.length;
      double[] g = new double[nn];
      double[] gr = new double[nn];
      e.gradient(g);
      ref.gradient(gr);
      close("gradient", c, g, gr, bound.gradient());
      for (int t = 0; t < 2; t++) {
        double[] v = gaussians(c.seed() + 77 + t, nn);
        double[] hv = new double[nn];
        double[] hr = new double[nn];
        e.hvp(v, hv);
        ref.hvp(v, hr);
        close("Hv", c, hv, hr, bound.hvp(v));
      }
    }
  }

  // ---------------------------------------------------------------- metamorphic relations

  private static double absDot(double[] a, double[] b) {
    double s = 0.0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i]) * Math.abs(b[i]);
    }
    return s;
  }

  /**
   * vᵀHw = wᵀHv exactly; computed, |vᵀĤw − wᵀĤv| ≤ |v|ᵀb(w) + |w|ᵀb(v) + γ_N(|v|ᵀ|Ĥw| + |w|ᵀ|Ĥv|),
   * each side's dot rounded in N steps (all doubled for the rounding of the bound's own sums).
   */
  @ParameterizedTest
  @MethodSource("sizedCases")
  public void hessianIsSymmetricWithinTheDeclaredBounds(Case c) {
    double[] theta = c.theta();
    int nn = theta.length;
    double[] v = gaussians(c.seed() + 21, nn);
    double[] w = gaussians(c.seed() + 22, nn);
    try (Prepared pr = backend.prepare(c.objective().problem()); Evaluation e = pr.evaluate(theta)) {
      HvpErrorBound eb = HvpErrorBound.of(e, theta);
      double[] hv = new double[nn];
      double[] hw = new double[nn];
      e.hvp(v, hv);
      e.hvp(w, hw);
      double gap = Math.abs(Vectors.dot(v, hw) - Vectors.dot(w, hv));
      double allowed = 2 * (absDot(v, eb.bound(w)) + absDot(w, eb.bound(v))
          + ErrorModel.gamma(nn + 1.0) * (absDot(v, hw) + absDot(w, hv)));
      assertTrue(gap <= allowed, () -> c + ": |v^T Hw - w^T Hv| = " + gap + " > " + allowed);
    }
  }

  /**
   * H(αv + βw) = αHv + βHw with α = 2, β = −0.5 (scalings exact): u = fl(αv + βw) differs from
   * αv + βw by δ, known exactly by TwoSum, so Ĥu − αĤv − βĤw − Ĥδ is bounded by b(u) + |α|b(v) +
   * |β|b(w) + b(δ) plus the rounding of the three-term combination.
   */
  @ParameterizedTest
  @MethodSource("sizedCases")
  public void hessianVectorProductsAreLinearWithinTheDeclaredBounds(Case c) {
    double[] theta = c.theta();
    int nn = theta.length;
    double alpha = 2.0;
    double beta = -0.5;
    double[] v = gaussians(c.seed() + 31, nn);
    double[] w = gaussians(c.seed() + 32, nn);
    double[] u = new double[nn];
    double[] delta = new double[nn];
    for (int q = 0; q < nn; q++) {
      double a = alpha * v[q];
      double b = beta * w[q];
      double s = a + b;
      double bb = s - a;
      double err = (a - (s - bb)) + (b - bb);
      u[q] = s;
      delta[q] = -err;
    }
    try (Prepared pr = backend.prepare(c.objective().problem()); Evaluation e = pr.evaluate(theta)) {
      HvpErrorBound eb = HvpErrorBound.of(e, theta);
      double[][] outs = new double[4][nn];
      e.hvpBatch(new double[][] {u, v, w, delta}, outs);
      double[] bu = eb.bound(u);
      double[] bv = eb.bound(v);
      double[] bw = eb.bound(w);
      double[] bd = eb.bound(delta);
      for (int q = 0; q < nn; q++) {
        double combo = alpha * outs[1][q] + beta * outs[2][q] + outs[3][q];
        double gap = Math.abs(outs[0][q] - combo);
        double mag = Math.abs(alpha * outs[1][q]) + Math.abs(beta * outs[2][q]) + Math.abs(outs[3][q]);
        double allowed = (bu[q] + alpha * bv[q] + Math.abs(beta) * bw[q] + bd[q] + ErrorModel.gamma(3) * mag)
            * (1 + 8 * U) + Double.MIN_NORMAL;
        int qq = q;
        assertTrue(gap <= allowed, () -> c + ": H(2v - w/2)[" + qq + "] off by " + gap + " > " + allowed);
      }
    }
  }

  /**
   * Central differences of the backend's own gradient (on the plain cases: with features scaled by
   * 2^30, a step of 10⁻⁴ along a unit v is no longer small against W1's entries), (∇L(θ+εv) − ∇L(θ−εv))/2ε with ε = 10⁻⁴ and
   * ‖v‖ = 1, against Ĥv for smooth activations. Tolerance (not rigorous): truncation ε²/6·|∇³L| and
   * rounding ~u·|∇L|/ε are below 10⁻⁸ for these O(1) nets; 10⁻⁶·(1 + max|Hv|) leaves a 100× margin
   * while a wrong term (relative error ~1) fails it.
   */
  @ParameterizedTest
  @MethodSource("smoothCases")
  public void hessianVectorProductsMatchCentralDifferencesOfTheGradient(Case c) {
    double[] theta = c.theta();
    int nn = theta.length;
    double[] v = gaussians(c.seed() + 41, nn);
    double norm = Math.sqrt(Vectors.dot(v, v));
    for (int q = 0; q < nn; q++) {
      v[q] /= norm;
    }
    double eps = 1e-4;
    double[] plus = theta.clone();
    double[] minus = theta.clone();
    for (int q = 0; q < nn; q++) {
      plus[q] += eps * v[q];
      minus[q] -= eps * v[q];
    }
    try (Prepared pr = backend.prepare(c.objective().problem())) {
      double[] gp = new double[nn];
      double[] gm = new double[nn];
      double[] hv = new double[nn];
      try (Evaluation e = pr.evaluate(plus)) {
        e.gradient(gp);
      }
      try (Evaluation e = pr.evaluate(minus)) {
        e.gradient(gm);
      }
      try (Evaluation e = pr.evaluate(theta)) {
        e.hvp(v, hv);
      }
      double scale = 1.0 + Cases.maxAbs(hv);
      for (int q = 0; q < nn; q++) {
        double fd = (gp[q] - gm[q]) / (2 * eps);
        int qq = q;
        assertTrue(Math.abs(fd - hv[q]) <= 1e-6 * scale, () -> c + ": Hv[" + qq + "] " + hv[qq]
            + " vs central difference " + fd);
      }
    }
  }

  // ---------------------------------------------------------------- certified enclosures

  /**
   * FLAT-CERT-EIG on this backend's products: the top and bottom enclosures of a Lanczos run
   * contain the exact λ_max and λ_min of HESS-FULL (dense eigen-decomposition, widened by its a
   * priori error N·u·‖H‖_F), and the certified Rayleigh bounds lie on the right side of them.
   */
  @ParameterizedTest
  @MethodSource("smallCases")
  public void certifiedEnclosuresContainTheExactEigenvalues(Case c) {
    Point exact = c.objective().withBackend(ReferenceBackend.INSTANCE).at(c.theta());
    int nn = exact.numParams();
    if (nn < 2) {
      return;
    }
    double[] h = exact.hessian();
    double[] ev = SymmetricEigen.of(h, nn, false).values();
    double err = nn * U * Math.sqrt(Vectors.dot(h, h));
    Objective on = c.objective().withBackend(backend);
    Lanczos.Result r;
    try (Prepared prepared = on.prepared()) {
      r = Lanczos.run(HessianOperator.at(on.at(c.theta())), new Lanczos.Options(1, 1, 1e-9, 200, c.seed()));
    }
    assertTrue(r.converged(), () -> c + " did not converge");
    EigenCertificate top = r.largest().get(0).certificate();
    EigenCertificate bot = r.smallest().get(0).certificate();
    assertTrue(top != null && bot != null, "certificates");
    double lmax = ev[nn - 1];
    double lmin = ev[0];
    assertTrue(top.low() - err <= lmax && lmax <= top.high() + err,
        () -> c + ": lambda_max " + lmax + " not in [" + top.low() + ", " + top.high() + "]");
    assertTrue(bot.low() - err <= lmin && lmin <= bot.high() + err,
        () -> c + ": lambda_min " + lmin + " not in [" + bot.low() + ", " + bot.high() + "]");
    assertTrue(top.lowerBoundOnLargest() <= lmax + err, () -> c + ": certified lower bound above lambda_max");
    assertTrue(bot.upperBoundOnSmallest() >= lmin - err, () -> c + ": certified upper bound below lambda_min");
  }
}
