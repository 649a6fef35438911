package dev.basin.measure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.NonNull;

/**
 * The values of measure options for one run (validated when set); an option that was not set has
 * its declared default.
 */
public final class MeasureSettings {

  private static final MeasureSettings DEFAULTS = new MeasureSettings(Map.of());

  private final Map<String, Object> values;

  private MeasureSettings(Map<String, Object> values) {
    this.values = values;
  }

  /** Every option at its default. */
  public static MeasureSettings defaults() {
    return DEFAULTS;
  }

  /** This with option o set to v (validated). */
  public <T extends @NonNull Object> MeasureSettings with(MeasureOption<T> o, T v) {
    Map<String, Object> m = new LinkedHashMap<>(values);
    m.put(o.name(), o.validate(v));
    return new MeasureSettings(Collections.unmodifiableMap(m));
  }

  /** This with option o set to a parsed value v (validated; a value of the wrong type is a bug). */
  public MeasureSettings withValue(MeasureOption<?> o, @NonNull Object v) {
    Map<String, Object> m = new LinkedHashMap<>(values);
    m.put(o.name(), o.validate(v));
    return new MeasureSettings(Collections.unmodifiableMap(m));
  }

  /** The value of o: as set, else its default. */
  public <T extends @NonNull Object> T get(MeasureOption<T> o) {
    Object v = values.get(o.name());
    return v == null ? o.defaultValue() : o.type().cast(v);
  }
}
