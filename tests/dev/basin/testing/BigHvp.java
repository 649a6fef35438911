package dev.basin.testing;

import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A 60-digit BigDecimal evaluation of the Hessian-vector product of NET-RISK (spec HESS-HVP), written
 * independently of the kernel from the formulas in spec/hessian.md and spec/network.md: the exact
 * oracle against which rounding bounds are tested. Inputs (θ, x, targets, v) are taken as the exact
 * values of their doubles; c is the exact 1/n (or 1/(nk)). The only approximations are the 60-digit
 * arithmetic and series, whose error (&lt; 1e-50 relative) is far below any binary64 bound.
 */
public final class BigHvp {

  private static final MathContext MC = new MathContext(60);
  private static final BigDecimal ONE = BigDecimal.ONE;
  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  private BigHvp() {}

  /** e^x to 60 digits (argument halving + Taylor). */
  public static BigDecimal exp(BigDecimal x) {
    int halvings = 0;
    BigDecimal y = x;
    while (y.abs().compareTo(new BigDecimal("0.25")) > 0) {
      y = y.divide(TWO, MC);
      halvings++;
    }
    BigDecimal sum = ONE;
    BigDecimal term = ONE;
    for (int i = 1; i < 80; i++) {
      term = term.multiply(y, MC).divide(BigDecimal.valueOf(i), MC);
      sum = sum.add(term, MC);
      if (term.abs().compareTo(new BigDecimal("1e-70")) < 0) {
        break;
      }
    }
    for (int i = 0; i < halvings; i++) {
      sum = sum.multiply(sum, MC);
    }
    return sum;
  }

  /**
   * ln x for x &gt; 0 (Newton on exp, started from the double log of x's 17 leading digits plus its
   * decimal exponent, so that x beyond the double range, e.g. a sum of e^o with o &gt; 709, works).
   */
  public static BigDecimal log(BigDecimal x) {
    BigDecimal lead = x.round(new MathContext(17));
    double start = Math.log(lead.unscaledValue().doubleValue()) - lead.scale() * Math.log(10.0);
    BigDecimal y = new BigDecimal(start);
    for (int i = 0; i < 8; i++) {
      BigDecimal e = exp(y);
      y = y.add(TWO.multiply(x.subtract(e, MC), MC).divide(x.add(e, MC), MC), MC);
    }
    return y;
  }

  private static BigDecimal sigmoid(BigDecimal z) {
    return ONE.divide(ONE.add(exp(z.negate()), MC), MC);
  }

  /** σ, σ', σ'' of the activation at z (exact kind semantics of NET-ACT, relu'(0) = 0). */
  public static BigDecimal[] act(Activation a, BigDecimal z) {
    switch (a.kind()) {
      case Activation.RELU:
        return z.signum() > 0 ? new BigDecimal[] {z, ONE, BigDecimal.ZERO}
            : new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
      case Activation.LEAKY_RELU: {
        BigDecimal s = new BigDecimal(a.slope());
        return z.signum() > 0 ? new BigDecimal[] {z, ONE, BigDecimal.ZERO}
            : new BigDecimal[] {s.multiply(z, MC), s, BigDecimal.ZERO};
      }
      case Activation.TANH: {
        BigDecimal e2 = exp(TWO.multiply(z, MC));
        BigDecimal t = e2.subtract(ONE, MC).divide(e2.add(ONE, MC), MC);
        BigDecimal d1 = ONE.subtract(t.multiply(t, MC), MC);
        return new BigDecimal[] {t, d1, TWO.negate().multiply(t, MC).multiply(d1, MC)};
      }
      case Activation.SIGMOID: {
        BigDecimal s = sigmoid(z);
        BigDecimal d1 = s.multiply(ONE.subtract(s, MC), MC);
        return new BigDecimal[] {s, d1, d1.multiply(ONE.subtract(TWO.multiply(s, MC), MC), MC)};
      }
      case Activation.SOFTPLUS: {
        BigDecimal s = sigmoid(z);
        return new BigDecimal[] {log(ONE.add(exp(z), MC)), s, s.multiply(ONE.subtract(s, MC), MC)};
      }
      default:
        return new BigDecimal[] {z, ONE, BigDecimal.ZERO};
    }
  }

  private static BigDecimal b(double v) {
    return new BigDecimal(v);
  }

  /** The exact Hv (60 digits) for problem p at θ along v. */
  public static BigDecimal[] hvp(Problem p, double[] theta, double[] v) {
    ParameterLayout l = p.layout();
    int n = p.samples();
    int d = l.inputs();
    int h = l.hidden();
    int k = l.outputs();
    Loss loss = p.loss();
    BigDecimal c = scale(p);
    double[] x = p.inputs();
    BigDecimal[] hv = new BigDecimal[l.size()];
    java.util.Arrays.fill(hv, BigDecimal.ZERO);
    int ob1 = l.offsetB1();
    int ow2 = l.offsetW2();
    int ob2 = l.offsetB2();
    for (int i = 0; i < n; i++) {
      BigDecimal[] z = new BigDecimal[h];
      BigDecimal[] a = new BigDecimal[h];
      BigDecimal[] s1 = new BigDecimal[h];
      BigDecimal[] s2 = new BigDecimal[h];
      BigDecimal[] rz = new BigDecimal[h];
      BigDecimal[] ra = new BigDecimal[h];
      for (int j = 0; j < h; j++) {
        BigDecimal s = l.hasHiddenBias() ? b(theta[ob1 + j]) : BigDecimal.ZERO;
        BigDecimal r = l.hasHiddenBias() ? b(v[ob1 + j]) : BigDecimal.ZERO;
        for (int m = 0; m < d; m++) {
          s = s.add(b(theta[j * d + m]).multiply(b(x[i * d + m])));
          r = r.add(b(v[j * d + m]).multiply(b(x[i * d + m])));
        }
        z[j] = s;
        BigDecimal[] f = act(p.activation(), s);
        a[j] = f[0];
        s1[j] = f[1];
        s2[j] = f[2];
        rz[j] = r;
        ra[j] = f[1].multiply(r, MC);
      }
      BigDecimal[] o = new BigDecimal[k];
      BigDecimal[] ro = new BigDecimal[k];
      for (int oo = 0; oo < k; oo++) {
        BigDecimal s = l.hasOutputBias() ? b(theta[ob2 + oo]) : BigDecimal.ZERO;
        BigDecimal r = l.hasOutputBias() ? b(v[ob2 + oo]) : BigDecimal.ZERO;
        for (int j = 0; j < h; j++) {
          BigDecimal w = b(theta[ow2 + oo * h + j]);
          s = s.add(w.multiply(a[j], MC), MC);
          r = r.add(w.multiply(ra[j], MC), MC).add(b(v[ow2 + oo * h + j]).multiply(a[j], MC), MC);
        }
        o[oo] = s;
        ro[oo] = r;
      }
      BigDecimal[] g = new BigDecimal[k];
      BigDecimal[] rg = new BigDecimal[k];
      int kind = loss.kind();
      if (kind == Loss.HALFSQ || kind == Loss.MSE) {
        BigDecimal mf = kind == Loss.HALFSQ ? ONE : TWO;
        for (int oo = 0; oo < k; oo++) {
          g[oo] = mf.multiply(o[oo].subtract(b(p.targets()[i * k + oo]), MC), MC);
          rg[oo] = mf.multiply(ro[oo], MC);
        }
      } else if (kind == Loss.CE) {
        BigDecimal[] e = new BigDecimal[k];
        BigDecimal zs = BigDecimal.ZERO;
        for (int oo = 0; oo < k; oo++) {
          e[oo] = exp(o[oo]);
          zs = zs.add(e[oo], MC);
        }
        BigDecimal pv = BigDecimal.ZERO;
        BigDecimal[] pr = new BigDecimal[k];
        for (int oo = 0; oo < k; oo++) {
          pr[oo] = e[oo].divide(zs, MC);
          pv = pv.add(pr[oo].multiply(ro[oo], MC), MC);
        }
        for (int oo = 0; oo < k; oo++) {
          g[oo] = pr[oo].subtract(oo == p.label(i) ? ONE : BigDecimal.ZERO, MC);
          rg[oo] = pr[oo].multiply(ro[oo].subtract(pv, MC), MC);
        }
      } else {
        BigDecimal s = sigmoid(o[0]);
        g[0] = s.subtract(p.label(i) == 1 ? ONE : BigDecimal.ZERO, MC);
        rg[0] = s.multiply(ONE.subtract(s, MC), MC).multiply(ro[0], MC);
      }
      for (int oo = 0; oo < k; oo++) {
        for (int j = 0; j < h; j++) {
          int q = ow2 + oo * h + j;
          hv[q] = hv[q].add(c.multiply(rg[oo].multiply(a[j], MC).add(g[oo].multiply(ra[j], MC), MC), MC), MC);
        }
        if (l.hasOutputBias()) {
          hv[ob2 + oo] = hv[ob2 + oo].add(c.multiply(rg[oo], MC), MC);
        }
      }
      for (int j = 0; j < h; j++) {
        BigDecimal s = BigDecimal.ZERO;
        BigDecimal back = BigDecimal.ZERO;
        for (int oo = 0; oo < k; oo++) {
          BigDecimal w = b(theta[ow2 + oo * h + j]);
          s = s.add(w.multiply(rg[oo], MC), MC).add(b(v[ow2 + oo * h + j]).multiply(g[oo], MC), MC);
          back = back.add(w.multiply(g[oo], MC), MC);
        }
        BigDecimal rd = c.multiply(s.multiply(s1[j], MC).add(back.multiply(s2[j], MC).multiply(rz[j], MC), MC), MC);
        for (int m = 0; m < d; m++) {
          hv[j * d + m] = hv[j * d + m].add(rd.multiply(b(x[i * d + m]), MC), MC);
        }
        if (l.hasHiddenBias()) {
          hv[ob1 + j] = hv[ob1 + j].add(rd, MC);
        }
      }
    }
    return hv;
  }

  /** The exact loss L(θ) = c Σ_i ℓ_i (NET-RISK) to 60 digits. */
  public static BigDecimal loss(Problem p, double[] theta) {
    int k = p.layout().outputs();
    Loss loss = p.loss();
    BigDecimal c = scale(p);
    BigDecimal total = BigDecimal.ZERO;
    for (int i = 0; i < p.samples(); i++) {
      BigDecimal[] o = forward(p, theta, i).o();
      BigDecimal li;
      int kind = loss.kind();
      if (kind == Loss.HALFSQ || kind == Loss.MSE) {
        li = BigDecimal.ZERO;
        for (int oo = 0; oo < k; oo++) {
          BigDecimal r = o[oo].subtract(b(p.targets()[i * k + oo]), MC);
          li = li.add(r.multiply(r, MC), MC);
        }
        if (kind == Loss.HALFSQ) {
          li = li.divide(TWO, MC);
        }
      } else if (kind == Loss.CE) {
        BigDecimal zs = BigDecimal.ZERO;
        for (int oo = 0; oo < k; oo++) {
          zs = zs.add(exp(o[oo]), MC);
        }
        li = log(zs).subtract(o[p.label(i)], MC);
      } else {
        BigDecimal z = p.label(i) == 1 ? o[0].negate() : o[0];
        li = log(ONE.add(exp(z), MC));
      }
      total = total.add(li, MC);
    }
    return c.multiply(total, MC);
  }

  /** The exact gradient ∇L(θ) (NET-GRAD) to 60 digits: the Hv product's first-order terms, written out. */
  public static BigDecimal[] gradient(Problem p, double[] theta) {
    ParameterLayout l = p.layout();
    int d = l.inputs();
    int h = l.hidden();
    int k = l.outputs();
    BigDecimal c = scale(p);
    double[] x = p.inputs();
    BigDecimal[] grad = new BigDecimal[l.size()];
    java.util.Arrays.fill(grad, BigDecimal.ZERO);
    for (int i = 0; i < p.samples(); i++) {
      Forward fw = forward(p, theta, i);
      BigDecimal[] a = fw.a();
      BigDecimal[] s1 = fw.s1();
      BigDecimal[] o = fw.o();
      BigDecimal[] g = outputGradient(p, i, o);
      for (int oo = 0; oo < k; oo++) {
        BigDecimal cg = c.multiply(g[oo], MC);
        for (int j = 0; j < h; j++) {
          int q = l.offsetW2() + oo * h + j;
          grad[q] = grad[q].add(cg.multiply(a[j], MC), MC);
        }
        if (l.hasOutputBias()) {
          grad[l.offsetB2() + oo] = grad[l.offsetB2() + oo].add(cg, MC);
        }
      }
      for (int j = 0; j < h; j++) {
        BigDecimal back = BigDecimal.ZERO;
        for (int oo = 0; oo < k; oo++) {
          back = back.add(b(theta[l.offsetW2() + oo * h + j]).multiply(g[oo], MC), MC);
        }
        BigDecimal dz = c.multiply(back.multiply(s1[j], MC), MC);
        for (int m = 0; m < d; m++) {
          grad[j * d + m] = grad[j * d + m].add(dz.multiply(b(x[i * d + m]), MC), MC);
        }
        if (l.hasHiddenBias()) {
          grad[l.offsetB1() + j] = grad[l.offsetB1() + j].add(dz, MC);
        }
      }
    }
    return grad;
  }

  /** ∂ℓ_i/∂o at the exact outputs o of sample i (NET-LOSS). */
  private static BigDecimal[] outputGradient(Problem p, int i, BigDecimal[] o) {
    int k = o.length;
    BigDecimal[] g = new BigDecimal[k];
    int kind = p.loss().kind();
    if (kind == Loss.HALFSQ || kind == Loss.MSE) {
      BigDecimal mf = kind == Loss.HALFSQ ? ONE : TWO;
      for (int oo = 0; oo < k; oo++) {
        g[oo] = mf.multiply(o[oo].subtract(b(p.targets()[i * k + oo]), MC), MC);
      }
    } else if (kind == Loss.CE) {
      BigDecimal zs = BigDecimal.ZERO;
      BigDecimal[] e = new BigDecimal[k];
      for (int oo = 0; oo < k; oo++) {
        e[oo] = exp(o[oo]);
        zs = zs.add(e[oo], MC);
      }
      for (int oo = 0; oo < k; oo++) {
        g[oo] = e[oo].divide(zs, MC).subtract(oo == p.label(i) ? ONE : BigDecimal.ZERO, MC);
      }
    } else {
      g[0] = sigmoid(o[0]).subtract(p.label(i) == 1 ? ONE : BigDecimal.ZERO, MC);
    }
    return g;
  }

  /** The exact diagonal of ∇²L(θ) (60 digits) as (H e_q)_q for every coordinate q. */
  public static BigDecimal[] diagonal(Problem p, double[] theta) {
    int nn = theta.length;
    BigDecimal[] diag = new BigDecimal[nn];
    for (int q = 0; q < nn; q++) {
      double[] e = new double[nn];
      e[q] = 1.0;
      diag[q] = hvp(p, theta, e)[q];
    }
    return diag;
  }

  /** One sample's exact activations, σ' and outputs. */
  private record Forward(BigDecimal[] a, BigDecimal[] s1, BigDecimal[] o) {}

  private static Forward forward(Problem p, double[] theta, int i) {
    ParameterLayout l = p.layout();
    int d = l.inputs();
    int h = l.hidden();
    int k = l.outputs();
    double[] x = p.inputs();
    BigDecimal[] a = new BigDecimal[h];
    BigDecimal[] s1 = new BigDecimal[h];
    for (int j = 0; j < h; j++) {
      BigDecimal s = l.hasHiddenBias() ? b(theta[l.offsetB1() + j]) : BigDecimal.ZERO;
      for (int m = 0; m < d; m++) {
        s = s.add(b(theta[j * d + m]).multiply(b(x[i * d + m])));
      }
      BigDecimal[] f = act(p.activation(), s);
      a[j] = f[0];
      s1[j] = f[1];
    }
    BigDecimal[] o = new BigDecimal[k];
    for (int oo = 0; oo < k; oo++) {
      BigDecimal s = l.hasOutputBias() ? b(theta[l.offsetB2() + oo]) : BigDecimal.ZERO;
      for (int j = 0; j < h; j++) {
        s = s.add(b(theta[l.offsetW2() + oo * h + j]).multiply(a[j], MC), MC);
      }
      o[oo] = s;
    }
    return new Forward(a, s1, o);
  }

  /** c of NET-RISK, exactly 1/n or 1/(nk) to 60 digits. */
  private static BigDecimal scale(Problem p) {
    Loss loss = p.loss();
    return loss.reduction() == Loss.SUM ? ONE : ONE.divide(BigDecimal.valueOf(loss.kind() == Loss.MSE
        ? (long) p.samples() * p.layout().outputs() : p.samples()), MC);
  }
}
