package dev.basin.report;

import dev.basin.golden.Scorer;
import dev.basin.golden.SuiteFiles;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The renderings of a {@code basin check} result (spec GOLDEN-REPORT): the terminal table, the JSON
 * report and the self-contained HTML report (inline CSS, no scripts). Only renders: every number
 * and verdict comes from {@link Scorer}.
 */
public final class CheckReport {

  private CheckReport() {}

  /** The verdict of a row: pass, FAIL, or FAIL where the precision's model cannot hold. */
  static String verdict(Scorer.Row r) {
    if (r.pass()) {
      return "pass";
    }
    return r.violations().isEmpty() ? "FAIL" : "FAIL (expected: " + r.precision() + " model does not hold)";
  }

  /** "1.3e+05" for a score, "inf" for the cap (a non-finite answer or a zero tolerance). */
  static String score(double s) {
    return s == Double.MAX_VALUE ? "inf" : String.format(Locale.ROOT, "%.3g", s);
  }

  /** One summary line. */
  public static String summary(Scorer.Result r) {
    long expected = r.failed() - r.unexpectedFailures();
    return r.rows().size() + " answers: " + r.passed() + " pass, " + r.failed() + " fail" + (r.failed() > 0
        ? " (" + r.unexpectedFailures() + " where the tolerance's model holds, " + expected + " where it does not)" : "")
        + "; " + r.notAnswered().size() + " quantities not answered";
  }

  /** The table: case, quantity, policy, score (error in units of its tolerance), worst component, relative error, verdict. */
  public static void printTable(PrintWriter out, Scorer.Result r) {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"case", "quantity", "policy", "error/tol", "at", "rel.error", "verdict"});
    for (Scorer.Row row : r.rows()) {
      lines.add(new String[] {row.caseId(), row.quantity(), row.policy(), score(row.score()),
          row.components() > 1 ? String.valueOf(row.worst()) : "-", String.format(Locale.ROOT, "%.2g", row.relativeError()),
          verdict(row)});
    }
    int[] w = new int[lines.get(0).length];
    for (String[] l : lines) {
      for (int i = 0; i < l.length; i++) {
        w[i] = Math.max(w[i], l[i].length());
      }
    }
    for (String[] l : lines) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < l.length; i++) {
        b.append(i == 0 ? "" : "  ").append(i == l.length - 1 ? l[i] : pad(l[i], w[i]));
      }
      out.println(b);
    }
    out.println();
    out.println(summary(r));
    out.flush();
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(w - s.length());
  }

  /** The JSON report (a tree of maps and lists; every number finite). */
  public static Map<String, Object> json(Scorer.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", SuiteFiles.REPORT_FORMAT);
    m.put("suite", r.suite());
    m.put("preset", r.preset());
    m.put("tool", r.tool());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("answers", r.rows().size());
    s.put("passed", r.passed());
    s.put("failed", r.failed());
    s.put("failed_where_the_model_holds", r.unexpectedFailures());
    s.put("not_answered", r.notAnswered().size());
    s.put("text", summary(r));
    m.put("summary", s);
    List<Object> rows = new ArrayList<>();
    for (Scorer.Row row : r.rows()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("case", row.caseId());
      x.put("quantity", row.quantity());
      x.put("precision", row.precision());
      x.put("policy", row.policy());
      x.put("pass", row.pass());
      x.put("score", row.score());
      x.put("score_capped", row.score() == Double.MAX_VALUE);
      x.put("components", row.components());
      x.put("worst_component", row.worst());
      x.put("answer", Double.isFinite(row.answer()) ? row.answer() : String.valueOf(row.answer()).toLowerCase(Locale.ROOT));
      x.put("value", row.value());
      x.put("lo", row.lo());
      x.put("hi", row.hi());
      x.put("tolerance", row.tolerance());
      x.put("relative_error", row.relativeError());
      x.put("model_violations", row.violations());
      if (!row.note().isEmpty()) {
        x.put("note", row.note());
      }
      rows.add(x);
    }
    m.put("rows", rows);
    m.put("not_answered", r.notAnswered());
    return m;
  }

  /** The self-contained HTML report. */
  public static String html(Scorer.Result r) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>basin check</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;font-size:0.9em}")
        .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}td.n{text-align:right;font-family:monospace}")
        .append(".pass{background:#e6f4e6}.fail{background:#fbe3e3}.expected{background:#fff3d6}")
        .append(".meta{color:#555}\n</style></head><body>\n<h1>basin check</h1>\n<p class=\"meta\">Suite ")
        .append(HtmlReport.esc(r.suite())).append(" (preset ").append(HtmlReport.esc(r.preset())).append(") · tool ")
        .append(HtmlReport.esc(r.tool().isEmpty() ? "(unnamed)" : r.tool())).append("</p>\n<p><b>")
        .append(HtmlReport.esc(summary(r))).append("</b></p>\n<p class=\"meta\">error/tol: the distance of the worst")
        .append(" component from basin's certified enclosure [lo, hi], in units of its tolerance (spec GOLDEN-TOL);")
        .append(" an answer passes at &le; 1. Yellow: a failure where the precision's rounding model cannot hold")
        .append(" (listed per case in the suite's manifest).</p>\n<table>\n<tr><th>case</th><th>quantity</th>")
        .append("<th>policy</th><th>error/tol</th><th>component</th><th>answer</th><th>basin [lo, hi]</th>")
        .append("<th>tolerance</th><th>rel. error</th><th>verdict</th></tr>\n");
    for (Scorer.Row row : r.rows()) {
      String cls = row.pass() ? "pass" : row.violations().isEmpty() ? "fail" : "expected";
      h.append("<tr class=\"").append(cls).append("\"><td>").append(HtmlReport.esc(row.caseId())).append("</td><td>")
          .append(HtmlReport.esc(row.quantity())).append("</td><td>").append(HtmlReport.esc(row.policy()))
          .append("</td><td class=\"n\">").append(score(row.score())).append("</td><td class=\"n\">")
          .append(row.components() > 1 ? row.worst() + " of " + row.components() : "-").append("</td><td class=\"n\">")
          .append(num(row.answer())).append("</td><td class=\"n\">").append(num(row.value())).append(" [")
          .append(num(row.lo())).append(", ").append(num(row.hi())).append("]</td><td class=\"n\">")
          .append(num(row.tolerance())).append("</td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%.2g", row.relativeError())).append("</td><td>")
          .append(HtmlReport.esc(verdict(row) + (row.violations().isEmpty() ? "" : ": " + String.join("; ",
              row.violations())) + (row.note().isEmpty() ? "" : " (" + row.note() + ")"))).append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (!r.notAnswered().isEmpty()) {
      h.append("<p class=\"meta\">Not answered (").append(r.notAnswered().size()).append("): ")
          .append(HtmlReport.esc(String.join(", ", r.notAnswered()))).append("</p>\n");
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  private static String num(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.10g", x) : String.valueOf(x);
  }
}
