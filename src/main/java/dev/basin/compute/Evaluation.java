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

  // Notation of the informal clauses: n, d, h, k and N are problem()'s samples, inputs, hidden units,
  // outputs and parameter count; "exact" is the real-number value of the formula at this evaluation's
  // θ; gamma(L) is ErrorModel.gamma(L) of errorModel()'s chain count L. Use after close() is refused.

  /** L(θ) (NET-RISK): c times the per-sample losses summed in sample order. */
  /*@ public normal_behavior
    @ requires (* this evaluation is open *);
    @ assignable \nothing;
    @ ensures !(\result < 0.0);
    @ ensures (* |\result - exact L(theta)| <= FLAT-LOSS-ERROR of forwardQuantities() under errorModel() *);
    @ also public exceptional_behavior
    @ requires (* this evaluation was closed *);
    @ assignable \nothing;
    @ signals_only IllegalStateException;
    @*/
  double loss();

  /** Network outputs f(x_i), n·k row-major (a fresh array). */
  /*@ public normal_behavior
    @ requires (* this evaluation is open *);
    @ assignable \nothing;
    @ ensures \fresh(\result) && \result.length == problem().samples() * problem().layout().outputs();
    @ ensures (* each entry within gamma(errorModel().outputChain(h)) * (|b2| + sum_j |W2||a_j|) of the exact
    @   b2 + W2 a at the computed activations a = forwardQuantities().activations() *);
    @ also public exceptional_behavior
    @ requires (* this evaluation was closed *);
    @ assignable \nothing;
    @ signals_only IllegalStateException;
    @*/
  double[] outputs();

  /** Writes ∇L(θ) to out (length N; modified). out must not alias θ or the forward quantities. */
  /*@ public normal_behavior
    @ requires (* this evaluation is open *);
    @ requires out != null && out.length == problem().layout().size();
    @ requires (* out aliases neither theta, the problem's arrays nor an array of forwardQuantities() *);
    @ assignable out[*];
    @ ensures (* every term of out[q] passes through at most errorModel().gradientChain(n, k) roundings *);
    @ also public exceptional_behavior
    @ requires (* this evaluation was closed *);
    @ assignable \nothing;
    @ signals_only IllegalStateException;
    @*/
  void gradient(double[] out);

  /**
   * Writes ∇²L(θ)·v to out (length N; modified). v is not modified and must not alias out; out must
   * not alias θ or the forward quantities either.
   */
  /*@ public normal_behavior
    @ requires (* this evaluation is open *);
    @ requires v != null && out != null && v.length == problem().layout().size() && out.length == v.length && v != out;
    @ requires (* out aliases neither theta, the problem's arrays nor an array of forwardQuantities() *);
    @ assignable out[*];
    @ ensures (* for every q: |out[q] - exact (H v)[q]| <= FLAT-HVP-ERROR(forwardQuantities(),
    @   errorModel().hvpChain(n, d, h, k), v)[q], the certificate of dev.basin.measure.HvpErrorBound *);
    @ also public exceptional_behavior
    @ requires (* this evaluation was closed *);
    @ assignable \nothing;
    @ signals_only IllegalStateException;
    @*/
  void hvp(double[] v, double[] out);

  /**
   * Writes ∇²L(θ)·v_j to outs[j] for every j, each equal bit for bit to {@link #hvp} of v_j. The
   * default does one product at a time; fast backends batch them into matrix-matrix products. vs
   * not modified; outs modified (each of length N, none aliasing a direction).
   */
  /*@ public normal_behavior
    @ requires (* this evaluation is open *);
    @ requires vs != null && outs != null && vs.length == outs.length;
    @ requires (\forall int j; 0 <= j && j < vs.length; vs[j] != null && outs[j] != null
    @     && vs[j].length == problem().layout().size() && outs[j].length == vs[j].length);
    @ requires (* no outs[j] aliases a direction, another outs[i], theta, the problem's arrays or forwardQuantities() *);
    @ assignable outs[*][*];
    @ ensures (\forall int j; 0 <= j && j < vs.length; (* outs[j] is bit for bit hvp(vs[j]) *));
    @ also public exceptional_behavior
    @ requires (* this evaluation was closed *);
    @ assignable \nothing;
    @ signals_only IllegalStateException;
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
  /*@ public normal_behavior
    @ requires (* this evaluation is open *);
    @ assignable \nothing;
    @ ensures \result != null;
    @ ensures \result.preActivations().length == problem().samples() * problem().layout().hidden();
    @ ensures \result.outputs().length == problem().samples() * problem().layout().outputs();
    @ ensures (* the other n·h arrays have length n·h, the other n·k arrays length n·k *);
    @ ensures (* z within gamma(errorModel().preActivationChain(d)), o within gamma(errorModel().outputChain(h))
    @   and W2^T g within gamma(errorModel().backChain(k)) of the exact sums of this evaluation's own inputs to
    @   them, relative to the sums of |terms|; sigma, sigma', sigma'' within errorModel().functionError(value)
    @   of their exact values at the computed z *);
    @ also public exceptional_behavior
    @ requires (* this evaluation was closed *);
    @ assignable \nothing;
    @ signals_only IllegalStateException;
    @*/
  ForwardQuantities forwardQuantities();

  /** The problem. */
  /*@ public normal_behavior
    @ ensures \result != null;
    @ pure
    @*/
  dev.basin.kernel.Problem problem();

  /** The arithmetic this evaluation's products keep (its backend's). */
  /*@ public normal_behavior
    @ ensures \result != null;
    @ pure
    @*/
  ErrorModel errorModel();

  /** The backend's matrix-product passes (for the certificate's and the measures' sums). */
  /*@ public normal_behavior
    @ ensures \result != null && \result.errorModel() != null;
    @ pure
    @*/
  MatrixProducts products();

  /** Releases buffers; idempotent. Afterwards every product refuses (IllegalStateException). */
  /*@ public normal_behavior
    @ ensures (* this evaluation is closed: its products refuse, with IllegalStateException *);
    @*/
  @Override
  void close();
}
