package dev.basin.base;

/** The one finiteness check of the result model: a non-finite number is never reported. */
final class Finite {

  private Finite() {}

  /** Refuses a non-finite x with a {@link NonFiniteResultException} naming the spec ID and the number. */
  static void check(String spec, String what, double x) {
    if (!Double.isFinite(x)) {
      throw new NonFiniteResultException(spec + ": " + what + " is " + x);
    }
  }
}
