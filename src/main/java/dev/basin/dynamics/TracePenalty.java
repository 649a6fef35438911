package dev.basin.dynamics;

import dev.basin.base.InvalidInputException;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.kernel.ParameterLayout;
import dev.basin.model.Checks;
import dev.basin.model.Conventions;
import dev.basin.model.Objective;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The trace-penalised empirical risk R(θ) = L(θ) + λ·tr ∇²L(θ) as a {@link Landscape} (spec
 * FLAT-TRACE-PENALTY), for piecewise-linear activations (σ'' = 0 a.e.) and the squared losses
 * (constant output curvature M = m·I): there tr ∇²L is the closed form of FLAT-DIAG and its
 * gradient is explicit. Minibatches penalise the trace of their own loss. Immutable.
 */
public final class TracePenalty implements Landscape {

  private final ObjectiveLandscape risk;
  private final double lambda;

  private TracePenalty(ObjectiveLandscape risk, double lambda) {
    this.risk = risk;
    this.lambda = lambda;
  }

  /**
   * The penalised landscape of an objective with λ ≥ 0; refuses an activation with σ'' ≠ 0 or a
   * loss whose output curvature depends on the outputs (ce, logistic).
   */
  public static TracePenalty of(Objective objective, double lambda) {
    Checks.finite("lambda", lambda);
    if (!(lambda >= 0.0)) {
      throw new InvalidInputException("lambda", lambda + " (the trace penalty weight must be >= 0)");
    }
    int act = objective.activation().kind();
    if (act != Activation.RELU && act != Activation.LEAKY_RELU && act != Activation.IDENTITY) {
      throw new InvalidInputException("activation", Conventions.name(objective.activation()) + ": the trace penalty's "
          + "closed-form gradient (FLAT-TRACE-PENALTY) needs a piecewise-linear activation (relu, leaky_relu, identity)");
    }
    int loss = objective.loss().kind();
    if (loss != Loss.HALFSQ && loss != Loss.MSE) {
      throw new InvalidInputException("loss", "the trace penalty (FLAT-TRACE-PENALTY) needs halfsq or mse, whose output "
          + "curvature is constant");
    }
    return new TracePenalty(new ObjectiveLandscape(objective), lambda);
  }

  /** The same objective with another λ. */
  public TracePenalty withLambda(double other) {
    return of(risk.objective(), other);
  }

  /** λ. */
  public double lambda() {
    return lambda;
  }

  @Override
  public int dimension() {
    return risk.dimension();
  }

  @Override
  public int samples() {
    return risk.samples();
  }

  @Override
  public double lossAndGradient(double[] theta, double[] grad) {
    double l = risk.lossAndGradient(theta, grad);
    return l + lambda * trace(risk.objective(), theta, grad, lambda);
  }

  @Override
  public double batchLossAndGradient(double[] theta, int[] rows, double[] grad) {
    double l = risk.batchLossAndGradient(theta, rows, grad);
    return l + lambda * trace(risk.objective().withData(risk.objective().data().select(rows)), theta, grad, lambda);
  }

  @Override
  public @Nullable Fit fit(double[] theta, double residualTol) {
    return risk.fit(theta, residualTol);
  }

  /** tr ∇²L(θ) of the objective by the closed form of FLAT-TRACE-PENALTY (θ not modified). */
  public static double trace(Objective objective, double[] theta) {
    return trace(objective, theta, null, 0.0);
  }

  /**
   * tr ∇²L(θ) = c·m·Σ_i Σ_j [σ'(z_ij)² ‖W2[:, j]‖² ‖x̃_i‖² + k·σ(z_ij)²] + c·m·n·k·[b2], and, when
   * {@code grad} is given, adds weight·∇ tr to it (the σ'² factors are constant a.e.).
   */
  private static double trace(Objective obj, double[] theta, double @Nullable [] grad, double weight) {
    ParameterLayout l = obj.layout();
    Activation act = obj.activation();
    int n = obj.data().size();
    int d = l.inputs();
    int h = l.hidden();
    int k = l.outputs();
    double c = obj.problem().scale();
    double m = obj.loss().kind() == Loss.MSE ? 2.0 : 1.0;
    double[] x = obj.data().x();
    double[] w2norm = new double[h];
    for (int j = 0; j < h; j++) {
      for (int o = 0; o < k; o++) {
        double w = theta[l.offsetW2() + o * h + j];
        w2norm[j] += w * w;
      }
    }
    double[] slopeSq = new double[h];
    double tr = l.hasOutputBias() ? n * k : 0.0;
    for (int i = 0; i < n; i++) {
      double xx = l.hasHiddenBias() ? 1.0 : 0.0;
      for (int q = 0; q < d; q++) {
        xx += x[i * d + q] * x[i * d + q];
      }
      for (int j = 0; j < h; j++) {
        double z = l.hasHiddenBias() ? theta[l.offsetB1() + j] : 0.0;
        for (int q = 0; q < d; q++) {
          z += theta[j * d + q] * x[i * d + q];
        }
        double s = act.value(z);
        double ds = act.derivative(z);
        tr += ds * ds * w2norm[j] * xx + k * s * s;
        slopeSq[j] += ds * ds * xx;
        if (grad != null) {
          double g = weight * c * m * 2.0 * k * s * ds;
          for (int q = 0; q < d; q++) {
            grad[j * d + q] += g * x[i * d + q];
          }
          if (l.hasHiddenBias()) {
            grad[l.offsetB1() + j] += g;
          }
        }
      }
    }
    if (grad != null) {
      for (int j = 0; j < h; j++) {
        for (int o = 0; o < k; o++) {
          int q = l.offsetW2() + o * h + j;
          grad[q] += weight * c * m * 2.0 * theta[q] * slopeSq[j];
        }
      }
    }
    return c * m * tr;
  }
}
