package dev.basin.measure;

/**
 * A residual certificate for an approximate eigenpair (spec FLAT-CERT-EIG): for the exact symmetric
 * operator A and the vector v, some eigenvalue of A lies in [{@link #low}, {@link #high}] =
 * [value − radius, value + radius], and the Rayleigh quotient ρ(v) lies within
 * {@code rayleighError} of {@code value}, so λ_max ≥ value − rayleighError and
 * λ_min ≤ value + rayleighError. The product Av is an explicit certified product, not the
 * Lanczos recurrence estimate.
 *
 * @param value the computed Rayleigh quotient ρ̂ = vᵀÂv / vᵀv (the centre of the enclosure)
 * @param radius a rigorous bound on min_λ |λ − value|
 * @param rayleighError a rigorous bound on |ρ(v) − value|
 * @param residualNorm ‖Âv − value·v‖ / ‖v‖ as computed
 * @param errorBoundNorm ‖b‖ / ‖v‖, the part of the radius due to the rounding of the product
 */
public record EigenCertificate(double value, double radius, double rayleighError, double residualNorm,
    double errorBoundNorm) {

  /** Lower end of the enclosure. */
  public double low() {
    return value - radius;
  }

  /** Upper end of the enclosure. */
  public double high() {
    return value + radius;
  }

  /** A certified lower bound on the largest eigenvalue: ρ(v) ≤ λ_max. */
  public double lowerBoundOnLargest() {
    return value - rayleighError;
  }

  /** A certified upper bound on the smallest eigenvalue: ρ(v) ≥ λ_min. */
  public double upperBoundOnSmallest() {
    return value + rayleighError;
  }

  /** Whether the enclosure contains x. */
  public boolean contains(double x) {
    return x >= low() && x <= high();
  }

  /**
   * Certifies the vector v (not modified; non-zero and finite) with one certified product.
   */
  public static EigenCertificate of(CertifiableOperator op, double[] v) {
    int n = op.dim();
    double[] w = new double[n];
    double[] b = new double[n];
    op.applyCertified(v, w, b);
    double vv = 0.0;
    double vw = 0.0;
    double absVw = 0.0;
    double ww = 0.0;
    double bb = 0.0;
    for (int i = 0; i < n; i++) {
      vv += v[i] * v[i];
      vw += v[i] * w[i];
      absVw += Math.abs(v[i] * w[i]);
      ww += w[i] * w[i];
      bb += b[i] * b[i];
    }
    if (!(vv > 0.0)) {
      throw new ArithmeticException("eigen certificate: the vector is zero");
    }
    if (!Double.isFinite(vv + ww + bb)) {
      // caused by the inputs: weights or data so large that a Hessian-vector product overflows
      throw new dev.basin.base.NonFiniteResultException("the Hessian-vector products overflow double precision: the net's"
          + " weights (--net) or the data (--data) are too large for a certified eigenvalue");
    }
    double rho = vw / vv;
    double rr = 0.0;
    for (int i = 0; i < n; i++) {
      double r = w[i] - rho * v[i];
      rr += r * r;
    }
    double nv = Math.sqrt(vv);
    double nb = Math.sqrt(bb);
    double nw = Math.sqrt(ww);
    double g = Rounding.gamma(n + 3.0);
    double shrink = 1.0 - g;
    double rayleigh = (nv * nb + g * (absVw + Math.abs(rho) * vv)) / (vv * shrink);
    double radius = (Math.sqrt(rr) + nb + Rounding.gamma(2) * (nw + Math.abs(rho) * nv)) / (nv * shrink * shrink);
    return new EigenCertificate(rho, radius * (1.0 + 4.0 * Rounding.U), rayleigh * (1.0 + 4.0 * Rounding.U),
        Math.sqrt(rr) / nv, nb / nv);
  }
}
