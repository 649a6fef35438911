package dev.basin.claims;

import dev.basin.base.Plot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What one claim's experiment produced (spec CLAIM-REPORTING): one judgement per criterion version
 * (the last is the current verdict), the numbers, the plots (as data), notes (settings, caveats),
 * artifacts (relative paths of saved nets), and the error if it failed. Contains nothing
 * run-dependent (no timings), so the same seed gives the same result.
 *
 * @param info the claim
 * @param judgements one per criterion version of {@code info}, in version order
 * @param numbers the reported numbers
 * @param plots the plots
 * @param notes settings and caveats
 * @param artifacts file name → path relative to the report directory
 * @param error the failure, or null
 */
public record ClaimResult(ClaimInfo info, List<Judgement> judgements, List<Measurement> numbers, List<Plot> plots,
    List<String> notes, Map<String, String> artifacts, @Nullable String error) {

  /** Copies the lists; one judgement per criterion version. */
  public ClaimResult {
    judgements = List.copyOf(judgements);
    numbers = List.copyOf(numbers);
    plots = List.copyOf(plots);
    notes = List.copyOf(notes);
    artifacts = Map.copyOf(artifacts);
    if (judgements.size() != info.criteria().size()) {
      throw new IllegalArgumentException(info.id() + ": " + judgements.size() + " judgements for " + info.criteria().size()
          + " criterion versions");
    }
  }

  /**
   * A finished experiment judged by every criterion version: {@code judge} applies one version's
   * rule to the experiment's measurements.
   */
  static ClaimResult judged(ClaimInfo info, Function<CriterionVersion, Decision> judge, List<Measurement> numbers,
      List<Plot> plots, List<String> notes, Map<String, String> artifacts) {
    List<Judgement> js = new ArrayList<>();
    for (CriterionVersion v : info.criteria()) {
      Decision d = judge.apply(v);
      js.add(new Judgement(v.version(), d.verdict(), d.reason()));
    }
    return new ClaimResult(info, js, numbers, plots, notes, artifacts, null);
  }

  /** A failed experiment: the error is reported under every version, never dropped. */
  public static ClaimResult failed(ClaimInfo info, Throwable t) {
    String msg = t.getClass().getSimpleName() + ": " + t.getMessage();
    List<Judgement> js = new ArrayList<>();
    for (CriterionVersion v : info.criteria()) {
      js.add(new Judgement(v.version(), Verdict.FAILED, "the experiment did not finish"));
    }
    return new ClaimResult(info, js, List.of(), List.of(), List.of(), Map.of(), msg);
  }

  /** The judgement under the current criterion. */
  public Judgement current() {
    return judgements.get(judgements.size() - 1);
  }

  /** The verdict under the current criterion. */
  public Verdict verdict() {
    return current().verdict();
  }

  /** The reason of the current verdict. */
  public String reason() {
    return current().reason();
  }

  /** The judgement under the first criterion version (written before the experiments existed). */
  public Judgement first() {
    return judgements.get(0);
  }
}
