package dev.basin.dynamics.stagnation;

import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;

/**
 * The local quadratic model of noisy GD at θ* in the Hessian's eigenbasis (spec
 * STAG-BOUND-QUAD): R(θ* + δ) = R(θ*) + gᵀδ + ½ δᵀHδ, H = V diag(λ) Vᵀ, and gradient noise whose
 * covariance is diagonal in the same basis, Vᵀ Σ V = diag(σ_j²). Then the eigen-coordinates
 * c = Vᵀδ are independent Gaussian AR(1) processes (see {@link QuadraticUnionBound}).
 *
 * @param basis the eigenbasis of H (descending)
 * @param slope Vᵀ g, the gradient at θ* in eigen-coordinates (zeros at an exact minimizer); read-only
 * @param noiseVariance σ_j² ≥ 0 per eigendirection; read-only
 * @param noise a one-line description of Σ
 */
public record LocalModel(Eigenbasis basis, double[] slope, double[] noiseVariance, String noise) {

  /** Validates the lengths and values. */
  /*@ public behavior
    @ ensures slope.length == basis.size() && noiseVariance.length == basis.size();
    @ ensures slope is finite && (\forall int j; noiseVariance[j] >= 0 && finite);
    @ signals (InvalidInputException) a length or value is invalid;
    @*/
  public LocalModel {
    Checks.length("slope", slope, basis.size(), "N");
    Checks.length("noise variances", noiseVariance, basis.size(), "N");
    Checks.finite("slope", slope);
    for (int j = 0; j < noiseVariance.length; j++) {
      if (!(noiseVariance[j] >= 0.0 && noiseVariance[j] < Double.POSITIVE_INFINITY)) {
        throw new InvalidInputException("noise variances", "entry " + j + " is " + noiseVariance[j] + " (must be finite and >= 0)");
      }
    }
  }

  /** Isotropic noise Σ = σ² I: σ_j² = σ² in every direction. g (length N, not modified) is ∇R(θ*). */
  /*@ public behavior
    @ requires gradient.length == basis.size();
    @ ensures (\forall int j; \result.noiseVariance()[j] == sigma * sigma) && \result.slope() ~= V^T gradient;
    @ signals (InvalidInputException) !(sigma >= 0);
    @*/
  public static LocalModel isotropic(Eigenbasis basis, double[] gradient, double sigma) {
    Checks.nonNegative("noise sigma", sigma);
    double[] v = new double[basis.size()];
    java.util.Arrays.fill(v, sigma * sigma);
    return new LocalModel(basis, basis.coordinates(gradient), v, "isotropic sigma^2 I, sigma = " + sigma);
  }

  /** Hessian noise Σ = σ² H₊ (spec DYN-NOISE-HESS, frozen at θ*): σ_j² = σ² max(λ_j, 0). */
  /*@ public behavior
    @ requires gradient.length == basis.size();
    @ ensures (\forall int j; \result.noiseVariance()[j] == sigma * sigma * max(basis.value(j), 0));
    @ signals (InvalidInputException) !(sigma >= 0);
    @*/
  public static LocalModel hessian(Eigenbasis basis, double[] gradient, double sigma) {
    Checks.nonNegative("noise sigma", sigma);
    double[] v = new double[basis.size()];
    for (int j = 0; j < v.length; j++) {
      v[j] = sigma * sigma * Math.max(basis.value(j), 0.0);
    }
    return new LocalModel(basis, basis.coordinates(gradient), v, "sigma^2 H_+(theta*), sigma = " + sigma);
  }
}
