package dev.basin.dynamics;

import dev.basin.model.InvalidInputException;

/** Refuses requests that cannot fit in the heap, before anything is allocated. */
public final class Heap {

  private Heap() {}

  /** count × each bytes, or −1 when the product overflows a long (which {@link #require} refuses). */
  public static long bytes(long count, long each) {
    try {
      return Math.multiplyExact(count, each);
    } catch (ArithmeticException e) {
      return -1;
    }
  }

  /**
   * Requires that {@code bytes} fit in half of the currently free heap (the other half is left to
   * the computation that uses them).
   *
   * @param input the input that asked for the memory (named in the error)
   * @param bytes the estimated size
   * @param what what the memory is for
   */
  public static void require(String input, long bytes, String what) {
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (bytes < 0 || bytes > free / 2) {
      throw new InvalidInputException(input, what + " need " + (bytes < 0 ? "more than 8 EiB" : (bytes >> 20) + " MiB")
          + " but only " + (free >> 20) + " MiB of heap are free (lower " + input + " or raise -Xmx)");
    }
  }
}
