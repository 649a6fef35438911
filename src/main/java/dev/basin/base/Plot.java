package dev.basin.base;

import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A plot as data (spec REPORT-HTML): title, axis labels, log scales and series. The library builds
 * plots (claims, measures); {@code dev.basin.report.Charts} renders them. Keeping plots as data lets
 * results.json carry the numbers behind every picture, and keeps the library free of any renderer.
 *
 * @param id a file-name-safe identifier, unique within a claim
 * @param title the title
 * @param xLabel x axis label
 * @param yLabel y axis label
 * @param logX logarithmic x axis
 * @param logY logarithmic y axis
 * @param series the series drawn
 */
public record Plot(String id, String title, String xLabel, String yLabel, boolean logX, boolean logY, List<Series> series) {

  /** How a series is drawn. */
  public enum Style {
    /** Connected points. */
    LINE,
    /** Unconnected markers. */
    SCATTER,
    /** A dashed reference line. */
    REFERENCE
  }

  /**
   * One series; {@code lo}/{@code hi} optional error bars (both or neither), same length as x.
   */
  public record Series(String name, double[] x, double[] y, double @Nullable [] lo, double @Nullable [] hi, Style style) {
    public Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException("series " + name + ": x and y lengths differ");
      }
      if ((lo == null) != (hi == null) || (lo != null && (lo.length != x.length || hi == null || hi.length != x.length))) {
        throw new IllegalArgumentException("series " + name + ": error bars must both be given with the length of x");
      }
    }

    /** A series without error bars. */
    public static Series of(String name, double[] x, double[] y, Style style) {
      return new Series(name, x, y, null, null, style);
    }
  }

  /** A builder-style start: a plot with no series yet. */
  public static Plot of(String id, String title, String xLabel, String yLabel) {
    return new Plot(id, title, xLabel, yLabel, false, false, List.of());
  }

  /** This plot with one more series. */
  public Plot with(Series s) {
    List<Series> all = new ArrayList<>(series);
    all.add(s);
    return new Plot(id, title, xLabel, yLabel, logX, logY, List.copyOf(all));
  }

  /** This plot with logarithmic axes as given. */
  public Plot log(boolean x, boolean y) {
    return new Plot(id, title, xLabel, yLabel, x, y, series);
  }
}
