package dev.basin.measure;

import java.util.List;
import java.util.Set;

/** The declared half of a {@link Measure}: ID, title, spec IDs, options, needs, cost, default. */
abstract class Registered implements Measure {

  private final String id;
  private final String title;
  private final String spec;
  private final List<MeasureOption<?>> options;
  private final Set<Need> needs;
  private final String cost;
  private final boolean byDefault;

  Registered(String id, String title, String spec, List<MeasureOption<?>> options, Set<Need> needs, String cost,
      boolean byDefault) {
    this.id = id;
    this.title = title;
    this.spec = spec;
    this.options = List.copyOf(options);
    this.needs = Set.copyOf(needs);
    this.cost = cost;
    this.byDefault = byDefault;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String title() {
    return title;
  }

  @Override
  public final String spec() {
    return spec;
  }

  @Override
  public final List<MeasureOption<?>> options() {
    return options;
  }

  @Override
  public final Set<Need> needs() {
    return needs;
  }

  @Override
  public final String cost() {
    return cost;
  }

  @Override
  public final boolean byDefault() {
    return byDefault;
  }

  @Override
  public String toString() {
    return id;
  }
}
