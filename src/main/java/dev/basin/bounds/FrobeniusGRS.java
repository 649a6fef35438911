package dev.basin.bounds;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BOUND-RAD-FRO-GRS: the margin bound with Golowich, Rakhlin &amp; Shamir's (COLT 2018, Thm 1)
 * size-independent Rademacher bound for depth D = 2 with 1-Lipschitz positively homogeneous σ:
 * R̂_S ≤ B(√(2 ln 2 · D) + 1) ‖A1‖_F ‖a‖₂ / √m, B = max_i ‖x_i'‖₂; with BOUND-RAD-MARGIN and the
 * union grid over (‖A1‖_F, ‖a‖₂, γ). Theorem form reconstructed (papers.md §6.5 [M]).
 */
public final class FrobeniusGRS implements Bound {

  /** The instance. */
  public static final FrobeniusGRS INSTANCE = new FrobeniusGRS();
  /** Depth D of a 2-layer net. */
  static final int DEPTH = 2;

  private FrobeniusGRS() {}

  @Override
  public String id() {
    return "BOUND-RAD-FRO-GRS";
  }

  @Override
  public String title() {
    return "Rademacher margin bound, Frobenius product (Golowich-Rakhlin-Shamir)";
  }

  @Override
  public Kind kind() {
    return Kind.RISK_BOUND;
  }

  @Override
  public <N extends Num<N>> BoundResult<N> evaluate(Ingredients<N> in) {
    String act = in.oneLipschitzHomogeneousProblem();
    if (act != null) {
      return BoundResult.notApplicable(this, act);
    }
    String bin = in.binaryProblem();
    if (bin != null) {
      return BoundResult.notApplicable(this, bin);
    }
    String g = MarginBound.gammaProblem(in);
    if (g != null) {
      return BoundResult.notApplicable(this, g);
    }
    Arithmetic<N> ar = in.ar;
    N f1 = in.a1.frobenius(ar);
    N a2 = in.norm2(in.binaryA());
    N paper = MarginBound.value(in, in.marginLoss, in.gamma, rademacher(ar, in.xMaxRow, f1, a2, in.m), in.logInvDelta());
    UnionBound<N> u = new UnionBound<>(in);
    N f1Bar = u.budget("A1_frobenius", f1);
    N a2Bar = u.budget("a_l2", a2);
    N gBar = u.margin(in.gamma);
    N v = MarginBound.value(in, Margins.loss(ar, in.margins, gBar), gBar, rademacher(ar, in.xMaxRow, f1Bar, a2Bar, in.m),
        u.logInvDelta());
    Map<String, Object> ing = new LinkedHashMap<>();
    ing.put("A1_frobenius", f1);
    ing.put("a_l2", a2);
    ing.put("X_max_row_l2", in.xMaxRow);
    ing.put("margin", in.gamma);
    ing.put("margin_loss", in.marginLoss);
    ing.put("m", in.m);
    ing.put("delta", in.in.delta());
    ing.put("grid_levels", u.levels());
    return BoundResult.of(this, v, paper, ing, 1.0 - in.in.delta());
  }

  /** B(√(2 ln 2 · D) + 1) F₁ F₂ / √m. */
  /*@ public behavior
    @ requires every norm argument has lo() >= 0.0;
    @ ensures \result.lo() >= 0.0;
    @ ensures (\forall long m2; m <= m2; !(rademacher(.., m2).lo() > \result.hi()));
    @ ensures ar.certified() ==> Num.encloses(\result, the formula over the reals of the arguments);
    @ signals (InvalidInputException) m < 1;
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> N rademacher(Arithmetic<N> ar, N b, N f1, N f2, long m) {
    BoundChecks.samples(m);
    N depth = ar.exact(2.0).mul(ar.ln2()).mul(ar.count(DEPTH)).sqrt().add(ar.exact(1.0));
    return b.mul(depth).mul(f1).mul(f2).div(ar.count(m).sqrt());
  }
}
