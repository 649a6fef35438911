package dev.basin.dynamics.noise;

import dev.basin.base.Findings;
import dev.basin.base.Rng;

/**
 * A Gaussian gradient-noise model: at θ, a draw ξ ~ N(0, Σ(θ)) that noisy SGD adds to the
 * gradient estimate (spec DYN-SGD). Implementations consume a fixed number of standard normals
 * per draw in a fixed order, so a seeded stream gives bit-identical draws.
 */
public interface GradientNoise {

  /** Writes one draw ξ ~ N(0, Σ(θ)) to out (length N; overwritten). theta is not modified. */
  void sample(double[] theta, Rng rng, double[] out);

  /** Whether Σ is identically zero (plain GD / SGD). */
  default boolean isZero() {
    return false;
  }

  /**
   * What the noise is, for reports: {@code kind}, {@code sigma}, {@code covariance} (a formula),
   * {@code method} (how it is sampled) and {@code exact} (whether the draw has exactly Σ up to
   * rounding), plus model-specific fields.
   */
  Findings describe();

  /** No noise. */
  GradientNoise NONE = new GradientNoise() {
    @Override
    public void sample(double[] theta, Rng rng, double[] out) {
      java.util.Arrays.fill(out, 0.0);
    }

    @Override
    public boolean isZero() {
      return true;
    }

    @Override
    public Findings describe() {
      return Findings.builder().text("noise", "none").build();
    }
  };
}
