package dev.basin.bounds;

import dev.basin.model.TwoLayerNet;

/**
 * One of basin's ways to evaluate a bound formula (spec BOUND-ARITH): {@link #PLAIN} (IEEE
 * double, round to nearest) or {@link #INTERVAL} (outward-rounded enclosures); a third,
 * {@link ToolModel#arithmetic}, encloses every value another tool in a given precision can compute
 * (spec GOLDEN-TOL-BOUNDS). Besides scalar
 * construction it supplies the kernels whose plain and certified versions differ in method, not
 * just in rounding: dot products, the spectral norm, the forward pass and the kl-inverse.
 *
 * @param <N> the number type
 */
public sealed interface Arithmetic<N extends Num<N>> permits PlainArithmetic, IntervalArithmetic, ToolArithmetic {

  /** IEEE double arithmetic. */
  Arithmetic<Plain> PLAIN = PlainArithmetic.INSTANCE;

  /** Outward-rounded interval arithmetic. */
  Arithmetic<Interval> INTERVAL = IntervalArithmetic.INSTANCE;

  /**
   * Whether results are certified enclosures (INTERVAL, and a tool model's arithmetic, whose
   * enclosures are wider: spec GOLDEN-TOL-BOUNDS).
   */
  /*@ public normal_behavior
    @ ensures \result <==> this != PLAIN;
    @*/
  boolean certified();

  /** The exact double x. */
  /*@ public behavior
    @ ensures \result.lo() == x && \result.hi() == x;
    @ signals (NonFiniteResultException) x != x;
    @*/
  N exact(double x);

  /**
   * A number known only to lie in [lo, hi] (plain: requires lo == hi, or returns the ends'
   * common value; interval: the interval).
   */
  /*@ public behavior
    @ requires certified() || lo == hi;
    @ ensures \result.lo() == lo && \result.hi() == hi;
    @ signals (InvalidInputException) !(lo <= hi);
    @*/
  N fromEnds(double lo, double hi);

  /**
   * A real that the double x approximates to within half an ulp (a correctly rounded result, e.g.
   * fl(a − b)): plain x; interval [nextDown x, nextUp x].
   */
  /*@ public normal_behavior
    @ requires x == x;
    @ ensures (\forall \real r; |r - x| <= ulp(x) / 2; certified() ==> Num.encloses(\result, r));
    @ ensures !certified() ==> \result.lo() == x;
    @*/
  N around(double x);

  /** x widened by ±err (err ≥ 0, an upper bound on an absolute error); plain: x unchanged. */
  /*@ public normal_behavior
    @ requires err >= 0.0;
    @ ensures certified() ==> \result.lo() <= x.lo() - err && x.hi() + err <= \result.hi();
    @ ensures !certified() ==> \result == x;
    @*/
  N widen(N x, double err);

  /** π. */
  /*@ public normal_behavior
    @ ensures certified() ==> Num.encloses(\result, \pi);
    @ ensures !certified() ==> \result.lo() == Math.PI;
    @*/
  N pi();

  /** e. */
  /*@ public normal_behavior
    @ ensures certified() ==> Num.encloses(\result, \e);
    @ ensures !certified() ==> \result.lo() == Math.E;
    @*/
  N e();

  /** Σ_t a[ao + t·as] · b[bo + t·bs] (arrays not modified). */
  /*@ public normal_behavior
    @ requires len >= 0 && (\forall int t; 0 <= t && t < len; 0 <= ao + t * as && ao + t * as < a.length && 0 <= bo + t * bs && bo + t * bs < b.length);
    @ ensures certified() ==> Num.encloses(\result, (\sum int t; 0 <= t && t < len; (\real) a[ao + t * as] * b[bo + t * bs]));
    @ assignable \nothing;
    @*/
  N dot(double[] a, int ao, int as, double[] b, int bo, int bs, int len);

  /** ‖A‖₂ of A rows×cols row-major (not modified), spec BOUND-NORM-SPECTRAL. */
  /*@ public normal_behavior
    @ requires rows >= 1 && cols >= 1 && a.length == rows * cols;
    @ ensures \result.lo() >= 0.0;
    @ ensures certified() ==> Num.encloses(\result, ||A||_2);
    @ assignable \nothing;
    @*/
  N spectralNorm(double[] a, int rows, int cols);

  /** The outputs f(x_i) of a net on n inputs X (n·d row-major, not modified), n·k entries. */
  /*@ public normal_behavior
    @ requires n >= 1 && x.length == n * net.inputs();
    @ ensures \result.length == n * net.outputs();
    @ ensures certified() ==> (\forall int i; 0 <= i && i < \result.length; Num.encloses(\result[i], f_exact(net, x)[i]));
    @ ensures !certified() ==> (\forall int i; 0 <= i && i < \result.length; \result[i].lo() == net.outputs(x, n)[i]);
    @ assignable \nothing;
    @*/
  N[] outputs(TwoLayerNet net, double[] x, int n);

  /**
   * kl⁻¹(q | c) = sup{p ∈ [q, 1] : kl(q‖p) ≤ c} (spec BOUND-KL-INVERSE); plain: bisection to
   * the last bit; interval: a certified bracket, whose upper end is the conservative value; a tool
   * model's: every value such a tool's solver returns (from its own rounded q, so a raw q that its
   * precision cannot hold lowers the lower end by that rounding).
   */
  /*@ public normal_behavior
    @ requires 0.0 <= q.lo() && q.hi() <= 1.0 && c.lo() >= 0.0;
    @ ensures (q.lo() <= \result.lo() || (this is a tool model's arithmetic && q is a raw input its precision cannot hold)) && \result.hi() <= 1.0;
    @ ensures certified() ==> (\forall \real p, r; q.lo() <= p && p <= q.hi() && c.lo() <= r && r <= c.hi(); Num.encloses(\result, klInverse(p, r)));
    @*/
  N klInverse(N q, N c);

  /** An exact non-negative integer (|n| ≤ 2⁵³). */
  /*@ public behavior
    @ ensures \result.lo() == n && \result.hi() == n;
    @ signals (IllegalArgumentException) Math.abs(n) > (1L << 53);
    @*/
  default N count(long n) {
    if (Math.abs(n) > (1L << 53)) {
      throw new IllegalArgumentException("count " + n + " is not exactly representable");
    }
    return exact(n);
  }

  /** Σ a_t² over a strided slice. */
  /*@ public normal_behavior
    @ requires len >= 0;
    @ ensures \result.lo() >= 0.0 || certified();
    @ ensures certified() ==> Num.encloses(\result, (\sum int t; 0 <= t && t < len; (\real) a[off + t * stride] * a[off + t * stride]));
    @ assignable \nothing;
    @*/
  default N sumSquares(double[] a, int off, int stride, int len) {
    return dot(a, off, stride, a, off, stride, len);
  }

  /** ‖a‖₂ over a strided slice. */
  /*@ public normal_behavior
    @ requires len >= 0;
    @ ensures \result.lo() >= 0.0;
    @ ensures certified() ==> Num.encloses(\result, sqrt((\sum int t; 0 <= t && t < len; (\real) a[off + t * stride] * a[off + t * stride])));
    @ assignable \nothing;
    @*/
  default N norm2(double[] a, int off, int stride, int len) {
    return sumSquares(a, off, stride, len).sqrt();
  }

  /** Σ |a_t| over a strided slice (absolute values are exact). */
  /*@ public normal_behavior
    @ requires len >= 0;
    @ ensures \result.lo() >= 0.0;
    @ ensures certified() ==> Num.encloses(\result, (\sum int t; 0 <= t && t < len; |(\real) a[off + t * stride]|));
    @ assignable \nothing;
    @*/
  default N sumAbs(double[] a, int off, int stride, int len) {
    N s = exact(0.0);
    for (int t = 0; t < len; t++) {
      s = s.add(exact(Math.abs(a[off + t * stride])));
    }
    return s;
  }

  /** ln 2. */
  /*@ public normal_behavior
    @ ensures certified() ==> Num.encloses(\result, ln(2));
    @ ensures !certified() ==> \result.lo() == Math.log(2.0);
    @*/
  default N ln2() {
    return exact(2.0).log();
  }
}
