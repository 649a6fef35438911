package dev.basin.bounds;

/**
 * A real number as one of basin's arithmetics computes it (spec BOUND-ARITH): {@link Plain}
 * (IEEE double, round to nearest: the number a float64 implementation would print),
 * {@link Interval} (an outward-rounded enclosure [lo, hi] of the exact real value) or a tool
 * model's number (an enclosure of every value another tool in a given precision computes, spec
 * GOLDEN-TOL-BOUNDS). Every bound formula is written once against this interface and evaluated in
 * any of them.
 *
 * @param <N> the implementing type
 */
public sealed interface Num<N extends Num<N>> permits Plain, Interval, ToolNum {

  // The contracts quantify over the reals the operands stand for: for an Interval every real in
  // [lo, hi]; for a Plain its value. encloses(r, e): the exact real e lies in [r.lo(), r.hi()];
  // fl(e): e evaluated in IEEE double arithmetic (round to nearest), what Plain computes.
  // Checked by tests/dev/basin/bounds/IntervalContractsTest and ArithmeticContractsTest.
  //@ public static model pure boolean encloses(Num r, \real e) { return r.lo() <= e && e <= r.hi(); }

  /** this + o. */
  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x, y; lo() <= x && x <= hi() && o.lo() <= y && y <= o.hi(); encloses(\result, x + y));
    @ ensures this instanceof Plain ==> \result.lo() == fl(lo() + o.lo());
    @ signals_only NonFiniteResultException;
    @*/
  N add(N o);

  /** this − o. */
  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x, y; lo() <= x && x <= hi() && o.lo() <= y && y <= o.hi(); encloses(\result, x - y));
    @ ensures this instanceof Plain ==> \result.lo() == fl(lo() - o.lo());
    @ signals_only NonFiniteResultException;
    @*/
  N sub(N o);

  /** this · o. */
  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x, y; lo() <= x && x <= hi() && o.lo() <= y && y <= o.hi(); encloses(\result, x * y));
    @ ensures this instanceof Plain ==> \result.lo() == fl(lo() * o.lo());
    @ signals_only NonFiniteResultException;
    @*/
  N mul(N o);

  /** this / o (o must not contain 0). */
  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x, y; lo() <= x && x <= hi() && o.lo() <= y && y <= o.hi(); encloses(\result, x / y));
    @ ensures this instanceof Plain ==> \result.lo() == fl(lo() / o.lo());
    @ signals_only NonFiniteResultException;
    @ signals (NonFiniteResultException) o.lo() <= 0.0 && o.hi() >= 0.0;
    @*/
  N div(N o);

  /** −this (exact). */
  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x; lo() <= x && x <= hi() && true; encloses(\result, -x));
    @ ensures this instanceof Plain ==> \result.lo() == fl(-lo());
    @ signals_only NonFiniteResultException;
    @*/
  N neg();

  /** |this|. */
  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x; lo() <= x && x <= hi() && true; encloses(\result, |x|));
    @ ensures this instanceof Plain ==> \result.lo() == fl(|lo()|);
    @ ensures \result.lo() >= 0.0;
    @ signals_only NonFiniteResultException;
    @*/
  N abs();

  /** √this (this must not be negative). */
  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x; lo() <= x && x <= hi() && x >= 0; encloses(\result, sqrt(x)));
    @ ensures this instanceof Plain ==> \result.lo() == fl(sqrt(lo()));
    @ ensures \result.lo() >= 0.0;
    @ signals_only NonFiniteResultException;
    @ signals (NonFiniteResultException) hi() < 0.0;
    @*/
  N sqrt();

  /** ∛this. */
  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x; lo() <= x && x <= hi() && true; encloses(\result, cbrt(x)));
    @ ensures this instanceof Plain ==> \result.lo() == fl(cbrt(lo()));
    @ signals_only NonFiniteResultException;
    @*/
  N cbrt();

  /** ln this (this must be positive). */
  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x; lo() <= x && x <= hi() && true; encloses(\result, ln(x)));
    @ ensures this instanceof Plain ==> \result.lo() == fl(ln(lo()));
    @ signals_only NonFiniteResultException;
    @ signals (NonFiniteResultException) !(lo() > 0.0);
    @*/
  N log();

  /** e^this. */
  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x; lo() <= x && x <= hi() && true; encloses(\result, exp(x)));
    @ ensures this instanceof Plain ==> \result.lo() == fl(elo()p(lo()));
    @ ensures \result.lo() >= 0.0;
    @ signals_only NonFiniteResultException;
    @*/
  N exp();

  /** max(this, o). */
  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x, y; lo() <= x && x <= hi() && o.lo() <= y && y <= o.hi(); encloses(\result, max(x, y)));
    @ ensures this instanceof Plain ==> \result.lo() == fl(malo()(lo(), o.lo()));
    @ signals_only NonFiniteResultException;
    @*/
  N max(N o);

  /** min(this, o). */
  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x, y; lo() <= x && x <= hi() && o.lo() <= y && y <= o.hi(); encloses(\result, min(x, y)));
    @ ensures this instanceof Plain ==> \result.lo() == fl(min(lo(), o.lo()));
    @ signals_only NonFiniteResultException;
    @*/
  N min(N o);

  /** Lower end (the value itself for Plain). */
  /*@ public normal_behavior
    @ ensures \result == \result && \result <= hi();
    @*/
  double lo();

  /** Upper end (the value itself for Plain). */
  /*@ public normal_behavior
    @ ensures \result == \result && \result >= lo();
    @*/
  double hi();

  /** this². */
  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x; lo() <= x && x <= hi() && true; encloses(\result, x * x));
    @ ensures this instanceof Plain ==> \result.lo() == fl(lo() * lo());
    @ ensures \result.lo() >= 0.0;
    @ signals_only NonFiniteResultException;
    @*/
  default N square() {
    @SuppressWarnings("unchecked")
    N self = (N) this;
    return self.mul(self);
  }

  /** this^(2/3) = (∛this)². */
  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x; lo() <= x && x <= hi() && true; encloses(\result, cbrt(x) * cbrt(x)));
    @ ensures this instanceof Plain ==> \result.lo() == fl(cbrt(lo()) * cbrt(lo()));
    @ signals_only NonFiniteResultException;
    @*/
  default N pow2over3() {
    return cbrt().square();
  }

  /** this^(3/2) = this·√this. */
  /*@ public behavior
    @ ensures \result.lo() <= \result.hi();
    @ ensures (\forall \real x; lo() <= x && x <= hi() && x >= 0; encloses(\result, x * sqrt(x)));
    @ ensures this instanceof Plain ==> \result.lo() == fl(lo() * sqrt(lo()));
    @ signals_only NonFiniteResultException;
    @*/
  default N pow3over2() {
    @SuppressWarnings("unchecked")
    N self = (N) this;
    return self.mul(self.sqrt());
  }
}
