package dev.basin.measure;

import dev.basin.model.Checks;
import java.util.function.BiFunction;
import org.checkerframework.checker.nullness.qual.NonNull;

/**
 * One option of a registered measure (spec MEASURE-REGISTRY): its command-line name, type, default
 * (a named constant of the measure that declares it), what it means and how it is validated. The
 * command line is generated from these, so a default is written once.
 *
 * @param <T> Integer, Long, Double or Boolean
 * @param name the option with its dashes, e.g. "--top"
 * @param type the value's class
 * @param defaultValue the default
 * @param label the parameter label in --help, e.g. "K"
 * @param description what it means (without the default: --help appends it)
 * @param check validates a value (name, value) and returns it, or throws an InvalidInputException
 */
public record MeasureOption<T extends @NonNull Object>(String name, Class<T> type, T defaultValue, String label, String description,
    BiFunction<String, T, T> check) {

  /** Refuses an invalid default (a bug in the declaring measure). */
  public MeasureOption {
    if (!name.startsWith("--")) {
      throw new IllegalArgumentException("option name " + name + " must start with --");
    }
    check.apply(name, defaultValue);
  }

  /** An integer option ≥ min. */
  public static MeasureOption<Integer> atLeast(String name, int defaultValue, int min, String label, String description) {
    return new MeasureOption<>(name, Integer.class, defaultValue, label, description, (n, v) -> Checks.atLeast(n, v, min));
  }

  /** A finite real option &gt; 0. */
  public static MeasureOption<Double> positive(String name, double defaultValue, String label, String description) {
    return new MeasureOption<>(name, Double.class, defaultValue, label, description, Checks::positive);
  }

  /** A finite real option ≥ 0. */
  public static MeasureOption<Double> nonNegative(String name, double defaultValue, String label, String description) {
    return new MeasureOption<>(name, Double.class, defaultValue, label, description, Checks::nonNegative);
  }

  /** A real option strictly between 0 and 1. */
  public static MeasureOption<Double> openUnit(String name, double defaultValue, String label, String description) {
    return new MeasureOption<>(name, Double.class, defaultValue, label, description, Checks::openUnit);
  }

  /** A seed (any long). */
  public static MeasureOption<Long> seed(String name, long defaultValue, String description) {
    return new MeasureOption<>(name, Long.class, defaultValue, "SEED", description, (n, v) -> v);
  }

  /** A switch (default false). */
  public static MeasureOption<Boolean> flag(String name, String description) {
    return new MeasureOption<>(name, Boolean.class, false, "", description, (n, v) -> v);
  }

  /** Validates a value of this option (given on the command line or by a caller). */
  public T validate(Object value) {
    return check.apply(name, type.cast(value));
  }
}
