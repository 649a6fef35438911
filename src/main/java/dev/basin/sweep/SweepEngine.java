package dev.basin.sweep;

import java.util.function.Consumer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where a sweep's tasks run (spec SWEEP-ENGINES): each engine calls the same task function,
 * {@link SweepTask#line}, on the task IDs it is given and hands every finished row's JSON line to
 * the sink, in any order. Engines are found by name: "local" is built in, others (the Spark engine
 * of the basin-spark module) through {@link java.util.ServiceLoader}.
 */
public interface SweepEngine {

  /** The engine's name for {@code --engine}. */
  String name();

  /**
   * Runs the tasks.
   *
   * @param spec the spec (ship {@link SweepSpec#canonical()} to remote workers)
   * @param tasks the task IDs to run (not modified)
   * @param options the engine options
   * @param sink receives each finished row as a JSON line; thread-safe, may be called from any thread
   * @throws Exception when a task fails with a bug (not a diverged or invalid task: those are rows)
   */
  void run(SweepSpec spec, long[] tasks, Options options, Consumer<String> sink) throws Exception;

  /**
   * Engine options.
   *
   * @param workers tasks run at once by the local engine (≥ 1)
   * @param master the Spark master URL (e.g. "local[2]", "spark://host:7077"), or null to take it from
   *     spark-submit's configuration
   * @param partitions Spark partitions (0: one per task)
   */
  record Options(int workers, @Nullable String master, int partitions) {}
}
