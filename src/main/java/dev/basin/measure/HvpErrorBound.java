package dev.basin.measure;

import dev.basin.compute.OutputCurvature;
import dev.basin.compute.ForwardQuantities;
import dev.basin.compute.ErrorModel;
import dev.basin.compute.Evaluation;
import dev.basin.compute.MatrixProducts;
import dev.basin.compute.ReferenceBackend;
import dev.basin.kernel.Activation;
import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.Loss;
import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;

/**
 * A rigorous componentwise bound on the error of a backend's Hessian-vector product (spec
 * FLAT-HVP-ERROR): for every v, |Ĥv − Hv| ≤ {@link #bound}(v), where Ĥv is what an evaluation
 * computes in binary64 under its declared {@link ErrorModel} (the reference kernel's {@link
 * dev.basin.kernel.HessianVector}, or any backend's) and Hv is the exact product of the Hessian of
 * NET-RISK at the same θ.
 *
 * <p>Every forward-pass quantity q carries a magnitude A_q ≥ max(|q̂|, |q|) and an inherited error
 * E_q ≥ |q̂ − q|; the R-pass propagates both by the product rule, and its own roundings are
 * charged at the end as γ_K·A. The forward magnitudes are computed once here (cost about one
 * forward pass); each {@link #bound} costs about one HVP. Every sum over data features, units,
 * outputs or samples (|X|·|W1|ᵀ here; |X|·|V1|ᵀ, the W2-side sums and (coefficients)ᵀ·|X| in
 * {@link #bound}) runs on the backend's {@link MatrixProducts}: all their terms are non-negative, so
 * the order of summation only matters through the round-off that the final factor 1 + 2γ_K covers
 * (their chains are at most K long). The γ's of the forward quantities and of the R-pass come from
 * the evaluation's declared model, so the bound holds for every backend that keeps its declaration
 * (spec COMPUTE-ERROR-MODEL). Immutable after construction; safe for concurrent use.
 */
public final class HvpErrorBound {

  /** Samples per block of {@link #bound}'s products (temporaries of block·h doubles). */
  static final int SAMPLE_BLOCK = 4096;

  private final Problem p;
  private final double[] theta;
  private final int n;
  private final int d;
  private final int h;
  private final int k;
  private final double gammaK;
  private final int sampleBlock;
  /** The arithmetic of the evaluation whose products are bounded (its chain counts give the γ's). */
  private final ErrorModel model;
  /** The backend's matrix products, for the sums of magnitudes. */
  private final MatrixProducts products;
  /** |X| (n·d). */
  private final double[] absX;
  /** |W2| (k·h). */
  private final double[] absW2;
  private final double[] aA;
  private final double[] aE;
  private final double[] s1A;
  private final double[] s1E;
  private final double[] s2A;
  private final double[] s2E;
  private final double[] gA;
  private final double[] gE;
  private final double[] backA;
  private final double[] backE;
  /** ce: softmax p (n·k); logistic: M = s(1 − s) (n); squared losses: unused. */
  private final double[] mA;
  private final double[] mE;
  private final int ambiguousKinks;
  /** Σ_i e_i and Σ_i ℓ̂_i for the loss bound. */
  private double sampleLossErrors;
  private double sampleLossSum;

  private HvpErrorBound(Problem p, double[] theta, ForwardQuantities f, ErrorModel model, MatrixProducts products,
      int sampleBlock) {
    this.p = p;
    this.theta = theta;
    this.model = model;
    this.products = products;
    this.sampleBlock = sampleBlock;
    ParameterLayout l = p.layout();
    n = p.samples();
    d = l.inputs();
    h = l.hidden();
    k = l.outputs();
    gammaK = ErrorModel.gamma(model.hvpChain(n, d, h, k));
    aA = new double[n * h];
    aE = new double[n * h];
    s1A = new double[n * h];
    s1E = new double[n * h];
    s2A = new double[n * h];
    s2E = new double[n * h];
    backA = new double[n * h];
    backE = new double[n * h];
    gA = new double[n * k];
    gE = new double[n * k];
    int kind = p.loss().kind();
    mA = new double[kind == Loss.CE ? n * k : kind == Loss.LOGISTIC ? n : 0];
    mE = new double[mA.length];
    absX = abs(p.inputs(), 0, n * d);
    absW2 = abs(theta, l.offsetW2(), k * h);
    ambiguousKinks = forward(f);
  }

  /**
   * The bound for the reference kernel's products at θ, given its forward pass at θ (not modified).
   *
   * @param p the problem
   * @param theta parameters (length N; kept by reference, must not be modified afterwards)
   * @param f {@code ForwardPass.compute(p, theta)}
   */
  public static HvpErrorBound of(Problem p, double[] theta, ForwardPass f) {
    return new HvpErrorBound(p, theta, ForwardQuantities.of(f), ReferenceBackend.MODEL,
        ReferenceBackend.INSTANCE.prepare(p).products(), SAMPLE_BLOCK);
  }

  /**
   * The bound for the products of an evaluation at θ: the analysis on that evaluation's own forward
   * quantities, with the chain counts of its declared {@link ErrorModel}, its sums of magnitudes
   * on its backend's matrix products.
   *
   * @param e the evaluation (its forward quantities are fetched now)
   * @param theta the θ it was evaluated at (kept by reference, must not be modified afterwards)
   */
  public static HvpErrorBound of(Evaluation e, double[] theta) {
    return new HvpErrorBound(e.problem(), theta, e.forwardQuantities(), e.errorModel(), e.products(), SAMPLE_BLOCK);
  }

  /** The same with bound's samples in blocks of the given size (≥ 1; tests of the blocking). */
  static HvpErrorBound of(Evaluation e, double[] theta, int sampleBlock) {
    return new HvpErrorBound(e.problem(), theta, e.forwardQuantities(), e.errorModel(), e.products(), sampleBlock);
  }

  /** |a_{from+i}| for i &lt; len (fresh). */
  private static double[] abs(double[] a, int from, int len) {
    double[] r = new double[len];
    for (int i = 0; i < len; i++) {
      r[i] = Math.abs(a[from + i]);
    }
    return r;
  }

  /**
   * The number of (sample, unit) pairs of a piecewise-linear activation whose computed
   * pre-activation is within its rounding error of the kink: there the side of the kink is
   * uncertain and the bound covers both pieces.
   */
  public int ambiguousKinks() {
    return ambiguousKinks;
  }

  /** γ_K of the R-pass (FLAT-HVP-ERROR). */
  public double gammaK() {
    return gammaK;
  }

  /** sup|σ'| (spec FLAT-HVP-ERROR table). */
  public static double firstDerivativeBound(Activation act) {
    return switch (act.kind()) {
      case Activation.LEAKY_RELU -> Math.max(1.0, Math.abs(act.slope()));
      case Activation.SIGMOID -> 0.25;
      default -> 1.0;
    };
  }

  /** sup|σ'''| (spec FLAT-HVP-ERROR table). */
  public static double thirdDerivativeBound(Activation act) {
    return switch (act.kind()) {
      case Activation.TANH -> 2.0;
      case Activation.SIGMOID -> 0.125;
      case Activation.SOFTPLUS -> 1.0 / (6.0 * Math.sqrt(3.0));
      default -> 0.0;
    };
  }

  private static boolean piecewiseLinear(Activation act) {
    int kd = act.kind();
    return kd == Activation.RELU || kd == Activation.LEAKY_RELU || kd == Activation.IDENTITY;
  }

  /** Fills the forward magnitudes and errors; returns the number of ambiguous kinks. */
  private int forward(ForwardQuantities f) {
    ParameterLayout l = p.layout();
    Activation act = p.activation();
    Loss loss = p.loss();
    double u = Rounding.U;
    double[] targets = p.targets();
    double[] z = f.preActivations();
    double[] a = f.activations();
    double[] s1 = f.firstDerivatives();
    double[] s2 = f.secondDerivatives();
    double[] out = f.outputs();
    double[] g = f.outputGradients();
    int ob1 = l.offsetB1();
    int ob2 = l.offsetB2();
    boolean hasB1 = l.hasHiddenBias();
    boolean hasB2 = l.hasOutputBias();
    boolean pl = piecewiseLinear(act);
    double slope = act.kind() == Activation.LEAKY_RELU ? act.slope() : act.kind() == Activation.IDENTITY ? 1.0 : 0.0;
    double lip0 = firstDerivativeBound(act);
    double lip1 = act.secondDerivativeBound();
    double lip2 = thirdDerivativeBound(act);
    double gz = ErrorModel.gamma(model.preActivationChain(d));
    double go = ErrorModel.gamma(model.outputChain(h));
    double gb = ErrorModel.gamma(model.backChain(k));
    double gsm = Rounding.gamma(k + 1.0);
    int ambiguous = 0;
    double[] softmax = loss.kind() == Loss.CE ? OutputCurvature.of(loss, out, n, k).delta() : new double[0];
    double[] zMag = new double[n * h];
    products.multiply(n, h, d, absX, d, false, abs(theta, 0, h * d), d, true, zMag, false);
    for (int i = 0; i < n; i++) {
      int hi = i * h;
      for (int j = 0; j < h; j++) {
        double s = zMag[hi + j] + (hasB1 ? Math.abs(theta[ob1 + j]) : 0.0);
        double ez = gz * s;
        int q = hi + j;
        double ea;
        double es1;
        double es2;
        if (pl) {
          ea = lip0 * ez + u * Math.abs(a[q]);
          boolean amb = Math.abs(z[q]) <= ez && slope != 1.0;
          if (amb) {
            ambiguous++;
          }
          es1 = amb ? Math.abs(1.0 - slope) : 0.0;
          es2 = 0.0;
        } else {
          ea = lip0 * ez + model.functionError(a[q]);
          es1 = lip1 * ez + model.functionError(s1[q]);
          es2 = lip2 * ez + model.functionError(s2[q]);
        }
        aE[q] = ea;
        aA[q] = Math.abs(a[q]) + ea;
        s1E[q] = es1;
        s1A[q] = Math.abs(s1[q]) + es1;
        s2E[q] = es2;
        s2A[q] = Math.abs(s2[q]) + es2;
      }
    }
    // A_o = |W2|A_a + |b2|, E_o = |W2|E_a + γ_{h+1}A_o
    double[] oA = new double[n * k];
    double[] oE = new double[n * k];
    products.multiply(n, k, h, aA, h, false, absW2, h, true, oA, false);
    products.multiply(n, k, h, aE, h, false, absW2, h, true, oE, false);
    double[] sampleOE = new double[k];
    for (int i = 0; i < n; i++) {
      int ki = i * k;
      double maxEo = 0.0;
      for (int o = 0; o < k; o++) {
        double sa = oA[ki + o] + (hasB2 ? Math.abs(theta[ob2 + o]) : 0.0);
        oA[ki + o] = sa;
        double se = oE[ki + o] + go * sa;
        sampleOE[o] = se;
        maxEo = Math.max(maxEo, se);
      }
      int kind = loss.kind();
      if (kind == Loss.HALFSQ || kind == Loss.MSE) {
        double mf = kind == Loss.HALFSQ ? 1.0 : 2.0;
        for (int o = 0; o < k; o++) {
          double e = mf * sampleOE[o] + u * Math.abs(g[ki + o]);
          gE[ki + o] = e;
          gA[ki + o] = Math.abs(g[ki + o]) + e;
        }
      } else if (kind == Loss.CE) {
        double mx = out[ki];
        for (int o = 1; o < k; o++) {
          mx = Math.max(mx, out[ki + o]);
        }
        double spread = 0.0;
        for (int o = 0; o < k; o++) {
          spread = Math.max(spread, mx - out[ki + o]);
        }
        double logErr = 2.0 * maxEo + u * (3.0 + 2.0 * spread) + gsm;
        double rel = Math.expm1(logErr);
        for (int o = 0; o < k; o++) {
          // p̂ as the kernel computes it (NET-LOSS); E_p from the log-error bound above
          double pv = softmax[ki + o];
          double ep = pv * rel;
          mE[ki + o] = ep;
          mA[ki + o] = pv + ep;
          double e = ep + u * Math.abs(g[ki + o]);
          gE[ki + o] = e;
          gA[ki + o] = Math.abs(g[ki + o]) + e;
        }
      } else {
        double sg = Activation.sigmoid(out[ki]);
        double es = 0.25 * sampleOE[0] + model.functionError(sg);
        double sA = Math.abs(sg) + es;
        double e1 = es + u * Math.abs(1.0 - sg);
        double oneA = Math.abs(1.0 - sg) + e1;
        double mm = sg * (1.0 - sg);
        mE[i] = sA * e1 + es * oneA + u * Math.abs(mm);
        mA[i] = Math.abs(mm) + mE[i];
        double e = es + u * Math.abs(g[ki]);
        gE[ki] = e;
        gA[ki] = Math.abs(g[ki]) + e;
      }
      double li = loss.sample(out, ki, k, targets, p.label(i));
      sampleLossSum += li;
      sampleLossErrors += sampleLossError(kind, out, targets, ki, sampleOE, maxEo, li);
    }
    // A_back = |W2|ᵀA_g, E_back = |W2|ᵀE_g + γ_k A_back
    products.multiply(n, h, k, gA, k, false, absW2, h, false, backA, false);
    products.multiply(n, h, k, gE, k, false, absW2, h, false, backE, false);
    for (int q = 0; q < n * h; q++) {
      backE[q] += gb * backA[q];
    }
    return ambiguous;
  }

  /**
   * A bound on |e_i| = |ℓ̂_i − ℓ_i| for one sample (spec FLAT-LOSS-ERROR), given the output errors
   * oE (length k) and the computed sample loss li; out and targets not modified.
   */
  private double sampleLossError(int kind, double[] out, double[] targets, int ki, double[] oE, double maxEo,
      double li) {
    double u = Rounding.U;
    if (kind == Loss.HALFSQ || kind == Loss.MSE) {
      double f = kind == Loss.HALFSQ ? 0.5 : 1.0;
      double e = 0.0;
      double rr = 0.0;
      for (int o = 0; o < k; o++) {
        double r = out[ki + o] - targets[ki + o];
        double er = oE[o] + u * Math.abs(r);
        e += (2.0 * Math.abs(r) + er) * er;
        rr += r * r;
      }
      return f * (e + Rounding.gamma(k + 1.0) * rr);
    }
    if (kind == Loss.CE) {
      double mx = out[ki];
      for (int o = 1; o < k; o++) {
        mx = Math.max(mx, out[ki + o]);
      }
      double spread = 0.0;
      for (int o = 0; o < k; o++) {
        spread = Math.max(spread, mx - out[ki + o]);
      }
      double lse = li + Math.abs(mx) + spread;
      // lse and o_y are 1-Lipschitz in max|δo|; the exps, their sum, log, + m and − o_y round
      return 2.0 * maxEo + u * (4.0 + 2.0 * spread + 2.0 * lse + Math.log(k) + li) + Rounding.gamma(k + 2.0);
    }
    // softplus is 1-Lipschitz
    return oE[0] + model.functionError(li);
  }

  /**
   * A bound on |L̂ − L| for the kernel's loss at θ (spec FLAT-LOSS-ERROR): c(Σ_i e_i + γ_{n+1}Σ_i ℓ̂_i),
   * with the per-sample bounds e_i from the same forward magnitudes (ℓ ≥ 0 for every loss).
   */
  public double lossErrorBound() {
    double c = p.scale();
    return c * (sampleLossErrors + Rounding.gamma(n + 1.0) * sampleLossSum) * (1.0 + 2.0 * gammaK);
  }

  /**
   * The componentwise bound b with |Ĥv − Hv| ≤ b (fresh array of length N). v is not modified; it
   * is the exact input (its own representation error is not part of the product). Every sum over
   * units, outputs or samples is a matrix product of non-negative operands (spec FLAT-HVP-ERROR:
   * the order of those sums does not matter); only the per-sample loss step loops.
   */
  public double[] bound(double[] v) {
    ParameterLayout l = p.layout();
    int nn = l.size();
    int ob1 = l.offsetB1();
    int ow2 = l.offsetW2();
    int ob2 = l.offsetB2();
    boolean hasB1 = l.hasHiddenBias();
    boolean hasB2 = l.hasOutputBias();
    int kind = p.loss().kind();
    double mf = kind == Loss.MSE ? 2.0 : 1.0;
    double c = p.scale();
    double gk = gammaK;
    double[] b = new double[nn];
    // samples in blocks, so that the n·h temporaries stay bounded for large n
    int block = Math.min(n, sampleBlock);
    double[] absV1 = abs(v, 0, h * d);
    double[] absV2 = abs(v, ow2, k * h);
    double[] rzA = new double[block * h];
    double[] raA = new double[block * h];
    double[] raE = new double[block * h];
    double[] sA = new double[block * h];
    double[] sE = new double[block * h];
    double[] roA = new double[block * k];
    double[] roE = new double[block * k];
    double[] rgA = new double[block * k];
    double[] rgE = new double[block * k];
    double[] w2Outer = new double[block * k];
    double[] w2Inner = new double[block * k];
    double[] w2 = new double[k * h];
    for (int i0 = 0; i0 < n; i0 += block) {
      int nb = Math.min(block, n - i0);
      int bh = i0 * h;
      int bk = i0 * k;
      // |R{z}| ≤ |X||V1|ᵀ + |vb1|, R{a} = σ' R{z}
      products.multiply(nb, h, d, absX, i0 * d, d, false, absV1, 0, d, true, rzA, 0, false);
      for (int i = 0; i < nb; i++) {
        for (int j = 0; j < h; j++) {
          int q = i * h + j;
          double z = rzA[q] + (hasB1 ? Math.abs(v[ob1 + j]) : 0.0);
          rzA[q] = z;
          raA[q] = s1A[bh + q] * z;
          raE[q] = s1E[bh + q] * z;
        }
      }
      // R{o} = R{a}W2ᵀ + aV2ᵀ + vb2
      products.multiply(nb, k, h, raA, 0, h, false, absW2, 0, h, true, roA, 0, false);
      products.multiply(nb, k, h, aA, bh, h, false, absV2, 0, h, true, roA, 0, true);
      products.multiply(nb, k, h, raE, 0, h, false, absW2, 0, h, true, roE, 0, false);
      products.multiply(nb, k, h, aE, bh, h, false, absV2, 0, h, true, roE, 0, true);
      for (int i = 0; i < nb; i++) {
        int bi = i * k;
        int ki = bk + bi;
        if (hasB2) {
          for (int o = 0; o < k; o++) {
            roA[bi + o] += Math.abs(v[ob2 + o]);
          }
        }
        // R{g} = M R{o}
        if (kind == Loss.CE) {
          double tA = 0.0;
          double tE = 0.0;
          for (int o = 0; o < k; o++) {
            tA += mA[ki + o] * roA[bi + o];
            tE += mA[ki + o] * roE[bi + o] + mE[ki + o] * roA[bi + o];
          }
          for (int o = 0; o < k; o++) {
            double dA = roA[bi + o] + tA;
            double dE = roE[bi + o] + tE;
            rgA[bi + o] = mA[ki + o] * dA;
            rgE[bi + o] = mA[ki + o] * dE + mE[ki + o] * dA;
          }
        } else if (kind == Loss.LOGISTIC) {
          rgA[bi] = mA[i0 + i] * roA[bi];
          rgE[bi] = mA[i0 + i] * roE[bi] + mE[i0 + i] * roA[bi];
        } else {
          for (int o = 0; o < k; o++) {
            rgA[bi + o] = mf * roA[bi + o];
            rgE[bi + o] = mf * roE[bi + o];
          }
        }
        // the W2 terms γ(R{g}a + g R{a}) + R{g}E_a + E_{R{g}}a + gE_{R{a}} + E_g R{a}, grouped by factor
        for (int o = 0; o < k; o++) {
          w2Outer[bi + o] = gk * rgA[bi + o] + rgE[bi + o];
          w2Inner[bi + o] = gk * gA[ki + o] + gE[ki + o];
        }
      }
      // (Hv)_W2 = Σ_i R{g}_i a_iᵀ + g_i R{a}_iᵀ: four k×h products over the block's samples
      boolean acc = i0 > 0;
      products.multiply(k, h, nb, w2Outer, 0, k, true, aA, bh, h, false, w2, 0, acc);
      products.multiply(k, h, nb, rgA, 0, k, true, aE, bh, h, false, w2, 0, true);
      products.multiply(k, h, nb, w2Inner, 0, k, true, raA, 0, h, false, w2, 0, true);
      products.multiply(k, h, nb, gA, bk, k, true, raE, 0, h, false, w2, 0, true);
      if (hasB2) {
        for (int i = 0; i < nb; i++) {
          for (int o = 0; o < k; o++) {
            b[ob2 + o] += c * w2Outer[i * k + o];
          }
        }
      }
      // R{back} = R{g}W2 + gV2, R{δ} = R{back}σ' + back σ'' R{z}
      products.multiply(nb, h, k, rgA, 0, k, false, absW2, 0, h, false, sA, 0, false);
      products.multiply(nb, h, k, gA, bk, k, false, absV2, 0, h, false, sA, 0, true);
      products.multiply(nb, h, k, rgE, 0, k, false, absW2, 0, h, false, sE, 0, false);
      products.multiply(nb, h, k, gE, bk, k, false, absV2, 0, h, false, sE, 0, true);
      for (int i = 0; i < nb; i++) {
        for (int j = 0; j < h; j++) {
          int q = i * h + j;
          int g = bh + q;
          double t1A = sA[q] * s1A[g];
          double t1E = sA[q] * s1E[g] + sE[q] * s1A[g];
          double t2A = backA[g] * s2A[g] * rzA[q];
          double t2E = (backA[g] * s2E[g] + backE[g] * s2A[g]) * rzA[q];
          double coef = c * (gk * (t1A + t2A) + t1E + t2E);
          // rzA's block is free now: it holds the coefficients of the W1 product
          rzA[q] = coef;
          if (hasB1) {
            b[ob1 + j] += coef;
          }
        }
      }
      // the W1 block: Σ_i coef_ij |x_im| into b[j·d + m], accumulated over the blocks
      products.multiply(h, d, nb, rzA, 0, h, true, absX, i0 * d, d, false, b, 0, acc);
    }
    for (int q = 0; q < k * h; q++) {
      b[ow2 + q] += c * w2[q];
    }
    double safety = 1.0 + 2.0 * gk;
    for (int q = 0; q < nn; q++) {
      b[q] *= safety;
    }
    return b;
  }
}
