package dev.basin.claims;

import dev.basin.measure.EigenCertificate;
import dev.basin.measure.HessianDiagonal;
import dev.basin.measure.HessianOperator;
import dev.basin.measure.Lanczos;
import dev.basin.model.Point;

/**
 * The curvature numbers claims compare, each with its kind: the exact trace (closed-form diagonal,
 * FLAT-TRACE) and λ_max as a certified enclosure from Lanczos (FLAT-LANCZOS, FLAT-CERT-EIG).
 *
 * @param trace tr ∇²L(θ), exact to rounding
 * @param lambdaMax the certified Rayleigh value of the top Ritz vector
 * @param lambdaLow lower end of the enclosure (also ≤ λ_max: the Rayleigh lower bound is used when larger)
 * @param lambdaHigh upper end of the enclosure
 */
record Curvature(double trace, double lambdaMax, double lambdaLow, double lambdaHigh) {

  /** Relative tolerance of the certified λ_max radius: ample for comparisons between minima. */
  static final double TOLERANCE = 1e-6;

  /** The curvature at a point; Lanczos seeded with {@code seed}. */
  static Curvature at(Point p, long seed) {
    double trace = HessianDiagonal.trace(p);
    Lanczos.Result r = Lanczos.run(HessianOperator.at(p), new Lanczos.Options(1, 0, TOLERANCE, 300, seed));
    Lanczos.RitzPair top = r.largest().get(0);
    EigenCertificate c = top.certificate();
    if (c == null) {
      return new Curvature(trace, top.value(), top.value(), top.value());
    }
    return new Curvature(trace, c.value(), Math.max(c.low(), c.lowerBoundOnLargest()), c.high());
  }

  /** λ_max as a measurement (certified enclosure). */
  Measurement lambdaMeasurement(String name) {
    return Measurement.enclosure(name, lambdaMax, lambdaLow, lambdaHigh, "FLAT-CERT-EIG",
        "Lanczos (FLAT-LANCZOS), residual certificate of the top Ritz vector");
  }

  /** The trace as a measurement (exact). */
  Measurement traceMeasurement(String name) {
    return Measurement.exact(name, trace, "FLAT-TRACE", "closed-form Hessian diagonal (FLAT-DIAG)");
  }
}
