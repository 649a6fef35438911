package dev.basin.compute;

import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The output Hessians M_i = ∂²ℓ/∂o² of all samples in the form diag(δ_i) − q_i q_iᵀ (spec NET-LOSS):
 * halfsq and mse δ = 1 or 2, q = 0; logistic δ = s(1 − s), q = 0; ce δ = q = p = softmax(o), computed
 * as the kernel's Loss computes p. With it, w_jᵀM_iw_j for every sample and unit is two n×k×h
 * products, (Δ·(W2∘W2) − (Q·W2)²)_ij, instead of n·h·k² scalar terms.
 *
 * @param delta δ_i per sample, n·k row-major
 * @param q q_i per sample (n·k), or null when every q_i is 0
 */
public record OutputCurvature(double[] delta, double @Nullable [] q) {

  /** For the loss at the outputs out (n·k, not modified). */
  public static OutputCurvature of(Loss loss, double[] out, int n, int k) {
    double[] delta = new double[n * k];
    int kind = loss.kind();
    if (kind == Loss.HALFSQ || kind == Loss.MSE) {
      java.util.Arrays.fill(delta, kind == Loss.HALFSQ ? 1.0 : 2.0);
      return new OutputCurvature(delta, null);
    }
    if (kind == Loss.LOGISTIC) {
      for (int i = 0; i < n; i++) {
        double s = Activation.sigmoid(out[i]);
        delta[i] = s * (1.0 - s);
      }
      return new OutputCurvature(delta, null);
    }
    for (int i = 0; i < n; i++) {
      int off = i * k;
      int top = off;
      for (int o = off + 1; o < off + k; o++) {
        if (out[o] > out[top]) {
          top = o;
        }
      }
      double mx = out[top];
      double z = 0.0;
      for (int o = off; o < off + k; o++) {
        z += Math.exp(out[o] - mx);
      }
      for (int o = off; o < off + k; o++) {
        delta[o] = Math.exp(out[o] - mx) / z;
      }
    }
    return new OutputCurvature(delta, delta);
  }

  /** u_i ← c·M_i u_i = c·(δ_i ⊙ u_i − q_i (q_iᵀu_i)) for every sample i (u: n·k row-major, modified). */
  public void timesInPlace(double c, double[] u, int k) {
    double[] qq = q;
    for (int off = 0; off < delta.length; off += k) {
      double qu = 0.0;
      if (qq != null) {
        for (int o = 0; o < k; o++) {
          qu += qq[off + o] * u[off + o];
        }
      }
      for (int o = 0; o < k; o++) {
        u[off + o] = c * (delta[off + o] * u[off + o] - (qq == null ? 0.0 : qq[off + o] * qu));
      }
    }
  }

  /** (M_i)_oo = δ_io − q_io². */
  public double diagonal(int i, int k, int o) {
    double[] qq = q;
    int at = i * k + o;
    return qq == null ? delta[at] : delta[at] - qq[at] * qq[at];
  }
}
