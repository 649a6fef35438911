package dev.basin.dynamics.stagnation;

import dev.basin.base.Findings;
import dev.basin.base.Rng;
import dev.basin.model.Checks;

/**
 * The Euclidean ball B(θ*, r) = {θ : ‖θ − θ*‖₂ ≤ r} (spec STAG-SET-BALL); its essential
 * projector is the identity.
 *
 * @param radius r &gt; 0
 * @param dimension N
 */
public record Ball(double radius, int dimension) implements StagnationSet {

  /** Validates r &gt; 0 and N ≥ 1. */
  /*@ public behavior
    @ ensures this.radius == radius && this.dimension == dimension;
    @ signals (InvalidInputException) !(radius > 0 && finite) || dimension < 1;
    @*/
  public Ball {
    Checks.positive("radius", radius);
    Checks.atLeast("dimension", dimension, 1);
  }

  @Override
  public boolean contains(double[] delta) {
    double s = 0.0;
    for (double x : delta) {
      s += x * x;
    }
    return s <= radius * radius;
  }

  @Override
  public double essentialNormSquared(double[] delta) {
    double s = 0.0;
    for (double x : delta) {
      s += x * x;
    }
    return s;
  }

  @Override
  public void sample(double scale, Rng rng, double[] out) {
    StagnationSet.uniformInBall(dimension, scale * radius, rng, out);
  }

  @Override
  public Findings describe() {
    return Findings.builder()
        .text("shape", "ball")
        .text("definition", "||theta - theta*||_2 <= r")
        .setting("radius", radius)
        .text("essential_projector", "identity")
        .text("spec", "spec/dynamics.md STAG-SET-BALL (basin's operationalization)")
        .build();
  }
}
