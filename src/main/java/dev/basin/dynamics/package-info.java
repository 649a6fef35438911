/**
 * Training dynamics (spec/dynamics.md): trainers (GD, minibatch SGD, SGD with Gaussian gradient
 * noise, Langevin; momentum), noise models ({@code noise}), stagnation sets and staying
 * probabilities ({@code stagnation}, and the study that combines them: {@code study}), per-batch
 * landscapes ({@code batches}) and rank-1 factorized
 * filters ({@code rank1}).
 *
 * <p>Randomness comes only from {@link dev.basin.base.Rng} streams derived from one explicit seed
 * (spec DYN-SEEDS), so the same seed gives a bit-identical trajectory.
 */
package dev.basin.dynamics;
