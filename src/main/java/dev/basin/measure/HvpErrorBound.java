package dev.basin.measure;

import dev.basin.compute.ForwardQuantities;
import dev.basin.compute.ErrorModel;
import dev.basin.compute.OutputCurvature;
import dev.basin.compute.Evaluation;
import dev.basin.compute.MatrixProducts;
import dev.basin.compute.ReferenceBackend;
import dev.basin.kernel.Activation;
import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.Loss;
import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;
import java.math.BigDecimal;

/**
 * A rigorous componentwise bound on the error of a backend's Hessian-vector product (spec
 * FLAT-HVP-ERROR): for every v, |Ĥv − Hv| ≤ {@link #bound}(v), where Ĥv is what an evaluation
 * computes under its declared {@link ErrorModel} (the reference kernel's {@link
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
 * (their chains are at most K long). The chain counts of the forward quantities and of the R-pass
 * (K) and the activation error come from the evaluation's declared model (spec COMPUTE-ERROR-MODEL),
 * so the bound holds for every backend that keeps its declaration. The same pairs bound the
 * gradient ({@link #gradientBound}, FLAT-GRAD-ERROR), the closed-form diagonal ({@link
 * #diagonalBound}, FLAT-DIAG-ERROR) and the loss ({@link #lossErrorBound}); built for another
 * {@link FloatModel}, the analysis gives the bound an evaluation in that arithmetic must meet.
 * Immutable after construction; safe for concurrent use.
 */
public final class HvpErrorBound {

  /** Samples per block of {@link #bound}'s products (temporaries of block·h doubles). */
  static final int SAMPLE_BLOCK = 4096;
  /**
   * The most input factors (entries of x, θ, v or the targets, each rounded once when the inputs
   * are rounded) in one term of a component of Hv, the gradient or the diagonal: W2·W2ᵀ·V1·x·x in
   * the W1 block of Hv (spec FLAT-HVP-ERROR "Other arithmetics"). Factors reached through a
   * pre-activation or an output are charged there instead.
   */
  static final int INPUT_FACTORS = 5;

  private final Problem p;
  private final double[] theta;
  private final int n;
  private final int d;
  private final int h;
  private final int k;
  private final double gammaK;
  private final int sampleBlock;
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
  private final FloatModel fm;
  /** The chain counts and activation error of the evaluation whose products are bounded. */
  private final ErrorModel em;
  /** The backend's matrix products, for the sums of magnitudes. */
  private final MatrixProducts products;
  private int ambiguousKinks;
  /** The (sample·h + unit) indices of the near kinks, in order. */
  private final java.util.List<Integer> nearKinkPairs = new java.util.ArrayList<>();
  /** E_o per (sample, output): a bound on |ô − o| for the outputs of an evaluation in fm (n·k). */
  private final double[] outputErrors;
  /** Σ_i e_i and Σ_i ℓ̂_i for the loss bound. */
  private double sampleLossErrors;
  private double sampleLossSum;

  private HvpErrorBound(Problem p, double[] theta, ForwardQuantities f, int sampleBlock, FloatModel fm, ErrorModel em,
      MatrixProducts products) {
    this.p = p;
    this.theta = theta;
    this.sampleBlock = sampleBlock;
    this.fm = fm;
    this.em = em;
    this.products = products;
    ParameterLayout l = p.layout();
    n = p.samples();
    d = l.inputs();
    h = l.hidden();
    k = l.outputs();
    gammaK = fm.gamma(em.hvpChain(n, d, h, k) + (double) INPUT_FACTORS * fm.inputRoundings());
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
    outputErrors = new double[n * k];
    absX = abs(p.inputs(), 0, n * d);
    absW2 = abs(theta, l.offsetW2(), k * h);
    forward(f);
  }

  /**
   * The bound for the reference kernel's products at θ, given its forward pass at θ (not modified).
   *
   * @param p the problem
   * @param theta parameters (length N; kept by reference, must not be modified afterwards)
   * @param f {@code ForwardPass.compute(p, theta)}
   */
  public static HvpErrorBound of(Problem p, double[] theta, ForwardPass f) {
    return reference(p, theta, ForwardQuantities.of(f), SAMPLE_BLOCK, FloatModel.BASIN);
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
    return of(e, theta, SAMPLE_BLOCK);
  }

  /** The same with bound's samples in blocks of the given size (≥ 1; tests of the blocking). */
  static HvpErrorBound of(Evaluation e, double[] theta, int sampleBlock) {
    return new HvpErrorBound(e.problem(), theta, e.forwardQuantities(), sampleBlock, FloatModel.BASIN, e.errorModel(),
        e.products());
  }

  /**
   * The same analysis for another arithmetic (spec FLAT-HVP-ERROR "Other arithmetics"): the bound
   * an evaluation in fm must meet, built from the binary64 forward quantities f (not modified),
   * with the chain counts every evaluation order of the expression tree meets (the reference
   * kernel's declaration).
   */
  public static HvpErrorBound of(Problem p, double[] theta, ForwardQuantities f, FloatModel fm) {
    return reference(p, theta, f, SAMPLE_BLOCK, fm);
  }

  private static HvpErrorBound reference(Problem p, double[] theta, ForwardQuantities f, int block, FloatModel fm) {
    return new HvpErrorBound(p, theta, f, block, fm, ReferenceBackend.MODEL, ReferenceBackend.INSTANCE.prepare(p)
        .products());
  }

  /** The error budget of one activation or library-function evaluation with result value (FLAT-FP). */
  private double functionError(double value) {
    return em.activationUlps() * fm.u() * Math.max(1.0, Math.abs(value));
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
   * pre-activation is on the other side of the kink than the exact one (decided exactly, only
   * where it is within its rounding error of the kink): there the bound covers both pieces. Always
   * 0 for a model that assumes the kink sides ({@link FloatModel#assumeKinkSides}).
   */
  public int ambiguousKinks() {
    return ambiguousKinks;
  }

  /**
   * The number of (sample, unit) pairs of a piecewise-linear activation whose computed
   * pre-activation is within the model's rounding error of the kink: an evaluation in that
   * arithmetic cannot tell the side of the kink there.
   */
  public int nearKinks() {
    return nearKinkPairs.size();
  }

  /** The near kinks as indices i·h + j (sample i, unit j), ascending (fresh). */
  public int[] nearKinkPairs() {
    return nearKinkPairs.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The arithmetic this bound is for. */
  public FloatModel model() {
    return fm;
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

  /** Fills the forward magnitudes and errors and counts the kinks near the computed pre-activations. */
  private void forward(ForwardQuantities f) {
    ParameterLayout l = p.layout();
    Activation act = p.activation();
    Loss loss = p.loss();
    double u = fm.u();
    int r = fm.inputRoundings();
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
    // rounded inputs: W1·x passes two more roundings, W2·a and W2ᵀg one more (spec FLAT-HVP-ERROR)
    double gz = fm.gamma(em.preActivationChain(d) + 2.0 * r);
    double go = fm.gamma(em.outputChain(h) + (double) r);
    double gb = fm.gamma(em.backChain(k) + (double) r);
    double gsm = fm.gamma(k + 1.0);
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
          // a rounded leaky slope is one more relative rounding of a and σ'
          ea = lip0 * ez + (1.0 + r) * u * Math.abs(a[q]);
          boolean near = Math.abs(z[q]) <= ez && slope != 1.0;
          boolean amb = false;
          if (near) {
            nearKinkPairs.add(q);
            amb = !fm.assumeKinkSides() && (z[q] > 0.0) != exactlyPositive(i, j);
          }
          if (amb) {
            ambiguousKinks++;
          }
          es1 = (amb ? Math.abs(1.0 - slope) : 0.0) + r * u * Math.abs(s1[q]);
          es2 = 0.0;
        } else {
          ea = lip0 * ez + functionError(a[q]);
          es1 = lip1 * ez + functionError(s1[q]);
          es2 = lip2 * ez + functionError(s2[q]);
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
        outputErrors[ki + o] = se;
        maxEo = Math.max(maxEo, se);
      }
      int kind = loss.kind();
      if (kind == Loss.HALFSQ || kind == Loss.MSE) {
        double mf = kind == Loss.HALFSQ ? 1.0 : 2.0;
        for (int o = 0; o < k; o++) {
          // a rounded target adds u|y| to the residual o − y
          double e = mf * (sampleOE[o] + u * r * Math.abs(targets[ki + o])) + u * Math.abs(g[ki + o]);
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
        double es = 0.25 * sampleOE[0] + functionError(sg);
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
  }

  /**
   * Whether the exact pre-activation z_ij = Σ_m W1[j, m]·x[i, m] + b1[j] of the binary64 inputs is
   * positive: its sign decided in exact (BigDecimal) arithmetic, for the rare pairs whose computed
   * value is within its rounding error of the kink.
   */
  private boolean exactlyPositive(int i, int j) {
    ParameterLayout l = p.layout();
    double[] x = p.inputs();
    BigDecimal s = l.hasHiddenBias() ? new BigDecimal(theta[l.offsetB1() + j]) : BigDecimal.ZERO;
    for (int m = 0; m < d; m++) {
      s = s.add(new BigDecimal(theta[j * d + m]).multiply(new BigDecimal(x[i * d + m])));
    }
    return s.signum() > 0;
  }

  /**
   * A bound on |e_i| = |ℓ̂_i − ℓ_i| for one sample (spec FLAT-LOSS-ERROR), given the output errors
   * oE (length k) and the computed sample loss li; out and targets not modified.
   */
  private double sampleLossError(int kind, double[] out, double[] targets, int ki, double[] oE, double maxEo,
      double li) {
    double u = fm.u();
    double ry = u * fm.inputRoundings();
    if (kind == Loss.HALFSQ || kind == Loss.MSE) {
      double f = kind == Loss.HALFSQ ? 0.5 : 1.0;
      double e = 0.0;
      double rr = 0.0;
      for (int o = 0; o < k; o++) {
        double r = out[ki + o] - targets[ki + o];
        double er = oE[o] + u * Math.abs(r) + ry * Math.abs(targets[ki + o]);
        e += (2.0 * Math.abs(r) + er) * er;
        rr += r * r;
      }
      return f * (e + fm.gamma(k + 1.0) * rr);
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
      return 2.0 * maxEo + u * (4.0 + 2.0 * spread + 2.0 * lse + Math.log(k) + li) + fm.gamma(k + 2.0);
    }
    // softplus is 1-Lipschitz
    return oE[0] + functionError(li);
  }

  /**
   * Bounds on |f̂(x_i)_o − f(x_i)_o| (sample-major, n·k; fresh) for the outputs of an evaluation in this
   * bound's arithmetic (spec FLAT-LOSS-ERROR's E_o: |W2|E_a + γ_{h+1}(|W2|A_a + |b2|)).
   */
  public double[] outputErrorBounds() {
    return outputErrors.clone();
  }

  /**
   * A bound on |L̂ − L| for the kernel's loss at θ (spec FLAT-LOSS-ERROR): c(Σ_i e_i + γ_{n+1}Σ_i ℓ̂_i),
   * with the per-sample bounds e_i from the same forward magnitudes (ℓ ≥ 0 for every loss).
   */
  public double lossErrorBound() {
    double c = p.scale();
    return c * (sampleLossErrors + fm.gamma(n + 1.0) * sampleLossSum) * (1.0 + 2.0 * gammaK);
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
    return safely(b);
  }

  /**
   * The componentwise bound b with |ĝ − ∇L| ≤ b for the gradient of NET-GRAD as the kernel's
   * Gradient (or any evaluation with the same forward quantities and at most K roundings per term)
   * computes it (spec FLAT-GRAD-ERROR; fresh array of length N): ∂L/∂W2 = c Σ_i g_i ã_iᵀ and
   * ∂L/∂W1 = c Σ_i (back_i ⊙ σ'(z_i)) x̃_iᵀ by the product rule on the forward pairs, plus γ_K·A.
   */
  public double[] gradientBound() {
    ParameterLayout l = p.layout();
    double c = p.scale();
    double gk = gammaK;
    double[] b = new double[l.size()];
    // W2: c Σ_i (g^E + γ g^A) a^A + g^A a^E, as two k×h products over the samples
    double[] outer = new double[n * k];
    for (int q = 0; q < outer.length; q++) {
      outer[q] = gE[q] + gk * gA[q];
    }
    double[] w2 = new double[k * h];
    products.multiply(k, h, n, outer, k, true, aA, h, false, w2, false);
    products.multiply(k, h, n, gA, k, true, aE, h, false, w2, true);
    int ow2 = l.offsetW2();
    for (int q = 0; q < w2.length; q++) {
      b[ow2 + q] = c * w2[q];
    }
    for (int i = 0; l.hasOutputBias() && i < n; i++) {
      for (int o = 0; o < k; o++) {
        b[l.offsetB2() + o] += c * outer[i * k + o];
      }
    }
    // W1: c Σ_i (back^E σ'^A + back^A σ'^E + γ back^A σ'^A) |x_i|ᵀ, b1 the same without x
    double[] coef = new double[n * h];
    for (int q = 0; q < coef.length; q++) {
      coef[q] = c * (backE[q] * s1A[q] + backA[q] * s1E[q] + gk * backA[q] * s1A[q]);
    }
    products.multiply(h, d, n, coef, h, true, absX, d, false, b, false);
    for (int i = 0; l.hasHiddenBias() && i < n; i++) {
      for (int j = 0; j < h; j++) {
        b[l.offsetB1() + j] += coef[i * h + j];
      }
    }
    return safely(b);
  }

  /**
   * The componentwise bound b with |d̂ − diag ∇²L| ≤ b for the closed-form diagonal of FLAT-DIAG
   * as {@link HessianDiagonal#diagonal} (or any evaluation with the same forward quantities and at
   * most K roundings per term) computes it (spec FLAT-DIAG-ERROR; fresh array of length N).
   */
  public double[] diagonalBound() {
    ParameterLayout l = p.layout();
    double c = p.scale();
    double gk = gammaK;
    int kind = p.loss().kind();
    // δ and q of M_i = diag(δ_i) − q_iq_iᵀ (OutputCurvature) as pairs per (sample, output)
    double[] dA = new double[n * k];
    double[] dE = new double[n * k];
    boolean ce = kind == Loss.CE;
    for (int i = 0; i < n; i++) {
      for (int o = 0; o < k; o++) {
        int q = i * k + o;
        if (ce) {
          dA[q] = mA[q];
          dE[q] = mE[q];
        } else if (kind == Loss.LOGISTIC) {
          dA[q] = mA[i];
          dE[q] = mE[i];
        } else {
          dA[q] = kind == Loss.MSE ? 2.0 : 1.0;
        }
      }
    }
    // w_jᵀM_iw_j = Σ_o δ_o W2_oj² − (Σ_o q_o W2_oj)²: A = Σ δ^A W2² + t^A², E = Σ δ^E W2² + 2 t^A t^E
    double[] w2sq = new double[k * h];
    for (int q = 0; q < w2sq.length; q++) {
      w2sq[q] = absW2[q] * absW2[q];
    }
    double[] wmA = new double[n * h];
    double[] wmE = new double[n * h];
    products.multiply(n, h, k, dA, k, false, w2sq, h, false, wmA, false);
    products.multiply(n, h, k, dE, k, false, w2sq, h, false, wmE, false);
    if (ce) {
      double[] tA = new double[n * h];
      double[] tE = new double[n * h];
      products.multiply(n, h, k, mA, k, false, absW2, h, false, tA, false);
      products.multiply(n, h, k, mE, k, false, absW2, h, false, tE, false);
      for (int q = 0; q < tA.length; q++) {
        wmA[q] += tA[q] * tA[q];
        wmE[q] += 2.0 * tA[q] * tE[q];
      }
    }
    // ω = c(σ'² wMw + back σ''): coefficient E_ω + γ A_ω of the W1 and b1 entries
    double[] coef = new double[n * h];
    for (int q = 0; q < coef.length; q++) {
      double s1sq = s1A[q] * s1A[q];
      double omegaA = s1sq * wmA[q] + backA[q] * s2A[q];
      double omegaE = s1sq * wmE[q] + 2.0 * s1A[q] * s1E[q] * wmA[q] + backA[q] * s2E[q] + backE[q] * s2A[q];
      coef[q] = c * (omegaE + gk * omegaA);
    }
    double[] b = new double[l.size()];
    double[] xsq = new double[n * d];
    for (int q = 0; q < xsq.length; q++) {
      xsq[q] = absX[q] * absX[q];
    }
    products.multiply(h, d, n, coef, h, true, xsq, d, false, b, false);
    for (int i = 0; l.hasHiddenBias() && i < n; i++) {
      for (int j = 0; j < h; j++) {
        b[l.offsetB1() + j] += coef[i * h + j];
      }
    }
    // (M_i)_oo = δ − q²: A = δ^A + q^A², E = δ^E + 2 q^A q^E; W2 entries c Σ_i M_oo a², b2 c Σ_i M_oo
    double[] mOuter = new double[n * k];
    double[] mInner = new double[n * k];
    for (int q = 0; q < mOuter.length; q++) {
      double qa = ce ? mA[q] : 0.0;
      double qe = ce ? mE[q] : 0.0;
      double am = dA[q] + qa * qa;
      double em = dE[q] + 2.0 * qa * qe;
      mOuter[q] = em + gk * am;
      mInner[q] = am;
    }
    double[] asq = new double[n * h];
    double[] aae = new double[n * h];
    for (int q = 0; q < asq.length; q++) {
      asq[q] = aA[q] * aA[q];
      aae[q] = 2.0 * aA[q] * aE[q];
    }
    double[] w2 = new double[k * h];
    products.multiply(k, h, n, mOuter, k, true, asq, h, false, w2, false);
    products.multiply(k, h, n, mInner, k, true, aae, h, false, w2, true);
    int ow2 = l.offsetW2();
    for (int q = 0; q < w2.length; q++) {
      b[ow2 + q] = c * w2[q];
    }
    for (int i = 0; l.hasOutputBias() && i < n; i++) {
      for (int o = 0; o < k; o++) {
        b[l.offsetB2() + o] += c * mOuter[i * k + o];
      }
    }
    return safely(b);
  }

  /** b × (1 + 2γ_K) in place (the rounding of the bound's own evaluation); returns b. */
  private double[] safely(double[] b) {
    double safety = 1.0 + 2.0 * gammaK;
    for (int q = 0; q < b.length; q++) {
      b[q] *= safety;
    }
    return b;
  }
}
