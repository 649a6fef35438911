package dev.basin.base;

/**
 * A computed result is NaN or infinite (e.g. the loss overflowed because the weights are huge).
 * basin reports it instead of writing the value; the CLI maps it to exit code 3 like bad input,
 * since it is always caused by the inputs.
 */
public final class NonFiniteResultException extends ArithmeticException {

  private static final long serialVersionUID = 1L;

  /** @param what the result and its value, e.g. "result field $.trace is NaN" */
  public NonFiniteResultException(String what) {
    super(what);
  }
}
