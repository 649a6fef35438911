package dev.basin.cli;

import dev.basin.base.Findings;
import dev.basin.report.CommandReport;
import dev.basin.report.ReportJson;
import dev.basin.report.Terminal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The end of every command (spec REPORT-JSON, REPORT-TERMINAL): the results, already computed
 * and checked by the result model, are written as JSON (when asked) and printed one line each.
 * The report's options are the command's options as picocli parsed them, defaults included.
 */
final class Output {

  /** The option that names the JSON report. */
  static final String JSON = "--json";

  private Output() {}

  /** Writes the JSON report to json (if not null; atomically) and prints the findings on the command's stdout. */
  static void emit(CommandSpec spec, @Nullable Path json, Findings results) {
    if (json != null) {
      ReportJson.write(json, report(spec, results));
    }
    Terminal.print(spec.commandLine().getOut(), results);
  }

  /** The command's report: its qualified name, its options and the results. */
  static CommandReport report(CommandSpec spec, Findings results) {
    return new CommandReport(spec.qualifiedName(), options(spec), results);
  }

  /**
   * Every option that has a value, by its longest name; left out: help and version switches, and
   * --json itself (where the report goes is not part of it, so the same inputs give byte-identical
   * reports wherever they are written).
   */
  static Map<String, Object> options(CommandSpec spec) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (OptionSpec o : spec.options()) {
      Object v = o.getValue();
      if (o.usageHelp() || o.versionHelp() || v == null || o.longestName().equals(JSON)) {
        continue;
      }
      out.put(o.longestName(), v instanceof List<?> l ? plainList(l) : plain(v));
    }
    return out;
  }

  private static List<Object> plainList(List<?> l) {
    List<Object> out = new java.util.ArrayList<>();
    for (Object x : l) {
      out.add(x == null ? "" : plain(x));
    }
    return out;
  }

  private static Object plain(Object v) {
    return v instanceof Number || v instanceof Boolean ? v : String.valueOf(v);
  }
}
