package dev.basin.bounds;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BOUND-STAGNATION-BFT (basin's operationalization, papers.md §4.3; not a theorem of Imaizumi &amp;
 * Schmidt-Hieber): the BFT bound of BOUND-BFT-SPECTRAL for every net in the ball B(θ*, r) of the
 * (W1, b1, W2) coordinates, with each norm replaced by its supremum over the ball: ‖A_i‖₂ ≤
 * ‖A_i*‖₂ + r and ‖(A_i − M_i)ᵀ‖_{2,1} ≤ ‖(A_i* − M_i)ᵀ‖_{2,1} + √(rows_i)·r. Evaluated at θ*'s
 * margins; valid as a statement about the ball only if the ball is chosen independently of the
 * sample.
 */
public final class StagnationBFT implements Bound {

  /** The instance. */
  public static final StagnationBFT INSTANCE = new StagnationBFT();

  private StagnationBFT() {}

  @Override
  public String id() {
    return "BOUND-STAGNATION-BFT";
  }

  @Override
  public String title() {
    return "BFT bound uniform over the stagnation ball B(theta, r) (basin operationalization)";
  }

  @Override
  public Kind kind() {
    return Kind.RISK_BOUND;
  }

  @Override
  public <N extends Num<N>> BoundResult<N> evaluate(Ingredients<N> in) {
    Double r = in.in.radius();
    if (r == null) {
      return BoundResult.notApplicable(this, "needs the ball radius (--radius r)");
    }
    String p = BartlettSpectral.problem(in);
    if (p != null) {
      return BoundResult.notApplicable(this, p);
    }
    Arithmetic<N> ar = in.ar;
    BartlettSpectral.Norms<N> n = BartlettSpectral.Norms.of(in);
    N rN = ar.exact(r);
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("radius", r);
    extra.put("ball", "l2 ball in the (W1, b1, W2) coordinates, b2 fixed");
    return BartlettSpectral.evaluateWithBudgets(this, in, n.s1().add(rN), n.s2().add(rN),
        n.b1().add(ar.count(in.h).sqrt().mul(rN)), n.b2().add(ar.count(in.outputMatrix().rows).sqrt().mul(rN)), extra);
  }
}
