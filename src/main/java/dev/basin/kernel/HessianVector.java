package dev.basin.kernel;

/**
 * The exact Hessian-vector product ∇²L(θ)·v by Pearlmutter's R-operator, one pass over the data
 * after a cached forward pass (spec HESS-HVP). Per sample, with R{·} the directional derivative
 * along v = (V1, vb1, V2, vb2):
 *
 * <pre>
 *   R{z} = V1 x + vb1            R{a} = σ'(z) ⊙ R{z}
 *   R{o} = W2 R{a} + V2 a + vb2  R{g} = M R{o}                (M = ∂²ℓ/∂o²)
 *   Hv_W2 = c (R{g} aᵀ + g R{a}ᵀ)        Hv_b2 = c R{g}
 *   R{δ}  = (W2ᵀ R{g} + V2ᵀ g) ⊙ σ'(z) + (W2ᵀ g) ⊙ σ''(z) ⊙ R{z}
 *   Hv_W1 = c R{δ} xᵀ                    Hv_b1 = c R{δ}
 * </pre>
 *
 * Cost per sample: about 2·d·h + 6·h·k multiply-adds.
 */
public final class HessianVector {

  private HessianVector() {}

  /**
   * Writes ∇²L(θ)·v to hv (modified; overwritten). theta, v and the pass are not modified.
   *
   * @param p the problem
   * @param theta parameters θ (length N)
   * @param f the forward pass of p at θ
   * @param v the direction (length N)
   * @param hv output (length N); must not alias theta or v
   */
  /*@ public normal_behavior
    @ requires \invariant_for(p) && \invariant_for(f);
    @ requires theta.length == p.layout.size() && v.length == p.layout.size();
    @ requires hv.length == p.layout.size();
    @ requires hv != theta && hv != v && hv != p.x;
    @ requires f.a.length >= p.n * p.layout.h && f.s1.length >= p.n * p.layout.h;
    @ requires f.s2.length >= p.n * p.layout.h && f.back.length >= p.n * p.layout.h;
    @ requires f.g.length >= p.n * p.layout.k && f.out.length >= p.n * p.layout.k;
    @ requires hv != f.a && hv != f.s1 && hv != f.s2 && hv != f.back && hv != f.g && hv != f.out;
    @ assignable hv[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  public static void apply(Problem p, double[] theta, ForwardPass f, double[] v, double[] hv) {
    ParameterLayout l = p.layout;
    int n = p.n;
    int d = l.d;
    int h = l.h;
    int k = l.k;
    boolean hasB1 = l.hasB1;
    boolean hasB2 = l.hasB2;
    // l.offsetB1(), l.offsetW2(), l.offsetB2(), computed here so that the proof sees terms, not equations
    int ob1 = h * d;
    int ow2 = ob1 + (hasB1 ? h : 0);
    int ob2 = ow2 + k * h;
    double c = p.scale;
    Loss loss = p.loss;
    double[] x = p.x;
    double[] a = f.a;
    double[] s1 = f.s1;
    double[] s2 = f.s2;
    double[] out = f.out;
    double[] g = f.g;
    double[] back = f.back;
    double[] rz = new double[h];
    double[] ra = new double[h];
    double[] ro = new double[k];
    double[] rg = new double[k];
    zero(hv);
    accumulate(hv, c, loss, theta, v, x, a, s1, s2, out, g, back, rz, ra, ro, rg, n, d, h, k, ob1, ow2, ob2, hasB1,
        hasB2);
  }

  /** v = 0 (v modified). */
  /*@ private normal_behavior
    @ assignable v[*];
    @*/
  private static void zero(double[] v) {
    /*@ loop_invariant 0 <= q && q <= v.length;
      @ decreases v.length - q;
      @ loop_writes v[*];
      @*/
    for (int q = 0; q < v.length; q++) {
      v[q] = 0.0;
    }
  }

  /**
   * hv += the Hessian-vector terms of all n samples, with rz, ra, ro, rg as scratch (those
   * modified; the other arrays not modified). A separate contract over plain sizes, as
   * Gradient.accumulate: KeY proves the sample loop here, away from Problem's contracts.
   */
  /*@ private normal_behavior
    @ requires \invariant_for(loss) && (loss.kind != Loss.LOGISTIC || k == 1);
    @ requires n >= 1 && d >= 1 && h >= 1 && k >= 1;
    @ requires x.length >= n * d && a.length >= n * h && s1.length >= n * h && s2.length >= n * h;
    @ requires back.length >= n * h && g.length >= n * k && out.length >= n * k;
    @ requires h * d <= hv.length && h * d <= v.length;
    @ requires hasB1 ==> ob1 >= 0 && ob1 + h <= hv.length && ob1 + h <= v.length;
    @ requires ow2 >= 0 && ow2 + k * h <= hv.length && ow2 + k * h <= v.length && ow2 + k * h <= theta.length;
    @ requires hasB2 ==> ob2 >= 0 && ob2 + k <= hv.length && ob2 + k <= v.length;
    @ requires rz.length == h && ra.length == h && ro.length == k && rg.length == k;
    @ requires rz != ra && ro != theta && ro != v && ro != ra && ro != a && rg != out && rg != ro;
    @ requires hv != theta && hv != v && hv != x && hv != a && hv != s1 && hv != s2 && hv != back;
    @ requires hv != g && hv != rz && hv != ra && hv != rg;
    @ assignable hv[*], rz[*], ra[*], ro[*], rg[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void accumulate(double[] hv, double c, Loss loss, double[] theta, double[] v, double[] x,
      double[] a, double[] s1, double[] s2, double[] out, double[] g, double[] back, double[] rz, double[] ra,
      double[] ro, double[] rg, int n, int d, int h, int k, int ob1, int ow2, int ob2, boolean hasB1,
      boolean hasB2) {
    /*@ loop_invariant 0 <= i && i <= n;
      @ decreases n - i;
      @ loop_writes hv[*], rz[*], ra[*], ro[*], rg[*];
      @*/
    for (int i = 0; i < n; i++) {
      int xi = Index.rowStart(i, n, d);
      int hi = Index.rowStart(i, n, h);
      int ki = Index.rowStart(i, n, k);
      rHidden(v, x, xi, d, h, ob1, hasB1, s1, hi, rz, ra);
      rOutput(theta, v, ra, a, hi, h, k, ow2, ob2, hasB2, ro);
      loss.sampleHessianTimes(out, ki, k, ro, 0, rg, 0);
      addOutputLayer(hv, c, rg, g, ki, k, a, ra, hi, h, ow2, ob2, hasB2);
      addHiddenLayer(hv, c, theta, v, rg, g, ki, k, s1, s2, back, rz, hi, h, x, xi, d, ow2, ob1, hasB1);
    }
  }

  /**
   * R{z} = V1 x + vb1 into rz and R{a} = σ'(z) ⊙ R{z} into ra, for the sample at x[xi ..] and
   * s1[hi ..] (rz, ra modified; the other arrays not modified).
   */
  /*@ private normal_behavior
    @ requires h >= 1 && d >= 1 && h * d <= Integer.MAX_VALUE && h * d <= v.length;
    @ requires hasB1 ==> ob1 >= 0 && ob1 + h <= v.length;
    @ requires xi >= 0 && xi + d <= x.length && hi >= 0 && hi + h <= s1.length;
    @ requires rz.length == h && ra.length == h && rz != ra;
    @ assignable rz[*], ra[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void rHidden(double[] v, double[] x, int xi, int d, int h, int ob1, boolean hasB1,
      double[] s1, int hi, double[] rz, double[] ra) {
    /*@ loop_invariant 0 <= j && j <= h;
      @ decreases h - j;
      @ loop_writes rz[*], ra[*];
      @*/
    for (int j = 0; j < h; j++) {
      double s = Network.dotFrom(hasB1 ? v[ob1 + j] : 0.0, v, Index.rowStart(j, h, d), x, xi, d);
      rz[j] = s;
      ra[j] = s1[hi + j] * s;
    }
  }

  /**
   * R{o} = W2 R{a} + V2 a + vb2 into ro, W2 at theta[ow2 ..], V2 at v[ow2 ..] (ro modified; the
   * other arrays not modified).
   */
  /*@ private normal_behavior
    @ requires h >= 1 && k >= 1 && k * h <= Integer.MAX_VALUE;
    @ requires ow2 >= 0 && ow2 + k * h <= theta.length && ow2 + k * h <= v.length;
    @ requires hasB2 ==> ob2 >= 0 && ob2 + k <= v.length;
    @ requires ra.length == h && hi >= 0 && hi + h <= a.length && ro.length == k;
    @ requires ro != theta && ro != v && ro != ra && ro != a;
    @ assignable ro[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void rOutput(double[] theta, double[] v, double[] ra, double[] a, int hi, int h, int k, int ow2,
      int ob2, boolean hasB2, double[] ro) {
    /*@ loop_invariant 0 <= o && o <= k;
      @ decreases k - o;
      @ loop_writes ro[*];
      @*/
    for (int o = 0; o < k; o++) {
      double s = hasB2 ? v[ob2 + o] : 0.0;
      int row = ow2 + Index.rowStart(o, k, h);
      /*@ loop_invariant 0 <= j && j <= h;
        @ decreases h - j;
        @ loop_writes \nothing;
        @*/
      for (int j = 0; j < h; j++) {
        s += theta[row + j] * ra[j] + v[row + j] * a[hi + j];
      }
      ro[o] = s;
    }
  }

  /**
   * Hv_W2 += c (R{g} aᵀ + g R{a}ᵀ) and Hv_b2 += c R{g} for one sample (hv modified; the other
   * arrays not modified).
   */
  /*@ private normal_behavior
    @ requires h >= 1 && k >= 1 && k * h <= Integer.MAX_VALUE;
    @ requires ow2 >= 0 && ow2 + k * h <= hv.length && (hasB2 ==> ob2 >= 0 && ob2 + k <= hv.length);
    @ requires rg.length == k && ki >= 0 && ki + k <= g.length;
    @ requires ra.length == h && hi >= 0 && hi + h <= a.length;
    @ requires hv != rg && hv != g && hv != a && hv != ra;
    @ assignable hv[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void addOutputLayer(double[] hv, double c, double[] rg, double[] g, int ki, int k, double[] a,
      double[] ra, int hi, int h, int ow2, int ob2, boolean hasB2) {
    /*@ loop_invariant 0 <= o && o <= k;
      @ decreases k - o;
      @ loop_writes hv[*];
      @*/
    for (int o = 0; o < k; o++) {
      double cg = c * rg[o];
      double cgo = c * g[ki + o];
      int row = ow2 + Index.rowStart(o, k, h);
      /*@ loop_invariant 0 <= j && j <= h;
        @ decreases h - j;
        @ loop_writes hv[*];
        @*/
      for (int j = 0; j < h; j++) {
        hv[row + j] += cg * a[hi + j] + cgo * ra[j];
      }
      if (hasB2) {
        hv[ob2 + o] += cg;
      }
    }
  }

  /**
   * R{δ} = (W2ᵀ R{g} + V2ᵀ g) ⊙ σ'(z) + (W2ᵀ g) ⊙ σ''(z) ⊙ R{z}, Hv_W1 += c R{δ} xᵀ and
   * Hv_b1 += c R{δ} for one sample (hv modified; the other arrays not modified).
   */
  /*@ private normal_behavior
    @ requires h >= 1 && k >= 1 && d >= 1 && k * h <= Integer.MAX_VALUE && h * d <= Integer.MAX_VALUE;
    @ requires ow2 >= 0 && ow2 + k * h <= theta.length && ow2 + k * h <= v.length;
    @ requires h * d <= hv.length && (hasB1 ==> ob1 >= 0 && ob1 + h <= hv.length);
    @ requires rg.length == k && ki >= 0 && ki + k <= g.length && rz.length == h;
    @ requires hi >= 0 && hi + h <= s1.length && hi + h <= s2.length && hi + h <= back.length;
    @ requires xi >= 0 && xi + d <= x.length;
    @ requires hv != theta && hv != v && hv != rg && hv != g && hv != s1 && hv != s2 && hv != back;
    @ requires hv != rz && hv != x;
    @ assignable hv[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void addHiddenLayer(double[] hv, double c, double[] theta, double[] v, double[] rg, double[] g,
      int ki, int k, double[] s1, double[] s2, double[] back, double[] rz, int hi, int h, double[] x, int xi,
      int d, int ow2, int ob1, boolean hasB1) {
    /*@ loop_invariant 0 <= j && j <= h;
      @ decreases h - j;
      @ loop_writes hv[*];
      @*/
    for (int j = 0; j < h; j++) {
      double s = 0.0;
      /*@ loop_invariant 0 <= o && o <= k;
        @ decreases k - o;
        @ loop_writes \nothing;
        @*/
      for (int o = 0; o < k; o++) {
        int w = ow2 + Index.rowStart(o, k, h) + j;
        s += theta[w] * rg[o] + v[w] * g[ki + o];
      }
      double rd = c * (s * s1[hi + j] + back[hi + j] * s2[hi + j] * rz[j]);
      int row = Index.rowStart(j, h, d);
      /*@ loop_invariant 0 <= m && m <= d;
        @ decreases d - m;
        @ loop_writes hv[*];
        @*/
      for (int m = 0; m < d; m++) {
        hv[row + m] += rd * x[xi + m];
      }
      if (hasB1) {
        hv[ob1 + j] += rd;
      }
    }
  }
}
