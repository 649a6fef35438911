package dev.basin.bounds;

import dev.basin.base.NonFiniteResultException;

/**
 * A double in round-to-nearest arithmetic (spec BOUND-ARITH, the "plain" evaluation): what a
 * careful float64 implementation of a bound prints. Refuses to produce NaN.
 *
 * @param v the value
 */
public record Plain(double v) implements Num<Plain> {

  /** Refuses NaN (an operation outside its domain). */
  /*@ public behavior
    @ ensures this.v == v;
    @ signals (NonFiniteResultException) v != v;
    @*/
  public Plain {
    if (Double.isNaN(v)) {
      throw new NonFiniteResultException("a bound formula produced NaN (an operation outside its domain)");
    }
  }

  @Override
  public Plain add(Plain o) {
    return new Plain(v + o.v);
  }

  @Override
  public Plain sub(Plain o) {
    return new Plain(v - o.v);
  }

  @Override
  public Plain mul(Plain o) {
    return new Plain(v * o.v);
  }

  @Override
  public Plain div(Plain o) {
    if (o.v == 0.0) {
      throw new NonFiniteResultException("a bound formula divides by zero");
    }
    return new Plain(v / o.v);
  }

  @Override
  public Plain neg() {
    return new Plain(-v);
  }

  @Override
  public Plain abs() {
    return new Plain(Math.abs(v));
  }

  @Override
  public Plain sqrt() {
    return new Plain(Math.sqrt(v));
  }

  @Override
  public Plain cbrt() {
    return new Plain(Math.cbrt(v));
  }

  @Override
  public Plain log() {
    return new Plain(Math.log(v));
  }

  @Override
  public Plain exp() {
    return new Plain(Math.exp(v));
  }

  @Override
  public Plain max(Plain o) {
    return v >= o.v ? this : o;
  }

  @Override
  public Plain min(Plain o) {
    return v <= o.v ? this : o;
  }

  @Override
  public double lo() {
    return v;
  }

  @Override
  public double hi() {
    return v;
  }

  /*@ public normal_behavior
    @ ensures \result.equals(Double.toString(v));
    @*/
  @Override
  public String toString() {
    return Double.toString(v);
  }
}
