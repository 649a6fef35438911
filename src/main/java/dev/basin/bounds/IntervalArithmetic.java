package dev.basin.bounds;

import dev.basin.model.TwoLayerNet;

/** {@link Arithmetic#INTERVAL}: outward-rounded enclosures (spec BOUND-ARITH). */
final class IntervalArithmetic implements Arithmetic<Interval> {

  static final IntervalArithmetic INSTANCE = new IntervalArithmetic();

  private IntervalArithmetic() {}

  @Override
  public boolean certified() {
    return true;
  }

  @Override
  public Interval exact(double x) {
    return Interval.point(x);
  }

  @Override
  public Interval fromEnds(double lo, double hi) {
    return Interval.of(lo, hi);
  }

  @Override
  public Interval around(double x) {
    return Interval.around(x);
  }

  @Override
  public Interval widen(Interval x, double err) {
    return Interval.of(Rounding.addDown(x.lo(), -err), Rounding.addUp(x.hi(), err));
  }

  /** Math.PI is the double nearest to π, so π lies between its neighbours. */
  @Override
  public Interval pi() {
    return Interval.around(Math.PI);
  }

  /** Math.E is the double nearest to e. */
  @Override
  public Interval e() {
    return Interval.around(Math.E);
  }

  @Override
  public Interval dot(double[] a, int ao, int as, double[] b, int bo, int bs, int len) {
    return Interval.dot(a, ao, as, b, bo, bs, len, 0.0);
  }

  @Override
  public Interval spectralNorm(double[] a, int rows, int cols) {
    return SpectralNorm.certified(a, rows, cols);
  }

  @Override
  public Interval[] outputs(TwoLayerNet net, double[] x, int n) {
    return IntervalForward.outputs(net, x, n);
  }

  @Override
  public Interval klInverse(Interval q, Interval c) {
    return KlInverse.certified(q, c);
  }
}
