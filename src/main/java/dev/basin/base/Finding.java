package dev.basin.base;

import java.util.Arrays;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One named entry of a result (spec REPORT-FINDINGS): a {@link Reported} number (exact, certified
 * enclosure or bound, estimate with interval), a count, a yes/no, a text, a setting the result was
 * computed with, a described array of values, a reason why a quantity does not apply, a nested
 * group ({@link Findings}) or a list. The library builds its results from these, so what each
 * number is gets decided where it is computed; JSON, terminal and HTML printers only render them
 * (dev.basin.report). No variant can hold a non-finite number.
 */
public sealed interface Finding
    permits Reported, Findings, Finding.Count, Finding.Flag, Finding.Text, Finding.Setting, Finding.Values,
        Finding.NotApplicable, Finding.Items {

  /**
   * An exact integer: a count (iterations, products, samples) or a size.
   *
   * @param value the count
   */
  record Count(long value) implements Finding {}

  /**
   * A yes/no outcome (converged, passed, attained).
   *
   * @param value the outcome
   */
  record Flag(boolean value) implements Finding {}

  /**
   * A word or sentence: a name, a method, a transformation, a file written.
   *
   * @param value the text
   */
  record Text(String value) implements Finding {}

  /**
   * A number the result was computed with rather than a result: a radius, a step size, a kernel
   * width chosen from the data.
   *
   * @param value the setting
   */
  record Setting(double value) implements Finding {
    /** Refuses a non-finite setting. */
    public Setting {
      Finite.check("setting", "value", value);
    }
  }

  /**
   * An array of numbers that together are one result (a spectrum, a density on a grid, per-unit
   * factors), with what they are and the spec ID that defines them. Immutable: the array is
   * copied in and out.
   *
   * @param values the numbers (copied; all finite)
   * @param what what they are, including their accuracy (e.g. "ascending eigenvalues, each within
   *     eigenvalue_error_estimate of the exact one")
   * @param spec the spec ID
   */
  record Values(double[] values, String what, String spec) implements Finding {
    /** Copies the array and refuses a non-finite entry. */
    public Values {
      values = values.clone();
      for (int i = 0; i < values.length; i++) {
        Finite.check(spec, what + "[" + i + "]", values[i]);
      }
    }

    /** A copy of the numbers. */
    @Override
    public double[] values() {
      return values.clone();
    }

    /** The number of values. */
    public int size() {
      return values.length;
    }

    /** Value i. */
    public double get(int i) {
      return values[i];
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Values v && Arrays.equals(values, v.values) && what.equals(v.what) && spec.equals(v.spec);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(values) + what.hashCode() * 7 + spec.hashCode();
    }

    @Override
    public String toString() {
      return "Values[" + values.length + " of " + what + ", " + spec + "]";
    }
  }

  /**
   * The quantity does not apply here, and why (e.g. F_min for a non-homogeneous activation).
   *
   * @param reason why, as a sentence naming the condition
   */
  record NotApplicable(String reason) implements Finding {}

  /**
   * An ordered list of findings of one sort (the top Ritz values, per-shell statistics).
   *
   * @param items the entries (copied)
   */
  record Items(List<Finding> items) implements Finding {
    /** Copies the list. */
    public Items {
      items = List.copyOf(items);
    }
  }
}
