package dev.basin.dynamics.noise;

import dev.basin.base.Findings;
import dev.basin.base.Reported;
import dev.basin.base.Rng;
import dev.basin.model.Checks;
import dev.basin.model.Objective;

/**
 * ξ ~ N(0, σ² H₊(θ)) with H₊ the PSD part of the exact Hessian (spec DYN-NOISE-HESS): the
 * explicit Hessian (Point.hessian, N ≤ 16384 and the heap) is decomposed densely, negative
 * eigenvalues are clipped to 0, and ξ = σ V √max(Λ,0) z with z ~ N(0, I_N). Exact for H₊ up to
 * the eigensolver's backward error. Either frozen at one point (the local model of spec
 * STAG-BOUND-QUAD; one O(N³) decomposition) or recomputed at every θ (O(N³) per draw).
 */
public final class HessianNoise implements GradientNoise {

  private final Objective objective;
  private final double sigma;
  private final boolean frozen;
  private final PsdFactor factor;

  private HessianNoise(Objective objective, double sigma, boolean frozen, PsdFactor factor) {
    this.objective = objective;
    this.sigma = sigma;
    this.frozen = frozen;
    this.factor = factor;
  }

  /** Σ = σ² H₊(θ0), computed once at θ0 (not modified). */
  public static HessianNoise frozenAt(Objective objective, double[] theta0, double sigma) {
    Checks.nonNegative("noise sigma", sigma);
    return new HessianNoise(objective, sigma, true, factorAt(objective, theta0));
  }

  /**
   * Σ(θ) = σ² H₊(θ) at the current iterate, decomposed anew at every draw (stateless, so safe to
   * share between threads); θ0 (not modified) gives the factor that {@link #describe} reports.
   */
  public static HessianNoise current(Objective objective, double[] theta0, double sigma) {
    Checks.nonNegative("noise sigma", sigma);
    return new HessianNoise(objective, sigma, false, factorAt(objective, theta0));
  }

  private static PsdFactor factorAt(Objective objective, double[] theta) {
    return PsdFactor.of(objective.at(theta).hessian(), objective.numParams());
  }

  /** The factor of H₊ at the frozen point (at θ0 for the current-iterate variant). */
  public PsdFactor factor() {
    return factor;
  }

  /** σ. */
  public double sigma() {
    return sigma;
  }

  @Override
  public void sample(double[] theta, Rng rng, double[] out) {
    PsdFactor f = frozen ? factor : factorAt(objective, theta);
    double[] z = rng.gaussians(f.n(), 1.0);
    f.apply(z, sigma, out);
  }

  @Override
  public boolean isZero() {
    return sigma == 0.0;
  }

  @Override
  public Findings describe() {
    return Findings.builder()
        .text("noise", "hessian")
        .setting("sigma", sigma)
        .text("covariance", "sigma^2 H_+(theta), H_+ = V max(Lambda, 0) V^T (negative eigenvalues clipped)")
        .text("evaluated_at", frozen ? "frozen at the start point" : "current iterate (recomputed each step)")
        .text("method", "explicit Hessian, dense symmetric eigendecomposition, xi = sigma V sqrt(max(Lambda,0)) z")
        .flag("exact", true)
        .text("clipped_at", frozen ? "the frozen point" : "the start point")
        .count("clipped_eigenvalues", factor.clipped())
        .put("clipped_mass", Reported.exact(factor.clippedMass(), "DYN-NOISE-HESS", "sum of the clipped eigenvalues'"
            + " magnitudes"))
        .put("lambda_min", Reported.exact(factor.mostNegative(), "DYN-NOISE-HESS", "smallest eigenvalue (dense eigensolve)"))
        .text("spec", "spec/dynamics.md DYN-NOISE-HESS")
        .build();
  }
}
