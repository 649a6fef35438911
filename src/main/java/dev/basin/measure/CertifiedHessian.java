package dev.basin.measure;

import dev.basin.base.Memory;
import dev.basin.compute.ForwardQuantities;
import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.HessianVector;
import dev.basin.kernel.Problem;
import dev.basin.linalg.VerifiedEigen;

/**
 * The explicit Hessian with a rigorous entrywise error bound, and certified enclosures of all its
 * eigenvalues in order (spec FLAT-EIG-VERIFIED). Column j is the reference kernel's product Ĥe_j
 * (HESS-HVP), bounded by FLAT-HVP-ERROR; S = (Ĥ + Ĥᵀ)/2 is exactly symmetric and |S − H| ≤ E with
 * E_ij = ((B_ij + B_ji)/2 + u|S_ij|)(1 + 8u). Then λ_i(H) ∈ λ_i(S) ± ‖E‖_F (Weyl), and λ_i(S) is
 * enclosed by {@link VerifiedEigen}. For small N only: N products, N bounds and 2N² doubles.
 */
public final class CertifiedHessian {

  private final int n;
  private final double[] s;
  private final double[] e;
  private final double frobeniusE;

  private CertifiedHessian(int n, double[] s, double[] e) {
    this.n = n;
    this.s = s;
    this.e = e;
    double sum = 0.0;
    for (double v : e) {
      sum += v * v;
    }
    // a sum of N² non-negative squares and a square root: relative rounding below γ_{N²+3}
    this.frobeniusE = Math.nextUp(Math.sqrt(sum) * (1.0 + 2.0 * Rounding.gamma((double) n * n + 3.0)));
  }

  /**
   * The certified explicit Hessian of problem p at θ (not modified; N = θ.length). Refused with the
   * figure when its 3N² doubles (S, E and one column scratch) do not fit in the heap.
   */
  public static CertifiedHessian of(Problem p, double[] theta) {
    int nn = theta.length;
    Memory.require("explicit Hessian", Memory.bytes(Memory.doubles(nn, nn), 3), "the certified explicit Hessian (N = "
        + nn + ")", "use a smaller net");
    ForwardPass f = ForwardPass.compute(p, theta);
    HvpErrorBound eb = HvpErrorBound.of(p, theta, f);
    double[] h = new double[nn * nn];
    double[] b = new double[nn * nn];
    double[] ej = new double[nn];
    double[] col = new double[nn];
    for (int j = 0; j < nn; j++) {
      ej[j] = 1.0;
      HessianVector.apply(p, theta, f, ej, col);
      double[] bj = eb.bound(ej);
      ej[j] = 0.0;
      for (int i = 0; i < nn; i++) {
        h[i * nn + j] = col[i];
        b[i * nn + j] = bj[i];
      }
    }
    double u = Rounding.U;
    for (int i = 0; i < nn; i++) {
      for (int j = i; j < nn; j++) {
        double sij = (h[i * nn + j] + h[j * nn + i]) * 0.5;
        double eij = ((b[i * nn + j] + b[j * nn + i]) * 0.5 + u * Math.abs(sij)) * (1.0 + 8.0 * u);
        h[i * nn + j] = sij;
        h[j * nn + i] = sij;
        b[i * nn + j] = eij;
        b[j * nn + i] = eij;
      }
    }
    return new CertifiedHessian(nn, h, b);
  }

  /**
   * ‖T‖_F for the columns T e_j = the FLAT-HVP-ERROR bound at e_j in the arithmetic fm, from the
   * forward quantities f at θ (not modified): a bound on ‖Ĥ − H‖_F for an explicit Hessian that an
   * evaluation in fm builds from N products (spec GOLDEN-TOL). N bound evaluations.
   */
  public static double columnBoundFrobenius(Problem p, double[] theta, ForwardQuantities f, FloatModel fm) {
    HvpErrorBound eb = HvpErrorBound.of(p, theta, f, fm);
    int nn = theta.length;
    double[] ej = new double[nn];
    double sum = 0.0;
    for (int j = 0; j < nn; j++) {
      ej[j] = 1.0;
      for (double v : eb.bound(ej)) {
        sum += v * v;
      }
      ej[j] = 0.0;
    }
    return Math.sqrt(sum) * (1.0 + 2.0 * Rounding.gamma((double) nn * nn + 3.0));
  }

  /** N. */
  public int dim() {
    return n;
  }

  /** S = (Ĥ + Ĥᵀ)/2, row-major N×N (do not modify). */
  public double[] matrix() {
    return s;
  }

  /** E with |S − H| ≤ E entrywise, row-major N×N (do not modify). */
  public double[] errorBound() {
    return e;
  }

  /** An upper bound on ‖E‖_F ≥ ‖S − H‖₂. */
  public double errorNorm() {
    return frobeniusE;
  }

  /**
   * Certified enclosures of every eigenvalue of H in ascending order (values: those of S). Six N³
   * products ({@link VerifiedEigen}).
   */
  public VerifiedEigen.Result spectrum() {
    VerifiedEigen.Result r = VerifiedEigen.of(s, n);
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int i = 0; i < n; i++) {
      lo[i] = Math.nextDown(r.lo()[i] - frobeniusE);
      hi[i] = Math.nextUp(r.hi()[i] + frobeniusE);
    }
    return new VerifiedEigen.Result(r.values(), lo, hi, r.residual(), r.orthogonality());
  }

  /**
   * A certified enclosure [lo, hi] of ‖H‖_F: ‖S‖_F ± ‖E‖_F (triangle inequality), with the
   * rounding of ‖S‖_F (N² squares and a root) charged outwards. Returns {value, lo, hi}.
   */
  public double[] frobenius() {
    double sum = 0.0;
    for (double v : s) {
      sum += v * v;
    }
    double norm = Math.sqrt(sum);
    double g = 2.0 * Rounding.gamma((double) n * n + 3.0);
    double lo = Math.max(0.0, Math.nextDown(norm * (1.0 - g) - frobeniusE));
    double hi = Math.nextUp(norm * (1.0 + g) + frobeniusE);
    return new double[] {norm, Math.min(lo, norm), hi};
  }
}
