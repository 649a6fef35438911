package dev.basin.claims;

import dev.basin.report.Plot;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What one claim's experiment produced (spec CLAIM-REPORTING): the verdict with its reason, the
 * numbers, the plots (as data), notes (settings, caveats), artifacts (relative paths of saved
 * nets and data), and the error if it failed. Contains nothing run-dependent (no timings), so the
 * same seed gives the same result.
 */
public record ClaimResult(ClaimInfo info, Verdict verdict, String reason, List<Measurement> numbers, List<Plot> plots,
    List<String> notes, Map<String, String> artifacts, @Nullable String error) {

  /** A failed experiment: the error is reported, never dropped. */
  public static ClaimResult failed(ClaimInfo info, Throwable t) {
    String msg = t.getClass().getSimpleName() + ": " + t.getMessage();
    return new ClaimResult(info, Verdict.FAILED, "the experiment did not finish", List.of(), List.of(), List.of(),
        Map.of(), msg);
  }
}
