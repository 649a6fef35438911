package dev.basin.compute;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A problem evaluated at one θ, with the forward pass cached. HVPs after the first cost one
 * R-pass over the data each. Implementations may keep scratch buffers: an evaluation is safe
 * for use by one thread at a time.
 */
public interface Evaluation {

  /** L(θ). */
  double loss();

  /** Network outputs f(x_i), n·k row-major (a fresh array). */
  double[] outputs();

  /** Writes ∇L(θ) to out (length N; modified). */
  void gradient(double[] out);

  /** Writes ∇²L(θ)·v to out (length N; modified). v is not modified and must not alias out. */
  void hvp(double[] v, double[] out);

  /**
   * Writes ∇²L(θ)·v_j to outs[j] for every j. The default does one product at a time; fast
   * backends batch them into matrix-matrix products. vs not modified; outs modified.
   */
  default void hvpBatch(double[][] vs, double[][] outs) {
    for (int j = 0; j < vs.length; j++) {
      hvp(vs[j], outs[j]);
    }
  }

  /**
   * The forward quantities of this evaluation, if its {@link #hvp} evaluates HESS-HVP's expression
   * on exactly these quantities in binary64 with every term of a result component passing through
   * at most K roundings of spec FLAT-HVP-ERROR (sums in any order and FMA contractions allowed).
   * Then FLAT-HVP-ERROR's bound built from them bounds this evaluation's products, and certificates
   * may use {@link #hvp} directly. Null for a backend that cannot state that (the caller falls back
   * to the reference kernel).
   */
  default @Nullable ForwardQuantities forwardQuantities() {
    return null;
  }
}
