package dev.basin.bounds;

import dev.basin.model.TwoLayerNet;

/**
 * One of basin's two ways to evaluate a bound formula (spec BOUND-ARITH): {@link #PLAIN} (IEEE
 * double, round to nearest) or {@link #INTERVAL} (outward-rounded enclosures). Besides scalar
 * construction it supplies the kernels whose plain and certified versions differ in method, not
 * just in rounding: dot products, the spectral norm, the forward pass and the kl-inverse.
 *
 * @param <N> the number type
 */
public sealed interface Arithmetic<N extends Num<N>> permits PlainArithmetic, IntervalArithmetic {

  /** IEEE double arithmetic. */
  Arithmetic<Plain> PLAIN = PlainArithmetic.INSTANCE;

  /** Outward-rounded interval arithmetic. */
  Arithmetic<Interval> INTERVAL = IntervalArithmetic.INSTANCE;

  /** Whether results are certified enclosures. */
  boolean certified();

  /** The exact double x. */
  N exact(double x);

  /**
   * A number known only to lie in [lo, hi] (plain: requires lo == hi, or returns the ends'
   * common value; interval: the interval).
   */
  N fromEnds(double lo, double hi);

  /**
   * A real that the double x approximates to within half an ulp (a correctly rounded result, e.g.
   * fl(a − b)): plain x; interval [nextDown x, nextUp x].
   */
  N around(double x);

  /** x widened by ±err (err ≥ 0, an upper bound on an absolute error); plain: x unchanged. */
  N widen(N x, double err);

  /** π. */
  N pi();

  /** e. */
  N e();

  /** Σ_t a[ao + t·as] · b[bo + t·bs] (arrays not modified). */
  N dot(double[] a, int ao, int as, double[] b, int bo, int bs, int len);

  /** ‖A‖₂ of A rows×cols row-major (not modified), spec BOUND-NORM-SPECTRAL. */
  N spectralNorm(double[] a, int rows, int cols);

  /** The outputs f(x_i) of a net on n inputs X (n·d row-major, not modified), n·k entries. */
  N[] outputs(TwoLayerNet net, double[] x, int n);

  /**
   * kl⁻¹(q | c) = sup{p ∈ [q, 1] : kl(q‖p) ≤ c} (spec BOUND-KL-INVERSE); plain: bisection to
   * the last bit; interval: a certified bracket, whose upper end is the conservative value.
   */
  N klInverse(N q, N c);

  /** An exact non-negative integer (|n| ≤ 2⁵³). */
  default N count(long n) {
    if (Math.abs(n) > (1L << 53)) {
      throw new IllegalArgumentException("count " + n + " is not exactly representable");
    }
    return exact(n);
  }

  /** Σ a_t² over a strided slice. */
  default N sumSquares(double[] a, int off, int stride, int len) {
    return dot(a, off, stride, a, off, stride, len);
  }

  /** ‖a‖₂ over a strided slice. */
  default N norm2(double[] a, int off, int stride, int len) {
    return sumSquares(a, off, stride, len).sqrt();
  }

  /** Σ |a_t| over a strided slice (absolute values are exact). */
  default N sumAbs(double[] a, int off, int stride, int len) {
    N s = exact(0.0);
    for (int t = 0; t < len; t++) {
      s = s.add(exact(Math.abs(a[off + t * stride])));
    }
    return s;
  }

  /** ln 2. */
  default N ln2() {
    return exact(2.0).log();
  }
}
