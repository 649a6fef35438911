package dev.basin.sweep;

import dev.basin.base.InvalidInputException;
import dev.basin.base.Rng;
import java.util.List;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One hyperparameter of a sweep (spec SWEEP-SPEC): its name, its type, and the values the spec gives
 * it: one value (fixed), a list (a grid axis, or a uniform choice in a random design), or a range
 * to draw from in a random design ({@code {"uniform": [a, b]}} or {@code {"log_uniform": [a, b]}},
 * real-valued hyperparameters only).
 *
 * @param name the column name (e.g. "width")
 * @param type the value type
 * @param values the listed values (one for a fixed hyperparameter; empty when a range is given)
 * @param range the range of a random draw, or null
 */
public record Axis(String name, Type type, List<Object> values, @Nullable Range range) {

  /** The value type of a hyperparameter: Long, Double or String values. */
  public enum Type {
    /** A whole number (stored as Long). */
    INT,
    /** A real number (stored as Double). */
    REAL,
    /** A name (stored as String). */
    TEXT
  }

  /**
   * A range of a random draw.
   *
   * @param log draw log-uniformly (both ends &gt; 0) instead of uniformly
   * @param lo lower end
   * @param hi upper end (≥ lo)
   */
  public record Range(boolean log, double lo, double hi) {
    /** Draws one value with one uniform from the stream. */
    double draw(Rng rng) {
      double u = rng.uniform01();
      return log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
    }
  }

  /** Copies the values. */
  public Axis {
    values = List.copyOf(values);
  }

  /** Whether the hyperparameter takes more than one value (it is varied by the sweep). */
  public boolean varied() {
    return range != null || values.size() > 1;
  }

  /** The number of grid values (a range has none). */
  int size() {
    return values.size();
  }

  /** The value of a random design's task from its stream: a range draw or a uniform choice. */
  Object draw(Rng rng) {
    Range r = range;
    if (r != null) {
      return r.draw(rng);
    }
    return values.get(rng.nextInt(values.size()));
  }

  /** A value as it appears in keys and seeds: integers plainly, reals in Java's shortest round-trip form. */
  static String key(Object v) {
    return v instanceof Double d ? Double.toString(d) : v.toString();
  }

  /** The value as a double (for plots and τ groups); text values have none. */
  static double number(Object v) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Double d) {
      return d;
    }
    throw new InvalidInputException("axis", "'" + v + "' is not a number");
  }

  @Override
  public String toString() {
    Range r = range;
    return r != null ? String.format(Locale.ROOT, "%s ~ %s[%s, %s]", name, r.log() ? "log-uniform" : "uniform", r.lo(), r.hi())
        : name + " " + values;
  }
}
