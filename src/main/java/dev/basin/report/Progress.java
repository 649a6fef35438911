package dev.basin.report;

import dev.basin.claims.ProgressSink;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A terminal progress bar with ETA on stderr: redrawn in place on a terminal, one line per
 * update otherwise (CI logs). Work is counted in abstract units (e.g. expected seconds per step).
 */
public final class Progress implements ProgressSink {

  private final PrintStream out;
  private final boolean tty;
  private final double total;
  private final long start;
  private double done;
  private long lastDraw;
  private String label = "";

  /** A bar over {@code total} units written to out. */
  public Progress(PrintStream out, double total) {
    this.out = out;
    this.tty = System.console() != null;
    this.total = Math.max(total, 1e-9);
    this.start = System.nanoTime();
  }

  /** A bar that draws nothing (tests, --quiet). */
  public static Progress silent() {
    return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), 1.0);
  }

  /** Names the current task. */
  @Override
  public synchronized void task(String name) {
    label = name;
    draw(true);
  }

  /** Adds finished units. */
  @Override
  public synchronized void advance(double units) {
    done = Math.min(total, done + units);
    draw(false);
  }

  /** Finishes the bar (newline on a terminal). */
  public synchronized void finish() {
    done = total;
    draw(true);
    if (tty) {
      out.println();
    }
  }

  private void draw(boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastDraw < (tty ? 100_000_000L : 5_000_000_000L)) {
      return;
    }
    lastDraw = now;
    double frac = done / total;
    double elapsed = (now - start) / 1e9;
    String eta = frac > 0.01 ? String.format(Locale.ROOT, "ETA %s", time(elapsed * (1 - frac) / frac)) : "ETA --";
    int width = 30;
    int filled = (int) Math.round(frac * width);
    String bar = "#".repeat(filled) + "-".repeat(width - filled);
    String line = String.format(Locale.ROOT, "[%s] %3.0f%% %s elapsed %s  %s", bar, 100 * frac, eta, time(elapsed), label);
    if (tty) {
      out.print("\r" + line + "\033[K");
    } else {
      out.println(line);
    }
    out.flush();
  }

  private static String time(double s) {
    long t = Math.round(s);
    return t >= 60 ? (t / 60) + "m" + String.format(Locale.ROOT, "%02d", t % 60) + "s" : t + "s";
  }
}
