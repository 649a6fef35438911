package dev.basin.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of one task (spec SWEEP-OUTPUT): its ID, its hyperparameters, how it ended, and its
 * numbers by column. A function of (spec, task ID) alone, so the same task gives an equal row on
 * every engine, worker count and order.
 *
 * @param task the task ID
 * @param params the hyperparameters in canonical order (Long, Double or String values)
 * @param status "ok", "diverged" (training left the finite numbers) or "invalid" (the task's settings
 *     are inconsistent, e.g. a batch larger than the training set)
 * @param stop why training stopped (e.g. "max steps", "loss"), or "" for a failed task
 * @param error the error message of a failed task, else ""
 * @param cells the numbers by column name, in column order
 */
public record Row(long task, Map<String, Object> params, String status, String stop, String error, Map<String, Cell> cells) {

  /** Status of a task that finished. */
  public static final String OK = "ok";
  /** Status of a task whose training diverged. */
  public static final String DIVERGED = "diverged";
  /** Status of a task whose settings are inconsistent. */
  public static final String INVALID = "invalid";

  /** Copies the maps (insertion order kept). */
  public Row {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
  }

  /** Whether the task finished. */
  public boolean ok() {
    return status.equals(OK);
  }
}
