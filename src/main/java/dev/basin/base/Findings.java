package dev.basin.base;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An ordered group of named findings (spec REPORT-FINDINGS): the result of a measure, a check or a
 * whole command. Immutable; built with {@link #builder}. Names are snake_case (letters, digits, _) and unique
 * within a group, and "kind" is reserved (it marks a leaf in JSON, REPORT-JSON).
 */
public final class Findings implements Finding {

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final Findings EMPTY = new Findings(Map.of());

  private final Map<String, Finding> entries;

  private Findings(Map<String, Finding> entries) {
    this.entries = entries;
  }

  /** A group without entries. */
  public static Findings empty() {
    return EMPTY;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The entries in order (unmodifiable). */
  public Map<String, Finding> entries() {
    return entries;
  }

  /** The entry called name, or null. */
  public @Nullable Finding get(String name) {
    return entries.get(name);
  }

  /** Whether there are no entries. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * The entry at a dotted path ("spectrum.lambda_max"), or null when a step is missing or not a
   * group.
   */
  public @Nullable Finding at(String path) {
    Finding f = this;
    for (String step : path.split("\\.", -1)) {
      if (!(f instanceof Findings g)) {
        return null;
      }
      f = g.entries.get(step);
      if (f == null) {
        return null;
      }
    }
    return f;
  }

  /** The {@link Reported} number at a dotted path; an {@link IllegalStateException} when there is none. */
  public Reported reported(String path) {
    if (at(path) instanceof Reported r) {
      return r;
    }
    throw new IllegalStateException("no reported number at " + path + " in " + entries.keySet());
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Findings f && entries.equals(f.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return entries.toString();
  }

  /** Builds a {@link Findings} in insertion order; a name may be used once. */
  public static final class Builder {

    private final Map<String, Finding> entries = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a finding. */
    public Builder put(String name, Finding f) {
      if (!NAME.matcher(name).matches() || name.equals("kind")) {
        throw new IllegalArgumentException("finding name '" + name + "' is not snake_case or is reserved");
      }
      if (entries.putIfAbsent(name, f) != null) {
        throw new IllegalArgumentException("finding '" + name + "' given twice");
      }
      return this;
    }

    /** Adds a finding when it is not null. */
    public Builder putIfPresent(String name, @Nullable Finding f) {
      return f == null ? this : put(name, f);
    }

    /** Adds a group when it has entries. */
    public Builder putUnlessEmpty(String name, Findings group) {
      return group.isEmpty() ? this : put(name, group);
    }

    /** Adds every entry of a group at this level (their names must be new here). */
    public Builder putAll(Findings group) {
      for (Map.Entry<String, Finding> e : group.entries.entrySet()) {
        put(e.getKey(), e.getValue());
      }
      return this;
    }

    /** Adds a count. */
    public Builder count(String name, long value) {
      return put(name, new Count(value));
    }

    /** Adds a yes/no. */
    public Builder flag(String name, boolean value) {
      return put(name, new Flag(value));
    }

    /** Adds a text. */
    public Builder text(String name, String value) {
      return put(name, new Text(value));
    }

    /** Adds a setting (a number the result was computed with). */
    public Builder setting(String name, double value) {
      return put(name, new Setting(value));
    }

    /** Adds described values (the array is copied). */
    public Builder values(String name, double[] values, String what, String spec) {
      return put(name, new Values(values, what, spec));
    }

    /** Adds integer values as a list of counts. */
    public Builder counts(String name, int[] values) {
      Finding[] items = new Finding[values.length];
      for (int i = 0; i < values.length; i++) {
        items[i] = new Count(values[i]);
      }
      return put(name, new Items(List.of(items)));
    }

    /** Adds a list. */
    public Builder items(String name, List<? extends Finding> items) {
      return put(name, new Items(List.copyOf(items)));
    }

    /** Adds why a quantity does not apply. */
    public Builder notApplicable(String name, String reason) {
      return put(name, new NotApplicable(reason));
    }

    /** Whether a name is taken. */
    public boolean has(String name) {
      return entries.containsKey(name);
    }

    /** The group. */
    public Findings build() {
      return entries.isEmpty() ? EMPTY : new Findings(Collections.unmodifiableMap(new LinkedHashMap<>(entries)));
    }
  }
}
