package dev.basin.claims;

/**
 * What a claim is, fixed before anything runs (spec/claims.md): its ID, the paper and section it
 * comes from, the claim in words, the exact quantity measured, the pass criterion, and the
 * provenance of the expectation.
 *
 * @param id the spec ID, e.g. CLAIM-DINH-TOY
 * @param paper the source paper (authors, year) and section
 * @param statement the claim in words
 * @param measured the exact quantity measured
 * @param criterion the verdict rule, stated in advance
 * @param provenance where the expectation comes from (verified / derived / reconstructed; spec IDs)
 * @param weight expected relative cost, for the progress bar's ETA
 */
public record ClaimInfo(String id, String paper, String statement, String measured, String criterion,
    String provenance, double weight) {}
