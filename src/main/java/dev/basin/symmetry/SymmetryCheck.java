package dev.basin.symmetry;

import dev.basin.base.Findings;
import dev.basin.base.Reported;
import dev.basin.base.Rng;
import dev.basin.kernel.Activation;
import dev.basin.kernel.ParameterLayout;
import dev.basin.measure.HessianOperator;
import dev.basin.measure.HvpErrorBound;
import dev.basin.measure.Rounding;
import dev.basin.model.Checks;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import java.util.function.UnaryOperator;

/**
 * Numerical verification of a symmetry at θ (spec SYM-INVARIANCE, SYM-CONJUGATION, SYM-NULL). Each
 * check reports the largest ratio deviation / budget over its components; it passes when that
 * ratio is ≤ 1. Budgets are rounding bounds: the forward pass (Higham Lemma 3.1) for outputs, and
 * FLAT-HVP-ERROR for Hessian-vector products (whose γ_K also covers the gradient's rounding).
 *
 * @param outputs max_{i,o} |f'(x_i)_o − f(x_i)_o| / budget
 * @param loss |L(θ') − L(θ)| / budget
 * @param conjugation max over probes and components of |H(θ')v − D⁻¹H(θ)D⁻¹v| / budget (for a
 *     permutation, D⁻¹…D⁻¹ is P…Pᵀ)
 * @param nullVectors max over units and components of |H n_j + J_j∇L| / budget (rescalings only;
 *     0 for permutations)
 * @param maxOutputDeviation max |f' − f| itself
 * @param lossDeviation |L(θ') − L(θ)| itself
 */
public record SymmetryCheck(double outputs, double loss, double conjugation, double nullVectors,
    double maxOutputDeviation, double lossDeviation) {

  /** Whether every ratio is ≤ 1. */
  public boolean passed() {
    return outputs <= 1.0 && loss <= 1.0 && conjugation <= 1.0 && nullVectors <= 1.0;
  }

  /** The check as findings: passed, the deviations themselves and each deviation / rounding budget ratio. */
  public Findings findings() {
    String ratio = "deviation / rounding budget (passes when <= 1)";
    return Findings.builder()
        .flag("passed", passed())
        .put("max_output_deviation", Reported.exact(maxOutputDeviation, "SYM-INVARIANCE", "max |f'(x_i)_o - f(x_i)_o|"))
        .put("loss_deviation", Reported.exact(lossDeviation, "SYM-INVARIANCE", "|L(theta') - L(theta)|"))
        .put("deviation_over_budget", Findings.builder()
            .put("outputs", Reported.exact(outputs, "SYM-INVARIANCE", ratio))
            .put("loss", Reported.exact(loss, "SYM-INVARIANCE", ratio))
            .put("conjugation", Reported.exact(conjugation, "SYM-CONJUGATION", ratio))
            .put("null_vectors", Reported.exact(nullVectors, "SYM-NULL", ratio))
            .build())
        .text("spec", "SYM-INVARIANCE, SYM-CONJUGATION, SYM-NULL")
        .build();
  }

  /** Checks a rescaling at θ (not modified) with {@code probes} seeded Rademacher probes. */
  public static SymmetryCheck rescaling(Objective obj, double[] theta, Rescaling r, int probes, long seed) {
    Rescaling.requireHomogeneous(obj.activation());
    ParameterLayout l = obj.layout();
    double[] dg = r.diagonal(l);
    double[] t2 = r.apply(l, theta);
    double[] inv = new double[dg.length];
    for (int q = 0; q < dg.length; q++) {
      inv[q] = 1.0 / dg[q];
    }
    Point p = obj.at(theta);
    Point p2 = obj.at(t2);
    double[] out = invariance(obj, theta, p, p2);
    double conj = conjugation(p, p2, probes, seed, v -> scale(inv, v), w -> scale(inv, w));
    double nul = nullVectors(p);
    return new SymmetryCheck(out[0], out[1], conj, nul, out[2], out[3]);
  }

  /** Checks a permutation at θ (not modified). */
  public static SymmetryCheck permutation(Objective obj, double[] theta, UnitPermutation perm, int probes, long seed) {
    ParameterLayout l = obj.layout();
    int[] src = perm.sourceIndices(l);
    double[] t2 = perm.apply(l, theta);
    Point p = obj.at(theta);
    Point p2 = obj.at(t2);
    double[] out = invariance(obj, theta, p, p2);
    // H(Pθ)v = P H(θ) Pᵀ v with (Pw)[q] = w[src[q]], (Pᵀv)[src[q]] = v[q]
    UnaryOperator<double[]> pt = v -> {
      double[] w = new double[v.length];
      for (int q = 0; q < v.length; q++) {
        w[src[q]] = v[q];
      }
      return w;
    };
    UnaryOperator<double[]> pm = w -> {
      double[] v = new double[w.length];
      for (int q = 0; q < w.length; q++) {
        v[q] = w[src[q]];
      }
      return v;
    };
    double conj = conjugation(p, p2, probes, seed, pt, pm);
    return new SymmetryCheck(out[0], out[1], conj, 0.0, out[2], out[3]);
  }

  private static double[] scale(double[] s, double[] v) {
    double[] w = new double[v.length];
    for (int q = 0; q < v.length; q++) {
      w[q] = s[q] * v[q];
    }
    return w;
  }

  /** {output ratio, loss ratio, max output deviation, loss deviation}. */
  private static double[] invariance(Objective obj, double[] theta, Point p, Point p2) {
    ParameterLayout l = obj.layout();
    Activation act = obj.activation();
    int n = obj.data().size();
    int d = l.inputs();
    int h = l.hidden();
    int k = l.outputs();
    double[] x = obj.data().x();
    double lip = HvpErrorBound.firstDerivativeBound(act);
    double s0 = Math.abs(act.value(0.0));
    double g = Rounding.gamma(d + h + 8.0);
    double[] f1 = p.outputs();
    double[] f2 = p2.outputs();
    double maxDev = 0.0;
    double ratio = 0.0;
    double[] zabs = new double[h];
    double lossBudget = 0.0;
    double[] grad = outputGradientMagnitudes(obj, f1);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < h; j++) {
        double s = l.hasHiddenBias() ? Math.abs(theta[l.offsetB1() + j]) : 0.0;
        for (int m = 0; m < d; m++) {
          s += Math.abs(theta[j * d + m]) * Math.abs(x[i * d + m]);
        }
        zabs[j] = s0 + lip * s;
      }
      for (int o = 0; o < k; o++) {
        double mag = l.hasOutputBias() ? Math.abs(theta[l.offsetB2() + o]) : 0.0;
        for (int j = 0; j < h; j++) {
          mag += Math.abs(theta[l.offsetW2() + o * h + j]) * zabs[j];
        }
        double budget = 2.0 * g * mag;
        double dev = Math.abs(f2[i * k + o] - f1[i * k + o]);
        maxDev = Math.max(maxDev, dev);
        ratio = Math.max(ratio, ratio(dev, budget));
        lossBudget += grad[i * k + o] * budget;
      }
    }
    double l1 = p.loss();
    double l2 = p2.loss();
    lossBudget = 2.0 * lossBudget + 2.0 * Rounding.gamma(n + k + 8.0) * Math.max(Math.abs(l1), Math.abs(l2));
    double ld = Math.abs(l2 - l1);
    return new double[] {ratio, ratio(ld, lossBudget), maxDev, ld};
  }

  /**
   * c·(|∂ℓ_i/∂o| + 1): the sensitivity of L to each output, used to turn the output budget Δ into a
   * loss budget; the +1 covers the curvature term ½‖M‖Δ² for Δ ≤ 1 (‖M‖ ≤ 2 for every loss).
   */
  private static double[] outputGradientMagnitudes(Objective obj, double[] f) {
    int n = obj.data().size();
    int k = obj.layout().outputs();
    double c = obj.problem().scale();
    double[] gmag = new double[n * k];
    double[] g = new double[n * k];
    double[] y = obj.loss().usesLabels() ? new double[0] : obj.data().targets();
    for (int i = 0; i < n; i++) {
      obj.loss().sampleGradient(f, i * k, k, y, obj.problem().label(i), g);
      for (int o = 0; o < k; o++) {
        gmag[i * k + o] = c * (Math.abs(g[i * k + o]) + 1.0);
      }
    }
    return gmag;
  }

  private static double conjugation(Point p, Point p2, int probes, long seed,
      UnaryOperator<double[]> inner, UnaryOperator<double[]> outer) {
    Checks.atLeast("probes", probes, 1);
    HessianOperator h1 = HessianOperator.at(p);
    HessianOperator h2 = HessianOperator.at(p2);
    int n = p.numParams();
    double worst = 0.0;
    double[] lhs = new double[n];
    double[] lb = new double[n];
    double[] mid = new double[n];
    double[] mb = new double[n];
    for (int t = 0; t < probes; t++) {
      Rng r = Rng.of(Rng.derive(seed, t));
      double[] v = new double[n];
      for (int q = 0; q < n; q++) {
        v[q] = r.rademacher();
      }
      h2.applyCertified(v, lhs, lb);
      h1.applyCertified(inner.apply(v), mid, mb);
      double[] rhs = outer.apply(mid);
      double[] rb = outer.apply(mb);
      for (int q = 0; q < n; q++) {
        // both HVP bounds, doubled for the rounding of θ' = Tθ and of the maps (each ≤ u per entry,
        // while b ≥ γ_K·A ≥ 20u·A)
        double budget = 2.0 * (lb[q] + rb[q]);
        worst = Math.max(worst, ratio(Math.abs(lhs[q] - rhs[q]), budget));
      }
    }
    return worst;
  }

  /** max over units j and components of |H n_j + J_j∇L| / (2 b(n_j)) (SYM-NULL). */
  private static double nullVectors(Point p) {
    ParameterLayout l = p.objective().layout();
    double[] theta = p.theta();
    double[] grad = p.gradient();
    HessianOperator h = HessianOperator.at(p);
    int n = theta.length;
    double[] hv = new double[n];
    double[] b = new double[n];
    double worst = 0.0;
    for (int j = 0; j < l.hidden(); j++) {
      double[] sign = unitSigns(l, j);
      double[] nj = new double[n];
      for (int q = 0; q < n; q++) {
        nj[q] = sign[q] * theta[q];
      }
      h.applyCertified(nj, hv, b);
      for (int q = 0; q < n; q++) {
        double res = hv[q] + sign[q] * grad[q];
        worst = Math.max(worst, ratio(Math.abs(res), 2.0 * b[q]));
      }
    }
    return worst;
  }

  /** J_j: +1 on unit j's in-weights and bias, −1 on its out-weights, 0 elsewhere (fresh). */
  public static double[] unitSigns(ParameterLayout l, int j) {
    double[] s = new double[l.size()];
    int d = l.inputs();
    for (int m = 0; m < d; m++) {
      s[j * d + m] = 1.0;
    }
    if (l.hasHiddenBias()) {
      s[l.offsetB1() + j] = 1.0;
    }
    for (int o = 0; o < l.outputs(); o++) {
      s[l.offsetW2() + o * l.hidden() + j] = -1.0;
    }
    return s;
  }

  private static double ratio(double dev, double budget) {
    if (dev == 0.0) {
      return 0.0;
    }
    return budget > 0.0 ? dev / budget : Double.POSITIVE_INFINITY;
  }
}
