package dev.basin.measure;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.Reported;
import java.util.List;
import java.util.Set;

/**
 * ‖H‖₂ = max(λ_max, −λ_min) from the two certified extremes (spec FLAT-SPECTRAL-NORM, FLAT-CERT-EIG):
 * a certified lower bound max(ρ_max − e, −(ρ_min + e)) from the Rayleigh quotients, and the enclosure
 * implied by the two eigenvalue enclosures when they hold the extreme eigenvalues. Needs both sides
 * of the spectrum, so it runs only when asked.
 */
public final class SpectralNorm extends Registered {

  /** The measure. */
  public static final SpectralNorm INSTANCE = new SpectralNorm();

  private SpectralNorm() {
    super("spectral-norm", "||H||_2 from certified lambda_max and lambda_min", "FLAT-SPECTRAL-NORM, FLAT-CERT-EIG",
        List.of(Spectrum.TOL, Spectrum.MAX_ITER, CommonOptions.SEED), Set.of(Need.FORWARD_PASS, Need.HVP),
        "both ends of the spectrum by Lanczos: lambda_min often needs 100-300 HVPs on a net", false);
  }

  @Override
  public void plan(MeasureContext.Plan plan, MeasureSettings s) {
    plan.extremes(1, 1);
  }

  @Override
  public Finding run(MeasureContext c) {
    Lanczos.Result r = c.extremes(1, 1);
    EigenCertificate a = certificate(r.largest().get(0));
    EigenCertificate b = certificate(r.smallest().get(0));
    double value = Math.max(Math.abs(a.value()), Math.abs(b.value()));
    double lo = Math.max(0.0, Math.max(a.low(), -b.high()));
    double hi = Math.max(Math.max(Math.abs(a.low()), Math.abs(a.high())), Math.max(Math.abs(b.low()), Math.abs(b.high())));
    return Findings.builder()
        .put("value", Reported.enclosure(value, lo, hi, "FLAT-SPECTRAL-NORM", "max(|lambda|) over the two certified"
            + " extreme enclosures: holds when they contain lambda_max and lambda_min, which Lanczos finds, not certifies"))
        .put("lower_bound", Reported.lowerBound(Math.max(a.lowerBoundOnLargest(), -b.upperBoundOnSmallest()),
            "FLAT-SPECTRAL-NORM", "max(rho_max - e_max, -(rho_min + e_min)) of the certified Rayleigh quotients"))
        .put("lanczos", c.lanczosSummary(r)).putAll(Spectrum.certification(c)).build();
  }

  private static EigenCertificate certificate(Lanczos.RitzPair p) {
    EigenCertificate c = p.certificate();
    if (c == null) {
      throw new IllegalStateException("the Hessian operator always certifies its products");
    }
    return c;
  }
}
