package dev.basin.claims;

import dev.basin.base.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The claim catalogue of spec/claims.md, in report order. */
public final class Catalog {

  private Catalog() {}

  /** Every claim, in the order of spec/claims.md. */
  public static List<Claim> all() {
    return List.of(new DinhToyClaim(), new DinhRescaleClaim(), new WuInputGradClaim(), new WuAttackClaim(), new WuRandomInitClaim(), new ZhangRandomClaim(), new DrPacBayesClaim(), new LeeRank1Claim(), new LeeBatchesClaim(), new ImaizumiStayClaim(), new ImaizumiWidthClaim(), new KeskarLbClaim(), new VardhanFlatClaim(), new SweepWuClaim());
  }

  /** The claims whose IDs are listed (comma-separated; the CLAIM- prefix may be omitted), or all for an empty list. */
  public static List<Claim> select(String ids) {
    List<Claim> all = all();
    if (ids.isBlank()) {
      return all;
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String s : ids.split(",")) {
      String id = s.trim().toUpperCase(Locale.ROOT);
      if (!id.isEmpty()) {
        wanted.add(id.startsWith("CLAIM-") ? id : "CLAIM-" + id);
      }
    }
    List<Claim> out = new ArrayList<>();
    for (Claim c : all) {
      if (wanted.remove(c.info().id())) {
        out.add(c);
      }
    }
    if (!wanted.isEmpty()) {
      StringBuilder known = new StringBuilder();
      for (Claim c : all) {
        known.append(known.length() == 0 ? "" : ", ").append(c.info().id());
      }
      throw new InvalidInputException("--claims", "unknown " + wanted + "; known: " + known);
    }
    return out;
  }
}
