package dev.basin.kernel;

/**
 * ∇L(θ) by back-propagation through one cached forward pass (spec NET-GRAD):
 * ∂L/∂W2 = c Σ_i g_i a_iᵀ, ∂L/∂b2 = c Σ_i g_i, ∂L/∂W1 = c Σ_i (W2ᵀ g_i ⊙ σ'(z_i)) x_iᵀ,
 * ∂L/∂b1 = c Σ_i W2ᵀ g_i ⊙ σ'(z_i).
 */
public final class Gradient {

  private Gradient() {}

  /**
   * Writes ∇L(θ) to grad (modified; overwritten). theta and the pass are not modified.
   *
   * @param p the problem
   * @param f the forward pass of p at θ
   * @param grad output, length N
   */
  /*@ public normal_behavior
    @ requires \invariant_for(p) && \invariant_for(f);
    @ requires grad.length == p.layout.size();
    @ requires f.a.length >= p.n * p.layout.h && f.s1.length >= p.n * p.layout.h;
    @ requires f.back.length >= p.n * p.layout.h && f.g.length >= p.n * p.layout.k;
    @ requires grad != f.a && grad != f.s1 && grad != f.back && grad != f.g && grad != p.x;
    @ assignable grad[*];
    @*/
  public static void compute(Problem p, ForwardPass f, double[] grad) {
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
    double[] x = p.x;
    double[] a = f.a;
    double[] s1 = f.s1;
    double[] g = f.g;
    double[] back = f.back;
    zero(grad);
    accumulate(grad, c, x, a, s1, g, back, n, d, h, k, ob1, ow2, ob2, hasB1, hasB2);
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
   * grad += the gradient terms of all n samples (grad modified; the other arrays not modified).
   * A separate contract over plain sizes: KeY proves the sample loop here (in seconds), away from
   * Problem's and ParameterLayout's contracts, whose size products it does not get through.
   */
  /*@ private normal_behavior
    @ requires n >= 1 && d >= 1 && h >= 1 && k >= 1;
    @ requires x.length >= n * d && a.length >= n * h && s1.length >= n * h && back.length >= n * h;
    @ requires g.length >= n * k;
    @ requires h * d <= grad.length && (hasB1 ==> ob1 >= 0 && ob1 + h <= grad.length);
    @ requires ow2 >= 0 && ow2 + k * h <= grad.length && (hasB2 ==> ob2 >= 0 && ob2 + k <= grad.length);
    @ requires grad != g && grad != a && grad != back && grad != s1 && grad != x;
    @ assignable grad[*];
    @*/
  private static void accumulate(double[] grad, double c, double[] x, double[] a, double[] s1, double[] g,
      double[] back, int n, int d, int h, int k, int ob1, int ow2, int ob2, boolean hasB1, boolean hasB2) {
    /*@ loop_invariant 0 <= i && i <= n;
      @ decreases n - i;
      @ loop_writes grad[*];
      @*/
    for (int i = 0; i < n; i++) {
      int hi = Index.rowStart(i, n, h);
      addOutputLayer(grad, c, g, Index.rowStart(i, n, k), k, a, hi, h, ow2, ob2, hasB2);
      addHiddenLayer(grad, c, back, s1, hi, h, x, Index.rowStart(i, n, d), d, ob1, hasB1);
    }
  }

  /**
   * One sample's ∂L/∂W2 += c g aᵀ and ∂L/∂b2 += c g, W2 at grad[ow2 ..] (k×h), b2 at grad[ob2 ..]
   * (grad modified; g and a not modified).
   */
  /*@ private normal_behavior
    @ requires h >= 1 && k >= 1 && k * h <= Integer.MAX_VALUE;
    @ requires ow2 >= 0 && ow2 + k * h <= grad.length && (hasB2 ==> ob2 >= 0 && ob2 + k <= grad.length);
    @ requires ki >= 0 && ki + k <= g.length && hi >= 0 && hi + h <= a.length;
    @ requires grad != g && grad != a;
    @ assignable grad[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void addOutputLayer(double[] grad, double c, double[] g, int ki, int k, double[] a, int hi,
      int h, int ow2, int ob2, boolean hasB2) {
    /*@ loop_invariant 0 <= o && o <= k;
      @ decreases k - o;
      @ loop_writes grad[*];
      @*/
    for (int o = 0; o < k; o++) {
      double go = c * g[ki + o];
      int row = ow2 + Index.rowStart(o, k, h);
      /*@ loop_invariant 0 <= j && j <= h;
        @ decreases h - j;
        @ loop_writes grad[*];
        @*/
      for (int j = 0; j < h; j++) {
        grad[row + j] += go * a[hi + j];
      }
      if (hasB2) {
        grad[ob2 + o] += go;
      }
    }
  }

  /**
   * One sample's δ = c (W2ᵀg ⊙ σ'(z)), ∂L/∂W1 += δ xᵀ and ∂L/∂b1 += δ, W1 at grad[0 ..] (h×d), b1
   * at grad[ob1 ..] (grad modified; the other arrays not modified).
   */
  /*@ private normal_behavior
    @ requires h >= 1 && d >= 1 && h * d <= Integer.MAX_VALUE && h * d <= grad.length;
    @ requires hasB1 ==> ob1 >= 0 && ob1 + h <= grad.length;
    @ requires hi >= 0 && hi + h <= back.length && hi + h <= s1.length;
    @ requires xi >= 0 && xi + d <= x.length;
    @ requires grad != back && grad != s1 && grad != x;
    @ assignable grad[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void addHiddenLayer(double[] grad, double c, double[] back, double[] s1, int hi, int h,
      double[] x, int xi, int d, int ob1, boolean hasB1) {
    /*@ loop_invariant 0 <= j && j <= h;
      @ decreases h - j;
      @ loop_writes grad[*];
      @*/
    for (int j = 0; j < h; j++) {
      double dz = c * back[hi + j] * s1[hi + j];
      int row = Index.rowStart(j, h, d);
      /*@ loop_invariant 0 <= m && m <= d;
        @ decreases d - m;
        @ loop_writes grad[*];
        @*/
      for (int m = 0; m < d; m++) {
        grad[row + m] += dz * x[xi + m];
      }
      if (hasB1) {
        grad[ob1 + j] += dz;
      }
    }
  }
}
