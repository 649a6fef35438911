package dev.basin.cli;

import dev.basin.base.Progress;

/**
 * A command's progress counted in stages (the measures of {@code basin measure}, the parts of
 * {@code basin hessian}): {@link #next} starts the next stage and names it as the bar's detail.
 */
final class Stages {

  private final Progress progress;
  private final String phase;
  private final long total;
  private long done = -1;

  /**
   * @param progress where to report
   * @param phase the phase name shown with the bar
   * @param total the number of stages the command will run
   */
  Stages(Progress progress, String phase, long total) {
    this.progress = progress;
    this.phase = phase;
    this.total = total;
  }

  /** Every stage is done (the bar ends at 100%). */
  void finish() {
    done = total;
    progress.update(phase, done, total);
  }

  /** The previous stage is done; {@code name} starts. */
  void next(String name) {
    done++;
    progress.update(phase, done, total);
    progress.detail(name);
  }
}
