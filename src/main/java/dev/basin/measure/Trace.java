package dev.basin.measure;

import dev.basin.base.Finding;
import dev.basin.base.Reported;
import java.util.List;
import java.util.Set;

/** tr ∇²L(θ), exact in closed form from the forward pass, no HVPs (spec FLAT-TRACE). */
public final class Trace extends Registered {

  /** The measure. */
  public static final Trace INSTANCE = new Trace();

  private Trace() {
    super("trace", "exact trace of H in closed form", "FLAT-TRACE", List.of(), Set.of(Need.FORWARD_PASS),
        "about one pass (the closed-form diagonal over the shared forward pass)", true);
  }

  @Override
  public Finding run(MeasureContext c) {
    return Reported.exact(HessianDiagonal.trace(c.point()), "FLAT-TRACE", "closed-form diagonal, no HVPs");
  }
}
