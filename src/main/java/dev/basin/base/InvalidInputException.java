package dev.basin.base;

/**
 * Bad input at a public boundary: a wrong shape, a non-finite value, a label out of range, a size
 * whose product overflows, a malformed file. The message always starts with the name of the
 * offending input (an argument, a file, an array in a file) followed by the problem, e.g.
 * {@code "theta: length 12, expected 13 = N"}. The CLI maps it to exit code 3 and prints the
 * message as one line.
 */
public final class InvalidInputException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String input;
  private final String problem;

  /**
   * @param input what was wrong: an argument, file or array name
   * @param problem what is wrong with it
   */
  public InvalidInputException(String input, String problem) {
    super(input + ": " + problem);
    this.input = input;
    this.problem = problem;
  }

  /**
   * @param input what was wrong
   * @param problem what is wrong with it
   * @param cause the underlying error (e.g. an I/O failure)
   */
  public InvalidInputException(String input, String problem, Throwable cause) {
    super(input + ": " + problem, cause);
    this.input = input;
    this.problem = problem;
  }

  /** The name of the offending input. */
  public String input() {
    return input;
  }

  /** What is wrong with it. */
  public String problem() {
    return problem;
  }
}
