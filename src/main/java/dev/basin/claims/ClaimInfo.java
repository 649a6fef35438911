package dev.basin.claims;

import java.util.List;

/**
 * What a claim is (spec/claims.md): its ID, the paper and section it comes from, the claim in
 * words, the exact quantity measured, the provenance of the expectation, and every version of its
 * criterion from the registry (spec CLAIM-CRITERIA), the last being the current one.
 *
 * @param id the spec ID, e.g. CLAIM-DINH-TOY
 * @param paper the source paper (authors, year) and section
 * @param statement the claim in words
 * @param measured the exact quantity measured
 * @param provenance where the expectation comes from (verified / derived / reconstructed / standard; spec IDs)
 * @param weight expected relative cost, for the progress bar's ETA
 * @param criteria every criterion version, oldest first (at least one)
 */
public record ClaimInfo(String id, String paper, String statement, String measured, String provenance, double weight,
    List<CriterionVersion> criteria) {

  /** Copies the versions; refuses none. */
  public ClaimInfo {
    criteria = List.copyOf(criteria);
    if (criteria.isEmpty()) {
      throw new IllegalArgumentException(id + ": a claim needs at least one criterion version");
    }
  }

  /** A catalogue claim: its criteria come from the packaged registry. */
  static ClaimInfo of(String id, String paper, String statement, String measured, String provenance, double weight) {
    return new ClaimInfo(id, paper, statement, measured, provenance, weight, CriterionRegistry.standard().versions(id));
  }

  /** The current criterion version (the last). */
  public CriterionVersion current() {
    return criteria.get(criteria.size() - 1);
  }

  /** The current criterion's text. */
  public String criterion() {
    return current().text();
  }
}
