package dev.basin.base;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a long computation reports how far it is: the library calls {@link #update} with a phase
 * name and the work done out of the total (in any unit the phase chooses: steps, runs, products).
 * The library never draws anything; the CLI turns the calls into a terminal progress bar, tests
 * and library users pass {@link #NONE}. Implementations are thread-safe and cheap: callers may
 * report from several threads and after every step.
 */
@FunctionalInterface
public interface Progress {

  /** Ignores every report (the default for library callers, tests, --quiet, non-terminals). */
  Progress NONE = (phase, done, total) -> { };

  /**
   * {@code done} of {@code total} units of {@code phase} are finished. A new phase name starts a
   * new phase (the previous one is complete); {@code total} &le; 0 means the total is unknown.
   */
  void update(String phase, long done, long total);

  /** A short note on what the current phase is doing now (a sub-task, the current loss). */
  default void detail(String text) {}

  /** A thread-safe counter for a phase of {@code total} steps, reported at 0 now. */
  default Counter start(String phase, long total) {
    Counter c = new Counter(this, phase, total);
    update(phase, 0, total);
    return c;
  }

  /** Counts the steps of one phase from any thread and reports each to its {@link Progress}. */
  final class Counter {
    private final Progress progress;
    private final String phase;
    private final long total;
    private final AtomicLong done = new AtomicLong();

    Counter(Progress progress, String phase, long total) {
      this.progress = progress;
      this.phase = phase;
      this.total = total;
    }

    /** One more step done. */
    public void step() {
      add(1);
    }

    /** {@code n} more steps done. */
    public void add(long n) {
      progress.update(phase, done.addAndGet(n), total);
    }
  }
}
