package dev.basin.report;

import dev.basin.base.Findings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one command reports (spec REPORT-JSON): its name ("basin measure"), the options it ran with
 * (as parsed, defaults included: what was asked) and its results.
 *
 * @param command the command line's command, e.g. "basin hessian"
 * @param options option name (with its dashes) to value: numbers, booleans, strings or lists of them
 * @param results the findings
 */
public record CommandReport(String command, Map<String, Object> options, Findings results) {

  /** Copies the options. */
  public CommandReport {
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }
}
