package dev.basin.bounds;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The constant-free bound expressions of B. Neyshabur's public code (bneyshabur/generalization-bounds,
 * measures.py; read and verified as secondary source, spec NEYSHABUR-CODE-*): they omit "constants
 * and additive logarithmic factors" on purpose, so they are measures, not bounds. basin computes
 * them so that an audit can tell a user that their number is this expression (and not the paper's
 * bound). Layers W_i = W1, W2 (weights only), D = 2, reference W⁰ = --init or 0, N = all
 * parameters (the code's nparam counts biases), γ = the bounds' margin.
 */
public enum NeyshaburCode implements Bound {
  /** ln(m) ln(N) (Π‖W_i‖₂/γ) (Σ(‖(W_i − W⁰_i)ᵀ‖_{2,1}/‖W_i‖₂)^{2/3})^{3/2}/√m ("Spec_L_{2,1} Bound (Bartlett et al. 2017)"). */
  SPEC_L21("NEYSHABUR-CODE-SPEC-L21", "Neyshabur code: spectral-l21 expression (no constants)"),
  /** D (Π‖W_i‖₂/γ) √(Σ h_i ‖W_i − W⁰_i‖_F²/‖W_i‖₂²)/√m ("Spec_Fro Bound (Neyshabur et al. 2018)"). */
  SPEC_FRO("NEYSHABUR-CODE-SPEC-FRO", "Neyshabur code: spectral-Frobenius expression (no constants)");

  private final String id;
  private final String title;

  NeyshaburCode(String id, String title) {
    this.id = id;
    this.title = title;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public Kind kind() {
    return Kind.MEASURE;
  }

  @Override
  public <N extends Num<N>> BoundResult<N> evaluate(Ingredients<N> in) {
    String g = MarginBound.gammaProblem(in);
    if (g != null) {
      return BoundResult.notApplicable(this, g);
    }
    if (in.spectral(in.w1).lo() <= 0.0 || in.spectral(in.w2).lo() <= 0.0) {
      return BoundResult.notApplicable(this, "a weight matrix is zero: its spectral norm is a denominator");
    }
    Arithmetic<N> ar = in.ar;
    LayerMatrix[] w = {in.w1, in.w2};
    LayerMatrix i1 = in.w1Init;
    LayerMatrix i2 = in.w2Init;
    LayerMatrix[] d = i1 == null || i2 == null ? w : new LayerMatrix[] {LayerMatrix.diff(in.w1, i1), LayerMatrix.diff(in.w2, i2)};
    N mN = in.mN();
    N prodOverMargin = in.spectral(in.w1).mul(in.spectral(in.w2)).div(in.gamma);
    N v;
    if (this == SPEC_L21) {
      N sum = ar.exact(0.0);
      for (int i = 0; i < 2; i++) {
        sum = sum.add(d[i].l21(ar).div(in.spectral(w[i])).pow2over3());
      }
      v = mN.log().mul(ar.count(in.numParams).log()).mul(prodOverMargin).mul(sum.pow3over2()).div(mN.sqrt());
    } else {
      N sum = ar.exact(0.0);
      for (int i = 0; i < 2; i++) {
        sum = sum.add(ar.count(w[i].rows).mul(d[i].frobenius(ar).square()).div(in.spectral(w[i]).square()));
      }
      v = ar.count(2).mul(prodOverMargin).mul(sum.sqrt()).div(mN.sqrt());
    }
    Map<String, Object> ing = new LinkedHashMap<>();
    ing.put("spectral_norm_W1", in.spectral(in.w1));
    ing.put("spectral_norm_W2", in.spectral(in.w2));
    ing.put("margin", in.gamma);
    ing.put("N", in.numParams);
    ing.put("m", in.m);
    ing.put("reference", i1 == null ? "W0 = 0 (no --init)" : "the initialization (--init)");
    return BoundResult.of(this, v, null, ing, null);
  }
}
