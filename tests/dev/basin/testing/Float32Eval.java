package dev.basin.testing;

import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;

/**
 * A float32 tool, emulated: the loss, gradient and Hessian-vector product of NET-RISK evaluated in
 * binary32 (Java {@code float}, every operation rounded to float) from inputs rounded to float, the
 * way a float32 autograd tool computes them (softmax shifted by the max, log-sum-exp, library
 * functions rounded to float). Written from spec/network.md and spec/hessian.md, independently of
 * the kernel: the oracle for the float32 tolerances of spec GOLDEN-TOL (FLAT-HVP-ERROR "Other
 * arithmetics").
 */
public final class Float32Eval {

  private Float32Eval() {}

  /** One sample's forward pass and loss quantities in float. */
  private record Sample(float[] a, float[] s1, float[] s2, float[] o, float[] g, float[] prob, float loss) {}

  private static float[] floats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  /** σ, σ', σ'' in float (relu'(0) = 0, leaky_relu'(0) = slope). */
  private static float[] act(Activation a, float z) {
    float slope = (float) a.slope();
    switch (a.kind()) {
      case Activation.RELU:
        return z > 0f ? new float[] {z, 1f, 0f} : new float[] {0f, 0f, 0f};
      case Activation.LEAKY_RELU:
        return z > 0f ? new float[] {z, 1f, 0f} : new float[] {slope * z, slope, 0f};
      case Activation.TANH: {
        float t = (float) Math.tanh(z);
        float d1 = 1f - t * t;
        return new float[] {t, d1, -2f * t * d1};
      }
      case Activation.SIGMOID: {
        float s = (float) (1.0 / (1.0 + Math.exp(-z)));
        float d1 = s * (1f - s);
        return new float[] {s, d1, d1 * (1f - 2f * s)};
      }
      case Activation.SOFTPLUS: {
        float s = (float) (1.0 / (1.0 + Math.exp(-z)));
        return new float[] {(float) Math.log1p(Math.exp(z)), s, s * (1f - s)};
      }
      default:
        return new float[] {z, 1f, 0f};
    }
  }

  private static float scale(Problem p) {
    Loss loss = p.loss();
    int n = p.samples();
    int k = p.layout().outputs();
    return loss.reduction() == Loss.SUM ? 1f : 1f / (loss.kind() == Loss.MSE ? (float) n * k : (float) n);
  }

  private static Sample sample(Problem p, float[] th, float[] x, float[] y, int i) {
    ParameterLayout l = p.layout();
    int d = l.inputs();
    int h = l.hidden();
    int k = l.outputs();
    float[] a = new float[h];
    float[] s1 = new float[h];
    float[] s2 = new float[h];
    for (int j = 0; j < h; j++) {
      float z = l.hasHiddenBias() ? th[l.offsetB1() + j] : 0f;
      for (int m = 0; m < d; m++) {
        z += th[j * d + m] * x[i * d + m];
      }
      float[] f = act(p.activation(), z);
      a[j] = f[0];
      s1[j] = f[1];
      s2[j] = f[2];
    }
    float[] o = new float[k];
    for (int oo = 0; oo < k; oo++) {
      float s = l.hasOutputBias() ? th[l.offsetB2() + oo] : 0f;
      for (int j = 0; j < h; j++) {
        s += th[l.offsetW2() + oo * h + j] * a[j];
      }
      o[oo] = s;
    }
    float[] g = new float[k];
    float[] prob = new float[k];
    float loss;
    int kind = p.loss().kind();
    if (kind == Loss.HALFSQ || kind == Loss.MSE) {
      float sum = 0f;
      for (int oo = 0; oo < k; oo++) {
        float r = o[oo] - y[i * k + oo];
        sum += r * r;
        g[oo] = kind == Loss.HALFSQ ? r : 2f * r;
      }
      loss = kind == Loss.HALFSQ ? 0.5f * sum : sum;
    } else if (kind == Loss.CE) {
      float mx = o[0];
      for (int oo = 1; oo < k; oo++) {
        mx = Math.max(mx, o[oo]);
      }
      float zs = 0f;
      for (int oo = 0; oo < k; oo++) {
        zs += (float) Math.exp(o[oo] - mx);
      }
      for (int oo = 0; oo < k; oo++) {
        prob[oo] = (float) Math.exp(o[oo] - mx) / zs;
        g[oo] = prob[oo] - (oo == p.label(i) ? 1f : 0f);
      }
      loss = (float) Math.log(zs) + mx - o[p.label(i)];
    } else {
      float s = (float) (1.0 / (1.0 + Math.exp(-o[0])));
      prob[0] = s;
      g[0] = s - (p.label(i) == 1 ? 1f : 0f);
      float t = p.label(i) == 1 ? -o[0] : o[0];
      loss = (float) Math.log1p(Math.exp(t));
    }
    return new Sample(a, s1, s2, o, g, prob, loss);
  }

  /** L(θ) in float32. */
  public static double loss(Problem p, double[] theta) {
    float[] th = floats(theta);
    float[] x = floats(p.inputs());
    float[] y = floats(p.targets());
    float total = 0f;
    for (int i = 0; i < p.samples(); i++) {
      total += sample(p, th, x, y, i).loss();
    }
    return scale(p) * total;
  }

  /** ∇L(θ) in float32 (back-propagation). */
  public static double[] gradient(Problem p, double[] theta) {
    return run(p, theta, null);
  }

  /** H v in float32 (the R-pass of HESS-HVP). */
  public static double[] hvp(Problem p, double[] theta, double[] v) {
    return run(p, theta, v);
  }

  /** The diagonal as (H e_q)_q, the way a tool without a closed form gets it. */
  public static double[] diagonal(Problem p, double[] theta) {
    double[] diag = new double[theta.length];
    for (int q = 0; q < theta.length; q++) {
      double[] e = new double[theta.length];
      e[q] = 1.0;
      diag[q] = hvp(p, theta, e)[q];
    }
    return diag;
  }

  private static double[] run(Problem p, double[] theta, double @org.checkerframework.checker.nullness.qual.Nullable [] vd) {
    ParameterLayout l = p.layout();
    int d = l.inputs();
    int h = l.hidden();
    int k = l.outputs();
    float[] th = floats(theta);
    float[] x = floats(p.inputs());
    float[] y = floats(p.targets());
    float[] v = vd == null ? null : floats(vd);
    float c = scale(p);
    float[] out = new float[theta.length];
    int ow2 = l.offsetW2();
    for (int i = 0; i < p.samples(); i++) {
      Sample s = sample(p, th, x, y, i);
      float[] cw2 = new float[k];
      float[] cb = new float[h];
      float[] gOut = s.g();
      if (v == null) {
        for (int oo = 0; oo < k; oo++) {
          cw2[oo] = c * gOut[oo];
        }
        for (int j = 0; j < h; j++) {
          float back = 0f;
          for (int oo = 0; oo < k; oo++) {
            back += th[ow2 + oo * h + j] * gOut[oo];
          }
          cb[j] = c * back * s.s1()[j];
        }
        addOuter(l, out, cw2, s.a(), null, cb, x, i);
        continue;
      }
      float[] rz = new float[h];
      float[] ra = new float[h];
      for (int j = 0; j < h; j++) {
        float r = l.hasHiddenBias() ? v[l.offsetB1() + j] : 0f;
        for (int m = 0; m < d; m++) {
          r += v[j * d + m] * x[i * d + m];
        }
        rz[j] = r;
        ra[j] = s.s1()[j] * r;
      }
      float[] ro = new float[k];
      for (int oo = 0; oo < k; oo++) {
        float r = l.hasOutputBias() ? v[l.offsetB2() + oo] : 0f;
        for (int j = 0; j < h; j++) {
          r += th[ow2 + oo * h + j] * ra[j] + v[ow2 + oo * h + j] * s.a()[j];
        }
        ro[oo] = r;
      }
      float[] rg = new float[k];
      int kind = p.loss().kind();
      if (kind == Loss.HALFSQ || kind == Loss.MSE) {
        for (int oo = 0; oo < k; oo++) {
          rg[oo] = kind == Loss.HALFSQ ? ro[oo] : 2f * ro[oo];
        }
      } else if (kind == Loss.CE) {
        float[] pr = new float[k];
        float pv = 0f;
        for (int oo = 0; oo < k; oo++) {
          pr[oo] = s.prob()[oo];
          pv += pr[oo] * ro[oo];
        }
        for (int oo = 0; oo < k; oo++) {
          rg[oo] = pr[oo] * (ro[oo] - pv);
        }
      } else {
        float sg = s.prob()[0];
        rg[0] = sg * (1f - sg) * ro[0];
      }
      for (int oo = 0; oo < k; oo++) {
        cw2[oo] = c * rg[oo];
      }
      float[] cg = new float[k];
      for (int oo = 0; oo < k; oo++) {
        cg[oo] = c * gOut[oo];
      }
      for (int j = 0; j < h; j++) {
        float sr = 0f;
        float back = 0f;
        for (int oo = 0; oo < k; oo++) {
          sr += th[ow2 + oo * h + j] * rg[oo] + v[ow2 + oo * h + j] * gOut[oo];
          back += th[ow2 + oo * h + j] * gOut[oo];
        }
        cb[j] = c * (sr * s.s1()[j] + back * s.s2()[j] * rz[j]);
      }
      addOuter(l, out, cw2, s.a(), new float[][] {cg, ra}, cb, x, i);
    }
    double[] r = new double[out.length];
    for (int q = 0; q < r.length; q++) {
      r[q] = out[q];
    }
    return r;
  }

  /**
   * out_W2 += cw2 aᵀ (+ cg raᵀ for an HVP), out_b2 += cw2, out_W1 += cb xᵀ, out_b1 += cb for sample i
   * (out modified).
   */
  private static void addOuter(ParameterLayout l, float[] out, float[] cw2, float[] a,
      float @org.checkerframework.checker.nullness.qual.Nullable [][] extra, float[] cb, float[] x, int i) {
    int d = l.inputs();
    int h = l.hidden();
    int k = l.outputs();
    for (int oo = 0; oo < k; oo++) {
      for (int j = 0; j < h; j++) {
        float t = cw2[oo] * a[j];
        if (extra != null) {
          t += extra[0][oo] * extra[1][j];
        }
        out[l.offsetW2() + oo * h + j] += t;
      }
      if (l.hasOutputBias()) {
        out[l.offsetB2() + oo] += cw2[oo];
      }
    }
    for (int j = 0; j < h; j++) {
      for (int m = 0; m < d; m++) {
        out[j * d + m] += cb[j] * x[i * d + m];
      }
      if (l.hasHiddenBias()) {
        out[l.offsetB1() + j] += cb[j];
      }
    }
  }
}
