package dev.basin.dynamics.batches;

import org.checkerframework.checker.nullness.qual.Nullable;

/** Inner products, norms and cosines of plain vectors (arrays not modified). */
final class Vectors {

  private Vectors() {}

  static double dot(double[] a, double[] b) {
    double s = 0.0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  static double distance(double[] a, double[] b) {
    double s = 0.0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /** ⟨a, b⟩ / (‖a‖ ‖b‖), or null when either vector is zero (the cosine is undefined). */
  static @Nullable Double cosine(double[] a, double[] b) {
    double na = norm(a);
    double nb = norm(b);
    if (na == 0.0 || nb == 0.0) {
      return null;
    }
    return Math.max(-1.0, Math.min(1.0, dot(a, b) / (na * nb)));
  }
}
