package dev.basin.dynamics.stagnation;

import dev.basin.base.Memory;
import dev.basin.base.Rng;
import dev.basin.dynamics.Landscape;
import dev.basin.dynamics.Trainer;
import dev.basin.dynamics.noise.GradientNoise;
import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

/**
 * The Monte-Carlo staying probability of spec STAG-MC: R independent runs of full-batch noisy GD
 * θ_{t+1} = θ_t − η(∇R(θ_t) + ξ_t) from θ_0 = θ*, each for T steps; a run "stays" when
 * θ_t ∈ A for every t = 1..T. Run r uses the seed Rng.derive(seed, r) (spec DYN-SEEDS), so the
 * result does not depend on the number of threads. The estimate comes with the exact
 * Clopper–Pearson interval (spec STAG-CP).
 */
public final class StayingMonteCarlo {

  /** The largest number of runs accepted. */
  public static final int MAX_RUNS = 100_000_000;

  private StayingMonteCarlo() {}

  /**
   * The outcome.
   *
   * @param interval stays / runs with its Clopper–Pearson interval
   * @param exitSteps for each run the first step t with θ_t ∉ A, or 0 if it stayed (shared; read-only)
   * @param steps T
   */
  public record Result(BinomialInterval interval, int[] exitSteps, int steps) {

    /** How many runs were still in A after step t (0 ≤ t ≤ T). */
    /*@ public normal_behavior
      @ requires 0 <= t && t <= steps;
      @ ensures \result == #{r : exitSteps[r] == 0 || exitSteps[r] > t};
      @ ensures t > 0 ==> \result <= survivors(t - 1);
      @ ensures \result == exitSteps.length when t == 0 && survivors(steps) == interval.successes();
      @ assignable \nothing;
      @*/
    public long survivors(int t) {
      long c = 0;
      for (int e : exitSteps) {
        if (e == 0 || e > t) {
          c++;
        }
      }
      return c;
    }
  }

  /** {@link #estimate(Landscape, double[], StagnationSet, double, GradientNoise, int, int, double, long, int, LongConsumer)} without progress. */
  /*@ public behavior
    @ ensures \result equals estimate(.., done -> { });
    @ signals (InvalidInputException) an argument is out of range;
    @ assignable \nothing;
    @*/
  public static Result estimate(Landscape landscape, double[] center, StagnationSet set, double lr,
      GradientNoise noise, int steps, int runs, double level, long seed, int threads) {
    return estimate(landscape, center, set, lr, noise, steps, runs, level, seed, threads, done -> { });
  }

  /**
   * Runs the experiment.
   *
   * @param landscape the surface (its gradient is the drift)
   * @param center θ* (not modified)
   * @param set A
   * @param lr η &gt; 0
   * @param noise the gradient noise (shared by the runs: it must be stateless)
   * @param steps T ≥ 1
   * @param runs R ≥ 1
   * @param level the confidence level of the interval
   * @param seed the master seed
   * @param threads worker threads (1: run in the calling thread)
   * @param onRunDone called with the number of finished runs after each run (for progress; may be called from
   *     worker threads)
   */
  /*@ public behavior
    @ requires center.length == landscape.dimension();
    @ ensures \result.steps() == steps && \result.exitSteps().length == runs;
    @ ensures (\forall int r; 0 <= r && r < runs; 0 <= \result.exitSteps()[r] && \result.exitSteps()[r] <= steps);
    @ ensures \result.interval().trials() == runs && \result.interval().successes() == #{r : exitSteps[r] == 0};
    @ ensures \result does not depend on threads (run r uses Rng.derive(seed, r));
    @ signals (InvalidInputException) !(lr > 0) || steps < 1 || runs < 1 || runs > MAX_RUNS || threads < 1 || !(0 < level < 1);
    @ assignable \nothing;
    @*/
  public static Result estimate(Landscape landscape, double[] center, StagnationSet set, double lr,
      GradientNoise noise, int steps, int runs, double level, long seed, int threads, LongConsumer onRunDone) {
    Checks.positive("lr", lr);
    Checks.atLeast("steps", steps, 1);
    Checks.atLeast("runs", runs, 1);
    Checks.atLeast("threads", threads, 1);
    Checks.openUnit("confidence level", level);
    if (runs > MAX_RUNS) {
      throw new InvalidInputException("runs", runs + " exceeds the maximum " + MAX_RUNS);
    }
    Memory.require("runs", 4L * runs + 64L * landscape.dimension() * Math.min(threads, runs),
        runs + " runs (per-run exit steps and per-thread work arrays)", "lower --runs");
    if (!set.contains(new double[landscape.dimension()])) {
      throw new IllegalStateException("a stagnation set contains its centre");
    }
    int[] exits = new int[runs];
    AtomicLong done = new AtomicLong();
    IntConsumer one = r -> {
      exits[r] = run(landscape, center, set, lr, noise, steps, Rng.derive(seed, r));
      onRunDone.accept(done.incrementAndGet());
    };
    IntStream body = IntStream.range(0, runs);
    if (threads == 1) {
      body.forEach(one);
    } else {
      ForkJoinPool pool = new ForkJoinPool(threads);
      try {
        pool.submit(() -> body.parallel().forEach(one)).join();
      } finally {
        pool.shutdown();
      }
    }
    long stayed = 0;
    for (int e : exits) {
      if (e == 0) {
        stayed++;
      }
    }
    return new Result(BinomialInterval.clopperPearson(stayed, runs, level), exits, steps);
  }

  /** One run: the first step at which θ_t leaves A, or 0 if it stays for all T steps. */
  static int run(Landscape landscape, double[] center, StagnationSet set, double lr, GradientNoise noise, int steps,
      long seed) {
    double[] delta = new double[center.length];
    int[] exit = {0};
    Trainer.run(landscape, center, Trainer.Settings.noisyGd(lr, noise, steps, seed), new Trainer.Listener() {
      @Override
      public boolean afterStep(long step, double[] theta) {
        for (int q = 0; q < delta.length; q++) {
          delta[q] = theta[q] - center[q];
        }
        if (!set.contains(delta)) {
          exit[0] = (int) step;
          return false;
        }
        return true;
      }
    });
    return exit[0];
  }
}
