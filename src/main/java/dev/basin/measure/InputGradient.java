package dev.basin.measure;

import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.Loss;
import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Objective;

/**
 * Wu, Zhu, E's input-gradient complexity Ê‖∇ₓf‖² and the Hessian bound reconstructed in
 * papers.md §1.3 (spec FLAT-WU-COMPLEXITY, FLAT-WU-BOUND). The bound is basin's reconstruction and
 * generalization (k outputs, halfsq and mse), not the paper's theorem.
 */
public final class InputGradient {

  private InputGradient() {}

  /** (1/n) Σ_i ‖W2 diag(σ'(z_i)) W1‖_F² at θ (not modified): exact, any loss. */
  public static double complexity(Objective obj, double[] theta) {
    check(obj, theta);
    Problem p = obj.problem();
    ForwardPass f = ForwardPass.compute(p, theta);
    ParameterLayout l = p.layout();
    int n = p.samples();
    int d = l.inputs();
    int h = l.hidden();
    int k = l.outputs();
    int ow2 = l.offsetW2();
    double[] s1 = f.firstDerivatives();
    double[] row = new double[d];
    double total = 0.0;
    for (int i = 0; i < n; i++) {
      for (int o = 0; o < k; o++) {
        java.util.Arrays.fill(row, 0.0);
        for (int j = 0; j < h; j++) {
          double coef = theta[ow2 + o * h + j] * s1[i * h + j];
          if (coef != 0.0) {
            for (int m = 0; m < d; m++) {
              row[m] += coef * theta[j * d + m];
            }
          }
        }
        for (int m = 0; m < d; m++) {
          total += row[m] * row[m];
        }
      }
    }
    return total / n;
  }

  /**
   * The FLAT-WU-BOUND chain at θ.
   *
   * @param complexity Ê‖∇ₓf‖² (FLAT-WU-COMPLEXITY)
   * @param hessianBiasFrobenius ‖H_c‖_F, the Frobenius norm of ∂²L/∂b1²
   * @param kappaN κ·n = c·m·n (1 for halfsq with mean reduction)
   * @param w1Frobenius ‖W1‖_F
   * @param w2Spectral ‖W2‖₂
   * @param rmsResidual ρ = √((1/n) Σ ‖f(x_i) − y_i‖²)
   * @param cSigma sup|σ''|
   * @param middle ‖W1‖_F² (‖H_c‖_F/(κn) + C_σ‖W2‖₂ρ)
   * @param rhs ½(‖H_c‖_F/(κn))² + ½‖W1‖_F⁴ + C_σ‖W2‖₂‖W1‖_F²ρ
   * @param roundingAllowance relative allowance γ_M, M = n·k·d + h² + d·h + 16 (a worst-case bound
   *     on the rounding of each side, which matters where the chain is tight, e.g. h = 1 and σ'' = 0)
   */
  public record WuBound(double complexity, double hessianBiasFrobenius, double kappaN, double w1Frobenius,
      double w2Spectral, double rmsResidual, double cSigma, double middle, double rhs, double roundingAllowance) {

    /** complexity ≤ middle ≤ rhs, each up to the rounding allowance. */
    public boolean holds() {
      double a = 1.0 + roundingAllowance;
      return complexity <= middle * a && middle <= rhs * a;
    }
  }

  /** The bound at θ (not modified) for the squared losses (halfsq, mse); an error for ce/logistic. */
  public static WuBound bound(Objective obj, double[] theta) {
    return bound(obj, theta, obj.outputs(theta));
  }

  /**
   * The bound at θ with the net's outputs there already computed ({@code out}, n·k row-major,
   * not modified: the shared forward pass of a measure run).
   */
  public static WuBound bound(Objective obj, double[] theta, double[] out) {
    check(obj, theta);
    int kind = obj.loss().kind();
    if (kind != Loss.HALFSQ && kind != Loss.MSE) {
      throw new InvalidInputException("loss", "the Wu et al. bound (FLAT-WU-BOUND) is stated for halfsq and mse only");
    }
    Problem p = obj.problem();
    ParameterLayout l = p.layout();
    int h = l.hidden();
    int k = l.outputs();
    double m = kind == Loss.HALFSQ ? 1.0 : 2.0;
    double kn = p.scale() * m * p.samples();
    double[] hc = biasHessian(obj, theta);
    double hf = 0.0;
    for (double v : hc) {
      hf += v * v;
    }
    hf = Math.sqrt(hf);
    double w1 = 0.0;
    for (int q = 0; q < l.offsetB1(); q++) {
      w1 += theta[q] * theta[q];
    }
    double[] w2 = java.util.Arrays.copyOfRange(theta, l.offsetW2(), l.offsetW2() + k * h);
    double spec = spectralNorm(w2, k, h);
    double[] y = obj.data().targets();
    double rr = 0.0;
    for (int q = 0; q < out.length; q++) {
      rr += (out[q] - y[q]) * (out[q] - y[q]);
    }
    double rho = Math.sqrt(rr / p.samples());
    double cs = obj.activation().secondDerivativeBound();
    double cx = complexity(obj, theta);
    double middle = w1 * (hf / kn + cs * spec * rho);
    double rhs = 0.5 * (hf / kn) * (hf / kn) + 0.5 * w1 * w1 + cs * spec * w1 * rho;
    double terms = (double) p.samples() * k * l.inputs() + (double) h * h + (double) l.inputs() * h + 16.0;
    return new WuBound(cx, hf, kn, Math.sqrt(w1), spec, rho, cs, middle, rhs, Rounding.gamma(terms));
  }

  /**
   * H_c = ∂²L/∂b1² (h×h row-major, fresh) for the squared losses: κ[(W2ᵀW2) ⊙ Σ_i σ'_iσ'_iᵀ +
   * diag(Σ_i σ''_i ⊙ W2ᵀr_i)]; for a net without b1, the same at a virtual bias 0. θ not modified.
   */
  public static double[] biasHessian(Objective obj, double[] theta) {
    check(obj, theta);
    int kind = obj.loss().kind();
    if (kind != Loss.HALFSQ && kind != Loss.MSE) {
      throw new InvalidInputException("loss", "the closed-form b1 Hessian here is for halfsq and mse");
    }
    Problem p = obj.problem();
    ForwardPass f = ForwardPass.compute(p, theta);
    ParameterLayout l = p.layout();
    int n = p.samples();
    int h = l.hidden();
    int k = l.outputs();
    int ow2 = l.offsetW2();
    double m = kind == Loss.HALFSQ ? 1.0 : 2.0;
    double kappa = p.scale() * m;
    double[] s1 = f.firstDerivatives();
    double[] s2 = f.secondDerivatives();
    double[] back = f.backpropagated();
    double[] ss = new double[h * h];
    double[] diag = new double[h];
    for (int i = 0; i < n; i++) {
      int hi = i * h;
      for (int j = 0; j < h; j++) {
        double a = s1[hi + j];
        if (a != 0.0) {
          for (int j2 = 0; j2 < h; j2++) {
            ss[j * h + j2] += a * s1[hi + j2];
          }
        }
        diag[j] += s2[hi + j] * back[hi + j] / m;
      }
    }
    double[] hc = new double[h * h];
    for (int j = 0; j < h; j++) {
      for (int j2 = 0; j2 < h; j2++) {
        double g = 0.0;
        for (int o = 0; o < k; o++) {
          g += theta[ow2 + o * h + j] * theta[ow2 + o * h + j2];
        }
        hc[j * h + j2] = kappa * (g * ss[j * h + j2] + (j == j2 ? diag[j] : 0.0));
      }
    }
    return hc;
  }

  /** ‖W‖₂ of a k×h row-major matrix (not modified), from its smaller Gram matrix. */
  static double spectralNorm(double[] w, int k, int h) {
    int s = Math.min(k, h);
    double[] gram = new double[s * s];
    for (int a = 0; a < s; a++) {
      for (int b = 0; b < s; b++) {
        double g = 0.0;
        if (k <= h) {
          for (int j = 0; j < h; j++) {
            g += w[a * h + j] * w[b * h + j];
          }
        } else {
          for (int o = 0; o < k; o++) {
            g += w[o * h + a] * w[o * h + b];
          }
        }
        gram[a * s + b] = g;
      }
    }
    double[] ev = SymmetricEigen.of(gram, s, false).values();
    return Math.sqrt(Math.max(0.0, ev[s - 1]));
  }

  private static void check(Objective obj, double[] theta) {
    Checks.length("theta", theta, obj.numParams(), "N");
    Checks.finite("theta", theta);
  }
}
