package dev.basin.compute;

import dev.basin.kernel.Activation;
import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.Loss;
import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;

/**
 * The running error magnitudes E(y) of spec COMPUTE-SIMD: for every value y that a backend returns,
 * a bound u·E(y) (to first order in u = 2⁻⁵³) on the rounding error of <em>any</em> evaluation of
 * the kernel's formulas that differs from it only in the order of its sums (and in where the
 * factor c is applied). Hence |y_simd − y_ref| ≤ 2·u·E(y), the contract of {@link SimdBackend}.
 *
 * <p>Rules (spec COMPUTE-SIMD): a sum of T terms (products of exact or computed factors) has
 * E = Σ_terms Σ_factors |other factors|·E(factor) + (T + 2)·Σ|term| — T − 1 additions and at most
 * 3 further roundings per term (its product, the factor c, a fused or split scaling) are below
 * T + 2 for every summation order (Higham, Accuracy and Stability, Lemma 3.4 / Eq. 3.4); an
 * elementary function f has E(f(q)) = |f'(q)|·E(q) + R_f, with R_f a bound on its own rounding
 * (1 ulp = 2u for exp/log/log1p, 2.5 ulp for tanh, plus the operations around them, worked out
 * per function below). Values inside the magnitudes are the reference values (first order).
 */
final class RunningError {

  /** The unit roundoff of binary64. */
  static final double U = 0x1.0p-53;

  private final Problem p;
  private final double[] theta;
  private final ForwardPass f;
  private final int n;
  private final int d;
  private final int h;
  private final int k;
  private final int ob1;
  private final int ow2;
  private final int ob2;
  private final boolean hasB1;
  private final boolean hasB2;
  private final double c;
  private final int kind;
  private final double slope;

  /** E of z, a = σ(z), σ'(z), σ''(z), outputs o, g = ∂ℓ/∂o, back = W2ᵀg. */
  private final double[] ez;
  private final double[] ea;
  private final double[] es1;
  private final double[] es2;
  private final double[] eo;
  private final double[] eg;
  private final double[] eback;
  private final double eLoss;

  /** The magnitudes of the forward pass of p at θ (neither modified). */
  RunningError(Problem p, double[] theta) {
    this.p = p;
    this.theta = theta;
    this.f = ForwardPass.compute(p, theta);
    ParameterLayout l = p.layout();
    n = p.samples();
    d = l.inputs();
    h = l.hidden();
    k = l.outputs();
    ob1 = l.offsetB1();
    ow2 = l.offsetW2();
    ob2 = l.offsetB2();
    hasB1 = l.hasHiddenBias();
    hasB2 = l.hasOutputBias();
    c = p.scale();
    kind = p.activation().kind();
    slope = p.activation().slope();
    double[] x = p.inputs();
    double[] z = f.preActivations();
    double[] a = f.activations();
    double[] s1 = f.firstDerivatives();
    double[] s2 = f.secondDerivatives();
    double[] out = f.outputs();
    double[] g = f.outputGradients();
    ez = new double[n * h];
    ea = new double[n * h];
    es1 = new double[n * h];
    es2 = new double[n * h];
    eo = new double[n * k];
    eg = new double[n * k];
    eback = new double[n * h];
    double eSum = 0.0;
    double absSum = 0.0;
    Loss loss = p.loss();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < h; j++) {
        int q = i * h + j;
        double s = hasB1 ? Math.abs(theta[ob1 + j]) : 0.0;
        for (int m = 0; m < d; m++) {
          s += Math.abs(theta[j * d + m] * x[i * d + m]);
        }
        ez[q] = (d + 3) * s;
        ea[q] = Math.abs(s1[q]) * ez[q] + roundValue(a[q]);
        es1[q] = Math.abs(s2[q]) * ez[q] + roundFirst(z[q], s1[q]);
        es2[q] = Math.abs(third(z[q])) * ez[q] + roundSecond(z[q]);
      }
      for (int o = 0; o < k; o++) {
        double prop = 0.0;
        double s = hasB2 ? Math.abs(theta[ob2 + o]) : 0.0;
        for (int j = 0; j < h; j++) {
          double w = Math.abs(theta[ow2 + o * h + j]);
          prop += w * ea[i * h + j];
          s += w * Math.abs(a[i * h + j]);
        }
        eo[i * k + o] = prop + (h + 3) * s;
      }
      int label = p.label(i);
      double li = loss.sample(out, i * k, k, p.targets(), label);
      eSum += lossAndGradient(i, li, out, g);
      absSum += Math.abs(li);
      for (int j = 0; j < h; j++) {
        double prop = 0.0;
        double s = 0.0;
        for (int o = 0; o < k; o++) {
          double w = Math.abs(theta[ow2 + o * h + j]);
          prop += w * eg[i * k + o];
          s += w * Math.abs(g[i * k + o]);
        }
        eback[i * h + j] = prop + (k + 2) * s;
      }
    }
    eLoss = c * eSum + (n + 2) * c * absSum;
  }

  // ---------------------------------------------------------------- activations (NET-ACT)

  /** Rounding of σ(z) = a: exact for relu/identity, one product for leaky, ≤ 2.5 ulp for tanh, ≤ 6u otherwise. */
  private double roundValue(double a) {
    return switch (kind) {
      case Activation.RELU, Activation.IDENTITY -> 0.0;
      case Activation.LEAKY_RELU -> Math.abs(a);
      case Activation.TANH -> 5 * Math.abs(a);
      default -> 6 * Math.abs(a);
    };
  }

  /** Rounding of σ'(z): tanh 1 − t² (t² to 11u, then the subtraction); sigmoid s(1 − s) ≤ 14u·s; softplus σ' = s. */
  private double roundFirst(double z, double s1) {
    return switch (kind) {
      case Activation.TANH -> {
        double t = Math.tanh(z);
        yield 11 * t * t + Math.abs(s1);
      }
      case Activation.SIGMOID -> 14 * Activation.sigmoid(z);
      case Activation.SOFTPLUS -> 6 * Activation.sigmoid(z);
      default -> 0.0;
    };
  }

  /** Rounding of σ''(z): tanh −2t(1 − t²); sigmoid s(1−s)(1−2s) ≤ 28u·s; softplus s(1 − s) ≤ 14u·s. */
  private double roundSecond(double z) {
    return switch (kind) {
      case Activation.TANH -> {
        double t = Math.tanh(z);
        yield 2 * Math.abs(t) * (11 * t * t + 8 * Math.abs(1 - t * t));
      }
      case Activation.SIGMOID -> 28 * Activation.sigmoid(z);
      case Activation.SOFTPLUS -> 14 * Activation.sigmoid(z);
      default -> 0.0;
    };
  }

  /** σ'''(z), the Lipschitz factor of σ'' (0 for the piecewise-linear kinds). */
  private double third(double z) {
    return switch (kind) {
      case Activation.TANH -> {
        double t = Math.tanh(z);
        yield -2 * (1 - t * t) * (1 - 3 * t * t);
      }
      case Activation.SIGMOID -> {
        double s = Activation.sigmoid(z);
        yield s * (1 - s) * (1 - 6 * s + 6 * s * s);
      }
      case Activation.SOFTPLUS -> {
        double s = Activation.sigmoid(z);
        yield s * (1 - s) * (1 - 2 * s);
      }
      default -> 0.0;
    };
  }

  /**
   * Whether no relu / leaky-relu pre-activation lies within 2u·E(z) of the kink, the condition of
   * the contract (σ' is then the same in every evaluation).
   */
  boolean clearOfKinks() {
    if (kind != Activation.RELU && kind != Activation.LEAKY_RELU) {
      return true;
    }
    double[] z = f.preActivations();
    for (int q = 0; q < z.length; q++) {
      if (!(Math.abs(z[q]) > 2 * U * ez[q])) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- losses (NET-LOSS)

  /**
   * Fills eg for sample i and returns E(ℓ_i). out, g are the reference outputs and output gradients.
   */
  private double lossAndGradient(int i, double li, double[] out, double[] g) {
    int ki = i * k;
    int lk = p.loss().kind();
    if (lk == Loss.CE) {
      Softmax sm = new Softmax(out, ki, k);
      double prop = 0.0;
      double mix = 0.0;
      for (int o = 0; o < k; o++) {
        prop += Math.abs(g[ki + o]) * eo[ki + o];
        mix += sm.p[o] * eo[ki + o];
      }
      for (int o = 0; o < k; o++) {
        // |∂p_o/∂o'| = p_o |δ − p_o'|; rounding of p_o, then of p_o − 1 at the label
        eg[ki + o] = sm.p[o] * (eo[ki + o] + mix) + sm.p[o] * sm.relErr[o] + Math.abs(g[ki + o]);
      }
      // lse = m + log S: S to (k + 2 + Σp|o−m|)u relative, log and the two subtractions one unit each
      double round = (k + 4) + sm.spread + 2 * Math.abs(Math.log(sm.sum)) + Math.abs(sm.m + Math.log(sm.sum))
          + Math.abs(li) + Math.abs(out[ki + p.label(i)]);
      return prop + round;
    }
    if (lk == Loss.LOGISTIC) {
      double s = Activation.sigmoid(out[ki]);
      eg[ki] = s * (1 - s) * eo[ki] + 6 * s + Math.abs(g[ki]);
      return Math.abs(g[ki]) * eo[ki] + 6 * Math.abs(li);
    }
    // HALFSQ: ℓ = ½Σr², g = r; MSE: ℓ = Σr², g = 2r (r = o − y, one rounding each)
    double factor = lk == Loss.HALFSQ ? 1.0 : 2.0;
    double prop = 0.0;
    double sq = 0.0;
    for (int o = 0; o < k; o++) {
      double r = g[ki + o] / factor;
      prop += Math.abs(g[ki + o]) * eo[ki + o];
      sq += r * r;
      eg[ki + o] = factor * eo[ki + o] + Math.abs(g[ki + o]);
    }
    return prop + (k + 3) * factor * sq;
  }

  /** The softmax of one sample's outputs with the rounding data the magnitudes need. */
  private static final class Softmax {
    final double m;
    final double sum;
    final double[] p;
    /** Relative rounding of p_o in units of u: k + 5 + |o − m| (exp of a rounded difference, S, division). */
    final double[] relErr;
    /** Σ_o p_o |o_o − m|: the rounding of S beyond its k terms. */
    final double spread;

    Softmax(double[] out, int off, int k) {
      double mx = out[off];
      for (int o = 1; o < k; o++) {
        mx = Math.max(mx, out[off + o]);
      }
      double s = 0.0;
      double[] e = new double[k];
      for (int o = 0; o < k; o++) {
        e[o] = Math.exp(out[off + o] - mx);
        s += e[o];
      }
      m = mx;
      sum = s;
      p = new double[k];
      relErr = new double[k];
      double sp = 0.0;
      for (int o = 0; o < k; o++) {
        p[o] = e[o] / s;
        relErr[o] = k + 5 + Math.abs(out[off + o] - mx);
        sp += p[o] * Math.abs(out[off + o] - mx);
      }
      spread = sp;
    }
  }

  /**
   * R{g} = M·R{o} for sample i (values into rg, magnitudes into erg at offset ki), from the
   * reference R{o} (ro) and its magnitudes (ero).
   */
  private void hessianTimes(int i, double[] ro, double[] ero, double[] rg, double[] erg) {
    int ki = i * k;
    double[] out = f.outputs();
    Loss loss = p.loss();
    loss.sampleHessianTimes(out, ki, k, ro, ki, rg, ki);
    int lk = loss.kind();
    if (lk == Loss.CE) {
      Softmax sm = new Softmax(out, ki, k);
      double pv = 0.0;
      double mixO = 0.0;
      double mixR = 0.0;
      double mixV = 0.0;
      double roundPv = 0.0;
      for (int o = 0; o < k; o++) {
        pv += sm.p[o] * ro[ki + o];
        mixO += sm.p[o] * eo[ki + o];
        mixR += sm.p[o] * ero[ki + o];
        roundPv += sm.p[o] * (sm.relErr[o] + k + 1) * Math.abs(ro[ki + o]);
      }
      for (int o = 0; o < k; o++) {
        double dp = eo[ki + o] + mixO;
        double sens = 0.0;
        for (int o2 = 0; o2 < k; o2++) {
          sens += sm.p[o2] * (eo[ki + o2] + mixO) * Math.abs(ro[ki + o2]);
        }
        double diff = Math.abs(ro[ki + o] - pv);
        // r_o = p_o (v_o − Σ p v): through p (both places), through v, and the roundings
        erg[ki + o] = sm.p[o] * dp * diff + sm.p[o] * sens + sm.p[o] * (ero[ki + o] + mixR)
            + sm.p[o] * ((sm.relErr[o] + 2) * (Math.abs(ro[ki + o]) + Math.abs(pv)) + roundPv);
      }
      return;
    }
    if (lk == Loss.LOGISTIC) {
      double s = Activation.sigmoid(out[ki]);
      double m = s * (1 - s);
      erg[ki] = m * Math.abs(1 - 2 * s) * eo[ki] * Math.abs(ro[ki]) + m * ero[ki] + 14 * s * Math.abs(ro[ki])
          + Math.abs(rg[ki]);
      return;
    }
    double factor = lk == Loss.HALFSQ ? 1.0 : 2.0;
    for (int o = 0; o < k; o++) {
      erg[ki + o] = factor * ero[ki + o];
    }
  }

  // ---------------------------------------------------------------- results

  /** E(L). */
  double loss() {
    return eLoss;
  }

  /** E(o_i) for every output (n·k; fresh), counting the value itself as one unit. */
  double[] outputs() {
    return eo.clone();
  }

  /** E of every gradient entry (NET-GRAD), length N. */
  double[] gradient() {
    double[] e = new double[p.layout().size()];
    double[] x = p.inputs();
    double[] a = f.activations();
    double[] s1 = f.firstDerivatives();
    double[] g = f.outputGradients();
    double[] back = f.backpropagated();
    double[] abs = new double[e.length];
    for (int i = 0; i < n; i++) {
      for (int o = 0; o < k; o++) {
        int ki = i * k + o;
        for (int j = 0; j < h; j++) {
          int q = i * h + j;
          e[ow2 + o * h + j] += c * (eg[ki] * Math.abs(a[q]) + Math.abs(g[ki]) * ea[q]);
          abs[ow2 + o * h + j] += c * Math.abs(g[ki] * a[q]);
        }
        if (hasB2) {
          e[ob2 + o] += c * eg[ki];
          abs[ob2 + o] += c * Math.abs(g[ki]);
        }
      }
      for (int j = 0; j < h; j++) {
        int q = i * h + j;
        double delta = back[q] * s1[q];
        double ed = Math.abs(s1[q]) * eback[q] + Math.abs(back[q]) * es1[q] + Math.abs(delta);
        for (int m = 0; m < d; m++) {
          e[j * d + m] += c * ed * Math.abs(x[i * d + m]);
          abs[j * d + m] += c * Math.abs(delta * x[i * d + m]);
        }
        if (hasB1) {
          e[ob1 + j] += c * ed;
          abs[ob1 + j] += c * Math.abs(delta);
        }
      }
    }
    for (int q = 0; q < e.length; q++) {
      e[q] += (n + 2) * abs[q];
    }
    return e;
  }

  /** E of every entry of H·v (HESS-HVP), length N; v is not modified. */
  double[] hvp(double[] v) {
    int nn = p.layout().size();
    double[] e = new double[nn];
    double[] abs = new double[nn];
    double[] x = p.inputs();
    double[] a = f.activations();
    double[] s1 = f.firstDerivatives();
    double[] s2 = f.secondDerivatives();
    double[] g = f.outputGradients();
    double[] back = f.backpropagated();
    double[] rz = new double[h];
    double[] erz = new double[h];
    double[] ra = new double[h];
    double[] era = new double[h];
    double[] ro = new double[n * k];
    double[] ero = new double[n * k];
    double[] rg = new double[n * k];
    double[] erg = new double[n * k];
    for (int i = 0; i < n; i++) {
      int hi = i * h;
      int ki = i * k;
      for (int j = 0; j < h; j++) {
        double s = hasB1 ? v[ob1 + j] : 0.0;
        double sa = hasB1 ? Math.abs(v[ob1 + j]) : 0.0;
        for (int m = 0; m < d; m++) {
          s += v[j * d + m] * x[i * d + m];
          sa += Math.abs(v[j * d + m] * x[i * d + m]);
        }
        rz[j] = s;
        erz[j] = (d + 3) * sa;
        ra[j] = s1[hi + j] * s;
        era[j] = Math.abs(s1[hi + j]) * erz[j] + Math.abs(s) * es1[hi + j] + Math.abs(ra[j]);
      }
      for (int o = 0; o < k; o++) {
        double s = hasB2 ? v[ob2 + o] : 0.0;
        double sa = hasB2 ? Math.abs(v[ob2 + o]) : 0.0;
        double prop = 0.0;
        for (int j = 0; j < h; j++) {
          double w = theta[ow2 + o * h + j];
          double vw = v[ow2 + o * h + j];
          s += w * ra[j] + vw * a[hi + j];
          sa += Math.abs(w * ra[j]) + Math.abs(vw * a[hi + j]);
          prop += Math.abs(w) * era[j] + Math.abs(vw) * ea[hi + j];
        }
        ro[ki + o] = s;
        ero[ki + o] = prop + (2 * h + 3) * sa;
      }
      hessianTimes(i, ro, ero, rg, erg);
      for (int o = 0; o < k; o++) {
        int ko = ki + o;
        for (int j = 0; j < h; j++) {
          int w = ow2 + o * h + j;
          e[w] += c * (erg[ko] * Math.abs(a[hi + j]) + Math.abs(rg[ko]) * ea[hi + j] + eg[ko] * Math.abs(ra[j])
              + Math.abs(g[ko]) * era[j]);
          abs[w] += c * (Math.abs(rg[ko] * a[hi + j]) + Math.abs(g[ko] * ra[j]));
        }
        if (hasB2) {
          e[ob2 + o] += c * erg[ko];
          abs[ob2 + o] += c * Math.abs(rg[ko]);
        }
      }
      for (int j = 0; j < h; j++) {
        double s = 0.0;
        double sa = 0.0;
        double prop = 0.0;
        for (int o = 0; o < k; o++) {
          double w = theta[ow2 + o * h + j];
          double vw = v[ow2 + o * h + j];
          s += w * rg[ki + o] + vw * g[ki + o];
          sa += Math.abs(w * rg[ki + o]) + Math.abs(vw * g[ki + o]);
          prop += Math.abs(w) * erg[ki + o] + Math.abs(vw) * eg[ki + o];
        }
        double erb = prop + (2 * k + 2) * sa;
        int q = hi + j;
        double t1 = s * s1[q];
        double t2 = back[q] * s2[q] * rz[j];
        double rd = t1 + t2;
        double erd = Math.abs(s1[q]) * erb + Math.abs(s) * es1[q] + Math.abs(s2[q] * rz[j]) * eback[q]
            + Math.abs(back[q] * rz[j]) * es2[q] + Math.abs(back[q] * s2[q]) * erz[j]
            + 3 * (Math.abs(t1) + Math.abs(t2));
        for (int m = 0; m < d; m++) {
          e[j * d + m] += c * erd * Math.abs(x[i * d + m]);
          abs[j * d + m] += c * Math.abs(rd * x[i * d + m]);
        }
        if (hasB1) {
          e[ob1 + j] += c * erd;
          abs[ob1 + j] += c * Math.abs(rd);
        }
      }
    }
    for (int q = 0; q < nn; q++) {
      // W2 entries sum 2 terms per sample, the others 1
      int terms = q >= ow2 && q < ob2 ? 2 * n : n;
      e[q] += (terms + 2) * abs[q];
    }
    return e;
  }
}
