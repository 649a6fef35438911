package dev.basin.measure;

import dev.basin.base.Finding;
import dev.basin.base.Reported;
import java.util.List;
import java.util.Set;

/**
 * ‖H‖_F (spec FLAT-FROBENIUS): exact from the explicit Hessian up to --max-exact, above it the
 * square root of the Hutchinson estimate of ‖H‖_F² = E‖Hv‖² with its interval.
 */
public final class Frobenius extends Registered {

  /** The measure. */
  public static final Frobenius INSTANCE = new Frobenius();

  private Frobenius() {
    super("frobenius", "Frobenius norm of H (exact up to --max-exact, else an estimate)", "FLAT-FROBENIUS",
        List.of(CommonOptions.MAX_EXACT, CommonOptions.SAMPLES, CommonOptions.LEVEL, CommonOptions.SEED),
        Set.of(Need.FORWARD_PASS, Need.HVP, Need.EXPLICIT_HESSIAN),
        "N <= --max-exact: the explicit Hessian (N passes); above: --samples HVPs (30 at the defaults)", true);
  }

  @Override
  public Finding run(MeasureContext c) {
    if (c.small()) {
      return Reported.exact(c.frobenius(), "FLAT-FROBENIUS", "explicit Hessian (HESS-FULL)");
    }
    return TraceEstimator.frobeniusSquared(c.operator(), c.get(CommonOptions.SAMPLES), c.get(CommonOptions.SEED),
        c.get(CommonOptions.LEVEL)).sqrt().reported("FLAT-FROBENIUS",
        "square root of the Hutchinson estimate of ||H||_F^2 = E||Hv||^2");
  }
}
