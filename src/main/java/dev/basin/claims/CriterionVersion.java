package dev.basin.claims;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One frozen version of a claim's criterion (spec CLAIM-CRITERIA): its text, the constants its
 * decision uses, when and by which commit it was written, whether that was before the experiment
 * had produced results, why it replaced the previous version, and its content hash. Immutable.
 *
 * @param claimId the claim's spec ID
 * @param version 1, 2, … (1 is the criterion of commit aea88be, written before any claim ran)
 * @param date ISO date the version was written
 * @param commit the commit that wrote it ("issue 16" for versions written with that issue)
 * @param inAdvance "yes" (written before any result of the claim existed), "no", or "unknown"
 * @param text the criterion, verbatim (whitespace collapsed)
 * @param context the claim's whole catalogue entry when the version was written (history versions),
 *     or ""
 * @param constants the numbers and lists the decision reads, as written in the registry
 * @param reason why this version replaced the previous one (for version 1: that it is the original)
 * @param sha256 the stored content hash ({@link #hash})
 */
public record CriterionVersion(String claimId, int version, String date, String commit, String inAdvance, String text,
    String context, Map<String, String> constants, String reason, String sha256) {

  /** Copies the constants (in key order). */
  public CriterionVersion {
    constants = Map.copyOf(new TreeMap<>(constants));
  }

  /** A numeric constant; a missing or non-numeric one is a bug in the registry or the claim. */
  public double number(String key) {
    return Double.parseDouble(value(key));
  }

  /** An integer constant. */
  public int integer(String key) {
    return Integer.parseInt(value(key));
  }

  /** A comma-separated list constant. */
  public List<String> list(String key) {
    List<String> out = new ArrayList<>();
    for (String s : value(key).split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return List.copyOf(out);
  }

  private String value(String key) {
    String v = constants.get(key);
    if (v == null) {
      throw new IllegalStateException(claimId + " v" + version + ": the registry has no constant '" + key + "'");
    }
    return v;
  }

  /** The hash of this version's content, computed now. */
  public String computedHash() {
    return hash(text, context, constants);
  }

  /** A label such as "v2". */
  public String label() {
    return "v" + version;
  }

  /**
   * The content hash of spec CLAIM-CRITERIA: SHA-256 of the UTF-8 bytes of "text\n" + text +
   * "\ncontext\n" + context + "\nconstants\n" + "key=value\n" per constant in key order, as hex.
   */
  public static String hash(String text, String context, Map<String, String> constants) {
    StringBuilder s = new StringBuilder("text\n").append(text).append("\ncontext\n").append(context).append("\nconstants\n");
    for (Map.Entry<String, String> e : new TreeMap<>(constants).entrySet()) {
      s.append(e.getKey()).append('=').append(e.getValue()).append('\n');
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
