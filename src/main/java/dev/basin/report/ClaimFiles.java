package dev.basin.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.claims.ClaimInfo;
import dev.basin.claims.ClaimResult;
import dev.basin.claims.ResultStore;
import dev.basin.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The resume store of spec CLAIM-RUN: DIR/claims/ID.json holds a claim's result under its
 * fingerprint, written as soon as the claim finishes.
 */
public final class ClaimFiles implements ResultStore {

  private final Path dir;

  /** Results under DIR/claims/. */
  public ClaimFiles(Path reportDir) {
    this.dir = reportDir.resolve("claims");
  }

  @Override
  public @Nullable ClaimResult reuse(ClaimInfo info, String fingerprint) {
    Path file = dir.resolve(info.id() + ".json");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonNode node = Json.read(file);
      if (!fingerprint.equals(node.path("fingerprint").asText())) {
        return null;
      }
      return ClaimJson.fromJson(info, node.path("result"));
    } catch (Exception e) { // an unreadable previous result is simply recomputed
      return null;
    }
  }

  @Override
  public void save(ClaimResult result, String fingerprint) {
    Map<String, @Nullable Object> saved = new LinkedHashMap<>();
    saved.put("fingerprint", fingerprint);
    saved.put("result", ClaimJson.toMap(result));
    Json.write(dir.resolve(result.info().id() + ".json"), saved);
  }
}
