package dev.basin.bounds;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BOUND-PACBAYES-NBS: Neyshabur, Bhojanapalli &amp; Srebro (ICLR 2018) PAC-Bayes spectral bound,
 * assembled with explicit constants from their Lemma 1 (PAC-Bayes margin: if Pr_u[max_x ‖f_{w+u}(x)
 * − f_w(x)‖_∞ &lt; γ/4] ≥ ½ then L₀ ≤ L̂_γ + 4√((KL + ln(6m/δ))/(m−1))), Lemma 2 (perturbation:
 * ‖f_{w+u} − f_w‖ ≤ e B β^{D−1} Σ_i ‖U_i‖₂ when every ‖U_i‖₂ ≤ β/D) and the Gaussian tail
 * Pr[‖U_i‖₂ &gt; t] ≤ 2H e^{−t²/(2Hσ²)} (spec BOUND-PACBAYES-NBS): after rescaling both layers to
 * spectral norm β = √(‖A₁‖₂‖A₂‖₂), the prior/posterior std σ = γ̲(1−2⁻²⁰)/(4e D B β̄^{D−1}
 * √(2H ln(4DH))) gives KL = β²(r₁ + r₂)/(2σ²), r_i = ‖A_i‖_F²/‖A_i‖₂²; the union grid over (β̄, γ̲)
 * makes the prior data-independent. Lemma forms reconstructed (papers.md §6.4 [M]).
 */
public final class NeyshaburPacBayes implements Bound {

  /** The instance. */
  public static final NeyshaburPacBayes INSTANCE = new NeyshaburPacBayes();
  /** Depth D. */
  static final int DEPTH = 2;
  /** 1 − 2⁻²⁰: makes Lemma 1's strict inequality "&lt; γ/4" hold. */
  static final double STRICT = 1.0 - 0x1p-20;

  private NeyshaburPacBayes() {}

  @Override
  public String id() {
    return "BOUND-PACBAYES-NBS";
  }

  @Override
  public String title() {
    return "PAC-Bayes spectral margin bound (Neyshabur-Bhojanapalli-Srebro)";
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
    String b = in.outputBiasProblem();
    if (b != null) {
      return BoundResult.notApplicable(this, b);
    }
    String g = MarginBound.gammaProblem(in);
    if (g != null) {
      return BoundResult.notApplicable(this, g);
    }
    if (in.m < 2) {
      return BoundResult.notApplicable(this, "needs m >= 2 samples (divides by m - 1)");
    }
    Arithmetic<N> ar = in.ar;
    LayerMatrix a2 = in.outputMatrix();
    N s1 = in.spectral(in.a1);
    N s2 = in.spectral(a2);
    if (s1.lo() <= 0.0 || s2.lo() <= 0.0) {
      return BoundResult.notApplicable(this, "a layer matrix is zero (the net is constant)");
    }
    N r1 = in.a1.frobenius(ar).square().div(s1.square());
    N r2 = a2.frobenius(ar).square().div(s2.square());
    N beta = s1.mul(s2).sqrt();
    N inputRadius = inputRadius(in);
    if (inputRadius.lo() <= 0.0) {
      // σ ∝ 1/B: with every input at the origin the perturbation lemma bounds nothing to divide by
      return BoundResult.notApplicable(this, "the input radius B is 0 (every training input is the zero vector);"
          + " give --input-radius");
    }
    int width = Math.max(Math.max(in.dAug, in.h), in.k);
    N paper = value(ar, in.marginLoss, in.gamma, beta, beta, r1.add(r2), inputRadius, width, in.m, in.logInvDelta(), 1.0);
    UnionBound<N> u = new UnionBound<>(in);
    N betaBar = u.budget("beta", beta);
    N gBar = u.margin(in.gamma);
    N v = value(ar, Margins.loss(ar, in.margins, gBar), gBar, beta, betaBar, r1.add(r2), inputRadius, width, in.m,
        u.logInvDelta(), STRICT);
    Map<String, Object> ing = new LinkedHashMap<>();
    ing.put("spectral_norm_A1", s1);
    ing.put("spectral_norm_W2", s2);
    ing.put("frobenius_A1", in.a1.frobenius(ar));
    ing.put("frobenius_W2", a2.frobenius(ar));
    ing.put("beta", beta);
    ing.put("sigma", sigma(ar, gBar, betaBar, inputRadius, width, STRICT));
    ing.put("input_radius_B", inputRadius);
    ing.put("input_radius_rule", in.in.inputRadius() == null
        ? "max_i ||x_i'|| over the training set (assumes the input distribution lies in that ball)"
        : "given (--input-radius), augmented by the bias coordinate when b1 is present");
    ing.put("max_width_H", width);
    ing.put("margin", in.gamma);
    ing.put("margin_loss", in.marginLoss);
    ing.put("m", in.m);
    ing.put("delta", in.in.delta());
    ing.put("grid_levels", u.levels());
    return BoundResult.of(this, v, paper, ing, 1.0 - in.in.delta());
  }

  private static <N extends Num<N>> N inputRadius(Ingredients<N> in) {
    Double b = in.in.inputRadius();
    if (b == null) {
      return in.xMaxRow;
    }
    N bN = in.ar.exact(b);
    return in.dAug > in.d ? bN.square().add(in.ar.exact(1.0)).sqrt() : bN;
  }

  /** σ = γ·strict/(4e D B β̄^{D−1} √(2H ln(4DH))). */
  static <N extends Num<N>> N sigma(Arithmetic<N> ar, N gamma, N betaBar, N b, int width, double strict) {
    N hN = ar.count(width);
    N tail = ar.exact(2.0).mul(hN).mul(ar.count(4L * DEPTH).mul(hN).log()).sqrt();
    N betaPow = betaBar; // β̄^{D−1} with D = 2
    return gamma.mul(ar.exact(strict)).div(ar.exact(4.0).mul(ar.e()).mul(ar.count(DEPTH)).mul(b).mul(betaPow).mul(tail));
  }

  /** L̂_γ + 4√((KL + ln(6m) + ln(1/δ))/(m−1)) with KL = β²(r₁+r₂)/(2σ²). */
  /*@ public behavior
    @ requires gamma.lo() > 0.0 && beta.lo() > 0.0 && betaBar.lo() > 0.0 && ratios.lo() >= 0.0 && b.lo() > 0.0 && width >= 1 && logInvDelta.lo() > 0.0 && strict > 0.0;
    @ ensures \result.lo() >= marginLoss.lo();
    @ ensures (\forall long m2; m <= m2; !(value(.., m2, ..).lo() > \result.hi()));
    @ ensures ar.certified() ==> Num.encloses(\result, the formula over the reals of the arguments);
    @ signals (InvalidInputException) m < 2;
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> N value(Arithmetic<N> ar, N marginLoss, N gamma, N beta, N betaBar, N ratios, N b,
      int width, long m, N logInvDelta, double strict) {
    BoundChecks.samplesAtLeastTwo(m);
    N sigma = sigma(ar, gamma, betaBar, b, width, strict);
    N kl = beta.square().mul(ratios).div(ar.exact(2.0).mul(sigma.square()));
    N num = kl.add(ar.count(6L * m).log()).add(logInvDelta);
    return marginLoss.add(ar.exact(4.0).mul(num.div(ar.count(m - 1)).sqrt()));
  }
}
