package dev.basin.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.base.Plot;
import dev.basin.claims.ClaimInfo;
import dev.basin.claims.ClaimResult;
import dev.basin.claims.CriterionVersion;
import dev.basin.claims.Judgement;
import dev.basin.claims.Measurement;
import dev.basin.claims.Verdict;
import dev.basin.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One claim's result as JSON (spec CLAIM-REPORTING): the claim, its current criterion and the
 * verdict under it, then one entry per criterion version (its text, date, commit, whether it was
 * written before results existed, the reason for the revision, and its verdict), the numbers (as
 * {@link ReportJson#reported}), plots, notes, artifacts and error. Read back for resume.
 */
public final class ClaimJson {

  private ClaimJson() {}

  /** The result as an ordered map (deterministic field order). */
  public static Map<String, @Nullable Object> toMap(ClaimResult r) {
    ClaimInfo info = r.info();
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", info.id());
    m.put("paper", info.paper());
    m.put("statement", info.statement());
    m.put("measured", info.measured());
    m.put("provenance", info.provenance());
    m.put("criterion_version", info.current().version());
    m.put("criterion", info.criterion());
    m.put("verdict", label(r.verdict()));
    m.put("reason", r.reason());
    m.put("verdict_first_version", label(r.first().verdict()));
    List<Object> versions = new ArrayList<>();
    for (int i = 0; i < info.criteria().size(); i++) {
      CriterionVersion v = info.criteria().get(i);
      Judgement j = r.judgements().get(i);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("version", v.version());
      e.put("date", v.date());
      e.put("commit", v.commit());
      e.put("in_advance", v.inAdvance());
      e.put("criterion", v.text());
      e.put("revision_reason", v.reason());
      e.put("sha256", v.sha256());
      e.put("verdict", label(j.verdict()));
      e.put("reason", j.reason());
      versions.add(e);
    }
    m.put("versions", versions);
    List<Object> numbers = new ArrayList<>();
    for (Measurement x : r.numbers()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", x.name());
      ReportJson.reported(x.value()).properties().forEach(f -> e.put(f.getKey(), f.getValue()));
      numbers.add(e);
    }
    m.put("numbers", numbers);
    m.put("plots", r.plots());
    m.put("notes", r.notes());
    m.put("artifacts", new java.util.TreeMap<>(r.artifacts()));
    m.put("error", r.error());
    return m;
  }

  /**
   * The result stored by {@link #toMap} for this claim (its metadata and criteria are the live
   * ones: the resume fingerprint guarantees they are the ones judged).
   */
  public static ClaimResult fromJson(ClaimInfo info, JsonNode n) throws Exception {
    List<Judgement> js = new ArrayList<>();
    for (JsonNode v : n.path("versions")) {
      js.add(new Judgement(v.path("version").asInt(), verdict(v.path("verdict").asText()), v.path("reason").asText()));
    }
    List<Measurement> numbers = new ArrayList<>();
    for (JsonNode x : n.path("numbers")) {
      numbers.add(new Measurement(x.path("name").asText(), ReportJson.fromJson(x)));
    }
    List<Plot> plots = new ArrayList<>();
    for (JsonNode p : n.path("plots")) {
      plots.add(Json.mapper().treeToValue(p, Plot.class));
    }
    List<String> notes = new ArrayList<>();
    for (JsonNode x : n.path("notes")) {
      notes.add(x.asText());
    }
    Map<String, String> artifacts = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.path("artifacts").properties()) {
      artifacts.put(e.getKey(), e.getValue().asText());
    }
    JsonNode err = n.path("error");
    return new ClaimResult(info, js, numbers, plots, notes, artifacts, err.isNull() || err.isMissingNode() ? null : err.asText());
  }

  /** "reproduced", "not_reproduced", "inconclusive", "failed". */
  public static String label(Verdict v) {
    return v.name().toLowerCase(Locale.ROOT);
  }

  private static Verdict verdict(String label) {
    return Verdict.valueOf(label.toUpperCase(Locale.ROOT));
  }
}
