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
  /*@ public normal_behavior
    @ ensures \result != null;
    @ pure
    @*/
  Problem problem();

  /** The backend that prepared it. */
  /*@ public normal_behavior
    @ ensures \result != null;
    @ pure
    @*/
  Backend backend();

  /**
   * Runs the forward pass at θ.
   *
   * @param theta parameters, length N; not modified, and must not be modified while the evaluation
   *     is in use
   * @throws dev.basin.base.InvalidInputException if θ does not have length N, or the backend cannot
   *     hold the evaluation (e.g. device memory, with the figure)
   * @throws IllegalStateException if this prepared problem was closed
   */
  /*@ public normal_behavior
    @ requires theta != null && theta.length == problem().layout().size() && (* this prepared problem is open *);
    @ assignable \nothing;
    @ ensures \fresh(\result) && \result.problem() == problem();
    @ ensures \result.errorModel() == backend().errorModel();
    @ also public exceptional_behavior
    @ requires theta != null && theta.length != problem().layout().size();
    @ assignable \nothing;
    @ signals_only dev.basin.base.InvalidInputException;
    @ signals (dev.basin.base.InvalidInputException e) e.input().equals("theta");
    @ also public exceptional_behavior
    @ requires theta != null && (* this prepared problem was closed *);
    @ assignable \nothing;
    @ signals_only IllegalStateException, dev.basin.base.InvalidInputException;
    @*/
  Evaluation evaluate(double[] theta);

  /**
   * The backend's matrix-product passes on host arrays (not tied to an evaluation); they keep their
   * own declared model (the reference kernel's passes are the packed GEMM's, with FMA).
   */
  /*@ public normal_behavior
    @ ensures \result != null && \result.errorModel() != null;
    @ pure
    @*/
  MatrixProducts products();

  /** Releases the prepared data and every evaluation's buffers; idempotent. */
  /*@ public normal_behavior
    @ ensures (* this prepared problem is closed: evaluate refuses, with IllegalStateException *);
    @*/
  @Override
  void close();
}
