package dev.basin.dynamics.batches;

import dev.basin.dynamics.BatchPartition;
import dev.basin.dynamics.ObjectiveLandscape;
import dev.basin.dynamics.Trainer;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The per-batch analyses at checkpoints of one training run (spec BATCH-ALONG): the trainer runs
 * from θ0; at each requested step (0 = the start) the iterate is kept, and afterwards
 * {@link BatchAlignment} and (if requested) {@link BatchMinimizers} are evaluated there with one
 * fixed partition.
 */
public final class AlongTraining {

  private AlongTraining() {}

  /**
   * The analyses at one checkpoint.
   *
   * @param step the trainer's step count
   * @param alignment gradients and Hessians per batch
   * @param minimizers per-batch minimizers, or null when not requested
   */
  public record Checkpoint(long step, BatchAlignment.Result alignment, BatchMinimizers.@Nullable Result minimizers) {}

  /**
   * Runs training and the analyses.
   *
   * @param steps checkpoint steps (each in [0, the trainer's step budget]; duplicates ignored)
   * @param minimizers minimizer settings, or null to skip the minimizations
   * @return the checkpoints reached, in step order (training may stop early by its rule)
   */
  public static List<Checkpoint> run(Objective objective, double[] theta0, Trainer.Settings training, long[] steps,
      BatchPartition partition, boolean hessians, BatchMinimizers.@Nullable Settings minimizers) {
    TreeMap<Long, double[]> kept = new TreeMap<>();
    for (long s : steps) {
      if (s < 0 || s > training.stop().maxSteps()) {
        throw new InvalidInputException("checkpoints", "step " + s + " is outside [0, " + training.stop().maxSteps() + "]");
      }
      kept.put(s, new double[0]);
    }
    if (kept.containsKey(0L)) {
      kept.put(0L, theta0.clone());
    }
    Trainer.run(new ObjectiveLandscape(objective), theta0, training, new Trainer.Listener() {
      @Override
      public boolean afterStep(long step, double[] theta) {
        if (kept.containsKey(step)) {
          kept.put(step, theta.clone());
        }
        return true;
      }
    });
    List<Checkpoint> out = new ArrayList<>();
    for (var e : kept.entrySet()) {
      double[] theta = e.getValue();
      if (theta.length == 0) {
        continue;
      }
      out.add(new Checkpoint(e.getKey(), BatchAlignment.at(objective, theta, partition, hessians),
          minimizers == null ? null : BatchMinimizers.from(objective, theta, partition, minimizers)));
    }
    return List.copyOf(out);
  }
}
