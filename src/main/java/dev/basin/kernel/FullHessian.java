package dev.basin.kernel;

/**
 * The full Hessian ∇²L(θ) as an explicit N×N matrix, split into its Gauss–Newton part
 * G = c Σ_i J_iᵀ M_i J_i and its residual part R = c Σ_i Σ_o g_io ∇²f_o(x_i) (spec HESS-FULL,
 * HESS-GN, HESS-RESIDUAL). Computed from closed-form blocks, independently of
 * {@link HessianVector}, so that each checks the other.
 *
 * <p>With x̃ = (x, 1) (the 1 only when b1 is present), ã = (a, 1) (the 1 only when b2 is
 * present), U = W2 diag(σ'(z)), P = Uᵀ M and Q = Uᵀ M U, per sample:
 *
 * <pre>
 *   G[(j,m),(j',m')] = c Q_jj' x̃_m x̃_m'        R[(j,m),(j,m')] = c (W2ᵀg)_j σ''(z_j) x̃_m x̃_m'
 *   G[(j,m),(o,j')]  = c P_jo x̃_m ã_j'          R[(j,m),(o,j)]  = c g_o σ'(z_j) x̃_m
 *   G[(o,j),(o',j')] = c M_oo' ã_j ã_j'
 * </pre>
 *
 * where (j,m) indexes W1/b1 and (o,j) indexes W2/b2. Cost: N² multiply-adds per sample.
 */
public final class FullHessian {

  /** Largest N for which an explicit N×N matrix is built (N² doubles = 2 GiB). */
  public static final int MAX_PARAMS = 16384;

  /** Gauss–Newton part only. */
  public static final int GAUSS_NEWTON = 1;
  /** Residual part only. */
  public static final int RESIDUAL = 2;
  /** The full Hessian, G + R. */
  public static final int FULL = 3;

  private FullHessian() {}

  /**
   * The requested part of ∇²L(θ) as a fresh row-major N×N array. The pass is not modified.
   *
   * @param p the problem
   * @param f the forward pass of p at θ
   * @param theta parameters (length N), not modified
   * @param parts GAUSS_NEWTON, RESIDUAL or FULL
   */
  /*@ public normal_behavior
    @ requires \invariant_for(p) && \invariant_for(f);
    @ requires theta.length == p.layout.size() && p.layout.size() <= MAX_PARAMS;
    @ requires parts >= GAUSS_NEWTON && parts <= FULL;
    @ requires f.a.length >= p.n * p.layout.h && f.s1.length >= p.n * p.layout.h;
    @ requires f.s2.length >= p.n * p.layout.h && f.back.length >= p.n * p.layout.h;
    @ requires f.g.length >= p.n * p.layout.k && f.out.length >= p.n * p.layout.k;
    @ ensures \fresh(\result) && \result.length == p.layout.size() * p.layout.size();
    @ assignable \nothing;
    @*/
  public static double[] compute(Problem p, ForwardPass f, double[] theta, int parts) {
    ParameterLayout l = p.layout;
    int d = l.d;
    int h = l.h;
    int k = l.k;
    boolean hasB1 = l.hasB1;
    boolean hasB2 = l.hasB2;
    // l.offsetB1(), offsetW2(), offsetB2() and size(), computed here so that the proof sees terms;
    // Index.product also gives h, d <= h·d and h, k <= k·h, hence d, h, k <= N
    int ob1 = Index.product(h, d);
    int ow2 = ob1 + (hasB1 ? h : 0);
    int ob2 = ow2 + Index.product(k, h);
    int nn = ob2 + (hasB2 ? k : 0);
    // the lengths of x̃ = (x, 1) and ã = (a, 1), each 1 only with its bias
    int dA = d + (hasB1 ? 1 : 0);
    int hA = h + (hasB2 ? 1 : 0);
    // parts is 1, 2 or 3, so parts != RESIDUAL and parts != GAUSS_NEWTON are its two bits
    return assemble(p.loss, p.scale, parts != RESIDUAL, parts != GAUSS_NEWTON, theta, p.x, f.a, f.s1, f.s2, f.out,
        f.g, f.back, p.n, d, h, k, nn, ob1, ow2, ob2, dA, hA);
  }

  /**
   * compute() over plain sizes (dA, hA: the lengths of x̃ and ã): allocates the matrix and the
   * per-sample scratch arrays (sizes through the lemma {@link Index#area}) and adds the samples.
   * A separate contract so that KeY sees neither Problem's size products nor the layout's case
   * splits next to the allocations.
   */
  /*@ private normal_behavior
    @ requires \invariant_for(loss) && (loss.kind != Loss.LOGISTIC || k == 1);
    @ requires n >= 1 && d >= 1 && h >= 1 && k >= 1;
    @ requires n * d <= Integer.MAX_VALUE && n * h <= Integer.MAX_VALUE && n * k <= Integer.MAX_VALUE;
    @ requires nn >= 1 && nn <= MAX_PARAMS && h <= nn && k <= nn && h * d <= nn && theta.length == nn;
    @ requires ob1 >= 0 && ob1 <= nn && (dA == d || (dA == d + 1 && ob1 + h <= nn));
    @ requires ob2 >= 0 && ob2 <= nn && (hA == h || (hA == h + 1 && ob2 + k <= nn));
    @ requires ow2 >= 0 && ow2 + k * h <= nn;
    @ requires x.length >= n * d && a.length >= n * h && s1.length >= n * h && s2.length >= n * h;
    @ requires back.length >= n * h && out.length >= n * k && g.length >= n * k;
    @ ensures \fresh(\result) && \result.length == nn * nn;
    @ assignable \nothing;
    @*/
  @SuppressWarnings("index") // sizes proved non-negative and without overflow by KeY (proofs/LEDGER.md)
  private static double[] assemble(Loss loss, double c, boolean gn, boolean res, double[] theta, double[] x,
      double[] a, double[] s1, double[] s2, double[] out, double[] g, double[] back, int n, int d, int h, int k,
      int nn, int ob1, int ow2, int ob2, int dA, int hA) {
    // all sizes before the first allocation, so that the proof meets no call between allocations
    int nn2 = Index.area(nn, nn);
    int kk = Index.area(k, k);
    int kh = Index.area(k, h);
    int hh = Index.area(h, h);
    double[] hess = new double[nn2];
    double[] mm = new double[kk];
    double[] u = new double[kh];
    double[] pm = new double[kh];
    double[] q = new double[hh];
    double[] xt = new double[dA];
    double[] at = new double[hA];
    /*@ loop_invariant 0 <= i && i <= n;
      @ decreases n - i;
      @ loop_writes hess[*], mm[*], u[*], pm[*], q[*], xt[*], at[*];
      @*/
    for (int i = 0; i < n; i++) {
      int hi = Index.rowStart(i, n, h);
      int ki = Index.rowStart(i, n, k);
      prepare(loss, theta, x, Index.rowStart(i, n, d), d, a, hi, h, out, ki, k, s1, ow2, xt, at, mm, u, pm, q);
      addSample(hess, nn, c, gn, res, xt, d, h, ob1, at, k, ow2, ob2, q, pm, mm, back, s2, s1, g, hi, ki);
    }
    return hess;
  }

  /**
   * One sample's x̃ (xt), ã (at), M (mm), U (u), P = Uᵀ M (pm) and Q = Uᵀ M U (q), those
   * modified; the pass arrays and theta not modified.
   */
  /*@ private normal_behavior
    @ requires \invariant_for(loss) && (loss.kind != Loss.LOGISTIC || k == 1);
    @ requires d >= 1 && h >= 1 && k >= 1 && k <= MAX_PARAMS;
    @ requires xoff >= 0 && xoff + d <= x.length && hi >= 0 && hi + h <= a.length && hi + h <= s1.length;
    @ requires ki >= 0 && ki + k <= out.length && ow2 >= 0 && ow2 + k * h <= theta.length;
    @ requires xt.length == d || xt.length == d + 1;
    @ requires at.length == h || at.length == h + 1;
    @ requires mm.length == k * k && u.length == k * h && pm.length == h * k && q.length == h * h;
    @ requires xt != x && at != a && mm != out && u != theta && u != s1 && pm != u && pm != mm;
    @ requires q != pm && q != u;
    @ assignable xt[*], at[*], mm[*], u[*], pm[*], q[*];
    @*/
  private static void prepare(Loss loss, double[] theta, double[] x, int xoff, int d, double[] a, int hi, int h,
      double[] out, int ki, int k, double[] s1, int ow2, double[] xt, double[] at, double[] mm, double[] u,
      double[] pm, double[] q) {
    augment(x, xoff, d, xt);
    augment(a, hi, h, at);
    loss.sampleHessianMatrix(out, ki, k, mm);
    scaleColumns(theta, ow2, k, h, s1, hi, u);
    transposeTimes(u, mm, k, h, pm);
    times(pm, u, h, k, q);
  }

  /**
   * One sample's terms: the W1/b1 rows (addW1Row) and, for the Gauss–Newton part, the W2/b2 block
   * (f is linear in W2, b2, so R has none there). hess modified; the other arrays not modified.
   */
  /*@ private normal_behavior
    @ requires nn >= 1 && nn <= MAX_PARAMS && hess.length == nn * nn;
    @ requires h >= 1 && d >= 1 && k >= 1 && h * d <= nn;
    @ requires h * h <= q.length && h * k <= pm.length && k * k <= mm.length;
    @ requires ob1 >= 0 && ob1 <= nn && (xt.length == d || (xt.length == d + 1 && ob1 + h <= nn));
    @ requires ob2 >= 0 && ob2 <= nn && (at.length == h || (at.length == h + 1 && ob2 + k <= nn));
    @ requires ow2 >= 0 && ow2 + k * h <= nn;
    @ requires hi >= 0 && hi + h <= back.length && hi + h <= s2.length && hi + h <= s1.length;
    @ requires ki >= 0 && ki + k <= g.length;
    @ requires hess != xt && hess != at && hess != q && hess != pm && hess != mm && hess != back;
    @ requires hess != s2 && hess != s1 && hess != g;
    @ assignable hess[*];
    @*/
  private static void addSample(double[] hess, int nn, double c, boolean gn, boolean res, double[] xt, int d,
      int h, int ob1, double[] at, int k, int ow2, int ob2, double[] q, double[] pm, double[] mm, double[] back,
      double[] s2, double[] s1, double[] g, int hi, int ki) {
    /*@ loop_invariant 0 <= j && j <= h;
      @ decreases h - j;
      @ loop_writes hess[*];
      @*/
    for (int j = 0; j < h; j++) {
      addW1Row(hess, nn, c, gn, res, j, xt, d, h, ob1, at, k, ow2, ob2, q, pm, back, s2, s1, g, hi, ki);
    }
    if (gn) {
      addW2Block(hess, nn, c, at, h, mm, k, ow2, ob2);
    }
  }

  /**
   * The rows of W1[j, ·] and b1[j] (the augmented input x̃ = xt): their W1/b1 columns (G via Q,
   * R on the diagonal block j) and their W2/b2 columns with the mirrored entries (G via P, R
   * where the W2 column is unit j). hess modified; the other arrays not modified.
   */
  /*@ private normal_behavior
    @ requires nn >= 1 && nn <= MAX_PARAMS && hess.length == nn * nn;
    @ requires h >= 1 && d >= 1 && k >= 1 && 0 <= j && j < h;
    @ requires h * d <= nn && h * h <= q.length && h * k <= pm.length;
    @ requires ob1 >= 0 && ob1 <= nn && (xt.length == d || (xt.length == d + 1 && ob1 + h <= nn));
    @ requires ob2 >= 0 && ob2 <= nn && (at.length == h || (at.length == h + 1 && ob2 + k <= nn));
    @ requires ow2 >= 0 && ow2 + k * h <= nn;
    @ requires hi >= 0 && hi + h <= back.length && hi + h <= s2.length && hi + h <= s1.length;
    @ requires ki >= 0 && ki + k <= g.length;
    @ requires hess != xt && hess != at && hess != q && hess != pm && hess != back && hess != s2;
    @ requires hess != s1 && hess != g;
    @ assignable hess[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void addW1Row(double[] hess, int nn, double c, boolean gn, boolean res, int j, double[] xt,
      int d, int h, int ob1, double[] at, int k, int ow2, int ob2, double[] q, double[] pm,
      double[] back, double[] s2, double[] s1, double[] g, int hi, int ki) {
    double diag = res ? back[hi + j] * s2[hi + j] : 0.0;
    int w1row = Index.rowStart(j, h, d);
    int qj = Index.rowStart(j, h, h);
    int pj = Index.rowStart(j, h, k);
    /*@ loop_invariant 0 <= m && m <= xt.length;
      @ decreases xt.length - m;
      @ loop_writes hess[*];
      @*/
    for (int m = 0; m < xt.length; m++) {
      int rIdx = m < d ? w1row + m : ob1 + j;
      int r = Index.rowStart(rIdx, nn, nn);
      double cx = c * xt[m];
      addW1Columns(hess, nn, r, cx, gn, q, qj, j, diag, xt, d, h, ob1);
      addW2Columns(hess, nn, r, rIdx, cx, gn, res, pm, pj, g, ki, s1, hi + j, at, h, k, ow2, ob2, j);
    }
  }

  /**
   * The W1/b1 columns of the row starting at r (the contract needs only r + nn ≤ nn², as
   * addCross): G via Q row j (at q[qj ..]) and R on the diagonal block j, both times cx · x̃.
   * hess modified; q and xt not modified.
   */
  /*@ private normal_behavior
    @ requires nn >= 1 && nn <= MAX_PARAMS && r >= 0 && r + nn <= hess.length;
    @ requires h >= 1 && d >= 1 && 0 <= j && j < h && h * d <= nn && qj >= 0 && qj + h <= q.length;
    @ requires ob1 >= 0 && ob1 <= nn && (xt.length == d || (xt.length == d + 1 && ob1 + h <= nn));
    @ requires hess != xt && hess != q;
    @ assignable hess[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void addW1Columns(double[] hess, int nn, int r, double cx, boolean gn, double[] q, int qj, int j,
      double diag, double[] xt, int d, int h, int ob1) {
    /*@ loop_invariant 0 <= j2 && j2 <= h;
      @ decreases h - j2;
      @ loop_writes hess[*];
      @*/
    for (int j2 = 0; j2 < h; j2++) {
      double coef = cx * ((gn ? q[qj + j2] : 0.0) + (j2 == j ? diag : 0.0));
      addSegment(hess, r, coef, xt, d, Index.rowStart(j2, h, d), ob1 + j2);
    }
  }

  /**
   * The W2/b2 columns of the W1/b1 row rIdx (starting at r), and the mirrored entries: G via P
   * row j (at pm[pj ..]) times cx, R where the W2 column is unit j (g at g[ki ..], σ'(z_j) at
   * s1[sj]). hess modified; the other arrays not modified.
   */
  /*@ private normal_behavior
    @ requires nn >= 1 && nn <= MAX_PARAMS && hess.length == nn * nn;
    @ requires rIdx >= 0 && rIdx < nn && r >= 0 && r + nn <= hess.length;
    @ requires h >= 1 && k >= 1 && ow2 >= 0 && ow2 + k * h <= nn;
    @ requires ob2 >= 0 && ob2 <= nn && (at.length == h || (at.length == h + 1 && ob2 + k <= nn));
    @ requires pj >= 0 && pj + k <= pm.length && ki >= 0 && ki + k <= g.length && sj >= 0 && sj < s1.length;
    @ requires hess != at;
    @ assignable hess[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void addW2Columns(double[] hess, int nn, int r, int rIdx, double cx, boolean gn, boolean res,
      double[] pm, int pj, double[] g, int ki, double[] s1, int sj, double[] at, int h, int k, int ow2, int ob2,
      int j) {
    /*@ loop_invariant 0 <= o && o <= k;
      @ decreases k - o;
      @ loop_writes hess[*];
      @*/
    for (int o = 0; o < k; o++) {
      double cp = gn ? cx * pm[pj + o] : 0.0;
      double er = res ? cx * g[ki + o] * s1[sj] : 0.0;
      addCross(hess, nn, r, rIdx, cp, at, h, ow2 + Index.rowStart(o, k, h), ob2 + o, res ? j : -1, er);
    }
  }

  /**
   * hess[r + col(m)] += coef · v[m] for m &lt; v.length, where col(m) = row + m for m &lt; w and
   * col(w) = bias (the augmented entry). hess modified; v not modified.
   */
  /*@ private normal_behavior
    @ requires r >= 0 && w >= 0 && row >= 0;
    @ requires v.length == w || (v.length == w + 1 && bias >= 0 && r + bias < hess.length);
    @ requires r + row + w <= hess.length && hess != v;
    @ assignable hess[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void addSegment(double[] hess, int r, double coef, double[] v, int w, int row, int bias) {
    /*@ loop_invariant 0 <= m && m <= v.length;
      @ decreases v.length - m;
      @ loop_writes hess[*];
      @*/
    for (int m = 0; m < v.length; m++) {
      hess[r + (m < w ? row + m : bias)] += coef * v[m];
    }
  }

  /**
   * For the W1/b1 row rIdx (starting at r = rIdx·nn; the contract needs only r + nn ≤ nn², the
   * linear fact that keeps the proof out of nonlinear arithmetic) and the W2/b2 columns of output unit o
   * (col(j2) = w2row + j2 for j2 &lt; h, b2o for j2 = h): hess[r + col] and its mirror
   * hess[col·nn + rIdx] += cp·at[j2], plus er where j2 = jRes (the residual term). hess
   * modified; at not modified.
   */
  /*@ private normal_behavior
    @ requires nn >= 1 && nn <= MAX_PARAMS && hess.length == nn * nn && h >= 1;
    @ requires rIdx >= 0 && rIdx < nn && r >= 0 && r + nn <= hess.length;
    @ requires w2row >= 0 && w2row + h <= nn;
    @ requires at.length == h || (at.length == h + 1 && b2o >= 0 && b2o < nn);
    @ requires hess != at;
    @ assignable hess[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void addCross(double[] hess, int nn, int r, int rIdx, double cp, double[] at, int h, int w2row,
      int b2o, int jRes, double er) {
    /*@ loop_invariant 0 <= j2 && j2 <= at.length;
      @ decreases at.length - j2;
      @ loop_writes hess[*];
      @*/
    for (int j2 = 0; j2 < at.length; j2++) {
      double e = cp * at[j2];
      if (j2 == jRes) {
        e += er;
      }
      int col = j2 < h ? w2row + j2 : b2o;
      hess[r + col] += e;
      hess[Index.rowStart(col, nn, nn) + rIdx] += e;
    }
  }

  /**
   * G[(o,j),(o',j')] += c M_oo' ã_j ã_j' for the W2/b2 rows and columns of one sample. hess
   * modified; at and mm not modified.
   */
  /*@ private normal_behavior
    @ requires nn >= 1 && nn <= MAX_PARAMS && hess.length == nn * nn;
    @ requires h >= 1 && k >= 1 && k * k <= mm.length && ow2 >= 0 && ow2 + k * h <= nn;
    @ requires ob2 >= 0 && ob2 <= nn && (at.length == h || (at.length == h + 1 && ob2 + k <= nn));
    @ requires hess != at && hess != mm;
    @ assignable hess[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void addW2Block(double[] hess, int nn, double c, double[] at, int h, double[] mm, int k, int ow2,
      int ob2) {
    /*@ loop_invariant 0 <= o && o <= k;
      @ decreases k - o;
      @ loop_writes hess[*];
      @*/
    for (int o = 0; o < k; o++) {
      int w2row = ow2 + Index.rowStart(o, k, h);
      int mo = Index.rowStart(o, k, k);
      /*@ loop_invariant 0 <= j && j <= at.length;
        @ decreases at.length - j;
        @ loop_writes hess[*];
        @*/
      for (int j = 0; j < at.length; j++) {
        int r = Index.rowStart(j < h ? w2row + j : ob2 + o, nn, nn);
        addW2Row(hess, nn, r, c * at[j], mm, mo, at, h, k, ow2, ob2);
      }
    }
  }

  /**
   * One W2/b2 row of G (starting at r; the contract needs only r + nn ≤ nn², as addCross):
   * hess[r + col(o2, j')] += ca · mm[mo + o2] · ã_j' over all W2/b2 columns (o2, j'). hess
   * modified; mm and at not modified.
   */
  /*@ private normal_behavior
    @ requires nn >= 1 && nn <= MAX_PARAMS && r >= 0 && r + nn <= hess.length;
    @ requires h >= 1 && k >= 1 && mo >= 0 && mo + k <= mm.length && ow2 >= 0 && ow2 + k * h <= nn;
    @ requires ob2 >= 0 && ob2 <= nn && (at.length == h || (at.length == h + 1 && ob2 + k <= nn));
    @ requires hess != at && hess != mm;
    @ assignable hess[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void addW2Row(double[] hess, int nn, int r, double ca, double[] mm, int mo, double[] at, int h,
      int k, int ow2, int ob2) {
    /*@ loop_invariant 0 <= o2 && o2 <= k;
      @ decreases k - o2;
      @ loop_writes hess[*];
      @*/
    for (int o2 = 0; o2 < k; o2++) {
      addSegment(hess, r, ca * mm[mo + o2], at, h, ow2 + Index.rowStart(o2, k, h), ob2 + o2);
    }
  }

  /** u[o, j] = W2[o, j] σ'(z_j), i.e. U = W2 diag(σ'(z)) (k×h), W2 at theta[ow2 ..]; u modified. */
  /*@ private normal_behavior
    @ requires h >= 1 && k >= 1 && k * h <= u.length && ow2 >= 0 && ow2 + k * h <= theta.length;
    @ requires hi >= 0 && hi + h <= s1.length && u != theta && u != s1;
    @ assignable u[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void scaleColumns(double[] theta, int ow2, int k, int h, double[] s1, int hi, double[] u) {
    /*@ loop_invariant 0 <= o && o <= k;
      @ decreases k - o;
      @ loop_writes u[*];
      @*/
    for (int o = 0; o < k; o++) {
      int row = Index.rowStart(o, k, h);
      /*@ loop_invariant 0 <= j && j <= h;
        @ decreases h - j;
        @ loop_writes u[*];
        @*/
      for (int j = 0; j < h; j++) {
        u[row + j] = theta[ow2 + row + j] * s1[hi + j];
      }
    }
  }

  /** pm = Uᵀ M (h×k) for U (k×h) and M (k×k), both row-major; pm modified. */
  /*@ private normal_behavior
    @ requires h >= 1 && k >= 1 && k * h <= u.length && k * k <= mm.length && h * k <= pm.length;
    @ requires pm != u && pm != mm;
    @ assignable pm[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void transposeTimes(double[] u, double[] mm, int k, int h, double[] pm) {
    /*@ loop_invariant 0 <= j && j <= h;
      @ decreases h - j;
      @ loop_writes pm[*];
      @*/
    for (int j = 0; j < h; j++) {
      /*@ loop_invariant 0 <= o2 && o2 <= k;
        @ decreases k - o2;
        @ loop_writes pm[*];
        @*/
      for (int o2 = 0; o2 < k; o2++) {
        double s = 0.0;
        /*@ loop_invariant 0 <= o && o <= k;
          @ decreases k - o;
          @ loop_writes \nothing;
          @*/
        for (int o = 0; o < k; o++) {
          s += u[Index.rowStart(o, k, h) + j] * mm[Index.rowStart(o, k, k) + o2];
        }
        pm[Index.rowStart(j, h, k) + o2] = s;
      }
    }
  }

  /** q = P U (h×h) for P (h×k) and U (k×h), both row-major; q modified. */
  /*@ private normal_behavior
    @ requires h >= 1 && k >= 1 && h * k <= pm.length && k * h <= u.length && h * h <= q.length;
    @ requires q != pm && q != u;
    @ assignable q[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void times(double[] pm, double[] u, int h, int k, double[] q) {
    /*@ loop_invariant 0 <= j && j <= h;
      @ decreases h - j;
      @ loop_writes q[*];
      @*/
    for (int j = 0; j < h; j++) {
      /*@ loop_invariant 0 <= j2 && j2 <= h;
        @ decreases h - j2;
        @ loop_writes q[*];
        @*/
      for (int j2 = 0; j2 < h; j2++) {
        double s = 0.0;
        /*@ loop_invariant 0 <= o && o <= k;
          @ decreases k - o;
          @ loop_writes \nothing;
          @*/
        for (int o = 0; o < k; o++) {
          s += pm[Index.rowStart(j, h, k) + o] * u[Index.rowStart(o, k, h) + j2];
        }
        q[Index.rowStart(j, h, h) + j2] = s;
      }
    }
  }

  /**
   * The sub-matrix of an N×N matrix for two parameter groups (rows of group g1, columns of group
   * g2), as a fresh row-major array. hess is not modified.
   */
  /*@ public normal_behavior
    @ requires \invariant_for(l);
    @ requires g1 >= ParameterLayout.W1 && g1 <= ParameterLayout.B2;
    @ requires g2 >= ParameterLayout.W1 && g2 <= ParameterLayout.B2;
    @ requires l.size() <= MAX_PARAMS && hess.length == l.size() * l.size();
    @ ensures \fresh(\result) && \result.length == l.groupLength(g1) * l.groupLength(g2);
    @ assignable \nothing;
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  public static double[] block(ParameterLayout l, double[] hess, int g1, int g2) {
    int nn = l.size();
    int r0 = l.groupOffset(g1);
    int rn = l.groupLength(g1);
    int c0 = l.groupOffset(g2);
    int cn = l.groupLength(g2);
    return extract(hess, nn, r0, rn, c0, cn);
  }

  /** The rn×cn sub-matrix of the nn×nn matrix hess at row r0, column c0, as a fresh array. */
  /*@ private normal_behavior
    @ requires nn >= 1 && nn <= MAX_PARAMS && hess.length == nn * nn;
    @ requires r0 >= 0 && rn >= 0 && r0 + rn <= nn && c0 >= 0 && cn >= 0 && c0 + cn <= nn;
    @ ensures \fresh(\result) && \result.length == rn * cn;
    @ assignable \nothing;
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static double[] extract(double[] hess, int nn, int r0, int rn, int c0, int cn) {
    double[] b = new double[Index.area(rn, cn)];
    copyBlock(hess, nn, r0, rn, c0, cn, b);
    return b;
  }

  /**
   * b = the rn×cn sub-matrix of the nn×nn matrix hess at row r0, column c0 (b modified; hess not
   * modified).
   */
  /*@ private normal_behavior
    @ requires nn >= 1 && hess.length == nn * nn;
    @ requires r0 >= 0 && rn >= 0 && r0 + rn <= nn && c0 >= 0 && cn >= 0 && c0 + cn <= nn;
    @ requires b.length == rn * cn && b != hess;
    @ assignable b[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void copyBlock(double[] hess, int nn, int r0, int rn, int c0, int cn, double[] b) {
    /*@ loop_invariant 0 <= r && r <= rn;
      @ decreases rn - r;
      @ loop_writes b[*];
      @*/
    for (int r = 0; r < rn; r++) {
      int src = Index.rowStart(r0 + r, nn, nn) + c0;
      int dst = Index.rowStart(r, rn, cn);
      /*@ loop_invariant 0 <= col && col <= cn;
        @ decreases cn - col;
        @ loop_writes b[*];
        @*/
      for (int col = 0; col < cn; col++) {
        b[dst + col] = hess[src + col];
      }
    }
  }

  /** dst = (src[off .. off+len), 1) when dst is one longer than len, else the plain copy. */
  /*@ private normal_behavior
    @ requires len >= 0 && off >= 0 && off + len <= src.length;
    @ requires dst.length == len || dst.length == len + 1;
    @ requires dst != src;
    @ assignable dst[*];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  private static void augment(double[] src, int off, int len, double[] dst) {
    /*@ loop_invariant 0 <= m && m <= len;
      @ decreases len - m;
      @ loop_writes dst[*];
      @*/
    for (int m = 0; m < len; m++) {
      dst[m] = src[off + m];
    }
    if (dst.length > len) {
      dst[len] = 1.0;
    }
  }
}
