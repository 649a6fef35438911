package dev.basin.cli;

import java.io.PrintWriter;
import java.util.Map;

/** The human-readable side of command reports: one aligned line per scalar field. */
final class Reports {

  private Reports() {}

  /** Prints every numeric, boolean or string field of a report as "key  value" (arrays and maps are left to the JSON). */
  static void printScalars(PrintWriter out, Map<String, Object> report) {
    Map<String, String> lines = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Object> e : report.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Double d) {
        // Java prints the shortest digits that identify the double, padded to 17: it round-trips
        lines.put(e.getKey(), String.format(java.util.Locale.ROOT, "%.17g", d));
      } else if (v instanceof Number || v instanceof Boolean || v instanceof String) {
        lines.put(e.getKey(), String.valueOf(v));
      }
    }
    int width = 0;
    for (String k : lines.keySet()) {
      width = Math.max(width, k.length());
    }
    for (Map.Entry<String, String> e : lines.entrySet()) {
      out.printf(java.util.Locale.ROOT, "%-" + width + "s  %s%n", e.getKey(), e.getValue());
    }
    out.flush();
  }

  /**
   * Prints the smallest and the largest {@code count} of ascending eigenvalues ev (not modified)
   * on two lines, or all of them on one line when there are at most 2·count.
   */
  static void printExtremes(PrintWriter out, double[] ev, int count) {
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
      sb.append(i == from ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.10g", v[i]));
    }
    return sb.toString();
  }
}
