package dev.basin.model;

import dev.basin.base.InvalidInputException;
import dev.basin.compute.Backend;
import dev.basin.compute.Evaluation;
import dev.basin.compute.Prepared;
import dev.basin.compute.ReferenceBackend;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;

/**
 * The empirical risk L(θ) = c Σ_i ℓ(f_θ(x_i), y_i) of one architecture, loss and data set, as a
 * function of θ (spec NET-RISK): the validated entry point to the kernel. Immutable and
 * thread-safe; {@link #at} gives the curvature at a point.
 */
public final class Objective {

  private final ParameterLayout layout;
  private final Activation activation;
  private final Loss loss;
  private final Dataset data;
  private final Problem problem;
  private final Prepared prepared;

  private Objective(ParameterLayout layout, Activation activation, Loss loss, Dataset data,
      Problem problem, Backend backend) {
    this.layout = layout;
    this.activation = activation;
    this.loss = loss;
    this.data = data;
    this.problem = problem;
    this.prepared = backend.prepare(problem);
  }

  /** The objective of a net's architecture (its θ is not used) on data, with the reference backend. */
  public static Objective of(TwoLayerNet net, Loss loss, Dataset data) {
    return of(net.layout(), net.activation(), loss, data);
  }

  /**
   * The objective of an architecture on data, validated: input dimension, target kind and width,
   * label range, and sizes whose products must fit in an int.
   */
  public static Objective of(ParameterLayout layout, Activation activation, Loss loss, Dataset data) {
    int n = data.size();
    int k = layout.outputs();
    if (data.inputs() != layout.inputs()) {
      throw new InvalidInputException("data X", "has d=" + data.inputs() + " columns but the net's W1 expects d="
          + layout.inputs());
    }
    Checks.product("n*h (hidden activations)", n, layout.hidden());
    Checks.product("n*k (outputs)", n, k);
    int[] labels = data.labelsShared();
    double[] targets = data.targetsShared();
    String lossName = Conventions.name(loss);
    if (loss.usesLabels()) {
      if (labels == null) {
        throw new InvalidInputException("data", "loss " + lossName + " needs integer labels y; the data has real targets Y");
      }
      if (loss.kind() == Loss.LOGISTIC && k != 1) {
        throw new InvalidInputException("net", "loss logistic needs k = 1 output, the net has k = " + k);
      }
      int limit = loss.kind() == Loss.LOGISTIC ? 2 : k;
      for (int i = 0; i < n; i++) {
        if (labels[i] >= limit) {
          throw new InvalidInputException("data y", "label " + labels[i] + " at row " + i + " is out of range [0, "
              + limit + ") for loss " + lossName + (loss.kind() == Loss.CE ? " with k = " + k + " outputs" : ""));
        }
      }
      return new Objective(layout, activation, loss, data,
          new Problem(layout, activation, loss, n, data.xShared(), labels, new double[0]), ReferenceBackend.INSTANCE);
    }
    if (targets == null) {
      throw new InvalidInputException("data", "loss " + lossName + " needs real targets Y (n x k); the data has integer"
          + " labels y (one-hot encode them, e.g. --one-hot)");
    }
    if (data.targetWidth() != k) {
      throw new InvalidInputException("data Y", "has " + data.targetWidth() + " columns but the net has k = " + k + " outputs");
    }
    return new Objective(layout, activation, loss, data,
        new Problem(layout, activation, loss, n, data.xShared(), new int[0], targets), ReferenceBackend.INSTANCE);
  }

  /**
   * The same objective evaluated through another backend: the problem is prepared on it now (its
   * data uploaded or packed once). The prepared problem lives as long as the backend: closing the
   * backend releases it.
   */
  public Objective withBackend(Backend b) {
    return new Objective(layout, activation, loss, data, problem, b);
  }

  /** The objective on other data (same architecture and loss), validated. */
  public Objective withData(Dataset other) {
    return of(layout, activation, loss, other).withBackend(backend());
  }

  /** The objective with another loss (same architecture and data), validated. */
  public Objective withLoss(Loss other) {
    return of(layout, activation, other, data).withBackend(backend());
  }

  /** The curvature at θ (validated: length N, finite); the forward pass is computed now. */
  public Point at(double[] theta) {
    double[] t = checkTheta(theta);
    return new Point(this, t, prepared.evaluate(t));
  }

  /**
   * The curvature at a net's parameters (the net's architecture must match). The net's θ was
   * validated when the net was made and is immutable, so it is used as it is: no second check, no
   * copy (θ is validated once, at the boundary).
   */
  public Point at(TwoLayerNet net) {
    if (net.layout().size() != layout.size() || net.inputs() != layout.inputs() || net.hidden() != layout.hidden()) {
      throw new InvalidInputException("net", TwoLayerNet.describe(net.layout()) + " does not match the objective's "
          + TwoLayerNet.describe(layout));
    }
    double[] t = net.parametersShared();
    return new Point(this, t, prepared.evaluate(t));
  }

  /** L(θ). */
  public double loss(double[] theta) {
    double[] t = checkTheta(theta);
    try (Evaluation e = prepared.evaluate(t)) {
      return e.loss();
    }
  }

  /** ∇L(θ) (a fresh array). */
  public double[] gradient(double[] theta) {
    return at(theta).gradient();
  }

  /** Network outputs f(x_i), n·k row-major. */
  public double[] outputs(double[] theta) {
    return at(theta).outputs();
  }

  private double[] checkTheta(double[] theta) {
    Checks.length("theta", theta, layout.size(), "N for " + TwoLayerNet.describe(layout));
    Checks.finite("theta", theta);
    return theta.clone();
  }

  /** N = |θ|. */
  public int numParams() {
    return layout.size();
  }

  /** The parameter layout. */
  public ParameterLayout layout() {
    return layout;
  }

  /** The activation. */
  public Activation activation() {
    return activation;
  }

  /** The loss. */
  public Loss loss() {
    return loss;
  }

  /** The data set. */
  public Dataset data() {
    return data;
  }

  /** The backend that evaluates loss, gradients and HVPs. */
  public Backend backend() {
    return prepared.backend();
  }

  /** The problem as prepared on the backend (for measures that ask it for products directly). */
  public Prepared prepared() {
    return prepared;
  }

  /** The kernel problem (for kernel-level code and fast backends). */
  public Problem problem() {
    return problem;
  }

  /** A net of this architecture with parameters θ. */
  public TwoLayerNet net(double[] theta) {
    return TwoLayerNet.of(layout, activation, theta);
  }
}
