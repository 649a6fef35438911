package dev.basin.base;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Bad input at a public boundary: a wrong shape, a non-finite value, a label out of range, a size
 * whose product overflows, a malformed file. The message always starts with the name of the
 * offending input (an argument, a file, an array in a file) followed by the problem, e.g.
 * {@code "theta: length 12, expected 13 = N"}. The CLI maps it to exit code 3 and prints the
 * message as one line (control characters in it are escaped: {@link #printable}).
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
    this(input, problem, null);
  }

  /**
   * @param input what was wrong
   * @param problem what is wrong with it
   * @param cause the underlying error (e.g. an I/O failure)
   */
  public InvalidInputException(String input, String problem, @Nullable Throwable cause) {
    super(printable(input) + ": " + printable(problem), cause);
    this.input = printable(input);
    this.problem = printable(problem);
  }

  /**
   * Text from an input (a name inside a file, a JSON key) as it may appear in a message: control
   * characters (a line break, a terminal escape) are shown as \\uXXXX, so an error stays one line
   * and cannot drive the terminal.
   */
  public static String printable(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
      } else {
        sb.appendCodePoint(c);
      }
    });
    return sb.toString();
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
