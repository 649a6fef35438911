package dev.basin.bounds;

import dev.basin.base.InvalidInputException;

/** Argument checks of the bound formulas (InvalidInputException naming the input). */
final class BoundChecks {

  private BoundChecks() {}

  /** m ≥ 1. */
  static void samples(long m) {
    if (m < 1) {
      throw new InvalidInputException("m", m + " samples (a bound needs m >= 1)");
    }
  }

  /** m ≥ 2 (bounds with m − 1 in a denominator). */
  static void samplesAtLeastTwo(long m) {
    if (m < 2) {
      throw new InvalidInputException("m", m + " samples (this bound divides by m - 1 and needs m >= 2)");
    }
  }
}
