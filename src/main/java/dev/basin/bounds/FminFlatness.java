package dev.basin.bounds;

import dev.basin.measure.OrbitFlatness;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BOUND-FMIN: the symmetry-invariant flatness F_min of dev.basin.symmetry (spec SYM-FMIN), the
 * infimum of tr ∇²L over the per-unit rescaling orbit, reported beside the bounds as a measure
 * for the bounds' classification loss (ce for k ≥ 2, logistic for k = 1, mean). Plain arithmetic
 * only: dev.basin.symmetry computes it in float64, so audit mode reports it as not certified.
 */
public final class FminFlatness implements Bound {

  /** The instance. */
  public static final FminFlatness INSTANCE = new FminFlatness();

  private FminFlatness() {}

  @Override
  public String id() {
    return "BOUND-FMIN";
  }

  @Override
  public String title() {
    return "symmetry-invariant flatness F_min (SYM-FMIN, classification loss)";
  }

  @Override
  public Kind kind() {
    return Kind.MEASURE;
  }

  @Override
  public <N extends Num<N>> BoundResult<N> evaluate(Ingredients<N> in) {
    if (!in.in.net().activation().isPositivelyHomogeneous()) {
      return BoundResult.notApplicable(this, "the rescaling orbit needs a positively homogeneous sigma (relu, leaky_relu,"
          + " identity); the net uses " + in.activationName());
    }
    if (in.ar.certified()) {
      return BoundResult.notApplicable(this, "no certified enclosure: F_min comes from dev.basin.symmetry in float64"
          + " (run without --audit for its value)");
    }
    OrbitFlatness f = OrbitFlatness.of(JiangSigma.classificationObjective(in.in).at(in.in.net()));
    Map<String, Object> ing = new LinkedHashMap<>();
    ing.put("trace", in.ar.exact(f.trace()));
    ing.put("attained", f.attained());
    ing.put("loss", in.k == 1 ? "logistic, mean" : "ce, mean");
    ing.put("spec", "spec/symmetry.md SYM-FMIN");
    return BoundResult.of(this, in.ar.exact(f.fmin()), null, ing, null);
  }
}
