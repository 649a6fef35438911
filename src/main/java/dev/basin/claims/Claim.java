package dev.basin.claims;

/**
 * One claim of a source paper as an executable experiment (spec/claims.md): fixed metadata
 * (including every registered version of its criterion, spec CLAIM-CRITERIA) and a run that
 * measures and is judged under each version.
 */
public interface Claim {

  /** The claim's metadata; constant. */
  ClaimInfo info();

  /**
   * Runs the experiment.
   *
   * @param ctx seed, mode (quick/full), data, output directory
   * @return the result with one judgement per criterion version (not FAILED: failures are thrown and recorded by
   *     the runner)
   * @throws Exception any failure, reported as a FAILED result with its message
   */
  ClaimResult run(ClaimContext ctx) throws Exception;
}
