package dev.basin.measure;

import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.Loss;
import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;
import dev.basin.model.Point;

/**
 * The exact diagonal of ∇²L(θ) and its trace in closed form, without HVPs (spec FLAT-DIAG,
 * FLAT-TRACE): with ω_ij = c(σ'(z_ij)² w_jᵀM_iw_j + (W2ᵀg_i)_j σ''(z_ij)),
 * H[(j,m),(j,m)] = Σ_i ω_ij x̃_im² and H[(o,j),(o,j)] = c Σ_i (M_i)_oo ã_ij².
 */
public final class HessianDiagonal {

  private HessianDiagonal() {}

  /**
   * The trace split by hidden unit (spec FLAT-TRACE): tr H = Σ_j in[j] + Σ_j out[j] + outputBias.
   *
   * @param in A_j: the diagonal of H summed over unit j's in-weights and its bias b1_j
   * @param out B_j: summed over unit j's out-weights W2[:, j]
   * @param outputBias C: summed over b2 (0 without b2)
   */
  public record UnitTraces(double[] in, double[] out, double outputBias) {

    /** tr H. */
    public double trace() {
      double s = outputBias;
      for (int j = 0; j < in.length; j++) {
        s += in[j] + out[j];
      }
      return s;
    }

    /** Σ_j A_j (the in-weight block H₁₁ with b1, SYM-TRACE-LAW). */
    public double inTotal() {
      double s = 0.0;
      for (double v : in) {
        s += v;
      }
      return s;
    }

    /** Σ_j B_j (the W2 block H₂₂). */
    public double outTotal() {
      double s = 0.0;
      for (double v : out) {
        s += v;
      }
      return s;
    }
  }

  /** Per-sample weights: ω (n·h), diag M (n·k) and tr M (n), all with the factor c where stated. */
  private record Weights(double[] omega, double[] diagM, double[] traceM) {}

  private static Weights weights(Problem p, double[] theta, ForwardPass f) {
    ParameterLayout l = p.layout();
    int n = p.samples();
    int h = l.hidden();
    int k = l.outputs();
    int ow2 = l.offsetW2();
    double c = p.scale();
    Loss loss = p.loss();
    double[] s1 = f.firstDerivatives();
    double[] s2 = f.secondDerivatives();
    double[] back = f.backpropagated();
    double[] out = f.outputs();
    double[] omega = new double[n * h];
    double[] diagM = new double[n * k];
    double[] traceM = new double[n];
    double[] mm = new double[k * k];
    for (int i = 0; i < n; i++) {
      loss.sampleHessianMatrix(out, i * k, k, mm);
      double tr = 0.0;
      for (int o = 0; o < k; o++) {
        diagM[i * k + o] = mm[o * k + o];
        tr += mm[o * k + o];
      }
      traceM[i] = tr;
      for (int j = 0; j < h; j++) {
        double wmw = 0.0;
        for (int o = 0; o < k; o++) {
          double wo = theta[ow2 + o * h + j];
          if (wo == 0.0) {
            continue;
          }
          double row = 0.0;
          for (int o2 = 0; o2 < k; o2++) {
            row += mm[o * k + o2] * theta[ow2 + o2 * h + j];
          }
          wmw += wo * row;
        }
        int q = i * h + j;
        omega[q] = c * (s1[q] * s1[q] * wmw + back[q] * s2[q]);
      }
    }
    return new Weights(omega, diagM, traceM);
  }

  /** The per-unit trace split at θ for problem p, given the forward pass at θ (nothing modified). */
  public static UnitTraces unitTraces(Problem p, double[] theta, ForwardPass f) {
    ParameterLayout l = p.layout();
    int n = p.samples();
    int d = l.inputs();
    int h = l.hidden();
    double c = p.scale();
    double[] x = p.inputs();
    double[] a = f.activations();
    Weights w = weights(p, theta, f);
    double[] in = new double[h];
    double[] outSum = new double[h];
    double bias = 0.0;
    double extra = l.hasHiddenBias() ? 1.0 : 0.0;
    for (int i = 0; i < n; i++) {
      double xx = extra;
      for (int m = 0; m < d; m++) {
        xx += x[i * d + m] * x[i * d + m];
      }
      double tm = w.traceM()[i];
      for (int j = 0; j < h; j++) {
        int q = i * h + j;
        in[j] += w.omega()[q] * xx;
        outSum[j] += c * tm * a[q] * a[q];
      }
      if (l.hasOutputBias()) {
        bias += c * tm;
      }
    }
    return new UnitTraces(in, outSum, bias);
  }

  /** The per-unit trace split at a point (reference forward pass). */
  public static UnitTraces unitTraces(Point point) {
    Problem p = point.objective().problem();
    double[] theta = point.theta();
    return unitTraces(p, theta, ForwardPass.compute(p, theta));
  }

  /** tr ∇²L(θ) at a point, exact in closed form (FLAT-TRACE). */
  public static double trace(Point point) {
    return unitTraces(point).trace();
  }

  /** The full diagonal of ∇²L(θ) at a point (fresh, length N; FLAT-DIAG). */
  public static double[] diagonal(Point point) {
    Problem p = point.objective().problem();
    double[] theta = point.theta();
    ForwardPass f = ForwardPass.compute(p, theta);
    ParameterLayout l = p.layout();
    int n = p.samples();
    int d = l.inputs();
    int h = l.hidden();
    int k = l.outputs();
    double c = p.scale();
    double[] x = p.inputs();
    double[] a = f.activations();
    Weights w = weights(p, theta, f);
    double[] diag = new double[l.size()];
    int ob1 = l.offsetB1();
    int ow2 = l.offsetW2();
    int ob2 = l.offsetB2();
    for (int i = 0; i < n; i++) {
      int xi = i * d;
      for (int j = 0; j < h; j++) {
        double om = w.omega()[i * h + j];
        int row = j * d;
        for (int m = 0; m < d; m++) {
          diag[row + m] += om * x[xi + m] * x[xi + m];
        }
        if (l.hasHiddenBias()) {
          diag[ob1 + j] += om;
        }
      }
      for (int o = 0; o < k; o++) {
        double cm = c * w.diagM()[i * k + o];
        int row = ow2 + o * h;
        for (int j = 0; j < h; j++) {
          double aij = a[i * h + j];
          diag[row + j] += cm * aij * aij;
        }
        if (l.hasOutputBias()) {
          diag[ob2 + o] += cm;
        }
      }
    }
    return diag;
  }
}
