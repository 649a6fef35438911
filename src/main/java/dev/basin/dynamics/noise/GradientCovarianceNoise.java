package dev.basin.dynamics.noise;

import dev.basin.base.Findings;
import dev.basin.base.Rng;
import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.Problem;
import dev.basin.model.Checks;
import dev.basin.model.Objective;

/**
 * ξ ~ N(0, σ² C(θ)) with C the empirical covariance of the per-sample gradients (spec
 * DYN-NOISE-GRADCOV): with L_i = n·c·ℓ_i, so that L = (1/n) Σ_i L_i, C = (1/n) Σ_i
 * (∇L_i − ∇L)(∇L_i − ∇L)ᵀ — the covariance of a one-sample gradient estimate (a
 * with-replacement minibatch of b rows has gradient covariance C/b). Sampled without forming C:
 * ξ = (σ/√n) Σ_i z_i (∇L_i − ∇L) = Σ_i J_iᵀ [σ c (n z_i − Σ_j z_j)/√n · g_i] with z_i ~ N(0,1)
 * iid, one back-propagation pass. Exact (up to rounding); n normals per draw.
 */
public final class GradientCovarianceNoise implements GradientNoise {

  private final Objective objective;
  private final double sigma;

  /** @param sigma σ ≥ 0 */
  public GradientCovarianceNoise(Objective objective, double sigma) {
    this.objective = objective;
    this.sigma = Checks.nonNegative("noise sigma", sigma);
  }

  @Override
  public void sample(double[] theta, Rng rng, double[] out) {
    Problem p = objective.problem();
    ForwardPass f = ForwardPass.compute(p, theta);
    int n = p.samples();
    int k = p.layout().outputs();
    double[] z = rng.gaussians(n, 1.0);
    double total = 0.0;
    for (double v : z) {
      total += v;
    }
    double[] g = f.outputGradients();
    double[] u = new double[n * k];
    double coef = sigma * p.scale() / Math.sqrt(n);
    for (int i = 0; i < n; i++) {
      double w = coef * (n * z[i] - total);
      for (int o = 0; o < k; o++) {
        u[i * k + o] = w * g[i * k + o];
      }
    }
    OutputVjp.apply(p, f, theta, u, out);
  }

  @Override
  public boolean isZero() {
    return sigma == 0.0;
  }

  @Override
  public Findings describe() {
    return Findings.builder()
        .text("noise", "gradient-covariance")
        .setting("sigma", sigma)
        .text("covariance", "sigma^2 C(theta), C = (1/n) sum_i (grad L_i - grad L)(grad L_i - grad L)^T, L_i = n c l_i")
        .text("evaluated_at", "current iterate")
        .text("method", "xi = (sigma/sqrt(n)) sum_i z_i (grad L_i - grad L), z_i ~ N(0,1); one back-propagation, no N x N"
            + " matrix")
        .flag("exact", true)
        .text("spec", "spec/dynamics.md DYN-NOISE-GRADCOV")
        .build();
  }
}
