package dev.basin.measure;

import dev.basin.base.Reported;
import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A Monte-Carlo estimate with its confidence interval (spec FLAT-CI): the mean of m iid samples
 * and the Student-t interval mean ± t_{m−1,1−a/2}·s/√m at level 1 − a.
 *
 * @param value the estimate
 * @param standardError s/√m
 * @param low lower end of the interval
 * @param high upper end of the interval
 * @param level confidence level of [low, high], e.g. 0.95
 * @param samples m
 */
public record Estimate(double value, double standardError, double low, double high, double level, int samples) {

  /** Default confidence level. */
  public static final double DEFAULT_LEVEL = 0.95;

  /** The estimate from samples (not modified; at least 2, finite) at the given level in (0, 1). */
  public static Estimate of(double[] xs, double level) {
    Checks.openUnit("confidence level", level);
    int m = xs.length;
    if (m < 2) {
      throw new InvalidInputException("samples", m + " (a confidence interval needs at least 2)");
    }
    Checks.finite("samples", xs);
    double mean = 0.0;
    for (double x : xs) {
      mean += x;
    }
    mean /= m;
    double ss = 0.0;
    for (double x : xs) {
      ss += (x - mean) * (x - mean);
    }
    return ofMean(mean, Math.sqrt(ss / (m - 1) / m), m, level);
  }

  /**
   * The Student-t interval mean ± t_{m−1,1−a/2}·se of a mean of m (≥ 2) iid samples with standard
   * error se (finite, ≥ 0) at level 1 − a in (0, 1).
   */
  public static Estimate ofMean(double mean, double standardError, int samples, double level) {
    Checks.openUnit("confidence level", level);
    Checks.nonNegative("standard error", standardError);
    if (samples < 2) {
      throw new InvalidInputException("samples", samples + " (a confidence interval needs at least 2)");
    }
    double t = TDistribution.of(samples - 1).inverseCumulativeProbability(0.5 + level / 2.0);
    return new Estimate(mean, standardError, mean - t * standardError, mean + t * standardError, level, samples);
  }

  /** The estimate of value + shift (a constant known exactly). */
  public Estimate plus(double shift) {
    return new Estimate(value + shift, standardError, low + shift, high + shift, level, samples);
  }

  /**
   * The estimate of √(estimand) for a non-negative estimand: value and ends mapped through √ (the
   * lower end clipped at 0); the standard error by the delta method.
   */
  public Estimate sqrt() {
    double v = Math.sqrt(Math.max(0.0, value));
    double se = v > 0.0 ? standardError / (2.0 * v) : Math.sqrt(standardError);
    return new Estimate(v, se, Math.sqrt(Math.max(0.0, low)), Math.sqrt(Math.max(0.0, high)), level, samples);
  }

  /** This estimate in the result model, with its Student-t interval (FLAT-CI). */
  public Reported.Estimate reported(String spec, String method) {
    return new Reported.Estimate(value, low, high, level, "Student-t (FLAT-CI)", samples, spec, method, "");
  }

  /** Whether the interval contains x. */
  public boolean covers(double x) {
    return x >= low && x <= high;
  }
}
