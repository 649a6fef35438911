package dev.basin.trusted;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.testing.Cases;
import dev.basin.testing.Doubles;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * The contracts KeY assumes for TrustedMath (proofs/stubs/dev/basin/trusted/TrustedMath.java),
 * each checked clause by clause on IEEE edge values and seeded random values. These tests are the
 * only evidence for the trusted base, so every clause of every stub contract is evaluated here
 * exactly as written there; a failure message names the seed and the input.
 */
class TrustedMathTest {

  private static final long SEED = 20240611L;
  private static final int N = 200_000;

  private static void check(boolean ok, String clause, double x, double result) {
    assertTrue(ok, () -> clause + " fails for x=" + x + " (bits " + Long.toHexString(Double.doubleToRawLongBits(x))
        + ") result=" + result + ", seed " + SEED);
  }

  @Test
  void exp() {
    UniformRandomProvider r = Cases.rng(SEED);
    for (double x : Doubles.sample(r, N)) {
      double e = TrustedMath.exp(x);
      check(!(x == x) || e >= 0.0, "x == x ==> \\result >= 0.0", x, e);
      check(!(x >= 0.0) || e >= 1.0, "x >= 0.0 ==> \\result >= 1.0", x, e);
      check(!(x <= 0.0) || e <= 1.0, "x <= 0.0 ==> \\result <= 1.0", x, e);
      check(!(x != x) || e != e, "x != x ==> \\result != \\result", x, e);
    }
  }

  @Test
  void log() {
    UniformRandomProvider r = Cases.rng(SEED + 1);
    for (double x : Doubles.sample(r, N)) {
      double l = TrustedMath.log(x);
      check(!(x >= 1.0) || l >= 0.0, "x >= 1.0 ==> \\result >= 0.0", x, l);
      check(!(x != x) || l != l, "x != x ==> \\result != \\result", x, l);
    }
  }

  @Test
  void log1p() {
    UniformRandomProvider r = Cases.rng(SEED + 2);
    for (double x : Doubles.sample(r, N)) {
      double l = TrustedMath.log1p(x);
      check(!(x >= 0.0) || l >= 0.0, "x >= 0.0 ==> \\result >= 0.0", x, l);
      check(!(x != x) || l != l, "x != x ==> \\result != \\result", x, l);
    }
  }

  @Test
  void tanh() {
    UniformRandomProvider r = Cases.rng(SEED + 3);
    for (double x : Doubles.sample(r, N)) {
      double t = TrustedMath.tanh(x);
      check(!(x == x) || (t >= -1.0 && t <= 1.0), "x == x ==> \\result >= -1.0 && \\result <= 1.0", x, t);
      check(!(x >= 0.0) || t >= 0.0, "x >= 0.0 ==> \\result >= 0.0", x, t);
      check(!(x <= 0.0) || t <= 0.0, "x <= 0.0 ==> \\result <= 0.0", x, t);
    }
  }

  @Test
  void toDouble() {
    UniformRandomProvider r = Cases.rng(SEED + 4);
    int[] edges = {Integer.MIN_VALUE, -1, 0, 1, 2, 46340, (1 << 24) + 1, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
    for (int i = 0; i < edges.length + N; i++) {
      int n = i < edges.length ? edges[i] : r.nextInt();
      double v = TrustedMath.toDouble(n);
      check(!(n >= 1) || (v >= 1.0 && v <= 2147483647.0), "n >= 1 ==> \\result >= 1.0 && \\result <= 2147483647.0",
          n, v);
    }
  }

  /**
   * proofs/rules/unaryMinusDouble.key lets KeY read Java's unary minus on double as IEEE negation
   * (JLS 15.15.4): the result is the argument with its sign bit flipped, for every input.
   */
  @Test
  void unaryMinusIsIeeeNegation() {
    UniformRandomProvider r = Cases.rng(SEED + 5);
    for (double x : Doubles.sample(r, N)) {
      double neg = -x;
      boolean flipped = x != x ? neg != neg
          : Double.doubleToRawLongBits(neg) == (Double.doubleToRawLongBits(x) ^ Long.MIN_VALUE);
      check(flipped, "-x == negDouble(x)", x, neg);
    }
  }

  @Test
  void nextDown() {
    UniformRandomProvider r = Cases.rng(SEED + 10);
    for (double x : Doubles.sample(r, N)) {
      double d = TrustedRounding.nextDown(x);
      check(!(x == x) || d <= x && d == d, "x == x ==> \\result <= x && \\result == \\result", x, d);
      check(!(x > 0.0) || d >= 0.0, "x > 0.0 ==> \\result >= 0.0", x, d);
      check(!(x != x) || d != d, "x != x ==> \\result != \\result", x, d);
    }
  }

  @Test
  void nextUp() {
    UniformRandomProvider r = Cases.rng(SEED + 11);
    for (double x : Doubles.sample(r, N)) {
      double u = TrustedRounding.nextUp(x);
      check(!(x == x) || u >= x && u == u, "x == x ==> \\result >= x && \\result == \\result", x, u);
      check(!(x < 0.0) || u <= 0.0, "x < 0.0 ==> \\result <= 0.0", x, u);
      check(!(x != x) || u != u, "x != x ==> \\result != \\result", x, u);
    }
  }

  /**
   * fma's stub contract states nothing (KeY needs only its purity); the enclosures depend on it being
   * a·b + c rounded once, checked here against exact BigDecimal arithmetic.
   */
  @Test
  void fma() {
    UniformRandomProvider r = Cases.rng(SEED + 12);
    for (int i = 0; i < 20_000; i++) {
      double a = (r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(200) - 100);
      double b = (r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(200) - 100);
      double c = -a * b;
      double f = TrustedRounding.fma(a, b, c);
      java.math.BigDecimal exact = new java.math.BigDecimal(a).multiply(new java.math.BigDecimal(b)).add(new java.math.BigDecimal(c));
      // correctly rounded: the exact value lies within half an ulp of f (here the residual is exact, so f equals it)
      check(exact.compareTo(new java.math.BigDecimal(f)) == 0 || Math.abs(f) < 0x1p-960,
          "fma(a, b, -fl(a*b)) is the exact residual", a, f);
    }
  }
}
