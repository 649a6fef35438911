package dev.basin.claims;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where finished claim results are kept between runs (spec CLAIM-RUN resume): a result is reused
 * when it was stored under the same fingerprint and did not fail. The report layer stores them as
 * JSON files; {@link #NONE} keeps nothing.
 */
public interface ResultStore {

  /** Keeps nothing, reuses nothing. */
  ResultStore NONE = new ResultStore() {
    @Override
    public @Nullable ClaimResult reuse(ClaimInfo info, String fingerprint) {
      return null;
    }

    @Override
    public void save(ClaimResult result, String fingerprint) {}
  };

  /** The stored result of this claim under this fingerprint, or null (none, failed, unreadable). */
  @Nullable ClaimResult reuse(ClaimInfo info, String fingerprint);

  /** Stores a result (written at once, so an interrupted run keeps it). */
  void save(ClaimResult result, String fingerprint);
}
