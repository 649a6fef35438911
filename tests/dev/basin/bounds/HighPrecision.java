package dev.basin.bounds;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A 60-digit reference for the elementary functions of audit mode (tests only): e^x by its Taylor
 * series with range reduction e^x = (e^{x/2^s})^{2^s}, ln x by Newton's iteration on e^y = x from
 * Math.log's 16 digits (quadratic convergence: 16 → 32 → 64 digits in two steps; four are run).
 * An enclosure is judged against these values; a wrong verdict would need the exact value within
 * 10^-50 (relative) of an interval end, far below the 10^-16 spacing of doubles.
 */
final class HighPrecision {

  static final MathContext MC = new MathContext(60);

  private HighPrecision() {}

  static BigDecimal bd(double x) {
    return new BigDecimal(x);
  }

  /** e^x. */
  static BigDecimal exp(BigDecimal x0) {
    BigDecimal x = x0;
    int s = 0;
    while (x.abs().compareTo(BigDecimal.valueOf(0.5)) > 0) {
      x = x.divide(BigDecimal.valueOf(2), MC);
      s++;
    }
    BigDecimal term = BigDecimal.ONE;
    BigDecimal sum = BigDecimal.ONE;
    for (int n = 1; n < 80; n++) {
      term = term.multiply(x, MC).divide(BigDecimal.valueOf(n), MC);
      sum = sum.add(term, MC);
    }
    for (int i = 0; i < s; i++) {
      sum = sum.multiply(sum, MC);
    }
    return sum;
  }

  /** ln x for x &gt; 0. */
  static BigDecimal log(BigDecimal x) {
    BigDecimal y = bd(Math.log(x.doubleValue()));
    for (int i = 0; i < 4; i++) {
      BigDecimal e = exp(y);
      y = y.add(BigDecimal.valueOf(2).multiply(x.subtract(e), MC).divide(x.add(e), MC), MC); // Halley step
    }
    return y;
  }

  /** ln(1 + x) for x &gt; −1 (a series below 10^-10, where 1 + x would lose x at 60 digits). */
  static BigDecimal log1p(BigDecimal x) {
    if (x.abs().compareTo(new BigDecimal("1e-10")) < 0) {
      BigDecimal x2 = x.multiply(x, MC);
      return x.subtract(x2.divide(BigDecimal.valueOf(2), MC), MC).add(x2.multiply(x, MC).divide(BigDecimal.valueOf(3), MC), MC)
          .subtract(x2.multiply(x2, MC).divide(BigDecimal.valueOf(4), MC), MC);
    }
    return log(BigDecimal.ONE.add(x));
  }

  /** tanh x = (e^{2x} − 1)/(e^{2x} + 1) (x − x³/3 + 2x⁵/15 below 10^-10). */
  static BigDecimal tanh(BigDecimal x) {
    if (x.abs().compareTo(new BigDecimal("1e-10")) < 0) {
      BigDecimal x3 = x.multiply(x, MC).multiply(x, MC);
      return x.subtract(x3.divide(BigDecimal.valueOf(3), MC), MC)
          .add(x3.multiply(x, MC).multiply(x, MC).multiply(BigDecimal.valueOf(2)).divide(BigDecimal.valueOf(15), MC), MC);
    }
    if (x.abs().compareTo(BigDecimal.valueOf(70)) > 0) {
      return BigDecimal.valueOf(x.signum()).subtract(BigDecimal.valueOf(x.signum()).multiply(
          BigDecimal.valueOf(2).multiply(exp(x.abs().multiply(BigDecimal.valueOf(-2))), MC), MC), MC);
    }
    BigDecimal e = exp(x.multiply(BigDecimal.valueOf(2)));
    return e.subtract(BigDecimal.ONE).divide(e.add(BigDecimal.ONE), MC);
  }

  /** kl(q‖p) = q ln(q/p) + (1 − q) ln((1 − q)/(1 − p)), 0 ln 0 = 0, for q ∈ [0, 1], p ∈ (0, 1). */
  static BigDecimal kl(double q, double p) {
    BigDecimal bq = bd(q);
    BigDecimal bp = bd(p);
    BigDecimal a = q == 0.0 ? BigDecimal.ZERO : bq.multiply(log(bq).subtract(log(bp)), MC);
    BigDecimal oneQ = BigDecimal.ONE.subtract(bq);
    BigDecimal b = q == 1.0 ? BigDecimal.ZERO
        : oneQ.multiply(log(oneQ).subtract(log(BigDecimal.ONE.subtract(bp))), MC);
    return a.add(b, MC);
  }
}
