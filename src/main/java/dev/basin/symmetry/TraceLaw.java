package dev.basin.symmetry;

import dev.basin.base.Findings;
import dev.basin.base.Reported;
import dev.basin.measure.HessianDiagonal;
import dev.basin.measure.OrbitFlatness;
import dev.basin.model.Objective;

/**
 * The trace law of a rescaling (spec SYM-TRACE-LAW): tr H(T_c θ) = Σ_j (c_j⁻² A_j + c_j² B_j) + C,
 * checked by computing both sides, with F_min of the orbit (SYM-FMIN).
 */
public final class TraceLaw {

  private TraceLaw() {}

  /** The trace at θ (not modified), the law's prediction for T_c θ, the trace computed there, and F_min. */
  public static Findings check(Objective obj, double[] theta, Rescaling r) {
    OrbitFlatness f = OrbitFlatness.of(obj.at(theta));
    String closed = "closed-form diagonal (FLAT-TRACE)";
    return Findings.builder()
        .put("trace_before", Reported.exact(f.trace(), "SYM-TRACE-LAW", closed))
        .put("trace_predicted", Reported.exact(f.traceAt(r.factors()), "SYM-TRACE-LAW", "sum_j (c_j^-2 A_j + c_j^2 B_j) + C"))
        .put("trace_after", Reported.exact(HessianDiagonal.trace(obj.at(r.apply(obj.layout(), theta))), "SYM-TRACE-LAW",
            closed + " at the rescaled net"))
        .put("fmin", Reported.exact(f.fmin(), "SYM-FMIN", "closed form over the rescaling orbit"))
        .build();
  }
}
