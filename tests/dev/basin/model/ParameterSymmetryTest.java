package dev.basin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.kernel.Activation;
import dev.basin.kernel.ParameterLayout;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact symmetries of the 2-layer net, checked through the model API on random cases of every
 * loss, reduction, size and bias combination (seeds in the failure messages).
 *
 * <ul>
 *   <li>Hidden-unit permutation π: f is unchanged, and with the induced permutation p of θ the
 *       gradient and Hessian transform as g' = P g, H' = P H Pᵀ (derived: L(Pθ) = L(θ) for all θ,
 *       differentiate once and twice).
 *   <li>Dinh et al. (2017) α-rescaling T_α: (W1, b1, W2, b2) → (αW1, αb1, W2/α, b2), α &gt; 0, for
 *       positively homogeneous σ (spec SYM-HOMOGENEOUS): f and L unchanged; ∇L(T_αθ) = D⁻¹∇L(θ),
 *       ∇²L(T_αθ) = D⁻¹ ∇²L(θ) D⁻¹ with D = diag(α on W1, b1; 1/α on W2; 1 on b2) (papers.md §2.3,
 *       derived). The per-unit version (one c_j per hidden unit) likewise leaves f unchanged.
 * </ul>
 *
 * <p>Error budget: both sides are computed in floating point with sums over h hidden units and n
 * samples in a different order or with rounded scaled weights; with the O(1) values of
 * {@link Cases} and α ∈ [e^-2, e^2] the differences are a few hundred ulps of the largest term at
 * most. {@link #REL} = 1e-11 relative to the largest entry of the compared quantity (or 1) leaves
 * a margin of more than 10×; a wrong transformation law errs at order 1.
 */
class ParameterSymmetryTest {

  private static final double REL = 1e-11;

  static LongStream seeds() {
    return LongStream.range(1, 201);
  }

  /** The parameter permutation induced by a hidden-unit permutation: θ'[q] = θ[p[q]]. */
  static int[] inducedPermutation(ParameterLayout l, int[] pi) {
    int d = l.inputs();
    int h = l.hidden();
    int k = l.outputs();
    int[] p = new int[l.size()];
    for (int j = 0; j < h; j++) {
      for (int m = 0; m < d; m++) {
        p[j * d + m] = pi[j] * d + m;
      }
      if (l.hasHiddenBias()) {
        p[l.offsetB1() + j] = l.offsetB1() + pi[j];
      }
      for (int o = 0; o < k; o++) {
        p[l.offsetW2() + o * h + j] = l.offsetW2() + o * h + pi[j];
      }
    }
    if (l.hasOutputBias()) {
      for (int o = 0; o < k; o++) {
        p[l.offsetB2() + o] = l.offsetB2() + o;
      }
    }
    return p;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void permutingHiddenUnitsPermutesGradientAndHessian(long seed) {
    Case c = Cases.random(seed);
    Objective obj = c.objective();
    ParameterLayout l = obj.layout();
    int n = l.size();
    UniformRandomProvider r = Cases.rng(seed + 5_000_000);
    int[] pi = dev.basin.base.Rng.of(r.nextLong()).permutation(l.hidden());
    int[] p = inducedPermutation(l, pi);
    double[] theta = c.theta();
    double[] permuted = new double[n];
    for (int q = 0; q < n; q++) {
      permuted[q] = theta[p[q]];
    }
    Point a = obj.at(theta);
    Point b = obj.at(permuted);
    assertEquals(a.loss(), b.loss(), REL * Math.max(1, Math.abs(a.loss())), c.toString());
    double[] outA = a.outputs();
    double[] outB = b.outputs();
    assertTrue(Cases.maxAbsDiff(outA, outB) <= REL * Math.max(1, Cases.maxAbs(outA)), c.toString());
    double[] ga = a.gradient();
    double[] gb = b.gradient();
    double[] pg = new double[n];
    for (int q = 0; q < n; q++) {
      pg[q] = ga[p[q]];
    }
    assertTrue(Cases.maxAbsDiff(pg, gb) <= REL * Math.max(1, Cases.maxAbs(ga)), () -> c + " gradient");
    double[] ha = a.hessian();
    double[] hb = b.hessian();
    double[] phpt = new double[n * n];
    for (int q = 0; q < n; q++) {
      for (int s = 0; s < n; s++) {
        phpt[q * n + s] = ha[p[q] * n + p[s]];
      }
    }
    double tol = REL * Math.max(1, Cases.maxAbs(ha));
    assertTrue(Cases.maxAbsDiff(phpt, hb) <= tol, () -> c + " pi=" + java.util.Arrays.toString(pi)
        + " |P H P^T - H'| = " + Cases.maxAbsDiff(phpt, hb));
  }

  /** Homogeneous activations with a random loss, reduction and biases. */
  static Case homogeneousCase(long seed) {
    UniformRandomProvider r = Cases.rng(seed + 9_000_000);
    Activation[] acts = {Activation.of(Activation.RELU), Activation.leakyRelu(0.1), Activation.leakyRelu(-0.3),
        Activation.of(Activation.IDENTITY)};
    return Cases.random(seed, acts[r.nextInt(acts.length)], r.nextInt(4), r.nextInt(2), r.nextBoolean(), r.nextBoolean());
  }

  /** The scaling D of T_α: α on W1 and b1, 1/α on W2, 1 on b2. */
  static double[] dinhScaling(ParameterLayout l, double alpha) {
    double[] s = new double[l.size()];
    for (int q = 0; q < s.length; q++) {
      s[q] = q < l.offsetW2() ? alpha : q < l.offsetW2() + l.outputs() * l.hidden() ? 1 / alpha : 1;
    }
    return s;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void dinhRescalingLeavesOutputsAndLossAndConjugatesTheHessian(long seed) {
    Case c = homogeneousCase(seed);
    assertTrue(c.objective().activation().isPositivelyHomogeneous(), c.toString());
    Objective obj = c.objective();
    ParameterLayout l = obj.layout();
    int n = l.size();
    double alpha = Math.exp(-2 + 4 * Cases.rng(seed + 7_000_000).nextDouble());
    double[] s = dinhScaling(l, alpha);
    double[] theta = c.theta();
    double[] scaled = new double[n];
    for (int q = 0; q < n; q++) {
      scaled[q] = s[q] * theta[q];
    }
    String what = c + " alpha=" + alpha;
    Point a = obj.at(theta);
    Point b = obj.at(scaled);
    double[] outA = a.outputs();
    assertTrue(Cases.maxAbsDiff(outA, b.outputs()) <= REL * Math.max(1, Cases.maxAbs(outA)), what + " outputs");
    assertEquals(a.loss(), b.loss(), REL * Math.max(1, Math.abs(a.loss())), what + " loss");
    // ∇L(T_α θ) = D⁻¹ ∇L(θ)
    double[] ga = a.gradient();
    double[] expectedG = new double[n];
    for (int q = 0; q < n; q++) {
      expectedG[q] = ga[q] / s[q];
    }
    double[] gb = b.gradient();
    assertTrue(Cases.maxAbsDiff(expectedG, gb) <= REL * Math.max(1, Cases.maxAbs(expectedG)), what + " gradient");
    // ∇²L(T_α θ) = D⁻¹ ∇²L(θ) D⁻¹
    double[] ha = a.hessian();
    double[] expectedH = new double[n * n];
    for (int q = 0; q < n; q++) {
      for (int t = 0; t < n; t++) {
        expectedH[q * n + t] = ha[q * n + t] / (s[q] * s[t]);
      }
    }
    double[] hb = b.hessian();
    assertTrue(Cases.maxAbsDiff(expectedH, hb) <= REL * Math.max(1, Cases.maxAbs(expectedH)),
        () -> what + " |D^-1 H D^-1 - H'| = " + Cases.maxAbsDiff(expectedH, hb));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void perUnitRescalingLeavesOutputsUnchanged(long seed) {
    Case c = homogeneousCase(seed);
    ParameterLayout l = c.objective().layout();
    UniformRandomProvider r = Cases.rng(seed + 3_000_000);
    double[] cj = new double[l.hidden()];
    for (int j = 0; j < cj.length; j++) {
      cj[j] = Math.exp(-2 + 4 * r.nextDouble());
    }
    double[] theta = c.theta();
    double[] scaled = theta.clone();
    int d = l.inputs();
    int h = l.hidden();
    for (int j = 0; j < h; j++) {
      for (int m = 0; m < d; m++) {
        scaled[j * d + m] *= cj[j];
      }
      if (l.hasHiddenBias()) {
        scaled[l.offsetB1() + j] *= cj[j];
      }
      for (int o = 0; o < l.outputs(); o++) {
        scaled[l.offsetW2() + o * h + j] /= cj[j];
      }
    }
    double[] outA = c.objective().outputs(theta);
    double[] outB = c.objective().outputs(scaled);
    assertTrue(Cases.maxAbsDiff(outA, outB) <= REL * Math.max(1, Cases.maxAbs(outA)), c.toString());
  }

  /**
   * Negative control: for tanh (not positively homogeneous) T_2 changes the outputs by far more
   * than the tolerance above, so the rescaling tests can detect a broken symmetry.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void rescalingATanhNetChangesItsOutputs(long seed) {
    Case c = Cases.random(seed, Activation.of(Activation.TANH), (int) (seed % 4), 0, true, true);
    double[] s = dinhScaling(c.objective().layout(), 2.0);
    double[] theta = c.theta();
    double[] scaled = new double[theta.length];
    for (int q = 0; q < theta.length; q++) {
      scaled[q] = s[q] * theta[q];
    }
    double[] outA = c.objective().outputs(theta);
    double[] outB = c.objective().outputs(scaled);
    assertTrue(Cases.maxAbsDiff(outA, outB) > 1e3 * REL * Math.max(1, Cases.maxAbs(outA)), c.toString());
  }
}
