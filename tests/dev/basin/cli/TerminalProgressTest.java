package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The terminal progress bar (issue 15 defect 6): silent for a phase shorter than DELAY, then a bar
 * with the phase name, done/total and the detail, redrawn in place (carriage returns); a new phase
 * completes the previous bar on its own line.
 */
class TerminalProgressTest {

  @Test
  void quickPhasesPrintNothingLongOnesABar() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong();
    try (TerminalProgress p = new TerminalProgress(new PrintStream(buf, true, StandardCharsets.UTF_8), 100, now::get,
        false)) {
      p.update("quick", 0, 10);
      p.update("quick", 10, 10);
      assertEquals("", buf.toString(StandardCharsets.UTF_8));
      p.update("slow", 0, 3);
      p.detail("lanczos");
      now.addAndGet(TerminalProgress.DELAY.toNanos() + 1);
      p.update("slow", 2, 3);
      p.update("next", 0, 5);
    }
    String s = buf.toString(StandardCharsets.UTF_8);
    assertTrue(s.contains("\rslow") && s.contains("3/3") && s.contains("lanczos"), s.replace("\r", "<CR>").replace("\n", "<LF>"));
    assertTrue(!s.contains("quick") && !s.contains("next"), s);
    assertTrue(s.endsWith("\n"), s);
  }

  @Test
  void etaIsLinearOverThePhase() {
    assertEquals(java.util.Optional.empty(), TerminalProgress.eta(state(0, 10, 5)));
    // 5 of 10 done in 10 s: 10 s to go (plus the instant the bar itself lived)
    long ms = TerminalProgress.eta(state(5, 10, 10)).orElseThrow().toMillis();
    assertTrue(ms >= 10_000 && ms < 11_000, ms + " ms");
  }

  private static me.tongfei.progressbar.ProgressState state(long cur, long max, long seconds) {
    // a bar built with these figures exposes its state through the ETA function it is given
    java.util.concurrent.atomic.AtomicReference<me.tongfei.progressbar.ProgressState> ref =
        new java.util.concurrent.atomic.AtomicReference<>();
    try (var bar = new me.tongfei.progressbar.ProgressBarBuilder().setInitialMax(max)
        .setConsumer(new me.tongfei.progressbar.DelegatingProgressBarConsumer(x -> { }, 80))
        .setEtaFunction(st -> {
          ref.compareAndSet(null, st);
          return java.util.Optional.empty();
        }).startsFrom(cur, java.time.Duration.ofSeconds(seconds)).build()) {
      bar.refresh();
    }
    return ref.get();
  }
}
