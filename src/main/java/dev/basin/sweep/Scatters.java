package dev.basin.sweep;

import dev.basin.base.Plot;
import dev.basin.base.Reported;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A sweep's measures against its generalization gap as plots (data; spec SWEEP-REPORT): used by the
 * sweep's own page (report.SweepReport) and by CLAIM-SWEEP-WU, which sits below the report layer.
 */
public final class Scatters {

  /** Most distinct values of a hyperparameter drawn as separate series; more are drawn as one series. */
  static final int MAX_SERIES = 8;

  private Scatters() {}

  /**
   * The scatters of one column against the gap: one plot per varied hyperparameter with a series per
   * value (one series when it has more than {@link #MAX_SERIES} values), or one plot if none varies.
   */
  public static List<Plot> of(String column, String gap, List<Row> rows, List<Axis> axes) {
    List<Plot> out = new ArrayList<>();
    if (axes.isEmpty()) {
      Plot p = Plot.of("sweep-" + column, column + " against " + gap, column, gap);
      p = withPoints(p, series("all tasks", column, gap, rows, null, null));
      if (!p.series().isEmpty()) {
        out.add(p);
      }
      return out;
    }
    for (Axis ax : axes) {
      Plot p = Plot.of("sweep-" + column + "-" + ax.name(), column + " against " + gap + ", by " + ax.name(), column, gap);
      Map<String, Object> values = new LinkedHashMap<>();
      for (Row r : rows) {
        Object v = r.params().get(ax.name());
        if (v != null) {
          values.putIfAbsent(v.toString(), v);
        }
      }
      if (values.size() > MAX_SERIES) {
        p = withPoints(p, series("all tasks", column, gap, rows, null, null));
      } else {
        for (Map.Entry<String, Object> e : values.entrySet()) {
          p = withPoints(p, series(ax.name() + " = " + e.getKey(), column, gap, rows, ax.name(), e.getValue()));
        }
      }
      if (!p.series().isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  /** The plot with the series added when it has points (a series without points cannot be drawn). */
  private static Plot withPoints(Plot p, Plot.Series s) {
    return s.x().length == 0 ? p : p.with(s);
  }

  private static Plot.Series series(String name, String column, String gap, List<Row> rows, @Nullable String axis,
      @Nullable Object value) {
    List<double[]> pts = new ArrayList<>();
    for (Row r : rows) {
      if (!r.ok() || axis != null && !java.util.Objects.equals(r.params().get(axis), value)) {
        continue;
      }
      Double x = number(r.cells().get(column));
      Double y = number(r.cells().get(gap));
      if (x != null && y != null) {
        pts.add(new double[] {x, y});
      }
    }
    double[] xs = new double[pts.size()];
    double[] ys = new double[pts.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = pts.get(i)[0];
      ys[i] = pts.get(i)[1];
    }
    return Plot.Series.of(name, xs, ys, Plot.Style.SCATTER);
  }

  private static @Nullable Double number(@Nullable Cell c) {
    Reported v = c == null ? null : c.value();
    return v == null ? null : v.value();
  }

}
