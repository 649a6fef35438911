package dev.basin.claims;

import dev.basin.base.Reported;

/**
 * One number a claim reports (spec CLAIM-REPORTING): what it is called in the report and the
 * number itself in the house result model ({@link Reported}: exact, certified enclosure, certified
 * one-sided bound, or estimate with its interval, each with spec ID and method). The claim decides
 * the kind; the report only renders it.
 *
 * @param name what was measured, with its setting (e.g. "trace, attack minimum, run 2")
 * @param value the number
 */
public record Measurement(String name, Reported value) {

  /** The 95 % level of every interval the claims report (CLAIM-VERDICT). */
  static final double LEVEL = 0.95;

  /** An exact value (a closed form or a deterministic computation, up to rounding). */
  static Measurement exact(String name, double value, String spec, String method) {
    return new Measurement(name, Reported.exact(value, spec, method));
  }

  /** An exact count. */
  static Measurement count(String name, long count, String spec) {
    return new Measurement(name, Reported.exact(count, spec, "count"));
  }

  /** A statistical estimate with a 95 % interval made as {@code interval} from {@code samples} samples. */
  static Measurement estimate(String name, double value, double lo, double hi, int samples, String interval, String spec,
      String method) {
    return new Measurement(name, new Reported.Estimate(value, lo, hi, LEVEL, interval, samples, spec, method, ""));
  }

  /** A certified enclosure [lo, hi] of the true value. */
  static Measurement enclosure(String name, double value, double lo, double hi, String spec, String method) {
    return new Measurement(name, Reported.enclosure(value, lo, hi, spec, method));
  }

  /** A certified lower bound on the quantity named. */
  static Measurement lowerBound(String name, double value, String spec, String method) {
    return new Measurement(name, Reported.lowerBound(value, spec, method));
  }

  /** A certified upper bound on the quantity named. */
  static Measurement upperBound(String name, double value, String spec, String method) {
    return new Measurement(name, Reported.upperBound(value, spec, method));
  }

  /** The number. */
  public double number() {
    return value.value();
  }

  /** Lower end of what is known about the true value (−∞ for an upper bound). */
  public double low() {
    return value.low();
  }

  /** Upper end of what is known about the true value (+∞ for a lower bound). */
  public double high() {
    return value.high();
  }
}
