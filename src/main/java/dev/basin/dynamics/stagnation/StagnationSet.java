package dev.basin.dynamics.stagnation;

import dev.basin.base.Findings;
import dev.basin.base.Rng;

/**
 * A set A ∋ θ* around a minimizer, described by δ = θ − θ* (spec STAG-SET-BALL, STAG-SET-TUBE;
 * basin's operationalization of the paper's stagnation sets). Sealed so that the
 * quadratic-model bound can inscribe a box in each shape; a new shape adds a case there.
 */
public sealed interface StagnationSet permits Ball, Tube {

  /** Whether θ* + δ ∈ A (δ of length N, not modified). */
  boolean contains(double[] delta);

  /**
   * ‖P δ‖² for the projector P onto the "essential" directions of the set (all of R^N for a
   * ball, the top-k eigendirections for a tube): the right-hand side of the restricted secant
   * inequality (spec STAG-LEC). δ not modified.
   */
  double essentialNormSquared(double[] delta);

  /** Writes a point δ uniformly distributed in scale·A to out (overwritten), 0 &lt; scale ≤ 1. */
  void sample(double scale, Rng rng, double[] out);

  /** Shape and radii for reports. */
  Findings describe();

  /** A point uniformly distributed in the ball of R^dim with the given radius, written to out[0 .. dim). */
  static void uniformInBall(int dim, double radius, Rng rng, double[] out) {
    double norm = 0.0;
    for (int q = 0; q < dim; q++) {
      out[q] = rng.gaussian();
      norm += out[q] * out[q];
    }
    norm = Math.sqrt(norm);
    double rho = radius * Math.pow(rng.uniform01(), 1.0 / dim);
    double f = norm > 0.0 ? rho / norm : 0.0;
    for (int q = 0; q < dim; q++) {
      out[q] *= f;
    }
  }
}
