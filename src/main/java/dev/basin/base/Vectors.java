package dev.basin.base;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Inner products, norms and cosines of plain vectors, summed in index order (arrays not modified).
 * The one place such helpers live, so that every ‖v‖₂ in basin rounds the same way.
 */
public final class Vectors {

  private Vectors() {}

  /** Σ a_i·b_i over the indices of a (b at least as long). */
  public static double dot(double[] a, double[] b) {
    double s = 0.0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Σ_{i<len} a[ao+i]·b[bo+i], in index order (e.g. a row of a row-major matrix with a vector). */
  public static double dot(double[] a, int ao, double[] b, int bo, int len) {
    double s = 0.0;
    for (int i = 0; i < len; i++) {
      s += a[ao + i] * b[bo + i];
    }
    return s;
  }

  /** ‖a‖₂ = √(Σ a_i²). */
  public static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** ‖a − b‖₂ (b at least as long as a). */
  public static double distance(double[] a, double[] b) {
    double s = 0.0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /** max_i |a_i − b_i| (b at least as long as a; 0 for empty a). */
  public static double maxAbsDifference(double[] a, double[] b) {
    double m = 0.0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  /** ⟨a, b⟩ / (‖a‖ ‖b‖), or null when either vector is zero (the cosine is undefined). */
  public static @Nullable Double cosine(double[] a, double[] b) {
    double na = norm(a);
    double nb = norm(b);
    if (na == 0.0 || nb == 0.0) {
      return null;
    }
    return Math.max(-1.0, Math.min(1.0, dot(a, b) / (na * nb)));
  }
}
