package dev.basin.bounds;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BOUND-RAD-PATH-EMW: the margin bound for the path-norm class {f : ‖θ‖_P = Σ_j |a_j| ‖w_j‖₁ ≤ Q}
 * of E, Ma &amp; Wu (2019) with σ positively homogeneous and ρ-Lipschitz: R̂_S ≤ 2ρQ √(2 ln(2d'))
 * max_t ‖X'_{:,t}‖₂ / m (Massart over ±e_t plus contraction; for inputs in [−1, 1]^d this is their
 * 2Q√(2 ln(2d)/m); spec BOUND-RAD-PATH-EMW), with BOUND-RAD-MARGIN and the union grid over (Q, γ).
 * Invariant under the Dinh rescaling (a_j, w_j) ↦ (a_j/c, c w_j).
 */
public final class PathNormEMW implements Bound {

  /** The instance. */
  public static final PathNormEMW INSTANCE = new PathNormEMW();

  private PathNormEMW() {}

  @Override
  public String id() {
    return "BOUND-RAD-PATH-EMW";
  }

  @Override
  public String title() {
    return "Rademacher margin bound, path norm (E-Ma-Wu)";
  }

  @Override
  public Kind kind() {
    return Kind.RISK_BOUND;
  }

  @Override
  public <N extends Num<N>> BoundResult<N> evaluate(Ingredients<N> in) {
    Double rho = in.lipschitzThroughOrigin();
    if (rho == null || !in.in.net().activation().isPositivelyHomogeneous()) {
      return BoundResult.notApplicable(this, "needs a positively homogeneous Lipschitz sigma (relu, leaky_relu, identity); the"
          + " net uses " + in.activationName());
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
    N q = pathNorm(in);
    N paper = MarginBound.value(in, in.marginLoss, in.gamma, rademacher(ar, rho, q, in.dAug, in.xMaxCol, in.m),
        in.logInvDelta());
    UnionBound<N> u = new UnionBound<>(in);
    N qBar = u.budget("path_norm", q);
    N gBar = u.margin(in.gamma);
    N v = MarginBound.value(in, Margins.loss(ar, in.margins, gBar), gBar,
        rademacher(ar, rho, qBar, in.dAug, in.xMaxCol, in.m), u.logInvDelta());
    Map<String, Object> ing = new LinkedHashMap<>();
    ing.put("path_norm", q);
    ing.put("X_max_column_l2", in.xMaxCol);
    ing.put("d_augmented", in.dAug);
    ing.put("lipschitz", rho);
    ing.put("margin", in.gamma);
    ing.put("margin_loss", in.marginLoss);
    ing.put("m", in.m);
    ing.put("delta", in.in.delta());
    ing.put("grid_levels", u.levels());
    return BoundResult.of(this, v, paper, ing, 1.0 - in.in.delta());
  }

  /** ‖θ‖_P = Σ_j |a_j| ‖(w_j, b_j)‖₁ (binary view; spec BOUND-PATH-NORM). */
  static <N extends Num<N>> N pathNorm(Ingredients<N> in) {
    N[] a = in.binaryA();
    N s = in.ar.exact(0.0);
    for (int j = 0; j < in.h; j++) {
      s = s.add(a[j].abs().mul(in.a1.rowNorm1(in.ar, j)));
    }
    return s;
  }

  /** 2ρQ √(2 ln(2d')) · max column norm / m. */
  /*@ public behavior
    @ requires every norm argument has lo() >= 0.0;
    @ ensures \result.lo() >= 0.0;
    @ ensures (\forall long m2; m <= m2; !(rademacher(.., m2).lo() > \result.hi()));
    @ ensures ar.certified() ==> Num.encloses(\result, the formula over the reals of the arguments);
    @ signals (InvalidInputException) m < 1;
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> N rademacher(Arithmetic<N> ar, double rho, N q, int dAug, N xMaxCol, long m) {
    BoundChecks.samples(m);
    N massart = ar.exact(2.0).mul(ar.count(2L * dAug).log()).sqrt();
    return ar.exact(2.0).mul(ar.exact(rho)).mul(q).mul(massart).mul(xMaxCol).div(ar.count(m));
  }
}
