package dev.basin.compute;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A fixed team of threads for fork–join over a few parts: part 0 runs on the caller, the others
 * on threads−1 daemon workers (daemons, so that a backend nobody closes never keeps the JVM
 * alive). Work is split by the callers so that every output element is computed by the same
 * sequence of operations whatever the number of parts; the team only decides where it runs.
 */
final class Parallel implements AutoCloseable {

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final int threads;
  private final @Nullable ExecutorService workers;

  /** A team of the given size (≥ 1; validated by the caller). */
  Parallel(int threads) {
    this.threads = threads;
    if (threads == 1) {
      this.workers = null;
    } else {
      int id = POOLS.incrementAndGet();
      AtomicInteger count = new AtomicInteger();
      this.workers = Executors.newFixedThreadPool(threads - 1, r -> {
        Thread t = new Thread(r, "basin-simd-" + id + "-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
  }

  /** The team size. */
  int threads() {
    return threads;
  }

  /**
   * Runs task(0), …, task(parts−1) and returns when all have finished. An exception of any part is
   * rethrown (after all parts have stopped), with those of other parts attached as suppressed.
   */
  void run(int parts, IntConsumer task) {
    ExecutorService w = workers;
    if (parts <= 1 || w == null) {
      for (int t = 0; t < parts; t++) {
        task.accept(t);
      }
      return;
    }
    Future<?>[] pending = new Future<?>[parts - 1];
    for (int t = 1; t < parts; t++) {
      int part = t;
      pending[t - 1] = w.submit(() -> task.accept(part));
    }
    Throwable failure = null;
    try {
      task.accept(0);
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    boolean interrupted = false;
    for (Future<?> f : pending) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          // the parts write into shared buffers: wait for them to stop before returning
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause() != null ? e.getCause() : e;
          failure = attach(failure, cause);
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof RuntimeException re) {
      throw re;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    if (failure != null) {
      throw new IllegalStateException("parallel part failed", failure);
    }
  }

  private static Throwable attach(@Nullable Throwable first, Throwable next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  /** Stops the workers (idempotent). Running parts finish first. */
  @Override
  public void close() {
    ExecutorService w = workers;
    if (w != null) {
      w.shutdown();
    }
  }
}
