package dev.basin.compute;

import dev.basin.kernel.Problem;

/**
 * A way to compute the heavy products of a {@link Problem} — forward quantities, loss, gradient,
 * Hessian-vector products (one or several directions at once) and the matrix-product passes of the
 * certificates and the closed-form measures: the verified interface behind which fast paths (SIMD,
 * threads, GPU) live (spec COMPUTE-BACKEND). Backends are found through {@link Backends}.
 *
 * <p><b>The contract is an error model, not a tolerance.</b> Each backend declares its {@link
 * ErrorModel} — per product the longest rounding chain L, whether it fuses multiply-adds and the
 * error of its activation functions — and keeps it: every component of every product lies within
 * γ_L of the exact value in the sense of COMPUTE-ERROR-MODEL, so FLAT-HVP-ERROR computed from the
 * declared model certifies eigenvalue enclosures whichever backend produced the products. Results
 * are bit-reproducible for the same inputs (whatever the thread or worker count). The conformance
 * kit (tests/dev/basin/compute/BackendConformance) checks all of this for every backend.
 *
 * <p>Lifecycle: {@link #prepare} once per problem (AutoCloseable), then {@link Prepared#evaluate}
 * per θ. Closing the backend releases its own resources (threads, a device context); prepared
 * problems must be closed first.
 */
public interface Backend extends AutoCloseable {

  /** A short name for reports and {@code --backend} ("reference", "simd", "cuda", ...). */
  /*@ pure @*/ String name();

  /** The arithmetic every product of this backend keeps. */
  /*@ pure @*/ ErrorModel errorModel();

  /**
   * Prepares p (uploads or packs its data) for evaluations at any θ.
   *
   * @throws dev.basin.base.InvalidInputException if the backend cannot hold the problem (e.g.
   *     device memory, with the figure)
   */
  /*@ public normal_behavior
    @ ensures \fresh(\result) && \result.problem() == p && \result.backend() == this;
    @*/
  Prepared prepare(Problem p);

  /** Releases the backend's own resources; idempotent. The default holds none. */
  @Override
  default void close() {}
}
