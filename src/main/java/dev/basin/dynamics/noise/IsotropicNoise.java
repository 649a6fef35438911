package dev.basin.dynamics.noise;

import dev.basin.base.Findings;
import dev.basin.base.Rng;
import dev.basin.model.Checks;

/** ξ = σ z, z ~ N(0, I_N): Σ = σ² I (spec DYN-NOISE-ISO). Exact; N normals per draw. */
public final class IsotropicNoise implements GradientNoise {

  private final double sigma;

  /** @param sigma σ ≥ 0 */
  public IsotropicNoise(double sigma) {
    this.sigma = Checks.nonNegative("noise sigma", sigma);
  }

  /**
   * The noise of the unadjusted Langevin algorithm θ' = θ − η∇R + √(2ητ) z written as noisy SGD
   * θ' = θ − η(∇R + ξ): σ = √(2τ/η) (spec DYN-LANGEVIN).
   *
   * @param lr η &gt; 0
   * @param temperature τ ≥ 0
   */
  public static IsotropicNoise langevin(double lr, double temperature) {
    Checks.positive("lr", lr);
    Checks.nonNegative("temperature", temperature);
    return new IsotropicNoise(Math.sqrt(2.0 * temperature / lr));
  }

  /** σ. */
  public double sigma() {
    return sigma;
  }

  @Override
  public void sample(double[] theta, Rng rng, double[] out) {
    for (int q = 0; q < out.length; q++) {
      out[q] = sigma * rng.gaussian();
    }
  }

  @Override
  public boolean isZero() {
    return sigma == 0.0;
  }

  @Override
  public Findings describe() {
    return Findings.builder()
        .text("noise", "isotropic")
        .setting("sigma", sigma)
        .text("covariance", "sigma^2 I")
        .text("method", "sigma * z, z ~ N(0, I_N) (ziggurat normals)")
        .flag("exact", true)
        .text("spec", "spec/dynamics.md DYN-NOISE-ISO")
        .build();
  }
}
