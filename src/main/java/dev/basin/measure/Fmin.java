package dev.basin.measure;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.Reported;
import java.util.List;
import java.util.Set;

/**
 * The symmetry-invariant flatness F_min (spec SYM-FMIN): the smallest trace over the per-unit
 * rescaling orbit, exact in closed form; not applicable for an activation that is not positively
 * homogeneous (there is no rescaling orbit).
 */
public final class Fmin extends Registered {

  /** The measure. */
  public static final Fmin INSTANCE = new Fmin();

  private Fmin() {
    super("fmin", "symmetry-invariant flatness F_min (smallest trace over the rescaling orbit)", "SYM-FMIN", List.of(),
        Set.of(Need.FORWARD_PASS), "about one pass (the per-unit trace split)", true);
  }

  @Override
  public Finding run(MeasureContext c) {
    if (!c.objective().activation().isPositivelyHomogeneous()) {
      return new Finding.NotApplicable("the activation is not positively homogeneous: no rescaling orbit"
          + " (SYM-RESCALE-UNIT)");
    }
    OrbitFlatness f = OrbitFlatness.of(c.point());
    return Findings.builder()
        .put("value", Reported.exact(f.fmin(), "SYM-FMIN", "closed form sum_j 2 sqrt(A_j B_j) + C over the per-unit"
            + " trace split, minimized over the rescaling orbit (same function)"))
        .put("trace", Reported.exact(f.trace(), "FLAT-TRACE", "closed-form diagonal"))
        .flag("attained", f.attained())
        .count("unattained_units", f.unattained())
        .values("minimizing_factors", f.factors(), "per-unit rescaling c_j attaining F_min (1 where not attained)",
            "SYM-FMIN")
        .build();
  }
}
