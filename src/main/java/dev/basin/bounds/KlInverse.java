package dev.basin.bounds;

/**
 * The Bernoulli KL divergence kl(q‖p) = q ln(q/p) + (1−q) ln((1−q)/(1−p)) and its inverse
 * kl⁻¹(q | c) = sup{p ∈ [q, 1] : kl(q‖p) ≤ c} (spec BOUND-KL-INVERSE), found by bisection on the
 * increasing branch p ∈ [q, 1). The certified version keeps a bracket [p_lo, p_hi] with kl(q‖p_lo)
 * ≤ c and kl(q‖p_hi) &gt; c both proved in interval arithmetic, so the exact kl⁻¹ lies in it; it
 * reports the bracket (the upper end is the conservative bound — unlike codes that return the
 * midpoint or stop after a fixed number of Newton steps, peers.md §1.8).
 */
public final class KlInverse {

  private static final int MAX_STEPS = 2200; // bisection of [0, 1] down to adjacent doubles takes < 1100

  private KlInverse() {}

  /** kl(q‖p) in double arithmetic; 0·ln 0 = 0; +∞ when p ∈ {0, 1} and q ≠ p. */
  /*@ public normal_behavior
    @ requires 0.0 <= q && q <= 1.0 && 0.0 <= p && p <= 1.0;
    @ ensures \result >= 0.0 || |\result| <= 4 ulp(1);
    @ ensures q == p ==> \result == 0.0;
    @ ensures (p == 0.0 || p == 1.0) && q != p ==> \result == Double.POSITIVE_INFINITY;
    @ assignable \nothing;
    @*/
  public static double kl(double q, double p) {
    double a = q == 0.0 ? 0.0 : q * (Math.log(q) - Math.log(p));
    double b = q == 1.0 ? 0.0 : (1.0 - q) * (Math.log1p(-q) - Math.log1p(-p));
    return a + b;
  }

  /** kl⁻¹(q | c) by bisection in double arithmetic (q ∈ [0, 1], c ≥ 0). */
  static double plain(double q, double c) {
    double lo = clampUnit(q);
    double hi = 1.0;
    if (!(c > 0.0) || lo == 1.0) {
      return lo;
    }
    for (int s = 0; s < MAX_STEPS; s++) {
      double mid = lo + (hi - lo) / 2;
      if (mid <= lo || mid >= hi) {
        break;
      }
      if (kl(clampUnit(q), mid) <= c) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** A certified enclosure of kl⁻¹(q | c) for q ⊂ [0, 1], c ≥ 0 (kl⁻¹ increases in q and in c). */
  static Interval certified(Interval q, Interval c) {
    double lower = bracketEnds(clampUnit(q.lo()), Math.max(0.0, c.lo()))[0];
    double upper = bracketEnds(clampUnit(q.hi()), Math.max(0.0, c.hi()))[1];
    return Interval.of(lower, upper);
  }

  /** The certified bracket of kl⁻¹(q | c) for exact q ∈ [0, 1] and c ≥ 0. */
  /*@ public normal_behavior
    @ requires 0.0 <= q && q <= 1.0 && c >= 0.0;
    @ ensures q <= \result.lo() && \result.hi() <= 1.0;
    @ ensures \result.lo() > q ==> kl(q, \result.lo()) <= c (exact);
    @ ensures \result.hi() < 1.0 ==> kl(q, \result.hi()) >= c (exact);
    @ assignable \nothing;
    @*/
  public static Interval bracket(double q, double c) {
    double[] b = bracketEnds(clampUnit(q), Math.max(0.0, c));
    return Interval.of(b[0], b[1]);
  }

  private static double[] bracketEnds(double q, double c) {
    double lo = q; // kl(q‖q) = 0 ≤ c
    double hi = 1.0; // kl⁻¹ ≤ 1 by definition
    if (q == 1.0) {
      return new double[] {1.0, 1.0};
    }
    for (int s = 0; s < MAX_STEPS; s++) {
      double mid = lo + (hi - lo) / 2;
      if (mid <= lo || mid >= hi) {
        break;
      }
      Interval k = klEnclosure(q, mid);
      if (k.hi() <= c) {
        lo = mid;
      } else if (k.lo() > c) {
        hi = mid;
      } else {
        break; // mid is within rounding of the root: both ends are proved, stop
      }
    }
    return new double[] {lo, hi};
  }

  /** An enclosure of kl(q‖p) for exact q ∈ [0, 1], p ∈ (0, 1). */
  static Interval klEnclosure(double q, double p) {
    Interval qi = Interval.point(q);
    Interval pi = Interval.point(p);
    Interval a = q == 0.0 ? Interval.point(0.0) : qi.mul(qi.log().sub(pi.log()));
    Interval b = q == 1.0 ? Interval.point(0.0)
        : Interval.point(1.0).sub(qi).mul(Interval.point(-q).log1p().sub(Interval.point(-p).log1p()));
    return a.add(b);
  }

  /** The Pinsker relaxation q + √(c/2) ≥ kl⁻¹(q | c) (spec BOUND-PINSKER). */
  /*@ public normal_behavior
    @ requires 0.0 <= q.lo() && c.lo() >= 0.0;
    @ ensures \result.lo() >= q.lo();
    @ ensures (\forall \real p; p == klInverse(q, c); p <= \result.hi());
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> N pinsker(Arithmetic<N> ar, N q, N c) {
    return q.add(c.div(ar.exact(2.0)).sqrt());
  }

  private static double clampUnit(double q) {
    return Math.min(1.0, Math.max(0.0, q));
  }
}
