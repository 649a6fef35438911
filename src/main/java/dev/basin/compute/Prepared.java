package dev.basin.compute;

import dev.basin.kernel.Problem;

/**
 * A problem prepared once on a backend (spec COMPUTE-BACKEND "Lifecycle"): the data are uploaded or
 * packed here, θ and the directions v go per call ({@link #evaluate}). Closing it releases what it
 * holds, including the buffers of evaluations still open (those must not be used afterwards).
 * Thread-safe: evaluations may be created and used from different threads, each evaluation by one
 * thread at a time.
 */
public interface Prepared extends AutoCloseable {

  /** The problem (shared, not copied). */
  /*@ pure @*/ Problem problem();

  /** The backend that prepared it. */
  /*@ pure @*/ Backend backend();

  /**
   * Runs the forward pass at θ.
   *
   * @param theta parameters, length N; not modified, and must not be modified while the evaluation
   *     is in use
   * @throws dev.basin.base.InvalidInputException if θ does not have length N, or the backend cannot
   *     hold the evaluation (e.g. device memory, with the figure)
   */
  /*@ public normal_behavior
    @ requires theta.length == problem().layout().size();
    @ ensures \fresh(\result) && \result.problem() == problem();
    @ ensures \result.errorModel() == backend().errorModel();
    @*/
  Evaluation evaluate(double[] theta);

  /** The backend's matrix-product passes on host arrays (not tied to an evaluation). */
  MatrixProducts products();

  /** Releases the prepared data and every evaluation's buffers; idempotent. */
  @Override
  void close();
}
