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
  /*@ public normal_behavior
    @ requires delta.length == N;
    @ ensures \result <==> (the set's defining norms of delta, computed in double) <= (its radii)^2;
    @ ensures \result ==> (\forall double t; 0 <= t && t <= 1; contains(t * delta));
    @ ensures contains(new double[N]);
    @ assignable \nothing;
    @*/
  boolean contains(double[] delta);

  /**
   * ‖P δ‖² for the projector P onto the "essential" directions of the set (all of R^N for a
   * ball, the top-k eigendirections for a tube): the right-hand side of the restricted secant
   * inequality (spec STAG-LEC). δ not modified.
   */
  /*@ public normal_behavior
    @ requires delta.length == N;
    @ ensures \result >= 0.0;
    @ ensures \result ~= ||P delta||^2 (within 4 N ulp of the exact value);
    @ assignable \nothing;
    @*/
  double essentialNormSquared(double[] delta);

  /** Writes a point δ uniformly distributed in scale·A to out (overwritten), 0 &lt; scale ≤ 1. */
  /*@ public normal_behavior
    @ requires 0.0 < scale && scale <= 1.0 && out.length == N;
    @ ensures out is in scale * A up to rounding (its norms are within (1 + 8 N eps) of scale times the radii);
    @ assignable out[*], rng's state;
    @*/
  void sample(double scale, Rng rng, double[] out);

  /** Shape and radii for reports. */
  /*@ public normal_behavior
    @ ensures \result.get("shape") != null && \result.get("spec") != null;
    @ assignable \nothing;
    @*/
  Findings describe();

  /** A point uniformly distributed in the ball of R^dim with the given radius, written to out[0 .. dim). */
  /*@ public normal_behavior
    @ requires dim >= 1 && radius >= 0.0 && out.length >= dim;
    @ ensures ||out[0 .. dim)||_2 <= radius * (1 + 8 dim eps);
    @ assignable out[0 .. dim), rng's state;
    @*/
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
