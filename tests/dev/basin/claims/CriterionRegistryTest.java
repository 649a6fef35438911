package dev.basin.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The criterion registry of spec CLAIM-CRITERIA is frozen: its hashes match its contents, the lock
 * lists every version, spec/claims.md states each claim's current version verbatim, and every
 * claim reads its criteria from it. Edited copies of the files show that each kind of unversioned
 * edit is caught, and that a properly appended version passes.
 */
class CriterionRegistryTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String read(String path) throws Exception {
    return Files.readString(Path.of(path));
  }

  private static List<String> catalogue() {
    List<String> ids = new ArrayList<>();
    for (Claim c : Catalog.all()) {
      ids.add(c.info().id());
    }
    return ids;
  }

  private static List<String> problems(String json, String lock, String md) {
    return CriteriaLedger.problems(json, lock, md, catalogue());
  }

  @Test
  void theFilesAgree() throws Exception {
    List<String> p = problems(read("spec/claims-criteria.json"), read("spec/claims-criteria.lock"), read("spec/claims.md"));
    assertEquals(List.of(), p);
  }

  @Test
  void thePackagedRegistryIsTheSpecFileAndEveryClaimReadsIt() throws Exception {
    CriterionRegistry file = CriterionRegistry.parse(read("spec/claims-criteria.json"));
    for (Claim c : Catalog.all()) {
      assertEquals(file.versions(c.info().id()), CriterionRegistry.standard().versions(c.info().id()));
      assertEquals(file.versions(c.info().id()), c.info().criteria(), c.info().id());
    }
  }

  @Test
  void versionOneIsTheOriginalCriterion() throws Exception {
    // the aea88be texts were copied from `git show aea88be:spec/claims.md`; two are quoted here
    CriterionRegistry r = CriterionRegistry.parse(read("spec/claims-criteria.json"));
    for (String id : r.ids()) {
      CriterionVersion v1 = r.versions(id).get(0);
      // the one claim added after the original catalogue has its own first commit (issue 21)
      assertEquals(id.equals("CLAIM-SWEEP-WU") ? "653db11" : "aea88be", v1.commit(), id);
      assertEquals("yes", v1.inAdvance(), id);
    }
    assertTrue(r.versions("CLAIM-VARDHAN-FLAT").get(0).text().endsWith(
        "at noise 0 the flat interpolator's test MSE is below 0.1·Var(y)."));
    assertTrue(r.versions("CLAIM-WU-RANDOM-INIT").get(0).text().equals(
        "the Clopper–Pearson lower end of the fraction exceeds 0.5."));
  }

  /** The registry JSON with one version changed. */
  private static String edit(String json, String id, int version, java.util.function.Consumer<ObjectNode> change) throws Exception {
    JsonNode root = JSON.readTree(json);
    for (JsonNode c : root.path("claims")) {
      if (c.path("id").asText().equals(id)) {
        change.accept((ObjectNode) c.path("versions").get(version - 1));
      }
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private static boolean mentions(List<String> problems, String what) {
    return problems.stream().anyMatch((Predicate<String>) p -> p.contains(what));
  }

  @Test
  void anEditOfTheCriterionInSpecClaimsMdAloneIsCaught() throws Exception {
    String json = read("spec/claims-criteria.json");
    String lock = read("spec/claims-criteria.lock");
    String md = read("spec/claims.md");
    // what 3579da2 did: loosen a threshold in the text
    String edited = md.replace("0.1·Var(y), with Var(y)", "0.3·Var(y), with Var(y)");
    assertTrue(!edited.equals(md), "the edit applies");
    List<String> p = problems(json, lock, edited);
    assertTrue(mentions(p, "CLAIM-VARDHAN-FLAT: the criterion in spec/claims.md differs"), p.toString());
  }

  @Test
  void anEditOfARegisteredTextOrConstantIsCaughtByItsHash() throws Exception {
    String json = read("spec/claims-criteria.json");
    String lock = read("spec/claims-criteria.lock");
    String md = read("spec/claims.md");
    String text = edit(json, "CLAIM-WU-RANDOM-INIT", 1, v -> v.put("text", "the Clopper–Pearson lower end of the fraction exceeds 0.3."));
    assertTrue(mentions(problems(text, lock, md), "CLAIM-WU-RANDOM-INIT v1: its content does not match its sha256"));
    String constant = edit(json, "CLAIM-LEE-BATCHES", 4, v -> ((ObjectNode) v.path("constants")).put("gradient_ratio", "0.5"));
    assertTrue(mentions(problems(constant, lock, md), "CLAIM-LEE-BATCHES v4: its content does not match its sha256"));
  }

  @Test
  void anEditWithARecomputedHashIsCaughtByTheLock() throws Exception {
    String json = read("spec/claims-criteria.json");
    String lock = read("spec/claims-criteria.lock");
    String md = read("spec/claims.md");
    String rehashed = edit(json, "CLAIM-KESKAR-LB", 1, v -> {
      v.put("text", "in most runs LB sharpness > SB sharpness.");
      v.put("sha256", CriterionVersion.hash(v.path("text").asText(), v.path("context").asText(), constants(v)));
    });
    List<String> p = problems(rehashed, lock, md);
    assertTrue(mentions(p, "CLAIM-KESKAR-LB v1: the registry's hash differs from the lock's"), p.toString());
    String removed = edit(json, "CLAIM-KESKAR-LB", 1, v -> { });
    JsonNode root = JSON.readTree(removed);
    for (JsonNode c : root.path("claims")) {
      if (c.path("id").asText().equals("CLAIM-KESKAR-LB")) {
        ((ArrayNode) c.path("versions")).remove(1);
      }
    }
    List<String> q = problems(JSON.writeValueAsString(root), lock, md);
    assertTrue(mentions(q, "CLAIM-KESKAR-LB v2 is in the lock but no longer in the registry"), q.toString());
  }

  @Test
  void aProperlyAppendedVersionPasses() throws Exception {
    String json = read("spec/claims-criteria.json");
    String lock = read("spec/claims-criteria.lock");
    String md = read("spec/claims.md");
    String text = "sign test: LB sharper than SB in all R runs with R ≥ 8: REPRODUCED; in fewer than half: NOT_REPRODUCED; "
        + "else INCONCLUSIVE.";
    Map<String, String> constants = Map.of("sign_test_level", "0.01");
    String hash = CriterionVersion.hash(text, "", constants);
    JsonNode root = JSON.readTree(json);
    for (JsonNode c : root.path("claims")) {
      if (c.path("id").asText().equals("CLAIM-KESKAR-LB")) {
        ObjectNode v = ((ArrayNode) c.path("versions")).addObject();
        v.put("version", 3).put("date", "2099-01-01").put("commit", "test").put("in_advance", "no").put("text", text)
            .put("context", "").put("reason", "a stricter level, for this test").put("sha256", hash);
        v.putObject("constants").put("sign_test_level", "0.01");
      }
    }
    String newJson = JSON.writeValueAsString(root);
    String newLock = lock + "CLAIM-KESKAR-LB v3 " + hash + "\n";
    String newMd = md.replace("Criterion (v2): sign test: LB sharper than SB in all R runs: REPRODUCED; in fewer than half:\n"
        + "NOT_REPRODUCED; else INCONCLUSIVE.", "Criterion (v3): " + text)
        .replace("| CLAIM-KESKAR-LB | v1, v2 |", "| CLAIM-KESKAR-LB | v1, v2, v3 |");
    assertTrue(!newMd.equals(md));
    assertEquals(List.of(), problems(newJson, newLock, newMd));
    // the same text without the lock line, or without the spec change, is not accepted
    assertTrue(mentions(problems(newJson, lock, newMd), "CLAIM-KESKAR-LB v3 is not in the lock"));
    assertTrue(mentions(problems(newJson, newLock, md), "CLAIM-KESKAR-LB: spec/claims.md labels its criterion v2"));
  }

  private static Map<String, String> constants(JsonNode v) {
    Map<String, String> m = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : v.path("constants").properties()) {
      m.put(e.getKey(), e.getValue().asText());
    }
    return m;
  }
}
