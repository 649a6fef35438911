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

  // The error model every product keeps (COMPUTE-ERROR-MODEL), stated once for the whole interface: each
  // product's componentwise bound is in the contracts of Evaluation and MatrixProducts, with L from
  // errorModel(); the declaration itself never changes.
  /*@ public instance invariant errorModel() != null;
    @ public instance invariant (* every product of this backend keeps errorModel(): a component C computed
    @   as a sum of products sum_p a_p b_p, each term through at most L roundings, has
    @   |C - exact| <= ErrorModel.gamma(L) * sum_p |a_p||b_p|, with L the model's chain count for it *);
    @*/

  /** A short name for reports and {@code --backend} ("reference", "simd", "cuda", ...). */
  /*@ public normal_behavior
    @ ensures \result != null && !\result.isEmpty();
    @ pure
    @*/
  String name();

  /** The arithmetic every product of this backend keeps (the same object on every call). */
  /*@ public normal_behavior
    @ ensures \result != null && \result == errorModel();
    @ pure
    @*/
  ErrorModel errorModel();

  /**
   * Prepares p (uploads or packs its data) for evaluations at any θ. p is not modified and must not
   * be modified while the prepared problem is in use.
   *
   * @throws dev.basin.base.InvalidInputException if the backend cannot hold the problem (e.g.
   *     device memory, with the figure)
   * @throws IllegalStateException if this backend was closed and holds resources (a shared
   *     stateless backend, like the reference kernel, keeps preparing)
   */
  /*@ public normal_behavior
    @ requires p != null && (* this backend is open *);
    @ ensures \fresh(\result) && \result.problem() == p && \result.backend() == this;
    @ also public exceptional_behavior
    @ requires p != null && (* the backend cannot hold p *);
    @ signals_only dev.basin.base.InvalidInputException;
    @ also public exceptional_behavior
    @ requires p != null && (* this backend was closed *);
    @ signals_only IllegalStateException;
    @*/
  Prepared prepare(Problem p);

  /** Releases the backend's own resources; idempotent. The default holds none. */
  /*@ public normal_behavior
    @ ensures (* this backend's threads or device context are released; prepared problems must have been closed first *);
    @*/
  @Override
  default void close() {}
}
