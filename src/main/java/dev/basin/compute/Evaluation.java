package dev.basin.compute;

/**
 * A prepared problem evaluated at one θ, with the forward pass cached (spec COMPUTE-BACKEND). HVPs
 * after the first cost one R-pass over the data each. Implementations may keep scratch buffers
 * (on the host or a device): an evaluation is safe for use by one thread at a time, and {@link
 * #close()} releases what it holds (later calls throw {@link IllegalStateException}).
 *
 * <p>Every product keeps the backend's declared {@link #errorModel()}: the forward quantities it
 * returns are the ones its products were computed from, so FLAT-HVP-ERROR built from them (and from
 * the model's chain counts) bounds |Ĥv − Hv| for this evaluation's own products.
 */
public interface Evaluation extends AutoCloseable {

  /** L(θ) (NET-RISK): c times the per-sample losses summed in sample order. */
  /*@ public normal_behavior
    @ ensures (* |\result - L(theta)| <= FLAT-LOSS-ERROR of forwardQuantities() under errorModel() *);
    @*/
  double loss();

  /** Network outputs f(x_i), n·k row-major (a fresh array). */
  /*@ public normal_behavior
    @ ensures \fresh(\result) && \result.length == problem().samples() * problem().layout().outputs();
    @ ensures (* each entry within gamma(errorModel().outputChain(h)) of the exact output at the computed activations *);
    @*/
  double[] outputs();

  /** Writes ∇L(θ) to out (length N; modified). */
  /*@ public normal_behavior
    @ requires out.length == problem().layout().size();
    @ assignable out[*];
    @ ensures (* every term of out[q] passes through at most errorModel().gradientChain(n, k) roundings *);
    @*/
  void gradient(double[] out);

  /** Writes ∇²L(θ)·v to out (length N; modified). v is not modified and must not alias out. */
  /*@ public normal_behavior
    @ requires v.length == problem().layout().size() && out.length == v.length && v != out;
    @ assignable out[*];
    @ ensures (* |out - H v| <= FLAT-HVP-ERROR(forwardQuantities(), errorModel().hvpChain(n, d, h, k), v) componentwise *);
    @*/
  void hvp(double[] v, double[] out);

  /**
   * Writes ∇²L(θ)·v_j to outs[j] for every j, each equal bit for bit to {@link #hvp} of v_j. The
   * default does one product at a time; fast backends batch them into matrix-matrix products. vs
   * not modified; outs modified (each of length N, none aliasing a direction).
   */
  /*@ public normal_behavior
    @ requires vs.length == outs.length;
    @ assignable outs[*][*];
    @ ensures (\forall int j; 0 <= j < vs.length; (* outs[j] is bit for bit hvp(vs[j]) *));
    @*/
  default void hvpBatch(double[][] vs, double[][] outs) {
    for (int j = 0; j < vs.length; j++) {
      hvp(vs[j], outs[j]);
    }
  }

  /**
   * The forward quantities (ẑ, â, σ'(ẑ), σ''(ẑ), ô, ĝ, W2ᵀĝ) this evaluation's products are computed
   * from, as host arrays (shared, not to be modified). FLAT-HVP-ERROR's bound built from them under
   * {@link #errorModel()} bounds this evaluation's HVPs.
   */
  ForwardQuantities forwardQuantities();

  /** The problem. */
  /*@ pure @*/ dev.basin.kernel.Problem problem();

  /** The arithmetic this evaluation's products keep (its backend's). */
  /*@ pure @*/ ErrorModel errorModel();

  /** The backend's matrix-product passes (for the certificate's and the measures' sums). */
  MatrixProducts products();

  /** Releases buffers; idempotent. The default holds nothing. */
  @Override
  default void close() {}
}
