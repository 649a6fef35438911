package dev.basin.dynamics.noise;

import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;

/**
 * Σ_i J_iᵀ u_i for arbitrary output cotangents u_i ∈ R^k, J_i = ∂f(x_i)/∂θ (spec DYN-VJP): the
 * back-propagation of {@code dev.basin.kernel.Gradient} with the loss gradient c·g_i replaced by
 * u_i. It is what sampling N(0, Σ) with Σ = Σ_i J_iᵀ A_i J_i needs without forming an N×N matrix.
 * With u_i = c·g_i it equals ∇L (checked in the tests to rounding).
 */
public final class OutputVjp {

  private OutputVjp() {}

  /**
   * Writes out = Σ_i J_iᵀ u_i (overwritten, length N).
   *
   * @param p the problem
   * @param f the forward pass of p at θ (not modified)
   * @param theta θ (not modified)
   * @param u cotangents, n·k row-major (not modified)
   * @param out the result (modified)
   */
  public static void apply(Problem p, ForwardPass f, double[] theta, double[] u, double[] out) {
    ParameterLayout l = p.layout();
    int n = p.samples();
    int d = l.inputs();
    int h = l.hidden();
    int k = l.outputs();
    int ob1 = l.offsetB1();
    int ow2 = l.offsetW2();
    int ob2 = l.offsetB2();
    double[] x = p.inputs();
    double[] a = f.activations();
    double[] s1 = f.firstDerivatives();
    java.util.Arrays.fill(out, 0.0);
    for (int i = 0; i < n; i++) {
      int xi = i * d;
      int hi = i * h;
      int ki = i * k;
      for (int o = 0; o < k; o++) {
        double uo = u[ki + o];
        int row = ow2 + o * h;
        for (int j = 0; j < h; j++) {
          out[row + j] += uo * a[hi + j];
        }
        if (l.hasOutputBias()) {
          out[ob2 + o] += uo;
        }
      }
      for (int j = 0; j < h; j++) {
        double back = 0.0;
        for (int o = 0; o < k; o++) {
          back += theta[ow2 + o * h + j] * u[ki + o];
        }
        double dz = back * s1[hi + j];
        int row = j * d;
        for (int m = 0; m < d; m++) {
          out[row + m] += dz * x[xi + m];
        }
        if (l.hasHiddenBias()) {
          out[ob1 + j] += dz;
        }
      }
    }
  }
}
