package dev.basin.measure;

import dev.basin.model.Checks;
import dev.basin.model.Point;

/**
 * The symmetry-invariant flatness F_min (spec SYM-FMIN): the infimum of tr ∇²L over the per-unit
 * rescaling orbit of θ, in closed form from the per-unit trace split A_j, B_j, C (spec FLAT-TRACE):
 * tr H(T_cθ) = Σ_j (c_j⁻²A_j + c_j²B_j) + C ≥ Σ_j 2√(A_jB_j) + C = F_min, with equality at
 * c_j⁴ = A_j/B_j. Valid for every loss and every θ of a net with a positively homogeneous
 * activation (then A_j, B_j ≥ 0).
 *
 * @param trace tr H(θ) (exact, FLAT-TRACE)
 * @param fmin F_min(θ)
 * @param in A_j per unit (do not modify)
 * @param out B_j per unit (do not modify)
 * @param outputBias C
 * @param factors the minimizing rescaling c_j = (A_j/B_j)^{1/4} where attained, 1 elsewhere (symmetry.Rescaling.of
 *     them gives the flattest point)
 * @param unattained units whose infimum is approached but not attained (exactly one of A_j, B_j is 0)
 */
public record OrbitFlatness(double trace, double fmin, double[] in, double[] out, double outputBias, double[] factors,
    int unattained) {

  /** F_min at a point; refuses a non-homogeneous activation. */
  public static OrbitFlatness of(Point point) {
    Checks.positivelyHomogeneous(point.objective().activation());
    HessianDiagonal.UnitTraces t = HessianDiagonal.unitTraces(point);
    double[] a = t.in();
    double[] b = t.out();
    int h = a.length;
    double[] c = new double[h];
    double fmin = t.outputBias();
    int unattained = 0;
    for (int j = 0; j < h; j++) {
      // A_j, B_j >= 0 in exact arithmetic (SYM-FMIN); clamp rounding below 0
      double aj = Math.max(0.0, a[j]);
      double bj = Math.max(0.0, b[j]);
      fmin += 2.0 * Math.sqrt(aj) * Math.sqrt(bj);
      if (aj > 0.0 && bj > 0.0) {
        c[j] = Math.sqrt(Math.sqrt(aj)) / Math.sqrt(Math.sqrt(bj));
      } else {
        c[j] = 1.0;
        if (aj > 0.0 || bj > 0.0) {
          unattained++;
        }
      }
    }
    return new OrbitFlatness(t.trace(), fmin, a, b, t.outputBias(), c, unattained);
  }

  /** Whether the infimum is attained (by {@link #flattest}). */
  public boolean attained() {
    return unattained == 0;
  }

  /** Σ_j (c_j⁻²A_j + c_j²B_j) + C: the trace at T_cθ predicted by SYM-TRACE-LAW (c not modified). */
  public double traceAt(double[] c) {
    double s = outputBias;
    for (int j = 0; j < in.length; j++) {
      s += in[j] / (c[j] * c[j]) + c[j] * c[j] * out[j];
    }
    return s;
  }
}
