package dev.basin.bounds;

import dev.basin.trusted.TrustedRounding;

/**
 * Directed rounding on doubles, the primitives of {@link Interval} (spec BOUND-ARITH), in the Java
 * subset KeY proves (proofs/README.md): each lower end is at most, each upper end at least, the
 * IEEE round-to-nearest result of the same operation, never NaN, with the sign of the exact result
 * where that is determined (for √ only the sign: cvc5 does not decide comparisons with the IEEE
 * square root within its limit, 2026). That the ends enclose the <em>exact real</em> result is beyond KeY's
 * logic (it has no reals); tests/dev/basin/bounds/IntervalContractsTest checks it against exact
 * BigDecimal arithmetic.
 *
 * <p>How: the rounding error of +, ×, ÷, √ is exactly computable away from underflow (TwoSum;
 * {@link Math#fma} residuals), so an end moves one step ({@link Math#nextDown}/{@link Math#nextUp})
 * only where the exact value lies beyond the rounded one; exact results stay exact. Below 2^-960
 * in magnitude, where a residual may itself round, the end moves one step unconditionally (except
 * when the sign of an exact result that underflowed to 0 is known, where the lower end of a
 * positive result is 0). An overflow to ±∞ has the finite bound ±Double.MAX_VALUE on its other side.
 */
final class Rounding {

  private Rounding() {}

  // Literals, not Double.MAX_VALUE and 0x1p-960: KeY's model of java.lang has no such constants.
  // 1.7976931348623157E308 = Double.MAX_VALUE; 1.0261342003245941E-289 = 2^-960, the magnitude
  // below which residuals may lose exactness (RoundingTest#literalsAreTheConstants checks both).

  /** A lower bound of the exact a + b (a + b not NaN). */
  /*@ public normal_behavior
    @ requires a + b == a + b;
    @ ensures \result <= a + b;
    @ ensures \result == \result;
    @ assignable \strictly_nothing;
    @*/
  static double addDown(double a, double b) {
    double s = a + b;
    if (s > 1.7976931348623157E308) {
      return 1.7976931348623157E308;
    }
    if (s < -1.7976931348623157E308) {
      return s;
    }
    double bb = s - a;
    double err = (a - (s - bb)) + (b - bb); // TwoSum: a + b = s + err exactly
    return err < 0.0 ? TrustedRounding.nextDown(s) : s;
  }

  /** An upper bound of the exact a + b (a + b not NaN). */
  /*@ public normal_behavior
    @ requires a + b == a + b;
    @ ensures \result >= a + b;
    @ ensures \result == \result;
    @ assignable \strictly_nothing;
    @*/
  static double addUp(double a, double b) {
    // the mirror of addDown, not -addDown(-a, -b): equal in IEEE arithmetic, but cvc5 does not
    // prove fl(-a + -b) = -fl(a + b) within its time limit (it does for the product)
    double s = a + b;
    if (s < -1.7976931348623157E308) {
      return -1.7976931348623157E308;
    }
    if (s > 1.7976931348623157E308) {
      return s;
    }
    double bb = s - a;
    double err = (a - (s - bb)) + (b - bb);
    return err > 0.0 ? TrustedRounding.nextUp(s) : s;
  }

  /** A lower bound of the exact a · b (a · b not NaN). */
  /*@ public normal_behavior
    @ requires a * b == a * b;
    @ ensures \result <= a * b;
    @ ensures \result == \result;
    @ ensures (a >= 0.0 && b >= 0.0) || (a <= 0.0 && b <= 0.0) ==> \result >= 0.0;
    @ assignable \strictly_nothing;
    @*/
  static double mulDown(double a, double b) {
    double p = a * b;
    if (p > 1.7976931348623157E308) {
      return 1.7976931348623157E308;
    }
    if (p < -1.7976931348623157E308) {
      return p;
    }
    if (p == 0.0) {
      // exact when a factor is 0; otherwise an underflow, whose sign is that of the exact product
      return a == 0.0 || b == 0.0 || (a > 0.0) == (b > 0.0) ? 0.0 : TrustedRounding.nextDown(p);
    }
    if (Math.abs(p) < 1.0261342003245941E-289) {
      return TrustedRounding.nextDown(p);
    }
    double err = TrustedRounding.fma(a, b, -p); // a·b = p + err exactly
    return err < 0.0 ? TrustedRounding.nextDown(p) : p;
  }

  /** An upper bound of the exact a · b (a · b not NaN). */
  /*@ public normal_behavior
    @ requires a * b == a * b;
    @ ensures \result >= a * b;
    @ ensures \result == \result;
    @ ensures (a >= 0.0 && b <= 0.0) || (a <= 0.0 && b >= 0.0) ==> \result <= 0.0;
    @ assignable \strictly_nothing;
    @*/
  static double mulUp(double a, double b) {
    return -mulDown(-a, b);
  }

  /** A lower bound of the exact a / b (b ≠ 0, a / b not NaN). */
  /*@ public normal_behavior
    @ requires a / b == a / b && b != 0.0;
    @ ensures \result <= a / b;
    @ ensures \result == \result;
    @ ensures (a >= 0.0 && b > 0.0) || (a <= 0.0 && b < 0.0) ==> \result >= 0.0;
    @ assignable \strictly_nothing;
    @*/
  static double divDown(double a, double b) {
    double q = a / b;
    if (q > 1.7976931348623157E308) {
      return 1.7976931348623157E308;
    }
    if (q < -1.7976931348623157E308) {
      return q;
    }
    if (q == 0.0) {
      // exact when a = 0 (or b = ±∞); otherwise an underflow with the sign of the exact quotient
      return a == 0.0 || (a > 0.0) == (b > 0.0) ? 0.0 : TrustedRounding.nextDown(q);
    }
    if (Math.abs(q) < 1.0261342003245941E-289 || Math.abs(a) < 1.0261342003245941E-289) {
      return TrustedRounding.nextDown(q);
    }
    double r = TrustedRounding.fma(-q, b, a); // a − q·b exactly; a/b − q = r/b
    boolean below = r < 0.0 && b > 0.0 || r > 0.0 && b < 0.0;
    return below ? TrustedRounding.nextDown(q) : q;
  }

  /** An upper bound of the exact a / b (b ≠ 0, a / b not NaN). */
  /*@ public normal_behavior
    @ requires a / b == a / b && b != 0.0;
    @ ensures \result >= a / b;
    @ ensures \result == \result;
    @ ensures (a >= 0.0 && b < 0.0) || (a <= 0.0 && b > 0.0) ==> \result <= 0.0;
    @ assignable \strictly_nothing;
    @*/
  static double divUp(double a, double b) {
    return -divDown(-a, b);
  }

  /** A lower bound of the exact √x (x ≥ 0, +∞ allowed). */
  /*@ public normal_behavior
    @ requires x >= 0.0;
    @ ensures \result >= 0.0;
    @ assignable \strictly_nothing;
    @*/
  static double sqrtDown(double x) {
    double s = Math.sqrt(x);
    if (x < 1.0261342003245941E-289 || x > 1.7976931348623157E308) {
      return s == 0.0 ? 0.0 : TrustedRounding.nextDown(s);
    }
    double r = TrustedRounding.fma(-s, s, x); // x − s² exactly
    return r < 0.0 ? TrustedRounding.nextDown(s) : s;
  }

  /** An upper bound of the exact √x (x ≥ 0, +∞ allowed). */
  /*@ public normal_behavior
    @ requires x >= 0.0;
    @ ensures \result >= 0.0;
    @ assignable \strictly_nothing;
    @*/
  static double sqrtUp(double x) {
    double s = Math.sqrt(x);
    if (x < 1.0261342003245941E-289 || x > 1.7976931348623157E308) {
      return x == 0.0 ? 0.0 : TrustedRounding.nextUp(s);
    }
    double r = TrustedRounding.fma(-s, s, x);
    return r > 0.0 ? TrustedRounding.nextUp(s) : s;
  }

  /** x moved down by steps doubles (to widen a library result whose error is given in ulps). */
  /*@ public normal_behavior
    @ requires x == x && steps >= 0;
    @ ensures \result <= x && \result == \result;
    @ assignable \nothing;
    @*/
  static double down(double x, int steps) {
    double y = x;
    /*@ loop_invariant 0 <= i && i <= steps && y <= x && y == y;
      @ decreases steps - i;
      @ loop_writes \nothing;
      @*/
    for (int i = 0; i < steps; i++) {
      y = TrustedRounding.nextDown(y);
    }
    return y;
  }

  /** x moved up by steps doubles. */
  /*@ public normal_behavior
    @ requires x == x && steps >= 0;
    @ ensures \result >= x && \result == \result;
    @ assignable \nothing;
    @*/
  static double up(double x, int steps) {
    double y = x;
    /*@ loop_invariant 0 <= i && i <= steps && y >= x && y == y;
      @ decreases steps - i;
      @ loop_writes \nothing;
      @*/
    for (int i = 0; i < steps; i++) {
      y = TrustedRounding.nextUp(y);
    }
    return y;
  }
}
