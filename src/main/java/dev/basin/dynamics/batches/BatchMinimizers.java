package dev.basin.dynamics.batches;

import dev.basin.base.Vectors;
import dev.basin.dynamics.BatchPartition;
import dev.basin.dynamics.Landscape;
import dev.basin.dynamics.ObjectiveLandscape;
import dev.basin.dynamics.Sampling;
import dev.basin.dynamics.StopRule;
import dev.basin.dynamics.Trainer;
import dev.basin.dynamics.noise.GradientNoise;
import dev.basin.model.Checks;
import dev.basin.model.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Per-batch minimizers from one θ against the full-batch minimum (spec BATCH-MIN-TRANSFER,
 * BATCH-MIN-DIST): θ_b = GD on L_b from θ, θ_full = GD on L from θ, both until the gradient
 * norm falls below {@code gradTol} or {@code maxSteps} steps (each result says whether it got
 * there: an approximate minimizer is reported as such). For each batch, the gradient of the next
 * batch (b + 1 mod B) at θ_b, whether it is "small" (≤ {@code smallGrad}), and ‖θ_b − θ_full‖.
 */
public final class BatchMinimizers {

  private BatchMinimizers() {}

  /**
   * How to minimize.
   *
   * @param lr GD step size
   * @param maxSteps step budget per minimization
   * @param gradTol stop when ‖∇‖ &lt; gradTol
   * @param smallGrad the threshold below which a next-batch gradient counts as small
   */
  public record Settings(double lr, long maxSteps, double gradTol, double smallGrad) {
    /** Validates the settings. */
    public Settings {
      Checks.positive("lr", lr);
      Checks.positive("minimizer gradient tolerance", gradTol);
      Checks.positive("small gradient threshold", smallGrad);
      StopRule.steps(maxSteps);
    }
  }

  /**
   * One batch's minimizer.
   *
   * @param converged whether ‖∇L_b(θ_b)‖ &lt; gradTol was reached
   * @param steps GD steps taken
   * @param gradNorm ‖∇L_b(θ_b)‖
   * @param nextGradNorm ‖∇L_{b+1}(θ_b)‖
   * @param nextGradNormAtStart ‖∇L_{b+1}(θ)‖ at the start point, for scale
   * @param nextIsSmall nextGradNorm ≤ smallGrad
   * @param distanceToFull ‖θ_b − θ_full‖
   * @param distanceFromStart ‖θ_b − θ‖
   */
  public record Batch(boolean converged, long steps, double gradNorm, double nextGradNorm, double nextGradNormAtStart,
      boolean nextIsSmall, double distanceToFull, double distanceFromStart) {}

  /**
   * The result at one start point.
   *
   * @param fullConverged whether GD on L reached the tolerance
   * @param fullSteps its steps
   * @param fullGradNorm ‖∇L(θ_full)‖
   * @param fullDistanceFromStart ‖θ_full − θ‖
   * @param smallFraction the fraction of batches whose minimizer has a small next-batch gradient
   * @param meanDistanceToFull mean over batches of ‖θ_b − θ_full‖
   * @param batches per batch
   */
  public record Result(boolean fullConverged, long fullSteps, double fullGradNorm, double fullDistanceFromStart,
      double smallFraction, double meanDistanceToFull, List<Batch> batches) {}

  /** Runs the minimizations from θ (not modified). */
  public static Result from(Objective objective, double[] theta, BatchPartition partition, Settings s) {
    ObjectiveLandscape land = new ObjectiveLandscape(objective);
    Trainer.Result full = minimize(land, theta, s);
    double[] thetaFull = full.theta();
    int count = partition.count();
    Landscape[] parts = new Landscape[count];
    for (int c = 0; c < count; c++) {
      parts[c] = land.restrictedTo(partition.batch(c));
    }
    int n = theta.length;
    double[] g = new double[n];
    List<Batch> out = new ArrayList<>();
    int small = 0;
    double dist = 0.0;
    for (int c = 0; c < count; c++) {
      Trainer.Result r = minimize(parts[c], theta, s);
      Landscape next = parts[(c + 1) % count];
      next.lossAndGradient(r.theta(), g);
      double nextNorm = Vectors.norm(g);
      next.lossAndGradient(theta, g);
      double nextStart = Vectors.norm(g);
      Trainer.Record last = r.records().get(r.records().size() - 1);
      boolean isSmall = nextNorm <= s.smallGrad();
      small += isSmall ? 1 : 0;
      double d = Vectors.distance(r.theta(), thetaFull);
      dist += d;
      out.add(new Batch(r.reason() == Trainer.StopReason.GRADIENT_NORM, r.steps(), last.gradNorm(), nextNorm, nextStart,
          isSmall, d, Vectors.distance(r.theta(), theta)));
    }
    Trainer.Record fl = full.records().get(full.records().size() - 1);
    return new Result(full.reason() == Trainer.StopReason.GRADIENT_NORM, full.steps(), fl.gradNorm(),
        Vectors.distance(thetaFull, theta), small / (double) count, dist / count, List.copyOf(out));
  }

  private static Trainer.Result minimize(Landscape l, double[] theta, Settings s) {
    StopRule stop = new StopRule(s.maxSteps(), OptionalDouble.empty(), OptionalDouble.of(s.gradTol()), false,
        StopRule.DEFAULT_RESIDUAL_TOL);
    return Trainer.run(l, theta, new Trainer.Settings(s.lr(), 0.0, Sampling.FULL, 0, GradientNoise.NONE, stop, 1, 0),
        Trainer.SILENT);
  }
}
