package dev.basin.compute.cuda;

/** An array of doubles owned by a {@link Kernels} device (on a GPU, or on the heap for the emulator). */
interface Buffer {

  /** Its length in doubles. */
  long length();
}
