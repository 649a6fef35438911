package dev.basin.kernel;

/**
 * The forward map of one sample, f(x) = W2 σ(W1 x + b1) + b2 (spec NET-FORWARD), shared by
 * {@link ForwardPass} and plain prediction.
 */
public final class Network {

  private Network() {}

  /**
   * Hidden layer of one sample: z = W1 x + b1 and a = σ(z), written to z[zoff .. zoff+h) and
   * a[zoff .. zoff+h) (both modified); theta and x are not modified.
   */
  /*@ public normal_behavior
    @ requires \invariant_for(l) && \invariant_for(act);
    @ requires theta.length == l.size();
    @ requires xoff >= 0 && xoff + l.d <= x.length;
    @ requires zoff >= 0 && zoff + l.h <= z.length && zoff + l.h <= a.length;
    @ requires z != a && z != x && a != x && z != theta && a != theta;
    @ assignable z[zoff .. zoff + l.h - 1], a[zoff .. zoff + l.h - 1];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  public static void hidden(ParameterLayout l, Activation act, double[] theta, double[] x, int xoff,
      double[] z, double[] a, int zoff) {
    int d = l.d;
    int h = l.h;
    int ob1 = l.offsetB1();
    boolean hasB1 = l.hasB1;
    /*@ loop_invariant 0 <= j && j <= h;
      @ decreases h - j;
      @ loop_writes z[zoff .. zoff + h - 1], a[zoff .. zoff + h - 1];
      @*/
    for (int j = 0; j < h; j++) {
      double s = dotFrom(hasB1 ? theta[ob1 + j] : 0.0, theta, Index.rowStart(j, h, d), x, xoff, d);
      z[zoff + j] = s;
      a[zoff + j] = activate(act, s);
    }
  }

  /** σ(s), under a contract without value()'s case facts, which the loops here do not need. */
  /*@ private normal_behavior
    @ requires \invariant_for(act);
    @ assignable \nothing;
    @*/
  private static /*@ pure @*/ double activate(Activation act, double s) {
    return act.value(s);
  }

  /**
   * Output layer of one sample: out[ooff .. ooff+k) = W2 a + b2 with a = a[aoff .. aoff+h)
   * (out modified; theta and a not modified).
   */
  /*@ public normal_behavior
    @ requires \invariant_for(l);
    @ requires theta.length == l.size();
    @ requires aoff >= 0 && aoff + l.h <= a.length;
    @ requires ooff >= 0 && ooff + l.k <= out.length;
    @ requires out != a && out != theta;
    @ assignable out[ooff .. ooff + l.k - 1];
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  public static void output(ParameterLayout l, double[] theta, double[] a, int aoff, double[] out, int ooff) {
    int h = l.h;
    int k = l.k;
    int ow2 = l.offsetW2();
    int ob2 = l.offsetB2();
    boolean hasB2 = l.hasB2;
    /*@ loop_invariant 0 <= o && o <= k;
      @ decreases k - o;
      @ loop_writes out[ooff .. ooff + k - 1];
      @*/
    for (int o = 0; o < k; o++) {
      out[ooff + o] = dotFrom(hasB2 ? theta[ob2 + o] : 0.0, theta, ow2 + Index.rowStart(o, k, h), a, aoff, h);
    }
  }

  /**
   * s + Σ_m w[row+m]·v[voff+m], accumulated left to right (the one dot-product loop of both
   * layers). Arrays not modified.
   */
  /*@ normal_behavior
    @ requires len >= 0 && row >= 0 && row + len <= w.length && voff >= 0 && voff + len <= v.length;
    @ assignable \nothing;
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  static /*@ pure @*/ double dotFrom(double s, double[] w, int row, double[] v, int voff, int len) {
    double acc = s;
    /*@ loop_invariant 0 <= m && m <= len;
      @ decreases len - m;
      @ loop_writes \nothing;
      @*/
    for (int m = 0; m < len; m++) {
      acc += w[row + m] * v[voff + m];
    }
    return acc;
  }

  /**
   * f(x_i) for n samples X (n·d row-major, not modified), as a fresh n·k array.
   */
  /*@ public normal_behavior
    @ requires \invariant_for(l) && \invariant_for(act);
    @ requires theta.length == l.size() && n >= 1 && x.length == n * l.d;
    @ requires n * l.k <= Integer.MAX_VALUE;
    @ ensures \fresh(\result) && \result.length == n * l.k;
    @ assignable \nothing;
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  public static double[] outputs(ParameterLayout l, Activation act, double[] theta, double[] x, int n) {
    int d = l.d;
    int h = l.h;
    int k = l.k;
    double[] z = new double[h];
    double[] a = new double[h];
    double[] out = new double[n * k];
    /*@ loop_invariant 0 <= i && i <= n;
      @ decreases n - i;
      @ loop_writes z[*], a[*], out[*];
      @*/
    for (int i = 0; i < n; i++) {
      hidden(l, act, theta, x, Index.rowStart(i, n, d), z, a, 0);
      output(l, theta, a, 0, out, Index.rowStart(i, n, k));
    }
    return out;
  }
}
