package dev.basin.dynamics.stagnation;

import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import org.apache.commons.numbers.gamma.Erfc;

/**
 * basin's quadratic-model staying bound (spec STAG-BOUND-QUAD; derived, an operationalization of
 * papers.md §4.3, not the paper's theorem). Under {@link LocalModel}, the eigen-coordinate
 * c_{t,j} of δ_t = θ_t − θ* follows c_{t+1} = ρ_j c_t − η(g_j + ε_{t,j}), ρ_j = 1 − ηλ_j,
 * ε ~ N(0, σ_j²), c_0 = 0, so c_{t,j} ~ N(m_{t,j}, s_{t,j}²) with
 *
 * <pre>
 *   m_{t+1} = ρ m_t − η g,    s²_{t+1} = ρ² s²_t + η² σ²     (m_0 = s_0 = 0; any sign of λ)
 * </pre>
 *
 * A box |c_j| ≤ r_j inside the set (Σ_j r_j² ≤ r² for a ball; the same per block of a tube) is
 * left with probability at most Σ_{t=1}^T Σ_j P(|c_{t,j}| &gt; r_j) by the union bound, with
 * P(|m + sZ| &gt; r) = Φ̄((r − m)/s) + Φ̄((r + m)/s). The half-widths are allocated in proportion
 * to a_j = max_t √(m_{t,j}² + s_{t,j}²) within each block (any allocation is valid). Once
 * (m_t, s_t) stop changing in floating point the remaining T − t terms are equal and are added
 * as one product. Cost O(N·T) Erfc evaluations at most.
 */
public final class QuadraticUnionBound implements StayingBound {

  /** The shared instance (stateless). */
  public static final QuadraticUnionBound INSTANCE = new QuadraticUnionBound();

  private QuadraticUnionBound() {}

  @Override
  public Bound lowerBound(LocalModel model, StagnationSet set, double lr, int steps) {
    Checks.positive("lr", lr);
    Checks.atLeast("steps", steps, 1);
    int n = model.basis().size();
    double failure;
    String method;
    switch (set) {
      case Ball b -> {
        if (b.dimension() != n) {
          throw new InvalidInputException("ball", "dimension " + b.dimension() + " differs from the model's N = " + n);
        }
        failure = block(model, 0, n, b.radius(), lr, steps);
        method = "box inscribed in the ball, half-widths proportional to max_t RMS of each eigen-coordinate";
      }
      case Tube tb -> {
        if (tb.basis() != model.basis()) {
          throw new InvalidInputException("tube", "is built on another eigenbasis than the local model");
        }
        failure = block(model, 0, tb.k(), tb.radius(), lr, steps)
            + (tb.k() < n ? block(model, tb.k(), n, tb.perpRadius(), lr, steps) : 0.0);
        method = "box inscribed in each block of the tube (top-k and rest), half-widths proportional to max_t RMS";
      }
    }
    return new Bound(Probability.oneMinusDown(failure), failure,
        "union bound over t = 1..T and eigendirections of Gaussian AR(1) tails; " + method,
        "spec/dynamics.md STAG-BOUND-QUAD");
  }

  /** Σ_t Σ_{j ∈ [from, to)} P(|c_{t,j}| &gt; r_j) with Σ r_j² = radius². */
  private static double block(LocalModel model, int from, int to, double radius, double lr, int steps) {
    double[] rms = new double[to - from];
    double total = 0.0;
    for (int j = from; j < to; j++) {
      rms[j - from] = maxRms(model, j, lr, steps);
      total += rms[j - from] * rms[j - from];
    }
    total = Math.sqrt(total);
    if (total == 0.0) {
      return 0.0;
    }
    double failure = 0.0;
    for (int j = from; j < to; j++) {
      double a = rms[j - from];
      if (a == 0.0) {
        continue;
      }
      failure += tailSum(model, j, radius * (a / total), lr, steps);
    }
    return failure;
  }

  private static double maxRms(LocalModel model, int j, double lr, int steps) {
    double rho = 1.0 - lr * model.basis().value(j);
    double drift = lr * model.slope()[j];
    double var = lr * lr * model.noiseVariance()[j];
    double m = 0.0;
    double v = 0.0;
    double best = 0.0;
    for (int t = 1; t <= steps; t++) {
      double m2 = rho * m - drift;
      double v2 = rho * rho * v + var;
      best = Math.max(best, Math.sqrt(m2 * m2 + v2));
      if (m2 == m && v2 == v) {
        break;
      }
      m = m2;
      v = v2;
    }
    return best;
  }

  private static double tailSum(LocalModel model, int j, double r, double lr, int steps) {
    double rho = 1.0 - lr * model.basis().value(j);
    double drift = lr * model.slope()[j];
    double var = lr * lr * model.noiseVariance()[j];
    double m = 0.0;
    double v = 0.0;
    double sum = 0.0;
    for (int t = 1; t <= steps; t++) {
      double m2 = rho * m - drift;
      double v2 = rho * rho * v + var;
      double term = tail(r, m2, Math.sqrt(v2));
      if (m2 == m && v2 == v) {
        return sum + (steps - t + 1) * term;
      }
      sum += term;
      m = m2;
      v = v2;
    }
    return sum;
  }

  /** P(|m + sZ| &gt; r), Z ~ N(0, 1). */
  static double tail(double r, double m, double s) {
    if (s == 0.0) {
      return Math.abs(m) > r ? 1.0 : 0.0;
    }
    return upperTail((r - m) / s) + upperTail((r + m) / s);
  }

  /** Φ̄(x) = P(Z &gt; x) = ½ erfc(x/√2), accurate in the far tail. */
  static double upperTail(double x) {
    return 0.5 * Erfc.value(x / Math.sqrt(2.0));
  }
}
