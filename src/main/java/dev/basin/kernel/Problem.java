package dev.basin.kernel;

/**
 * One empirical-risk problem: an architecture (layout, activation), a loss and a data set, with
 * the parameters θ left free. L(θ) = c · Σ_i ℓ(f_θ(x_i), y_i) (spec NET-RISK).
 *
 * <p>The arrays are shared, not copied: the caller ({@link dev.basin.model.Objective}) owns
 * private copies and never modifies them.
 */
public final class Problem {

  // Package-private: kernel code reads the fields directly (no getter contracts in its proofs);
  // other packages use the accessors.
  /*@ spec_public @*/ final ParameterLayout layout;
  /*@ spec_public @*/ final Activation activation;
  /*@ spec_public @*/ final Loss loss;
  /*@ spec_public @*/ final int n;
  /*@ spec_public @*/ final double[] x;
  /*@ spec_public @*/ final int[] labels;
  /*@ spec_public @*/ final double[] targets;
  /*@ spec_public @*/ final double scale;

  /*@ public invariant n >= 1 && x.length == n * layout.d;
    @ public invariant n * layout.d <= Integer.MAX_VALUE && n * layout.h <= Integer.MAX_VALUE;
    @ public invariant n * layout.k <= Integer.MAX_VALUE;
    @ public invariant (loss.kind == Loss.CE || loss.kind == Loss.LOGISTIC) ==> labels.length == n;
    @ public invariant !(loss.kind == Loss.CE || loss.kind == Loss.LOGISTIC)
    @                  ==> targets.length == n * layout.k;
    @ public invariant loss.kind == Loss.LOGISTIC ==> layout.k == 1;
    @ public invariant scale > 0.0 && scale <= 1.0;
    @ public invariant \invariant_for(layout) && \invariant_for(activation) && \invariant_for(loss);
    @*/

  /**
   * A problem over n samples. x (n·d, row-major), labels (n, used by CE/LOGISTIC, else may be
   * empty) and targets (n·k, used by HALFSQ/MSE, else may be empty) are kept by reference and
   * must not be modified afterwards. Label values (CE: in [0, k), LOGISTIC: 0 or 1) are a
   * precondition of {@link ForwardPass#compute}, the one method that reads them.
   */
  /*@ public normal_behavior
    @ requires \invariant_for(layout) && \invariant_for(activation) && \invariant_for(loss);
    @ requires n >= 1 && x.length == n * layout.d;
    @ requires n * layout.d <= Integer.MAX_VALUE && n * layout.h <= Integer.MAX_VALUE;
    @ requires n * layout.k <= Integer.MAX_VALUE;
    @ requires (loss.kind == Loss.CE || loss.kind == Loss.LOGISTIC) ==> labels.length == n;
    @ requires !(loss.kind == Loss.CE || loss.kind == Loss.LOGISTIC) ==> targets.length == n * layout.k;
    @ requires loss.kind == Loss.LOGISTIC ==> layout.k == 1;
    @ ensures this.layout == layout && this.activation == activation && this.loss == loss;
    @ ensures this.n == n && this.x == x && this.labels == labels && this.targets == targets;
    @ assignable \nothing;
    @*/
  public Problem(ParameterLayout layout, Activation activation, Loss loss, int n, double[] x,
      int[] labels, double[] targets) {
    this.layout = layout;
    this.activation = activation;
    this.loss = loss;
    this.n = n;
    this.x = x;
    this.labels = labels;
    this.targets = targets;
    this.scale = loss.scale(n, layout.outputs());
  }

  /** The parameter layout. */
  /*@ public normal_behavior
    @ ensures \result == layout;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ ParameterLayout layout() {
    return layout;
  }

  /** The activation σ. */
  /*@ public normal_behavior
    @ ensures \result == activation;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ Activation activation() {
    return activation;
  }

  /** The loss. */
  /*@ public normal_behavior
    @ ensures \result == loss;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ Loss loss() {
    return loss;
  }

  /** Number of samples n. */
  /*@ public normal_behavior
    @ ensures \result == n;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ int samples() {
    return n;
  }

  /** The inputs X (n·d row-major); shared, must not be modified. */
  /*@ public normal_behavior
    @ ensures \result == x;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ double[] inputs() {
    return x;
  }

  /** The integer labels (CE / LOGISTIC; empty otherwise); shared, must not be modified. */
  /*@ public normal_behavior
    @ ensures \result == labels;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ int[] labels() {
    return labels;
  }

  /** The real targets (n·k; HALFSQ / MSE; empty otherwise); shared, must not be modified. */
  /*@ public normal_behavior
    @ ensures \result == targets;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ double[] targets() {
    return targets;
  }

  /** The reduction factor c of L = c Σ_i ℓ_i. */
  /*@ public normal_behavior
    @ ensures \result == scale;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ double scale() {
    return scale;
  }

  /** The label of sample i (0 for the squared losses, which ignore it). */
  /*@ public normal_behavior
    @ requires 0 <= i && i < n;
    @ ensures (loss.kind == Loss.CE || loss.kind == Loss.LOGISTIC) ==> \result == labels[i];
    @ ensures !(loss.kind == Loss.CE || loss.kind == Loss.LOGISTIC) ==> \result == 0;
    @ assignable \nothing;
    @*/
  @SuppressWarnings("index") // bounds proved by KeY (proofs/LEDGER.md)
  public /*@ pure @*/ int label(int i) {
    return loss.usesLabels() ? labels[i] : 0;
  }
}
