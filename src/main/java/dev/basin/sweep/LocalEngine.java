package dev.basin.sweep;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The in-process engine (spec SWEEP-ENGINES): a fixed pool of worker threads, each running one task
 * at a time on one core (the reference backend is single-threaded), rows handed to the sink as
 * tasks finish. The first task that fails with a bug stops the sweep; finished rows are kept.
 */
public final class LocalEngine implements SweepEngine {

  @Override
  public String name() {
    return "local";
  }

  @Override
  public void run(SweepSpec spec, long[] tasks, Options options, Consumer<String> sink) throws Exception {
    if (tasks.length == 0) {
      return;
    }
    int workers = Math.max(1, Math.min(options.workers(), tasks.length));
    String canonical = spec.canonical();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "basin-sweep");
      t.setDaemon(true);
      return t;
    });
    try {
      ExecutorCompletionService<String> done = new ExecutorCompletionService<>(pool);
      for (long t : tasks) {
        done.submit(() -> SweepTask.line(canonical, t));
      }
      for (int i = 0; i < tasks.length; i++) {
        try {
          sink.accept(done.take().get());
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          throw c instanceof Exception ex ? ex : e;
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
