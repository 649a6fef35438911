package dev.basin.bounds;

import java.util.LinkedHashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * BOUND-BFT-SPECTRAL: Bartlett, Foster &amp; Telgarsky (NeurIPS 2017) spectrally-normalized margin
 * bound in its explicit-constant form for fixed norm budgets (s_i ≥ ‖A_i‖₂, b_i ≥ ‖(A_i −
 * M_i)ᵀ‖_{2,1}): Pr[argmax f ≠ y] ≤ R̂_γ + 8/m + 72 ‖X'‖_F ln(2W) ln(m) R/(γm) + 3√(ln(2/δ)/(2m)),
 * R = ρ ((b₁s₂)^{2/3} + (b₂s₁)^{2/3})^{3/2} = ρ s₁s₂ Σ((b_i/s_i)^{2/3})^{3/2}, W the largest
 * width; with the union grid over (s₁, s₂, b₁, b₂, γ). Constants reconstructed (papers.md §6.3 [M,
 * low confidence]). Not invariant under per-unit Dinh rescaling (documented in spec).
 */
public final class BartlettSpectral implements Bound {

  /** The instance. */
  public static final BartlettSpectral INSTANCE = new BartlettSpectral();

  private BartlettSpectral() {}

  @Override
  public String id() {
    return "BOUND-BFT-SPECTRAL";
  }

  @Override
  public String title() {
    return "spectrally-normalized margin bound (Bartlett-Foster-Telgarsky)";
  }

  @Override
  public Kind kind() {
    return Kind.RISK_BOUND;
  }

  /** Why BFT does not apply, or null. */
  static <N extends Num<N>> @Nullable String problem(Ingredients<N> in) {
    if (in.lipschitzThroughOrigin() == null) {
      return "needs sigma(0) = 0 and a Lipschitz sigma; " + in.activationName() + " has sigma(0) != 0";
    }
    String b = in.outputBiasProblem();
    if (b != null) {
      return b;
    }
    return MarginBound.gammaProblem(in);
  }

  @Override
  public <N extends Num<N>> BoundResult<N> evaluate(Ingredients<N> in) {
    String p = problem(in);
    if (p != null) {
      return BoundResult.notApplicable(this, p);
    }
    Norms<N> n = Norms.of(in);
    Map<String, Object> ing = new LinkedHashMap<>();
    BoundResult<N> r = evaluateWithBudgets(this, in, n.s1, n.s2, n.b1, n.b2, ing);
    return r;
  }

  /** The four norms of the spectral complexity. */
  record Norms<N extends Num<N>>(N s1, N s2, N b1, N b2, String reference) {
    static <N extends Num<N>> Norms<N> of(Ingredients<N> in) {
      Arithmetic<N> ar = in.ar;
      LayerMatrix a2 = in.outputMatrix();
      LayerMatrix m1 = in.a1Init;
      LayerMatrix m2 = in.w2Init;
      LayerMatrix d1 = m1 == null ? in.a1 : LayerMatrix.diff(in.a1, m1);
      LayerMatrix d2 = m2 == null ? a2 : LayerMatrix.diff(a2, m2);
      return new Norms<>(in.spectral(in.a1), in.spectral(a2), d1.l21(ar), d2.l21(ar),
          m1 == null ? "M_i = 0" : "M_i = the initialization (--init)");
    }
  }

  /** Evaluates with given budgets (their own norms, or a ball's suprema for the stagnation entry). */
  static <N extends Num<N>> BoundResult<N> evaluateWithBudgets(Bound self, Ingredients<N> in, N s1, N s2, N b1, N b2,
      Map<String, Object> extra) {
    Arithmetic<N> ar = in.ar;
    Double lip = in.lipschitzThroughOrigin();
    double rho = lip == null ? 1.0 : lip;
    int w = Math.max(Math.max(in.dAug, in.h), Math.max(in.k, 2));
    N paper = value(ar, in.marginLoss, in.gamma, complexity(ar, rho, s1, s2, b1, b2), in.xFro, w, in.m, in.logInvDelta());
    UnionBound<N> u = new UnionBound<>(in);
    N s1b = u.budget("s1", s1);
    N s2b = u.budget("s2", s2);
    N b1b = u.budget("b1", b1);
    N b2b = u.budget("b2", b2);
    N gb = u.margin(in.gamma);
    N v = value(ar, Margins.loss(ar, in.margins, gb), gb, complexity(ar, rho, s1b, s2b, b1b, b2b), in.xFro, w, in.m,
        u.logInvDelta());
    Map<String, Object> ing = new LinkedHashMap<>(extra);
    ing.put("spectral_norm_A1", s1);
    ing.put("spectral_norm_W2", s2);
    ing.put("l21_A1_minus_M1", b1);
    ing.put("l21_W2_minus_M2", b2);
    ing.put("spectral_complexity", complexity(ar, rho, s1, s2, b1, b2));
    ing.put("X_frobenius", in.xFro);
    ing.put("max_width_W", w);
    ing.put("lipschitz", rho);
    ing.put("margin", in.gamma);
    ing.put("margin_loss", in.marginLoss);
    ing.put("m", in.m);
    ing.put("delta", in.in.delta());
    ing.put("reference_matrices", in.a1Init == null ? "M_i = 0" : "M_i = the initialization (--init)");
    ing.put("grid_levels", u.levels());
    return BoundResult.of(self, v, paper, ing, 1.0 - in.in.delta());
  }

  /** R = ρ ((b₁s₂)^{2/3} + (b₂s₁)^{2/3})^{3/2} (division-free form of BFT's R_A). */
  /*@ public normal_behavior
    @ requires rho >= 0.0 && s1.lo() >= 0.0 && s2.lo() >= 0.0 && b1.lo() >= 0.0 && b2.lo() >= 0.0;
    @ ensures \result.lo() >= 0.0;
    @ ensures ar.certified() ==> Num.encloses(\result, the formula over the reals of the arguments);
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> N complexity(Arithmetic<N> ar, double rho, N s1, N s2, N b1, N b2) {
    return ar.exact(rho).mul(b1.mul(s2).pow2over3().add(b2.mul(s1).pow2over3()).pow3over2());
  }

  /** R̂_γ + 8/m + 72 ‖X‖_F ln(2W) ln(m) R/(γm) + 3√((ln 2 + ln(1/δ))/(2m)). */
  /*@ public behavior
    @ requires gamma.lo() > 0.0 && marginLoss.lo() >= 0.0 && complexity.lo() >= 0.0 && xFro.lo() >= 0.0 && w >= 1 && logInvDelta.lo() > 0.0;
    @ ensures \result.lo() >= marginLoss.lo();
    @ ensures (\forall long m2; 3 <= m && m <= m2; !(value(.., m2).lo() > \result.hi()));
    @ ensures (\forall N l2; l2.lo() >= logInvDelta.hi(); !(value(.., l2).hi() < \result.lo()));
    @ ensures ar.certified() ==> Num.encloses(\result, the formula over the reals of the arguments);
    @ signals (InvalidInputException) m < 1;
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> N value(Arithmetic<N> ar, N marginLoss, N gamma, N complexity, N xFro, int w, long m,
      N logInvDelta) {
    BoundChecks.samples(m);
    N mN = ar.count(m);
    N main = ar.exact(72.0).mul(xFro).mul(ar.count(2L * w).log()).mul(mN.log()).mul(complexity).div(gamma.mul(mN));
    N conf = ar.exact(3.0).mul(ar.ln2().add(logInvDelta).div(ar.exact(2.0).mul(mN)).sqrt());
    return marginLoss.add(ar.exact(8.0).div(mN)).add(main).add(conf);
  }
}
