package dev.basin.claims;

import dev.basin.data.RealData;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The data a reproduction runs on: basin's built-in synthetic generators (each claim makes the
 * synthetic data its experiment needs, described in its notes), or one real labelled data set with
 * a train/test split. Claims that are about a construction rather than data (the Dinh toy, the
 * rank-1 identity, multi-index models) always use their own synthetic setting and say so.
 *
 * @param key short name for fingerprints and reports ("synthetic", "digits", a path)
 * @param split the real data, or null for synthetic
 */
public record DataChoice(String key, RealData.@Nullable Split split) {

  /** The built-in synthetic data. */
  public static DataChoice synthetic() {
    return new DataChoice("synthetic", null);
  }

  /** Whether the claims make their own synthetic data. */
  public boolean isSynthetic() {
    return split == null;
  }

  /** How the data was made, for the report. */
  public String describe() {
    RealData.Split s = split;
    return s == null ? "built-in synthetic data (each claim states its generator and seed)" : s.description();
  }
}
