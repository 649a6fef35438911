package dev.basin.bounds;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BOUND-RAD-L1L2: the margin bound for the 2-layer class {x ↦ Σ_j a_j σ(w_jᵀx') : ‖a‖₁ ≤ A,
 * max_j ‖w_j‖₂ ≤ B} with σ ρ-Lipschitz and σ(0) = 0, whose empirical Rademacher complexity is at
 * most 2ρAB‖X'‖_F/m (Ledoux–Talagrand contraction with absolute values, factor 2; spec
 * BOUND-RAD-L1L2), combined with BOUND-RAD-MARGIN and the union grid over (A, B, γ).
 */
public final class RademacherL1L2 implements Bound {

  /** The instance. */
  public static final RademacherL1L2 INSTANCE = new RademacherL1L2();

  private RademacherL1L2() {}

  @Override
  public String id() {
    return "BOUND-RAD-L1L2";
  }

  @Override
  public String title() {
    return "Rademacher margin bound, ||a||_1 * max_j ||w_j||_2 class";
  }

  @Override
  public Kind kind() {
    return Kind.RISK_BOUND;
  }

  @Override
  public <N extends Num<N>> BoundResult<N> evaluate(Ingredients<N> in) {
    Double rho = in.lipschitzThroughOrigin();
    if (rho == null) {
      return BoundResult.notApplicable(this, "needs sigma(0) = 0 and a Lipschitz sigma; " + in.activationName() + " has sigma(0) != 0");
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
    N a1 = in.norm1(in.binaryA());
    N maxRow = ar.exact(0.0);
    for (int j = 0; j < in.h; j++) {
      maxRow = maxRow.max(in.a1.rowNorm2(ar, j));
    }
    N paper = MarginBound.value(in, in.marginLoss, in.gamma, rademacher(ar, rho, a1, maxRow, in.xFro, in.m), in.logInvDelta());
    UnionBound<N> u = new UnionBound<>(in);
    N aBar = u.budget("a_l1", a1);
    N bBar = u.budget("max_row_l2", maxRow);
    N gBar = u.margin(in.gamma);
    N v = MarginBound.value(in, Margins.loss(ar, in.margins, gBar), gBar, rademacher(ar, rho, aBar, bBar, in.xFro, in.m),
        u.logInvDelta());
    Map<String, Object> ing = new LinkedHashMap<>();
    ing.put("a_l1", a1);
    ing.put("max_j_w_j_l2", maxRow);
    ing.put("X_frobenius", in.xFro);
    ing.put("lipschitz", rho);
    ing.put("margin", in.gamma);
    ing.put("margin_loss", in.marginLoss);
    ing.put("m", in.m);
    ing.put("delta", in.in.delta());
    ing.put("grid_levels", u.levels());
    return BoundResult.of(this, v, paper, ing, 1.0 - in.in.delta());
  }

  /** 2ρAB‖X'‖_F/m. */
  /*@ public behavior
    @ requires every norm argument has lo() >= 0.0;
    @ ensures \result.lo() >= 0.0;
    @ ensures (\forall long m2; m <= m2; !(rademacher(.., m2).lo() > \result.hi()));
    @ ensures ar.certified() ==> Num.encloses(\result, the formula over the reals of the arguments);
    @ signals (InvalidInputException) m < 1;
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> N rademacher(Arithmetic<N> ar, double rho, N a, N b, N xFro, long m) {
    BoundChecks.samples(m);
    return ar.exact(2.0).mul(ar.exact(rho)).mul(a).mul(b).mul(xFro).div(ar.count(m));
  }
}
