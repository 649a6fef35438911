package dev.basin.measure;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.Reported;
import dev.basin.kernel.Loss;
import java.util.List;
import java.util.Set;

/**
 * Wu et al.'s input-gradient complexity (spec FLAT-WU-COMPLEXITY), exact, and for the squared
 * losses the reconstructed Hessian bound chain (FLAT-WU-BOUND) with whether it holds here.
 */
public final class InputGradientMeasure extends Registered {

  /** The measure. */
  public static final InputGradientMeasure INSTANCE = new InputGradientMeasure();

  private InputGradientMeasure() {
    super("wu", "input-gradient complexity and Wu et al.'s bound (squared losses)", "FLAT-WU-COMPLEXITY, FLAT-WU-BOUND",
        List.of(), Set.of(Need.FORWARD_PASS), "a few passes (per-sample input Jacobians; the bound adds an h x h block)",
        true);
  }

  @Override
  public Finding run(MeasureContext c) {
    Findings.Builder b = Findings.builder().put("complexity", Reported.exact(InputGradient.complexity(c.objective(),
        c.theta()), "FLAT-WU-COMPLEXITY", "(1/n) sum_i ||df(x_i)/dx||_F^2"));
    int kind = c.objective().loss().kind();
    if (kind != Loss.HALFSQ && kind != Loss.MSE) {
      return b.notApplicable("bound", "FLAT-WU-BOUND is stated for the squared losses (halfsq, mse)").build();
    }
    InputGradient.WuBound w = InputGradient.bound(c.objective(), c.theta());
    String spec = "FLAT-WU-BOUND";
    return b.put("bound", Findings.builder()
        .put("middle", Reported.exact(w.middle(), spec, "||W1||_F^2 (||H_c||_F/(kappa n) + C_sigma ||W2||_2 rho)"))
        .put("rhs", Reported.exact(w.rhs(), spec, "1/2 (||H_c||_F/(kappa n))^2 + 1/2 ||W1||_F^4 + C_sigma ||W2||_2 ||W1||_F^2 rho"))
        .flag("holds", w.holds())
        .put("hessian_bias_frobenius", Reported.exact(w.hessianBiasFrobenius(), spec, "||d^2L/db1^2||_F"))
        .put("w1_frobenius", Reported.exact(w.w1Frobenius(), spec, "||W1||_F"))
        .put("w2_spectral", Reported.exact(w.w2Spectral(), spec, "||W2||_2 (dense eigensolve of W2^T W2)"))
        .put("rms_residual", Reported.exact(w.rmsResidual(), spec, "sqrt((1/n) sum ||f(x_i) - y_i||^2)"))
        .setting("c_sigma", w.cSigma())
        .text("provenance", "reconstructed (papers.md 1.3; basin's derivation, not the paper's theorem)")
        .build()).build();
  }
}
