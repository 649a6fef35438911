package dev.basin.measure;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.Reported;
import dev.basin.linalg.SymmetricEigen;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every eigenvalue of the explicit Hessian by the dense symmetric solver (spec FLAT-EIG-EXACT,
 * LINALG-EIGEN), with the error estimate N·u·‖H‖_F; only up to --max-exact parameters.
 */
public final class Eigenvalues extends Registered {

  /** The measure. */
  public static final Eigenvalues INSTANCE = new Eigenvalues();

  private Eigenvalues() {
    super("eigenvalues", "all eigenvalues of the explicit Hessian (N <= --max-exact)", "FLAT-EIG-EXACT, LINALG-EIGEN",
        List.of(CommonOptions.MAX_EXACT), Set.of(Need.FORWARD_PASS, Need.EXPLICIT_HESSIAN),
        "the explicit Hessian (N passes, 8 N^2 bytes) and a dense eigensolve (O(N^3))", false);
  }

  @Override
  public Finding run(MeasureContext c) {
    if (!c.small()) {
      return new Finding.NotApplicable("N = " + c.numParams() + " exceeds --max-exact " + c.get(CommonOptions.MAX_EXACT)
          + ": no explicit Hessian");
    }
    double[] ev = c.eigenvalues();
    int n = ev.length;
    String method = "dense symmetric eigensolver on the explicit Hessian (" + solver() + ")";
    return Findings.builder()
        .put("lambda_max", Reported.exact(ev[n - 1], "FLAT-EIG-EXACT", method))
        .put("lambda_min", Reported.exact(ev[0], "FLAT-EIG-EXACT", method))
        .put("spectral_norm", Reported.exact(Math.max(Math.abs(ev[0]), Math.abs(ev[n - 1])), "FLAT-EIG-EXACT", method))
        .put("eigenvalue_error_estimate", c.eigenvalueError())
        .values("eigenvalues", ev, "all eigenvalues of H, ascending, each within about eigenvalue_error_estimate",
            "FLAT-EIG-EXACT")
        .text("eigen_solver", solver())
        .build();
  }

  private static String solver() {
    return SymmetricEigen.DEFAULT.name().toLowerCase(Locale.ROOT);
  }
}
