package dev.basin.report;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.Reported;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The terminal rendering of results (spec REPORT-TERMINAL): one aligned line per finding,
 * {@code path  value  what-it-is}, where a path joins group names with dots and list indices in
 * brackets. A double is printed with 17 significant digits, so it parses back to the same double;
 * every reported number says its kind and spec ID; described arrays are summarized (the JSON holds
 * them).
 */
public final class Terminal {

  private Terminal() {}

  /** One line of the summary. */
  record Line(String path, String text) {}

  /** Prints the findings, one aligned line each. */
  public static void print(PrintWriter out, Findings results) {
    List<Line> lines = lines(results);
    int width = 0;
    for (Line l : lines) {
      width = Math.max(width, l.path().length());
    }
    for (Line l : lines) {
      out.printf(Locale.ROOT, "%-" + width + "s  %s%n", l.path(), l.text());
    }
    out.flush();
  }

  /** The lines of a group, in order. */
  static List<Line> lines(Findings results) {
    List<Line> out = new ArrayList<>();
    collect("", results, out);
    return out;
  }

  private static void collect(String path, Finding f, List<Line> out) {
    switch (f) {
      case Findings g -> {
        for (Map.Entry<String, Finding> e : g.entries().entrySet()) {
          collect(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
        }
      }
      case Finding.Items l -> {
        for (int i = 0; i < l.items().size(); i++) {
          collect(path + "[" + i + "]", l.items().get(i), out);
        }
      }
      default -> out.add(new Line(path, text(f)));
    }
  }

  /** A leaf as text: the number and what it is. */
  static String text(Finding f) {
    return switch (f) {
      case Reported r -> describe(r);
      case Finding.Count c -> Long.toString(c.value());
      case Finding.Flag b -> Boolean.toString(b.value());
      case Finding.Text t -> t.value();
      case Finding.Setting s -> number(s.value()) + "  (setting)";
      case Finding.Values v -> v.size() + " values: " + v.what() + " (" + v.spec() + "; all in the JSON)";
      case Finding.NotApplicable n -> "not applicable: " + n.reason();
      case Findings g -> g.entries().size() + " findings";
      case Finding.Items l -> l.items().size() + " items";
    };
  }

  /**
   * A reported number for people: "12.36193437 in [12.3619343, 12.3619344]  certified enclosure
   * (FLAT-CERT-EIG)", "0.0123  certified lower bound (FLAT-SHARP-BALL)", "557.27 in [550.1,
   * 564.4]  estimate, 95% interval, 30 samples (FLAT-HUTCHINSON)".
   */
  public static String describe(Reported r) {
    String units = r.units().isEmpty() ? "" : " " + r.units();
    return switch (r) {
      case Reported.Exact e -> number(e.value()) + units + "  exact (" + e.spec() + ")";
      case Reported.Enclosure e -> number(e.value()) + units + " in [" + number(e.lo()) + ", " + number(e.hi())
          + "]  certified enclosure (" + e.spec() + ")";
      case Reported.Bound b -> number(b.value()) + units + "  certified " + b.side().label() + " bound (" + b.spec() + ")";
      case Reported.Estimate e -> number(e.value()) + units + " in [" + number(e.lo()) + ", " + number(e.hi())
          + "]  estimate, " + percent(e.level()) + " interval, " + e.samples() + " samples (" + e.spec() + ")";
    };
  }

  /** What a reported number is, in words ("certified enclosure", "estimate, 95% interval"). */
  public static String kind(Reported r) {
    return switch (r) {
      case Reported.Exact e -> "exact";
      case Reported.Enclosure e -> "certified enclosure";
      case Reported.Bound b -> "certified " + b.side().label() + " bound";
      case Reported.Estimate e -> "estimate, " + percent(e.level()) + " interval";
    };
  }

  /** A double with 17 significant digits: it parses back to the same double. */
  public static String number(double v) {
    return String.format(Locale.ROOT, "%.17g", v);
  }

  private static String percent(double level) {
    String s = String.format(Locale.ROOT, "%.4f", 100 * level).replaceAll("0+$", "").replaceAll("\\.$", "");
    return s + "%";
  }

  /**
   * Prints the smallest and the largest {@code count} of ascending eigenvalues ev (not modified)
   * on two lines, or all of them on one line when there are at most 2·count.
   */
  public static void printExtremes(PrintWriter out, double[] ev, int count) {
    int n = ev.length;
    if (n <= 2 * count) {
      out.println("eigenvalues (all, ascending)  " + join(ev, 0, n));
    } else {
      out.println("smallest " + count + " eigenvalues  " + join(ev, 0, count));
      out.println("largest " + count + " eigenvalues   " + join(ev, n - count, n));
    }
    out.flush();
  }

  private static String join(double[] v, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append(i == from ? "" : " ").append(String.format(Locale.ROOT, "%.10g", v[i]));
    }
    return sb.toString();
  }
}
