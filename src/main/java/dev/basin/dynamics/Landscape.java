package dev.basin.dynamics;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A differentiable loss surface R(θ) that the dynamics move on: the empirical risk of a 2-layer net
 * ({@link ObjectiveLandscape}) or an exact quadratic ({@link QuadraticLandscape}, the local model
 * of spec STAG-BOUND-QUAD and the test problems with known staying probabilities).
 *
 * <p>Callers pass finite θ of length {@link #dimension()}; implementations do not re-validate
 * (the trainer checks every iterate, spec DYN-SGD).
 */
public interface Landscape {

  /** N = |θ|. */
  int dimension();

  /** Number of samples n that minibatches draw from (1 for a surface without data). */
  int samples();

  /**
   * R(θ) on all samples, with ∇R(θ) written to grad (length N; overwritten). theta not modified.
   */
  double lossAndGradient(double[] theta, double[] grad);

  /**
   * The minibatch estimate of spec DYN-BATCH on the given rows (indices in [0, n), repeats
   * allowed; not modified): its loss is returned and its gradient written to grad (overwritten).
   * It is an unbiased estimate of R and ∇R when the rows are drawn uniformly.
   */
  double batchLossAndGradient(double[] theta, int[] rows, double[] grad);

  /**
   * How well θ fits the training data (spec DYN-FIT), for the interpolation stopping rule, or
   * null when the surface has no data.
   *
   * @param residualTol the largest |f(x_i)_o − y_io| that counts as interpolation (regression)
   */
  @Nullable Fit fit(double[] theta, double residualTol);
}
