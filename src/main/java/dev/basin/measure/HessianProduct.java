package dev.basin.measure;

import dev.basin.base.Findings;
import dev.basin.base.NonFiniteResultException;
import dev.basin.base.Reported;
import dev.basin.base.Vectors;
import dev.basin.model.Point;

/**
 * One exact Hessian-vector product H v at a point (spec HESS-HVP, CLI-HVP) and what it says about
 * v: ‖v‖, ‖Hv‖, vᵀHv and the Rayleigh quotient, each exact up to rounding.
 *
 * @param hv H v (fresh; finite)
 * @param findings the norms and quadratic form
 */
public record HessianProduct(double[] hv, Findings findings) {

  /** H v at p for v (validated by the point: length N, finite; not modified); a non-finite product is refused. */
  public static HessianProduct of(Point p, double[] v) {
    double[] hv = p.hvp(v);
    for (int q = 0; q < hv.length; q++) {
      if (!Double.isFinite(hv[q])) {
        throw new NonFiniteResultException("H v entry " + q + " is " + hv[q] + " (the weights or v are too large);"
            + " nothing written");
      }
    }
    double vNorm = Vectors.norm(v);
    double vhv = Vectors.dot(v, hv);
    String method = "binary64, from the computed H v";
    Findings.Builder b = Findings.builder()
        .put("v_norm", Reported.exact(vNorm, "HESS-HVP", "||v||_2"))
        .put("hv_norm", Reported.exact(Vectors.norm(hv), "HESS-HVP", "||H v||_2, " + method))
        .put("v_H_v", Reported.exact(vhv, "HESS-HVP", "v^T H v, " + method));
    if (vNorm > 0.0) {
      b.put("rayleigh_quotient", Reported.exact(vhv / (vNorm * vNorm), "HESS-HVP", "v^T H v / v^T v, " + method));
    }
    return new HessianProduct(hv, b.build());
  }
}
