package dev.basin.sweep;

import dev.basin.base.Reported;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One number of a sweep row (spec SWEEP-OUTPUT): a reported value with its kind, or nothing with the
 * reason (the measure does not apply to this net, or the task failed).
 *
 * @param value the number, or null
 * @param note why there is no number ("" when there is one)
 */
public record Cell(@Nullable Reported value, String note) {

  /** A cell holding a number. */
  public static Cell of(Reported value) {
    return new Cell(value, "");
  }

  /** A cell without a number, with the reason. */
  public static Cell missing(String why) {
    return new Cell(null, why);
  }
}
