package dev.basin.symmetry;

import dev.basin.base.Findings;
import dev.basin.base.Reported;
import dev.basin.measure.HessianDiagonal;
import dev.basin.measure.OrbitFlatness;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;

/**
 * The flattest point of a net's rescaling orbit (spec SYM-FMIN): the rescaling whose trace is
 * F_min, and the evidence (the trace there, computed).
 *
 * @param net the flattest net (same function)
 * @param findings trace, F_min, the trace at the flattest net, whether F_min is attained, the factors
 */
public record FlattestPoint(TwoLayerNet net, Findings findings) {

  /** The flattest point of {@code net}'s orbit on {@code obj}'s data (relu, leaky_relu or identity). */
  public static FlattestPoint of(Objective obj, TwoLayerNet net) {
    OrbitFlatness f = OrbitFlatness.of(obj.at(net));
    TwoLayerNet flat = Rescaling.of(f.factors()).apply(net);
    String closed = "closed-form diagonal (FLAT-TRACE)";
    return new FlattestPoint(flat, Findings.builder()
        .put("trace", Reported.exact(f.trace(), "FLAT-TRACE", closed))
        .put("fmin", Reported.exact(f.fmin(), "SYM-FMIN", "closed form over the rescaling orbit"))
        .put("trace_at_flattest", Reported.exact(HessianDiagonal.trace(obj.at(flat)), "FLAT-TRACE", closed + " at the flattest net"))
        .flag("attained", f.attained())
        .count("unattained_units", f.unattained())
        .values("factors", f.factors(), "per-unit rescaling c_j of the flattest net", "SYM-FMIN")
        .text("spec", "SYM-FMIN")
        .build());
  }
}
