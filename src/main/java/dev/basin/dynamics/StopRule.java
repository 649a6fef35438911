package dev.basin.dynamics;

import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import java.util.OptionalDouble;

/**
 * When training stops (spec DYN-STOP): after {@code maxSteps} updates, or at the first
 * evaluation (full-batch, every {@code evalEvery} steps) where the loss is below
 * {@code lossBelow}, the gradient norm is below {@code gradNormBelow}, or the net interpolates
 * the training data (training accuracy 100 %, or max |residual| ≤ {@code residualTol}).
 *
 * @param maxSteps the step budget (≥ 0)
 * @param lossBelow stop when R(θ) &lt; this, if present
 * @param gradNormBelow stop when ‖∇R(θ)‖₂ &lt; this, if present
 * @param interpolation stop when the net interpolates (spec DYN-FIT)
 * @param residualTol the residual that counts as interpolation for real targets (&gt; 0)
 */
public record StopRule(long maxSteps, OptionalDouble lossBelow, OptionalDouble gradNormBelow,
    boolean interpolation, double residualTol) {

  /** Default residual tolerance for interpolation of real targets. */
  public static final double DEFAULT_RESIDUAL_TOL = 1e-6;

  /** Validates the rule. */
  public StopRule {
    if (maxSteps < 0) {
      throw new InvalidInputException("steps", maxSteps + " (must be >= 0)");
    }
    lossBelow.ifPresent(v -> Checks.finite("stop loss", v));
    gradNormBelow.ifPresent(v -> Checks.positive("stop gradient norm", v));
    Checks.positive("residual tolerance", residualTol);
  }

  /** Stop after a number of steps only. */
  public static StopRule steps(long maxSteps) {
    return new StopRule(maxSteps, OptionalDouble.empty(), OptionalDouble.empty(), false, DEFAULT_RESIDUAL_TOL);
  }
}
