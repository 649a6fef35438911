package dev.basin.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claim-criterion registry (spec CLAIM-CRITERIA): spec/claims-criteria.json, packaged as a
 * resource, with every version of every claim's criterion. Claims read their criterion texts and
 * constants from here, so the code cannot drift from the registered text; every version is judged.
 * Immutable.
 */
public final class CriterionRegistry {

  /** Where the build puts spec/claims-criteria.json on the class path. */
  static final String RESOURCE = "/dev/basin/claims/claims-criteria.json";

  private static final class Holder {
    static final CriterionRegistry STANDARD = loadStandard();
  }

  private final Map<String, List<CriterionVersion>> byId;

  private CriterionRegistry(Map<String, List<CriterionVersion>> byId) {
    this.byId = byId;
  }

  /** The packaged registry; its hashes and version numbering are checked once, on first use. */
  public static CriterionRegistry standard() {
    return Holder.STANDARD;
  }

  private static CriterionRegistry loadStandard() {
    try (InputStream in = CriterionRegistry.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the build did not package " + RESOURCE + " (spec/claims-criteria.json)");
      }
      CriterionRegistry r = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      List<String> bad = r.problems();
      if (!bad.isEmpty()) {
        throw new IllegalStateException("spec/claims-criteria.json is inconsistent: " + String.join("; ", bad));
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A registry from its JSON text (not checked: see {@link #problems}). */
  public static CriterionRegistry parse(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("claim-criterion registry: not JSON: " + e.getMessage(), e);
    }
    Map<String, List<CriterionVersion>> byId = new LinkedHashMap<>();
    for (JsonNode claim : root.path("claims")) {
      String id = claim.path("id").asText();
      List<CriterionVersion> versions = new ArrayList<>();
      for (JsonNode v : claim.path("versions")) {
        Map<String, String> constants = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.path("constants").properties()) {
          constants.put(e.getKey(), e.getValue().asText());
        }
        versions.add(new CriterionVersion(id, v.path("version").asInt(), v.path("date").asText(), v.path("commit").asText(),
            v.path("in_advance").asText(), v.path("text").asText(), v.path("context").asText(), constants,
            v.path("reason").asText(), v.path("sha256").asText()));
      }
      if (byId.put(id, List.copyOf(versions)) != null) {
        throw new IllegalArgumentException("claim-criterion registry: " + id + " is listed twice");
      }
    }
    return new CriterionRegistry(Collections.unmodifiableMap(byId));
  }

  /** The claims with criteria, in registry order. */
  public List<String> ids() {
    return List.copyOf(byId.keySet());
  }

  /** Every version of a claim's criterion, oldest first (the last is the current one). */
  public List<CriterionVersion> versions(String claimId) {
    List<CriterionVersion> v = byId.get(claimId);
    if (v == null || v.isEmpty()) {
      throw new IllegalStateException("spec/claims-criteria.json has no criterion for " + claimId);
    }
    return v;
  }

  /**
   * What is wrong with the registry: a stored hash that does not match its version's content (an
   * edit without a new version), versions not numbered 1, 2, …, dates going backwards, an empty
   * text or reason, an unknown in_advance value. Empty when it is consistent.
   */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<CriterionVersion>> e : byId.entrySet()) {
      String prevDate = "";
      int expected = 1;
      for (CriterionVersion v : e.getValue()) {
        String where = e.getKey() + " " + v.label();
        if (v.version() != expected) {
          out.add(where + ": versions must be numbered 1, 2, … in order (expected v" + expected + ")");
        }
        expected = v.version() + 1;
        if (v.text().isBlank() || v.reason().isBlank()) {
          out.add(where + ": empty text or reason");
        }
        if (!Set.of("yes", "no", "unknown").contains(v.inAdvance())) {
          out.add(where + ": in_advance must be yes, no or unknown, not '" + v.inAdvance() + "'");
        }
        if (v.date().compareTo(prevDate) < 0) {
          out.add(where + ": dated " + v.date() + ", before the previous version (" + prevDate + ")");
        }
        prevDate = v.date();
        String h = v.computedHash();
        if (!h.equals(v.sha256())) {
          out.add(where + ": its content does not match its sha256 (a registered criterion was edited; add a new version "
              + "instead). The content now hashes to " + h);
        }
      }
    }
    return out;
  }
}
