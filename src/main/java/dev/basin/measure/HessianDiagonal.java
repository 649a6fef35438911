package dev.basin.measure;

import dev.basin.compute.OutputCurvature;
import dev.basin.compute.ForwardQuantities;
import dev.basin.compute.Gemm;
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

  /** Per-sample weights: ω (n·h, with the factor c), diag M (n·k) and tr M (n). */
  private record Weights(double[] omega, double[] diagM, double[] traceM) {}

  /**
   * ω_ij = c(σ'(z_ij)² w_jᵀM_iw_j + (W2ᵀg_i)_j σ''(z_ij)) with w_jᵀM_iw_j from the form
   * diag(δ_i) − q_iq_iᵀ of {@link OutputCurvature} as two products over the outputs ({@link Gemm}).
   */
  private static Weights weights(Problem p, double[] theta, ForwardQuantities f) {
    ParameterLayout l = p.layout();
    int n = p.samples();
    int h = l.hidden();
    int k = l.outputs();
    int ow2 = l.offsetW2();
    double c = p.scale();
    double[] s1 = f.firstDerivatives();
    double[] s2 = f.secondDerivatives();
    double[] back = f.backpropagated();
    OutputCurvature m = OutputCurvature.of(p.loss(), f.outputs(), n, k);
    double[] w2sq = new double[k * h];
    for (int q = 0; q < w2sq.length; q++) {
      w2sq[q] = theta[ow2 + q] * theta[ow2 + q];
    }
    double[] wmw = new double[n * h];
    Gemm.multiply(n, h, k, m.delta(), k, false, w2sq, h, false, wmw, false);
    double[] q = m.q();
    if (q != null) {
      double[] qw = new double[n * h];
      Gemm.multiply(n, h, k, q, 0, k, false, theta, ow2, h, false, qw, 0, false);
      for (int r = 0; r < wmw.length; r++) {
        wmw[r] -= qw[r] * qw[r];
      }
    }
    double[] omega = new double[n * h];
    for (int r = 0; r < omega.length; r++) {
      omega[r] = c * (s1[r] * s1[r] * wmw[r] + back[r] * s2[r]);
    }
    double[] diagM = new double[n * k];
    double[] traceM = new double[n];
    for (int i = 0; i < n; i++) {
      double tr = 0.0;
      for (int o = 0; o < k; o++) {
        double mm = m.diagonal(i, k, o);
        diagM[i * k + o] = mm;
        tr += mm;
      }
      traceM[i] = tr;
    }
    return new Weights(omega, diagM, traceM);
  }

  /** The per-unit trace split at θ for problem p, given the forward pass at θ (nothing modified). */
  public static UnitTraces unitTraces(Problem p, double[] theta, ForwardQuantities f) {
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

  /** The per-unit trace split at a point (its backend's forward pass, else the kernel's). */
  public static UnitTraces unitTraces(Point point) {
    Problem p = point.objective().problem();
    double[] theta = point.theta();
    return unitTraces(p, theta, pass(point, p, theta));
  }

  /** The forward pass the point's backend cached. */
  private static ForwardQuantities pass(Point point, Problem p, double[] theta) {
    return point.forwardQuantities();
  }

  /** tr ∇²L(θ) at a point, exact in closed form (FLAT-TRACE). */
  public static double trace(Point point) {
    return unitTraces(point).trace();
  }

  /** The full diagonal of ∇²L(θ) at a point (fresh, length N; FLAT-DIAG), by two products over samples. */
  public static double[] diagonal(Point point) {
    Problem p = point.objective().problem();
    double[] theta = point.theta();
    ForwardQuantities f = pass(point, p, theta);
    ParameterLayout l = p.layout();
    int n = p.samples();
    int d = l.inputs();
    int h = l.hidden();
    int k = l.outputs();
    double c = p.scale();
    double[] a = f.activations();
    Weights w = weights(p, theta, f);
    double[] diag = new double[l.size()];
    // W1 block (offset 0, h×d): Σ_i ω_ij x_im²
    Gemm.multiply(h, d, n, w.omega(), h, true, squares(p.inputs()), d, false, diag, false);
    double[] w2 = new double[k * h];
    Gemm.multiply(k, h, n, w.diagM(), k, true, squares(a), h, false, w2, false);
    int ow2 = l.offsetW2();
    for (int q = 0; q < w2.length; q++) {
      diag[ow2 + q] = c * w2[q];
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; l.hasHiddenBias() && j < h; j++) {
        diag[l.offsetB1() + j] += w.omega()[i * h + j];
      }
      for (int o = 0; l.hasOutputBias() && o < k; o++) {
        diag[l.offsetB2() + o] += c * w.diagM()[i * k + o];
      }
    }
    return diag;
  }

  /** v_i² (fresh). */
  private static double[] squares(double[] v) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = v[i] * v[i];
    }
    return r;
  }
}
