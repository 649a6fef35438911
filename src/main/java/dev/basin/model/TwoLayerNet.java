package dev.basin.model;

import dev.basin.base.InvalidInputException;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Network;
import dev.basin.kernel.ParameterLayout;
import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An immutable 2-layer network f(x) = W2 σ(W1 x + b1) + b2 in PyTorch nn.Linear layout
 * (W1: h×d, b1: h, W2: k×h, b2: k; either bias may be absent), stored as its flat parameter
 * vector θ (spec NET-PARAM-ORDER). Validated on construction: shapes consistent, every weight
 * finite.
 */
public final class TwoLayerNet {

  private final ParameterLayout layout;
  private final Activation activation;
  private final double[] theta;

  private TwoLayerNet(ParameterLayout layout, Activation activation, double[] theta) {
    this.layout = layout;
    this.activation = activation;
    this.theta = theta;
  }

  /** A layout for d inputs, h hidden units and k outputs, or an error naming the bad size. */
  public static ParameterLayout layout(int d, int h, int k, boolean hasB1, boolean hasB2) {
    Checks.atLeast("d (inputs)", d, 1);
    Checks.atLeast("h (hidden units)", h, 1);
    Checks.atLeast("k (outputs)", k, 1);
    if (!ParameterLayout.fits(d, h, k)) {
      throw new InvalidInputException("network size", "d=" + d + ", h=" + h + ", k=" + k
          + " gives more than " + ParameterLayout.MAX_PARAMS + " parameters");
    }
    return new ParameterLayout(d, h, k, hasB1, hasB2);
  }

  /**
   * A net from its flat parameter vector θ (copied). theta is not modified.
   *
   * @throws InvalidInputException if θ has the wrong length or a non-finite entry
   */
  public static TwoLayerNet of(ParameterLayout layout, Activation activation, double[] theta) {
    Checks.length("theta", theta, layout.size(), "N for " + describe(layout));
    Checks.finite("theta", theta);
    return new TwoLayerNet(layout, activation, theta.clone());
  }

  /**
   * A net from its weight arrays (all copied, none modified).
   *
   * @param w1 h×d row-major
   * @param b1 h entries, or null when absent
   * @param w2 k×h row-major
   * @param b2 k entries, or null when absent
   */
  public static TwoLayerNet of(Activation activation, int d, int h, int k, double[] w1,
      double @Nullable [] b1, double[] w2, double @Nullable [] b2) {
    ParameterLayout l = layout(d, h, k, b1 != null, b2 != null);
    Checks.length("W1", w1, h * d, "h*d = " + h + "*" + d);
    Checks.length("W2", w2, k * h, "k*h = " + k + "*" + h);
    if (b1 != null) {
      Checks.length("b1", b1, h, "h");
    }
    if (b2 != null) {
      Checks.length("b2", b2, k, "k");
    }
    double[] theta = new double[l.size()];
    System.arraycopy(w1, 0, theta, 0, w1.length);
    if (b1 != null) {
      System.arraycopy(b1, 0, theta, l.offsetB1(), h);
    }
    System.arraycopy(w2, 0, theta, l.offsetW2(), w2.length);
    if (b2 != null) {
      System.arraycopy(b2, 0, theta, l.offsetB2(), k);
    }
    Checks.finite("W1", w1);
    Checks.finite("W2", w2);
    if (b1 != null) {
      Checks.finite("b1", b1);
    }
    if (b2 != null) {
      Checks.finite("b2", b2);
    }
    return new TwoLayerNet(l, activation, theta);
  }

  /** The same architecture with other parameters θ (copied, validated). */
  public TwoLayerNet withParameters(double[] newTheta) {
    return of(layout, activation, newTheta);
  }

  /** The same parameters with another activation. */
  public TwoLayerNet withActivation(Activation a) {
    return new TwoLayerNet(layout, a, theta);
  }

  /** The parameter layout. */
  public ParameterLayout layout() {
    return layout;
  }

  /** The activation σ. */
  public Activation activation() {
    return activation;
  }

  /** A copy of θ. */
  public double[] parameters() {
    return theta.clone();
  }

  /** θ itself, for {@link Objective#at(TwoLayerNet)}: validated at construction, never modified by either. */
  double[] parametersShared() {
    return theta;
  }

  /** θ_q without copying. */
  public double parameter(int q) {
    return theta[q];
  }

  /** N = |θ|. */
  public int numParams() {
    return layout.size();
  }

  /** Input dimension d. */
  public int inputs() {
    return layout.inputs();
  }

  /** Hidden width h. */
  public int hidden() {
    return layout.hidden();
  }

  /** Output dimension k. */
  public int outputs() {
    return layout.outputs();
  }

  /** A copy of one parameter group (W1, B1, W2 or B2 of {@link ParameterLayout}); empty if absent. */
  public double[] group(int group) {
    int off = layout.groupOffset(group);
    return Arrays.copyOfRange(theta, off, off + layout.groupLength(group));
  }

  /** W1 (h×d row-major), a copy. */
  public double[] w1() {
    return group(ParameterLayout.W1);
  }

  /** b1, a copy, or null if absent. */
  public double @Nullable [] b1() {
    return layout.hasHiddenBias() ? group(ParameterLayout.B1) : null;
  }

  /** W2 (k×h row-major), a copy. */
  public double[] w2() {
    return group(ParameterLayout.W2);
  }

  /** b2, a copy, or null if absent. */
  public double @Nullable [] b2() {
    return layout.hasOutputBias() ? group(ParameterLayout.B2) : null;
  }

  /**
   * f(x_i) for n inputs X (n·d row-major; validated, not modified), as a fresh n·k array.
   */
  public double[] outputs(double[] x, int n) {
    Checks.atLeast("n", n, 1);
    Checks.length("X", x, Checks.product("X", n, layout.inputs()), "n*d");
    Checks.finite("X", x);
    Checks.product("outputs", n, layout.outputs());
    return Network.outputs(layout, activation, theta, x, n);
  }

  /** "d-h-k, b1 yes/no, b2 yes/no" for messages and reports. */
  public static String describe(ParameterLayout l) {
    return "d=" + l.inputs() + ", h=" + l.hidden() + ", k=" + l.outputs()
        + (l.hasHiddenBias() ? ", b1" : ", no b1") + (l.hasOutputBias() ? ", b2" : ", no b2");
  }

  @Override
  public String toString() {
    return "TwoLayerNet(" + describe(layout) + ", " + Conventions.name(activation) + ", N=" + numParams() + ")";
  }
}
