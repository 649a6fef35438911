package dev.basin.bounds;

/**
 * A real number as one of basin's two arithmetics computes it (spec BOUND-ARITH): {@link Plain}
 * (IEEE double, round to nearest: the number a float64 implementation would print) or
 * {@link Interval} (an outward-rounded enclosure [lo, hi] of the exact real value). Every bound
 * formula is written once against this interface and evaluated in either arithmetic.
 *
 * @param <N> the implementing type
 */
public sealed interface Num<N extends Num<N>> permits Plain, Interval {

  /** this + o. */
  N add(N o);

  /** this − o. */
  N sub(N o);

  /** this · o. */
  N mul(N o);

  /** this / o (o must not contain 0). */
  N div(N o);

  /** −this (exact). */
  N neg();

  /** |this|. */
  N abs();

  /** √this (this must not be negative). */
  N sqrt();

  /** ∛this. */
  N cbrt();

  /** ln this (this must be positive). */
  N log();

  /** e^this. */
  N exp();

  /** max(this, o). */
  N max(N o);

  /** min(this, o). */
  N min(N o);

  /** Lower end (the value itself for Plain). */
  double lo();

  /** Upper end (the value itself for Plain). */
  double hi();

  /** this². */
  default N square() {
    @SuppressWarnings("unchecked")
    N self = (N) this;
    return self.mul(self);
  }

  /** this^(2/3) = (∛this)². */
  default N pow2over3() {
    return cbrt().square();
  }

  /** this^(3/2) = this·√this. */
  default N pow3over2() {
    @SuppressWarnings("unchecked")
    N self = (N) this;
    return self.mul(self.sqrt());
  }
}
