package dev.basin.cli;

import dev.basin.base.Progress;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressState;
import me.tongfei.progressbar.ProgressBarStyle;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The terminal side of {@link Progress}: one progress bar with ETA per phase on standard error
 * (me.tongfei:progressbar), redrawn in place. A phase's bar appears only once the phase has run
 * for {@link #DELAY}, so quick commands print nothing; its rate and ETA count from the phase's
 * start, not from when the bar appeared. A new phase completes the previous bar
 * (100%, kept on its own line); {@link #close} ends the last one as it stands.
 */
final class TerminalProgress implements Progress, AutoCloseable {

  /** How long a phase runs before its bar is shown: quick commands stay silent. */
  static final Duration DELAY = Duration.ofSeconds(1);
  /** How often the bar is redrawn: fast enough to look live, rare enough to cost nothing. */
  private static final int REDRAW_MILLIS = 200;

  private final PrintStream out;
  private final int width;
  private final LongSupplier nanoClock;
  private final boolean unicode;
  private @Nullable String phase;
  private long phaseStart;
  private long total;
  private String detail = "";
  private long done;
  private @Nullable ProgressBar bar;
  private @Nullable LineConsumer consumer;
  /** Shows a phase's bar after DELAY even when no update comes (null: shown on the next update). */
  private final @Nullable ScheduledExecutorService timer;

  /**
   * @param out where the bars go (standard error)
   * @param width the terminal's width in columns
   * @param nanoClock a monotonic clock in nanoseconds (System::nanoTime; tests pass their own)
   * @param timed whether a timer shows a phase's bar after DELAY without waiting for an update
   */
  TerminalProgress(PrintStream out, int width, LongSupplier nanoClock, boolean timed) {
    this.out = out;
    this.timer = timed ? Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "basin-progress");
      t.setDaemon(true);
      return t;
    }) : null;
    this.width = Math.max(20, width);
    this.nanoClock = nanoClock;
    this.unicode = StandardCharsets.UTF_8.name().equalsIgnoreCase(out.charset().name());
  }

  @Override
  public synchronized void update(String name, long newDone, long newTotal) {
    if (!name.equals(phase)) {
      end(true);
      phase = name;
      phaseStart = nanoClock.getAsLong();
      detail = "";
      long started = phaseStart;
      if (timer != null) {
        // a phase whose work arrives in few, long steps still gets its bar after DELAY
        timer.schedule(() -> show(started), DELAY.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    done = newDone;
    total = newTotal;
    ProgressBar b = bar;
    if (b == null) {
      show(phaseStart);
      b = bar;
    }
    if (b != null) {
      b.maxHint(total > 0 ? total : -1);
      b.stepTo(done);
    }
  }

  /** Shows the bar of the phase that started at {@code started} if it is still running after DELAY. */
  private synchronized void show(long started) {
    String name = phase;
    long now = nanoClock.getAsLong();
    if (bar != null || name == null || started != phaseStart || now - phaseStart < DELAY.toNanos()) {
      return;
    }
    LineConsumer c = new LineConsumer(out, width - 1);
    consumer = c;
    ProgressBar b = new ProgressBarBuilder()
        .setTaskName(name)
        .setInitialMax(total > 0 ? total : -1)
        .setStyle(unicode ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(REDRAW_MILLIS)
        // redraw on the timer too, so the elapsed time and ETA move during a long step
        .continuousUpdate()
        // the width is given, so the library never probes the terminal itself (jline)
        .setConsumer(c)
        // the rate counts from the phase's start, not from when the bar appeared
        .setEtaFunction(TerminalProgress::eta)
        .startsFrom(done, Duration.ofNanos(now - phaseStart))
        .build();
    b.setExtraMessage(detail);
    bar = b;
  }

  /** The library's console consumer, remembering whether it ended its line. */
  private static final class LineConsumer extends ConsoleProgressBarConsumer {
    private volatile boolean closed;

    LineConsumer(PrintStream out, int width) {
      super(out, width);
    }

    @Override
    public void close() {
      closed = true;
      super.close();
    }
  }

  /** Linear ETA over the whole phase: elapsed × (max − done) / done; unknown before the first unit. */
  static Optional<Duration> eta(ProgressState s) {
    long cur = s.getCurrent();
    long max = s.getMax();
    if (s.isIndefinite() || max <= 0 || cur <= 0) {
      return Optional.empty();
    }
    return Optional.of(s.getTotalElapsed().multipliedBy(Math.max(0, max - cur)).dividedBy(cur));
  }

  @Override
  public synchronized void detail(String text) {
    detail = text;
    ProgressBar b = bar;
    if (b != null) {
      b.setExtraMessage(text);
    }
  }

  /** Ends the current bar as it stands. */
  @Override
  public synchronized void close() {
    end(false);
    phase = null;
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  private void end(boolean complete) {
    ProgressBar b = bar;
    if (b != null) {
      if (complete && total > 0) {
        b.stepTo(total);
      }
      b.close();
      LineConsumer c = consumer;
      if (c != null && !c.closed) {
        // progressbar 0.10.1 skips ending the line when a bar is closed before its first redraw
        out.println();
      }
      out.flush();
    }
    bar = null;
    consumer = null;
  }
}
