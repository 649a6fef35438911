package dev.basin.bounds;

import dev.basin.model.TwoLayerNet;

/** {@link Arithmetic#PLAIN}: IEEE double arithmetic, what a float64 implementation computes. */
final class PlainArithmetic implements Arithmetic<Plain> {

  static final PlainArithmetic INSTANCE = new PlainArithmetic();

  private PlainArithmetic() {}

  @Override
  public boolean certified() {
    return false;
  }

  @Override
  public Plain exact(double x) {
    return new Plain(x);
  }

  @Override
  public Plain fromEnds(double lo, double hi) {
    if (lo != hi) {
      throw new IllegalArgumentException("plain arithmetic holds one value, got [" + lo + ", " + hi + "]");
    }
    return new Plain(lo);
  }

  @Override
  public Plain around(double x) {
    return new Plain(x);
  }

  @Override
  public Plain widen(Plain x, double err) {
    return x;
  }

  @Override
  public Plain pi() {
    return new Plain(Math.PI);
  }

  @Override
  public Plain e() {
    return new Plain(Math.E);
  }

  @Override
  public Plain dot(double[] a, int ao, int as, double[] b, int bo, int bs, int len) {
    double s = 0.0;
    for (int t = 0; t < len; t++) {
      s += a[ao + t * as] * b[bo + t * bs];
    }
    return new Plain(s);
  }

  @Override
  public Plain spectralNorm(double[] a, int rows, int cols) {
    return new Plain(SpectralNorm.plain(a, rows, cols));
  }

  @Override
  public Plain[] outputs(TwoLayerNet net, double[] x, int n) {
    double[] o = net.outputs(x, n);
    Plain[] out = new Plain[o.length];
    for (int i = 0; i < o.length; i++) {
      out[i] = new Plain(o[i]);
    }
    return out;
  }

  @Override
  public Plain klInverse(Plain q, Plain c) {
    return new Plain(KlInverse.plain(q.v(), c.v()));
  }
}
