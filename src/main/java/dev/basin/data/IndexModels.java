package dev.basin.data;

import dev.basin.base.Rng;
import dev.basin.model.Checks;
import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import java.util.Locale;

/**
 * Gaussian index models (spec DATA-ORTHONORMAL, DATA-MULTI-INDEX, DATA-SINGLE-INDEX-SUM): inputs
 * x ~ N(0, I_d), r orthonormal directions U = (u_1 … u_r) ∈ R^{d×r}, and real targets that depend
 * on x only through z = Uᵀx ∈ R^r (plus Gaussian noise).
 */
public final class IndexModels {

  private IndexModels() {}

  /** Links g: R^r → R of the multi-index model (spec DATA-MULTI-INDEX). */
  public enum MultiLink {
    /** g(z) = z_1 z_2 ⋯ z_r. */
    PRODUCT,
    /** g(z) = (‖z‖² − r)/√(2r). */
    NORM2,
    /** g(z) = max_j z_j. */
    MAX;

    /** The link's name on the command line. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** g(z) for z = zs[off … off+r−1] (not modified). */
    double apply(double[] zs, int off, int r) {
      switch (this) {
        case PRODUCT -> {
          double p = 1.0;
          for (int j = 0; j < r; j++) {
            p *= zs[off + j];
          }
          return p;
        }
        case NORM2 -> {
          double s = 0.0;
          for (int j = 0; j < r; j++) {
            s += zs[off + j] * zs[off + j];
          }
          return (s - r) / Math.sqrt(2.0 * r);
        }
        default -> {
          double m = zs[off];
          for (int j = 1; j < r; j++) {
            m = Math.max(m, zs[off + j]);
          }
          return m;
        }
      }
    }

    /** The link named s, or an error listing the names. */
    public static MultiLink parse(String s) {
      for (MultiLink l : values()) {
        if (l.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
          return l;
        }
      }
      throw new InvalidInputException("link", "unknown multi-index link '" + s + "'; expected product, norm2 or max");
    }
  }

  /**
   * Scalar links φ: R → R of the sum of single-index models (spec DATA-SINGLE-INDEX-SUM). The
   * Hermite links are the probabilists' Hermite polynomials normalized to unit variance under
   * N(0, 1).
   */
  public enum ScalarLink {
    /** φ(t) = max(t, 0). */
    RELU,
    /** φ(t) = tanh t. */
    TANH,
    /** φ(t) = He2(t)/√2 = (t² − 1)/√2. */
    HE2,
    /** φ(t) = He3(t)/√6 = (t³ − 3t)/√6. */
    HE3;

    /** The link's name on the command line. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** φ(t). */
    public double apply(double t) {
      return switch (this) {
        case RELU -> Math.max(t, 0.0);
        case TANH -> Math.tanh(t);
        case HE2 -> (t * t - 1.0) / Math.sqrt(2.0);
        case HE3 -> (t * t * t - 3.0 * t) / Math.sqrt(6.0);
      };
    }

    /** The link named s, or an error listing the names. */
    public static ScalarLink parse(String s) {
      for (ScalarLink l : values()) {
        if (l.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
          return l;
        }
      }
      throw new InvalidInputException("link", "unknown single-index link '" + s + "'; expected relu, tanh, he2 or he3");
    }
  }

  /**
   * r orthonormal directions in R^d (spec DATA-ORTHONORMAL): a d×r matrix G of iid N(0, 1) draws
   * (row-major, drawn in that order) whose columns are orthonormalized by modified Gram–Schmidt,
   * applied twice so the columns are orthonormal to rounding. U is Haar-distributed on the
   * Stiefel manifold.
   *
   * @return U, d×r row-major (U[m, j] at m·r + j)
   */
  public static double[] orthonormalDirections(int d, int r, Rng rng) {
    Checks.atLeast("d", d, 1);
    Checks.atLeast("r (directions)", r, 1);
    if (r > d) {
      throw new InvalidInputException("r (directions)", r + " orthonormal directions do not fit in d = " + d + " dimensions");
    }
    double[] u = rng.gaussians(Checks.product("U", d, r), 1.0);
    for (int j = 0; j < r; j++) {
      double before = columnNorm(u, d, r, j);
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < j; i++) {
          double dot = 0.0;
          for (int m = 0; m < d; m++) {
            dot += u[m * r + i] * u[m * r + j];
          }
          for (int m = 0; m < d; m++) {
            u[m * r + j] -= dot * u[m * r + i];
          }
        }
      }
      double norm = columnNorm(u, d, r, j);
      // a Gaussian column lies in the span of the previous ones with probability 0; a collapse
      // to rounding level would mean a broken generator, not bad input
      if (!(norm > 1e-8 * before)) {
        throw new IllegalStateException("Gram-Schmidt collapsed at column " + j);
      }
      for (int m = 0; m < d; m++) {
        u[m * r + j] /= norm;
      }
    }
    return u;
  }

  private static double columnNorm(double[] u, int d, int r, int j) {
    double s = 0.0;
    for (int m = 0; m < d; m++) {
      s += u[m * r + j] * u[m * r + j];
    }
    return Math.sqrt(s);
  }

  /**
   * The projections z_i = Uᵀ x_i of n inputs (X n×d row-major, U d×r; neither modified), as an
   * n×r row-major array.
   */
  public static double[] project(double[] x, int n, int d, double[] u, int r) {
    double[] z = new double[Checks.product("Z", n, r)];
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < d; m++) {
        double xim = x[i * d + m];
        for (int j = 0; j < r; j++) {
          z[i * r + j] += xim * u[m * r + j];
        }
      }
    }
    return z;
  }

  /**
   * A multi-index data set (spec DATA-MULTI-INDEX): x_i ~ N(0, I_d) (drawn first, row by row),
   * y_i = g(Uᵀx_i) + noise·ξ_i with ξ_i ~ N(0, 1) (drawn after X).
   *
   * @param u the directions, d×r row-major (not modified), e.g. from {@link #orthonormalDirections}
   */
  public static Dataset multiIndex(int n, int d, double[] u, int r, MultiLink link, double noise, Rng rng) {
    Checks.nonNegative("noise", noise);
    Checks.length("U", u, Checks.product("U", d, r), "d*r");
    double[] x = Synthetic.gaussianInputs(n, d, rng);
    double[] z = project(x, n, d, u, r);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = link.apply(z, i * r, r);
    }
    addNoise(y, noise, rng);
    return Dataset.withTargets(n, d, x, 1, y);
  }

  /**
   * A sum of single-index models (spec DATA-SINGLE-INDEX-SUM): x_i ~ N(0, I_d) (drawn first),
   * y_i = (1/√r) Σ_j φ(u_jᵀx_i) + noise·ξ_i with ξ_i ~ N(0, 1) (drawn after X).
   *
   * @param u the directions u_j as the columns of a d×r row-major array (not modified)
   */
  public static Dataset singleIndexSum(int n, int d, double[] u, int r, ScalarLink link, double noise, Rng rng) {
    Checks.nonNegative("noise", noise);
    Checks.length("U", u, Checks.product("U", d, r), "d*r");
    double[] x = Synthetic.gaussianInputs(n, d, rng);
    double[] z = project(x, n, d, u, r);
    double[] y = new double[n];
    double c = 1.0 / Math.sqrt(r);
    for (int i = 0; i < n; i++) {
      double s = 0.0;
      for (int j = 0; j < r; j++) {
        s += link.apply(z[i * r + j]);
      }
      y[i] = c * s;
    }
    addNoise(y, noise, rng);
    return Dataset.withTargets(n, d, x, 1, y);
  }

  /**
   * Var(y) of DATA-SINGLE-INDEX-SUM with the relu link and orthonormal directions: ½ − 1/(2π) +
   * noise² for any r (each u_jᵀx ~ N(0, 1), independent; E relu(t) = 1/√(2π), E relu(t)² = ½).
   */
  public static double reluSumVariance(double noise) {
    Checks.nonNegative("noise", noise);
    return 0.5 - 1.0 / (2.0 * Math.PI) + noise * noise;
  }

  private static void addNoise(double[] y, double noise, Rng rng) {
    for (int i = 0; i < y.length; i++) {
      y[i] += noise * rng.gaussian();
    }
  }
}
