package dev.basin.cli;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The process's standard error as a terminal, through libc (java.lang.foreign; Linux and other
 * POSIX systems, a no-op elsewhere): whether it is a terminal, its width, and the launcher's
 * hand-over of the real stderr (see {@link #restoreStderr}).
 */
final class Terminal {

  /** Linux's ioctl request for the window size (asm-generic/ioctls.h; x86-64 and aarch64). */
  private static final long TIOCGWINSZ = 0x5413L;
  /** The width assumed when the terminal does not say (the VT100's). */
  private static final int DEFAULT_COLUMNS = 80;
  private static final int STDERR = 2;

  private Terminal() {}

  /**
   * bin/basin starts the JVM with its standard error piped through a filter that drops the JVM's
   * "WARNING: Using incubator modules" line (printed before main, with no flag to turn it off)
   * and the real stderr on the descriptor named by the system property basin.stderr.fd. This
   * makes that descriptor standard error again (dup2), which ends the filter: everything basin
   * prints then goes straight to the real stderr, in order, with nothing in between.
   */
  static void restoreStderr() {
    String fd = System.getProperty("basin.stderr.fd");
    if (fd == null || !fd.matches("[3-9]")) {
      return;
    }
    try {
      int from = Integer.parseInt(fd);
      System.err.flush();
      MethodHandle dup2 = libc("dup2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
      MethodHandle close = libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
      if (dup2 != null && close != null && (Integer) dup2.invokeWithArguments(from, STDERR) == STDERR) {
        close.invokeWithArguments(from);
      }
    } catch (Throwable e) {
      // stderr stays on the filter, which passes everything but the warning through
    }
  }

  /** Whether standard error is a terminal (isatty(2)); false where libc cannot be reached. */
  static boolean stderrIsTerminal() {
    try {
      MethodHandle isatty = libc("isatty", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
      return isatty != null && (Integer) isatty.invokeWithArguments(STDERR) == 1;
    } catch (Throwable e) {
      return false;
    }
  }

  /** The width of the terminal on standard error: TIOCGWINSZ, else $COLUMNS, else 80. */
  static int columns() {
    try {
      if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
        // ioctl is variadic: the request's argument is its first variadic one
        MethodHandle ioctl = libc("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
            Linker.Option.firstVariadicArg(2));
        try (Arena arena = Arena.ofConfined()) {
          // struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; }
          MemorySegment ws = arena.allocate(4L * Short.BYTES);
          if (ioctl != null && (Integer) ioctl.invokeWithArguments(STDERR, TIOCGWINSZ, ws) == 0) {
            int cols = Short.toUnsignedInt(ws.get(JAVA_SHORT, Short.BYTES));
            if (cols > 0) {
              return cols;
            }
          }
        }
      }
    } catch (Throwable e) {
      // fall through to $COLUMNS
    }
    String env = System.getenv("COLUMNS");
    if (env != null && env.matches("[1-9][0-9]{0,3}")) {
      return Integer.parseInt(env);
    }
    return DEFAULT_COLUMNS;
  }

  @SuppressWarnings("restricted") // the jar's manifest enables native access (Enable-Native-Access)
  // invokeWithArguments rather than invokeExact: the Checker Framework cannot type signature-polymorphic calls
  private static @Nullable MethodHandle libc(String name, FunctionDescriptor fd, Linker.Option... options) {
    Linker linker = Linker.nativeLinker();
    return linker.defaultLookup().find(name).map(s -> linker.downcallHandle(s, fd, options)).orElse(null);
  }
}
