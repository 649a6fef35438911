package dev.basin.dynamics.noise;

import dev.basin.base.InvalidInputException;
import dev.basin.model.Objective;
import java.util.Locale;

/** The noise covariances by name, as on the command line (spec DYN-NOISE-*). */
public enum NoiseKind {
  /** σ² I. */
  ISOTROPIC("isotropic"),
  /** σ² H₊ (explicit Hessian, PSD part). */
  HESSIAN("hessian"),
  /** σ² G (Gauss–Newton). */
  GAUSS_NEWTON("gauss-newton"),
  /** σ² C (per-sample gradient covariance). */
  GRADIENT("gradient");

  private final String cliName;

  NoiseKind(String cliName) {
    this.cliName = cliName;
  }

  /** The command-line name. */
  public String cliName() {
    return cliName;
  }

  /** Parses a command-line name. */
  public static NoiseKind parse(String name) {
    for (NoiseKind k : values()) {
      if (k.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new InvalidInputException("noise-cov", "unknown '" + name + "'; expected isotropic, hessian, gauss-newton or gradient");
  }

  /**
   * The noise of this kind with scale σ.
   *
   * @param objective the objective (for the state-dependent kinds)
   * @param theta0 the start point (not modified): the Hessian is frozen there when {@code frozen}
   * @param frozen for HESSIAN: the covariance at θ0 (true) or at every iterate (false)
   */
  public GradientNoise create(Objective objective, double[] theta0, double sigma, boolean frozen) {
    return switch (this) {
      case ISOTROPIC -> new IsotropicNoise(sigma);
      case HESSIAN -> frozen ? HessianNoise.frozenAt(objective, theta0, sigma) : HessianNoise.current(objective, theta0, sigma);
      case GAUSS_NEWTON -> new GaussNewtonNoise(objective, sigma);
      case GRADIENT -> new GradientCovarianceNoise(objective, sigma);
    };
  }
}
