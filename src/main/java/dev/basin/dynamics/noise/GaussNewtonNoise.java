package dev.basin.dynamics.noise;

import dev.basin.base.Findings;
import dev.basin.base.Rng;
import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.Loss;
import dev.basin.kernel.Problem;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.model.Checks;
import dev.basin.model.Objective;

/**
 * ξ ~ N(0, σ² G(θ)) with G = c Σ_i J_iᵀ M_i J_i the Gauss–Newton matrix (spec HESS-GN,
 * DYN-NOISE-GN), sampled without forming any N×N matrix: ξ = σ Σ_i J_iᵀ (√c L_i z_i) with
 * M_i = L_i L_iᵀ and z_i ~ N(0, I_k) iid, so Cov ξ = σ² c Σ_i J_iᵀ M_i J_i = σ² G exactly (up to
 * rounding). L_i = √M_i elementwise when M_i is diagonal (halfsq, mse, logistic), else
 * V √max(μ, 0) from the k×k eigendecomposition of M_i (ce; M_i is PSD, so nothing real is
 * clipped). Cost O(n·N + n·k³) per draw; n·k normals, sample by sample.
 */
public final class GaussNewtonNoise implements GradientNoise {

  private final Objective objective;
  private final double sigma;

  /** @param sigma σ ≥ 0 */
  public GaussNewtonNoise(Objective objective, double sigma) {
    this.objective = objective;
    this.sigma = Checks.nonNegative("noise sigma", sigma);
  }

  @Override
  public void sample(double[] theta, Rng rng, double[] out) {
    Problem p = objective.problem();
    ForwardPass f = ForwardPass.compute(p, theta);
    int n = p.samples();
    int k = p.layout().outputs();
    Loss loss = p.loss();
    double scale = sigma * Math.sqrt(p.scale());
    double[] outputs = f.outputs();
    double[] m = new double[k * k];
    double[] root = new double[k * k];
    double[] u = new double[n * k];
    for (int i = 0; i < n; i++) {
      loss.sampleHessianMatrix(outputs, i * k, k, m);
      squareRoot(m, k, root);
      for (int o = 0; o < k; o++) {
        double z = rng.gaussian();
        for (int r = 0; r < k; r++) {
          u[i * k + r] += scale * root[r * k + o] * z;
        }
      }
    }
    OutputVjp.apply(p, f, theta, u, out);
  }

  /** L with L Lᵀ = M (PSD part) for the k×k row-major m (not modified); root overwritten. */
  static void squareRoot(double[] m, int k, double[] root) {
    boolean diagonal = true;
    for (int a = 0; a < k && diagonal; a++) {
      for (int b = 0; b < k; b++) {
        if (a != b && m[a * k + b] != 0.0) {
          diagonal = false;
          break;
        }
      }
    }
    if (diagonal) {
      java.util.Arrays.fill(root, 0.0);
      for (int a = 0; a < k; a++) {
        root[a * k + a] = Math.sqrt(Math.max(m[a * k + a], 0.0));
      }
      return;
    }
    SymmetricEigen.Result e = SymmetricEigen.of(m, k, true);
    double[] v = e.vectors();
    if (v == null) {
      throw new IllegalStateException("eigenvectors were requested");
    }
    for (int j = 0; j < k; j++) {
      double s = Math.sqrt(Math.max(e.values()[j], 0.0));
      for (int r = 0; r < k; r++) {
        root[r * k + j] = s * v[r * k + j];
      }
    }
  }

  @Override
  public boolean isZero() {
    return sigma == 0.0;
  }

  @Override
  public Findings describe() {
    return Findings.builder()
        .text("noise", "gauss-newton")
        .setting("sigma", sigma)
        .text("covariance", "sigma^2 G(theta), G = c sum_i J_i^T M_i J_i (PSD; equals H at an interpolating minimum of a"
            + " squared loss)")
        .text("evaluated_at", "current iterate")
        .text("method", "xi = sigma sum_i J_i^T (sqrt(c) L_i z_i), M_i = L_i L_i^T, z_i ~ N(0, I_k); no N x N matrix")
        .flag("exact", true)
        .text("spec", "spec/dynamics.md DYN-NOISE-GN")
        .build();
  }
}
