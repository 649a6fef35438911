package dev.basin.bounds;

import java.util.Arrays;
import java.util.function.IntFunction;

/** Generic array construction for the number types (Java cannot create an N[] directly). */
final class Arrays2 {

  private Arrays2() {}

  /** A new array of length n, of proto's runtime type, with entry i = f(i) (proto not modified). */
  @SuppressWarnings("nullness") // every entry is assigned before the array is returned
  static <T> T[] filled(T[] proto, int n, IntFunction<T> f) {
    T[] out = Arrays.copyOf(proto, n);
    for (int i = 0; i < n; i++) {
      out[i] = f.apply(i);
    }
    return out;
  }
}
