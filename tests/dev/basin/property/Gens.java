package dev.basin.property;

import dev.basin.bounds.Interval;
import java.util.ArrayList;
import java.util.List;

/**
 * Generators of numbers and intervals. Doubles shrink toward 0.0 and toward simple values; their
 * edge cases are the IEEE specials and the values where directed rounding is delicate: signed
 * zeros, subnormals, the normal/subnormal boundary, 2^-960 (where {@link Interval} switches to
 * two-sided widening), halfway ties (1 + 2^-53, 2^53 + 1), non-terminating binary fractions (0.1,
 * 1/3), huge exponents and infinities.
 */
public final class Gens {

  private Gens() {}

  /** Values a shrunk counterexample is made of: 0 first. */
  static final double[] SIMPLE = {0.0, 1.0, -1.0, 2.0, 0.5, -2.0, 3.0, -0.5, 0.25, 10.0, -3.0, 0.1};

  /** The finite adversarial values (both signs are added where it matters). */
  public static final double[] FINITE_EDGES = {
    0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, -Double.MIN_VALUE, 3 * Double.MIN_VALUE, Double.MIN_NORMAL,
    -Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Math.nextUp(Double.MIN_NORMAL), 0x1p-960, Math.nextDown(0x1p-960),
    -0x1p-960, 0x1p-537, 0x1p-53, 1 + 0x1p-52, Math.nextDown(1.0), 0x1p53, 0x1p53 + 2, -0x1p53,
    0.1, -0.1, 1.0 / 3, 3.0, 7.0, 0x1p-1022 * 3, 1e-308, 1e308, -1e308, 0x1p1023, -0x1p1023, Double.MAX_VALUE,
    -Double.MAX_VALUE, Math.nextDown(Double.MAX_VALUE), 0x1.fffffffffffffp-1, 1e-16, 1e16, Math.PI, Math.E
  };

  /** FINITE_EDGES, ±∞ and NaN. */
  public static final double[] EDGES;

  static {
    double[] e = new double[FINITE_EDGES.length + 3];
    System.arraycopy(FINITE_EDGES, 0, e, 0, FINITE_EDGES.length);
    e[FINITE_EDGES.length] = Double.POSITIVE_INFINITY;
    e[FINITE_EDGES.length + 1] = Double.NEGATIVE_INFINITY;
    e[FINITE_EDGES.length + 2] = Double.NaN;
    EDGES = e;
  }

  private static List<Double> list(double[] v) {
    List<Double> out = new ArrayList<>();
    for (double x : v) {
      out.add(x);
    }
    return out;
  }

  /** An int in [lo, hi] shrinking toward lo; edges lo, hi and (lo + hi)/2. */
  public static Gen<Integer> ints(int lo, int hi) {
    List<Integer> e = new ArrayList<>(List.of(lo));
    if (hi != lo) {
      e.add(hi);
    }
    return Gen.of(d -> d.between(lo, hi), e);
  }

  /**
   * One random double: a simple value, an adversarial edge, a moderate value (|x| in [2^-10,
   * 2^10]), any finite double (random exponent and mantissa) or a random bit pattern (NaN and ∞
   * included). Shrinks toward 0.0.
   */
  static double anyDouble(Draws d, boolean finite) {
    switch ((int) d.draw(5)) {
      case 0:
        return SIMPLE[(int) d.draw(SIMPLE.length)];
      case 1:
        return finite ? FINITE_EDGES[(int) d.draw(FINITE_EDGES.length)] : EDGES[(int) d.draw(EDGES.length)];
      case 2:
        return signed(d, (1 + d.unit()) * Math.scalb(1.0, d.between(-10, 9)));
      case 3:
        return signed(d, Double.longBitsToDouble((d.draw(2046) + 1) << 52 | d.draw(1L << 52)));
      default: {
        double v = Double.longBitsToDouble(d.draw(Long.MAX_VALUE) | (d.bool() ? Long.MIN_VALUE : 0));
        return finite && !Double.isFinite(v) ? Double.MAX_VALUE : v;
      }
    }
  }

  private static double signed(Draws d, double v) {
    return d.bool() ? -v : v;
  }

  /** Every double, NaN and ±∞ included; edges {@link #EDGES}. */
  public static Gen<Double> doubles() {
    return Gen.of(d -> anyDouble(d, false), list(EDGES));
  }

  /** Finite doubles; edges {@link #FINITE_EDGES}. */
  public static Gen<Double> finiteDoubles() {
    return Gen.of(d -> anyDouble(d, true), list(FINITE_EDGES));
  }

  /**
   * Doubles in [lo, hi] (finite, lo ≤ hi): lo + t·(hi − lo) for t on the 2^-53 grid of [0, 1],
   * shrinking toward lo; edges lo and hi.
   */
  public static Gen<Double> range(double lo, double hi) {
    return Gen.of(d -> Math.min(hi, lo + d.draw((1L << 53) + 1) * 0x1p-53 * (hi - lo)), List.of(lo, hi));
  }

  /**
   * Intervals [lo, hi] (ends not NaN, lo ≤ hi; infinite ends when infinite is true): a point
   * (exact operations must keep points points), two sorted doubles, or a narrow interval of a few
   * ulps. Edges: points at every edge value and the classic sign cases ([−2, 3], [−5, −1], [0, 4], …).
   */
  public static Gen<Interval> intervals(boolean infinite) {
    double[] src = infinite ? EDGES : FINITE_EDGES;
    List<Interval> e = new ArrayList<>();
    for (double x : src) {
      if (!Double.isNaN(x)) {
        e.add(Interval.point(x));
      }
    }
    e.addAll(List.of(Interval.of(-2, 3), Interval.of(-5, -1), Interval.of(0, 4), Interval.of(-4, 0), Interval.of(-0.0, 0.0),
        Interval.of(1, 3), Interval.of(-1, 1), Interval.of(Double.MIN_VALUE, 1), Interval.of(-Double.MAX_VALUE, Double.MAX_VALUE)));
    if (infinite) {
      e.add(Interval.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
      e.add(Interval.of(1, Double.POSITIVE_INFINITY));
    }
    return Gen.of(d -> {
      double a = end(d, infinite);
      switch ((int) d.draw(3)) {
        case 0:
          return Interval.point(a);
        case 1: {
          double b = end(d, infinite);
          return Interval.of(Math.min(a, b), Math.max(a, b));
        }
        default: {
          double b = a;
          for (int i = (int) d.draw(4); i >= 0; i--) {
            b = Math.nextUp(b);
          }
          if (!infinite && Double.isInfinite(b)) {
            b = a;
          }
          return Interval.of(a, b);
        }
      }
    }, e);
  }

  private static double end(Draws d, boolean infinite) {
    double v = anyDouble(d, !infinite);
    return Double.isNaN(v) ? 0.0 : v;
  }

  /** Arrays of length in [minLen, maxLen] with entries from gen (shrinking toward shorter, simpler arrays). */
  public static Gen<double[]> arrays(Gen<Double> gen, int minLen, int maxLen) {
    return Gen.of(d -> {
      double[] v = new double[d.between(minLen, maxLen)];
      for (int i = 0; i < v.length; i++) {
        v[i] = gen.generate(d);
      }
      return v;
    }, List.of());
  }
}
