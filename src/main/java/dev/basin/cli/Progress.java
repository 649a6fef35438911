package dev.basin.cli;

import dev.basin.dynamics.Trainer;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on the terminal's error stream for long runs: redrawn with a carriage
 * return at most every 200 ms, finished with a newline. Shown when stderr is a terminal (or
 * when forced); never written to files or to stdout.
 */
final class Progress implements Trainer.Listener {

  private static final long PERIOD_NANOS = 200_000_000L;
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final long total;
  private final String label;
  private long lastDraw = System.nanoTime();
  private double lastLoss = Double.NaN;
  private boolean drawn;

  Progress(PrintWriter err, long total, String label) {
    this.err = err;
    this.total = Math.max(1, total);
    this.label = label;
  }

  /** Whether a progress bar should be shown: forced on/off, or when a console is attached. */
  static boolean wanted(@org.checkerframework.checker.nullness.qual.Nullable Boolean flag) {
    return flag != null ? flag : System.console() != null;
  }

  @Override
  public void onRecord(Trainer.Record record, double[] theta) {
    lastLoss = record.loss();
  }

  @Override
  public boolean afterStep(long step, double[] theta) {
    tick(step);
    return true;
  }

  /** Redraws (rate-limited) for {@code done} of the total. */
  synchronized void tick(long done) {
    long now = System.nanoTime();
    if (now - lastDraw < PERIOD_NANOS && done < total) {
      return;
    }
    lastDraw = now;
    int filled = (int) Math.min(WIDTH, WIDTH * done / total);
    String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
    String loss = Double.isNaN(lastLoss) ? "" : String.format(Locale.ROOT, "  loss %.6g", lastLoss);
    err.printf(Locale.ROOT, "\r%s [%s] %d/%d%s", label, bar, done, total, loss);
    err.flush();
    drawn = true;
  }

  /** Ends the line. */
  synchronized void finish() {
    if (drawn) {
      err.println();
      err.flush();
    }
  }
}
