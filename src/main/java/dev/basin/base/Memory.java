package dev.basin.base;

import java.util.Locale;

/**
 * The one memory estimator: every large allocation (an explicit Hessian, a Krylov basis, a reader
 * buffer, per-thread scratch) is sized here first and refused before it happens, with the figure,
 * the heap and what to change. A refusal is bad input (exit 3), never an OutOfMemoryError.
 */
public final class Memory {

  /**
   * The share of the free heap one request may take. Half leaves room for the computation that
   * uses the memory (workspaces, the JSON tree) and for the collector's own headroom.
   */
  public static final double FREE_SHARE = 0.5;

  private Memory() {}

  /** count × each bytes, or −1 when the product overflows a long (which {@link #require} refuses). */
  public static long bytes(long count, long each) {
    try {
      return Math.multiplyExact(count, each);
    } catch (ArithmeticException e) {
      return -1;
    }
  }

  /** rows × cols doubles in bytes, or −1 on overflow. */
  public static long doubles(long rows, long cols) {
    long n = bytes(rows, cols);
    return n < 0 ? -1 : bytes(n, Double.BYTES);
  }

  /** The heap the JVM may still allocate: the maximum heap less what is in use now. */
  public static long freeHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  /** The maximum heap (-Xmx). */
  public static long maxHeap() {
    return Runtime.getRuntime().maxMemory();
  }

  /** Whether {@code bytes} (−1: overflowed) fits in {@link #FREE_SHARE} of the free heap. */
  public static boolean fits(long bytes) {
    return bytes >= 0 && bytes <= FREE_SHARE * freeHeap();
  }

  /**
   * Requires that {@code bytes} fit in {@link #FREE_SHARE} of the free heap, else throws an
   * {@link InvalidInputException} naming the input: "needs 6.2 GiB for the explicit Hessian, heap
   * 3.0 GiB (2.1 GiB free): raise -Xmx with BASIN_JAVA_OPTS or lower --max-exact".
   *
   * @param input the input that asked for the memory (named first in the error)
   * @param bytes the estimate (−1: overflowed a long)
   * @param what what the memory is for
   * @param remedy the option to lower, e.g. "lower --max-exact"
   */
  public static void require(String input, long bytes, String what, String remedy) {
    if (!fits(bytes)) {
      throw new InvalidInputException(input, "needs " + (bytes < 0 ? "more than 8 EiB" : format(bytes)) + " for " + what
          + ", heap " + format(maxHeap()) + " (" + format(freeHeap()) + " free): raise -Xmx with BASIN_JAVA_OPTS or "
          + remedy);
    }
  }

  /** A byte count as B, KiB, MiB or GiB with one decimal (binary prefixes). */
  public static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
