package dev.basin.testing;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Seeded double samples for contract tests: every IEEE special and boundary value, then random
 * bit patterns (all exponents, both signs, NaN payloads) and random values of moderate size, where
 * the activations and losses change behaviour.
 */
public final class Doubles {

  private Doubles() {}

  /** Specials and boundaries: NaN, ±0, ±MIN_VALUE, ±MIN_NORMAL, ±1 and neighbours, ±MAX_VALUE, ±∞. */
  public static final double[] EDGES = {
    Double.NaN, 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
    1.0, -1.0, Math.nextUp(1.0), Math.nextDown(1.0), -Math.nextUp(1.0), 0.5, -0.5, 2.0, 1e-300, -1e-300,
    1e-16, -1e-16, 20.0, -20.0, 36.8, -36.8, 709.78, -709.78, 745.2, -745.2, 1e300, -1e300,
    Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
  };

  /** EDGES followed by n random values drawn from r. */
  public static double[] sample(UniformRandomProvider r, int n) {
    double[] v = new double[EDGES.length + n];
    System.arraycopy(EDGES, 0, v, 0, EDGES.length);
    for (int i = EDGES.length; i < v.length; i++) {
      v[i] = next(r);
    }
    return v;
  }

  /** One random value: a random bit pattern, an edge value, or a value in (−50, 50). */
  public static double next(UniformRandomProvider r) {
    int pick = r.nextInt(4);
    if (pick == 0) {
      return Double.longBitsToDouble(r.nextLong());
    }
    if (pick == 1) {
      return EDGES[r.nextInt(EDGES.length)];
    }
    return (r.nextDouble() - 0.5) * 100.0;
  }

  /** A random array of length n drawn with {@link #next}. */
  public static double[] array(UniformRandomProvider r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = next(r);
    }
    return v;
  }
}
