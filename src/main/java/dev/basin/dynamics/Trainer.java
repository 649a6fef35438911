package dev.basin.dynamics;

import dev.basin.base.Findings;
import dev.basin.base.Reported;
import dev.basin.base.Progress;
import dev.basin.base.Rng;
import dev.basin.dynamics.noise.GradientNoise;
import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import dev.basin.base.NonFiniteResultException;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The trainers of spec DYN-SGD on a {@link Landscape}: full-batch GD, minibatch SGD (with or
 * without replacement), SGD with Gaussian gradient noise and Langevin dynamics, with optional
 * heavy-ball momentum. One step is
 *
 * <pre>
 *   d_t = ĝ_t(θ_t) + ξ_t,   v_{t+1} = μ v_t + d_t (v_0 = 0),   θ_{t+1} = θ_t − η v_{t+1}
 * </pre>
 *
 * with ĝ_t the full or minibatch gradient (spec DYN-BATCH) and ξ_t ~ N(0, Σ(θ_t)) from a
 * {@link GradientNoise}. Batches and noise come from two streams derived from the seed (spec
 * DYN-SEEDS): same seed, same landscape and settings ⇒ a bit-identical trajectory.
 */
public final class Trainer {

  private Trainer() {}

  /** Stream index of the batch stream under the settings' seed (spec DYN-SEEDS). */
  public static final long STREAM_BATCHES = 1;
  /** Stream index of the noise stream under the settings' seed (spec DYN-SEEDS). */
  public static final long STREAM_NOISE = 2;

  /**
   * How to train.
   *
   * @param lr the step size η &gt; 0
   * @param momentum μ ∈ [0, 1) (0: plain (noisy) SGD)
   * @param sampling how rows are chosen
   * @param batchSize b (ignored for FULL); 1 ≤ b ≤ n
   * @param noise the gradient noise (GradientNoise.NONE for GD / SGD)
   * @param stop the stopping rule
   * @param evalEvery full-batch evaluation period in steps (0: only at the start and the end)
   * @param seed the seed of the batch and noise streams
   */
  public record Settings(double lr, double momentum, Sampling sampling, int batchSize,
      GradientNoise noise, StopRule stop, long evalEvery, long seed) {

    /** Validates the scalar settings. */
    public Settings {
      Checks.positive("lr", lr);
      if (!(momentum >= 0.0 && momentum < 1.0)) {
        throw new InvalidInputException("momentum", momentum + " (must lie in [0, 1))");
      }
      if (sampling != Sampling.FULL) {
        Checks.atLeast("batch", batchSize, 1);
      }
      if (evalEvery < 0) {
        throw new InvalidInputException("eval-every", evalEvery + " (must be >= 0)");
      }
    }

    /** Full-batch noisy GD for a fixed number of steps without evaluations (the stagnation runs). */
    public static Settings noisyGd(double lr, GradientNoise noise, long steps, long seed) {
      return new Settings(lr, 0.0, Sampling.FULL, 0, noise, StopRule.steps(steps), 0, seed);
    }
  }

  /** A full-batch evaluation along the run: R(θ_t), ‖∇R(θ_t)‖₂ and the fit (if any). */
  public record Record(long step, double loss, double gradNorm, @Nullable Fit fit) {}

  /** Why a run ended. */
  public enum StopReason {
    /** The step budget was used up. */
    MAX_STEPS,
    /** The loss fell below the threshold. */
    LOSS,
    /** The gradient norm fell below the threshold. */
    GRADIENT_NORM,
    /** The net interpolates the training data. */
    INTERPOLATION,
    /** The listener asked to stop (e.g. the iterate left a stagnation set). */
    LISTENER
  }

  /** The outcome: final θ, number of steps taken, why it stopped, and the evaluations. */
  public record Result(double[] theta, long steps, StopReason reason, List<Record> records) {

    /**
     * The run's outcome as findings: steps, stop reason, first and last loss, last gradient norm and,
     * when evaluated, the last fit (DYN-FIT) and whether it interpolates; prefix names the run
     * ("" or e.g. "dense_").
     */
    public Findings findings(String prefix) {
      Record first = records.get(0);
      Record last = records.get(records.size() - 1);
      Findings.Builder b = Findings.builder()
          .count(prefix + "steps", steps)
          .text(prefix + "stop_reason", reason.name().toLowerCase(java.util.Locale.ROOT))
          .put(prefix + "initial_loss", Reported.exact(first.loss(), "NET-RISK", "loss at the start"))
          .put(prefix + "final_loss", Reported.exact(last.loss(), "NET-RISK", "loss at the last record"))
          .put(prefix + "final_grad_norm", Reported.exact(last.gradNorm(), "NET-GRAD", "||grad L|| at the last record"));
      Fit fit = last.fit();
      if (fit != null) {
        b.put(prefix + "final_" + fit.metric(), fit.reported()).flag(prefix + "interpolates", fit.interpolates());
      }
      return b.build();
    }
  }

  /** Observes a run; both methods may be left at their defaults. */
  public interface Listener {
    /**
     * Called after each update with the number of steps done and θ (read-only, reused).
     *
     * @return false to stop the run now
     */
    default boolean afterStep(long step, double[] theta) {
      return true;
    }

    /**
     * Called just before the update θ_{t+1} = θ_t − η v_{t+1}, with t, θ_t, the step vector
     * v_{t+1} and η (arrays read-only, reused). For plain (noisy) SGD v_{t+1} = ĝ_t + ξ_t.
     */
    default void beforeUpdate(long step, double[] theta, double[] velocity, double lr) {}

    /** Called at each full-batch evaluation with θ (read-only, reused). */
    default void onRecord(Record record, double[] theta) {}
  }

  /** A listener that does nothing. */
  public static final Listener SILENT = new Listener() {};

  /**
   * A listener that reports each step of a run of {@code steps} steps to {@code progress} as phase
   * {@code phase}, with the loss of each full-batch evaluation as its detail.
   */
  public static Listener reporting(Progress progress, String phase, long steps) {
    return new Listener() {
      @Override
      public boolean afterStep(long step, double[] theta) {
        progress.update(phase, step, steps);
        return true;
      }

      @Override
      public void onRecord(Record record, double[] theta) {
        progress.detail(String.format(java.util.Locale.ROOT, "loss %.6g", record.loss()));
      }
    };
  }

  /** All the listeners, called in order; the run stops when any afterStep returns false. */
  public static Listener all(Listener... listeners) {
    Listener[] ls = listeners.clone();
    return new Listener() {
      @Override
      public boolean afterStep(long step, double[] theta) {
        boolean go = true;
        for (Listener l : ls) {
          go &= l.afterStep(step, theta);
        }
        return go;
      }

      @Override
      public void beforeUpdate(long step, double[] theta, double[] velocity, double lr) {
        for (Listener l : ls) {
          l.beforeUpdate(step, theta, velocity, lr);
        }
      }

      @Override
      public void onRecord(Record record, double[] theta) {
        for (Listener l : ls) {
          l.onRecord(record, theta);
        }
      }
    };
  }

  /**
   * Runs the dynamics from θ0 (validated: length N, finite; not modified).
   *
   * @throws NonFiniteResultException if an iterate stops being finite (divergence)
   */
  public static Result run(Landscape landscape, double[] theta0, Settings s, Listener listener) {
    int dim = landscape.dimension();
    Checks.length("theta0", theta0, dim, "N");
    Checks.finite("theta0", theta0);
    int n = landscape.samples();
    if (s.sampling() != Sampling.FULL && s.batchSize() > n) {
      throw new InvalidInputException("batch", s.batchSize() + " is larger than the number of samples n = " + n);
    }
    BatchSampler batches = new BatchSampler(s.sampling(), n, s.batchSize(), Rng.of(Rng.derive(s.seed(), STREAM_BATCHES)));
    Rng noiseRng = Rng.of(Rng.derive(s.seed(), STREAM_NOISE));
    boolean noisy = !s.noise().isZero();
    StopRule stop = s.stop();
    double[] theta = theta0.clone();
    double[] grad = new double[dim];
    double[] xi = new double[dim];
    double[] velocity = new double[dim];
    List<Record> records = new ArrayList<>();
    long lastRecorded = -1;
    long step = 0;
    StopReason reason = StopReason.MAX_STEPS;
    while (true) {
      boolean gradFresh = false;
      if (step == 0 || (s.evalEvery() > 0 && step % s.evalEvery() == 0)) {
        Record r = evaluate(landscape, theta, grad, step, stop);
        gradFresh = true;
        records.add(r);
        lastRecorded = step;
        listener.onRecord(r, theta);
        StopReason hit = check(r, stop);
        if (hit != null) {
          reason = hit;
          break;
        }
      }
      if (step >= stop.maxSteps()) {
        break;
      }
      int[] rows = batches.next();
      if (rows == null) {
        if (!gradFresh) {
          landscape.lossAndGradient(theta, grad);
        }
      } else {
        landscape.batchLossAndGradient(theta, rows, grad);
      }
      if (noisy) {
        s.noise().sample(theta, noiseRng, xi);
      }
      double eta = s.lr();
      double mu = s.momentum();
      for (int q = 0; q < dim; q++) {
        double dq = noisy ? grad[q] + xi[q] : grad[q];
        velocity[q] = mu * velocity[q] + dq;
      }
      listener.beforeUpdate(step, theta, velocity, eta);
      for (int q = 0; q < dim; q++) {
        theta[q] -= eta * velocity[q];
      }
      step++;
      requireFinite(theta, step);
      if (!listener.afterStep(step, theta)) {
        reason = StopReason.LISTENER;
        break;
      }
    }
    if (lastRecorded != step) {
      Record r = evaluate(landscape, theta, grad, step, stop);
      records.add(r);
      listener.onRecord(r, theta);
    }
    return new Result(theta, step, reason, List.copyOf(records));
  }

  private static Record evaluate(Landscape l, double[] theta, double[] grad, long step, StopRule stop) {
    double loss = l.lossAndGradient(theta, grad);
    double norm = 0.0;
    for (double g : grad) {
      norm += g * g;
    }
    norm = Math.sqrt(norm);
    if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
      throw new NonFiniteResultException("training diverged: at step " + step + " the loss is " + loss
          + " and the gradient norm " + norm + " (lower the learning rate)");
    }
    return new Record(step, loss, norm, l.fit(theta, stop.residualTol()));
  }

  private static @Nullable StopReason check(Record r, StopRule stop) {
    if (stop.lossBelow().isPresent() && r.loss() < stop.lossBelow().getAsDouble()) {
      return StopReason.LOSS;
    }
    if (stop.gradNormBelow().isPresent() && r.gradNorm() < stop.gradNormBelow().getAsDouble()) {
      return StopReason.GRADIENT_NORM;
    }
    Fit fit = r.fit();
    if (stop.interpolation() && fit != null && fit.interpolates()) {
      return StopReason.INTERPOLATION;
    }
    return null;
  }

  private static void requireFinite(double[] theta, long step) {
    for (int q = 0; q < theta.length; q++) {
      if (!Double.isFinite(theta[q])) {
        throw new NonFiniteResultException("training diverged: parameter " + q + " is " + theta[q] + " after step "
            + step + " (lower the learning rate or the noise)");
      }
    }
  }
}
