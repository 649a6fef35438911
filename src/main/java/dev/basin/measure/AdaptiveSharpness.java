package dev.basin.measure;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import java.util.List;
import java.util.Set;

/**
 * Andriushchenko et al.'s adaptive sharpness in the l2 and l∞ geometries (spec FLAT-SHARP-ADAPTIVE):
 * certified lower bounds on the raw loss increase over δ = |θ| ⊙ y, ‖y‖ ≤ ρ.
 */
public final class AdaptiveSharpness extends Registered {

  /** Default radius ρ (Andriushchenko et al.'s l2 experiments use 0.05 to 0.1). */
  public static final double DEFAULT_RHO = 0.05;

  /** --rho. */
  public static final MeasureOption<Double> RHO = MeasureOption.positive("--rho", DEFAULT_RHO, "RHO",
      "Radius of adaptive sharpness.");

  /** The measure. */
  public static final AdaptiveSharpness INSTANCE = new AdaptiveSharpness();

  private AdaptiveSharpness() {
    super("adaptive", "adaptive sharpness, l2 and linf (certified lower bounds)", "FLAT-SHARP-ADAPTIVE, FLAT-SHARP-ASCENT",
        List.of(RHO, SharpnessMeasure.RESTARTS, SharpnessMeasure.STEPS, CommonOptions.SEED),
        Set.of(Need.FORWARD_PASS, Need.OTHER_POINTS, Need.HVP),
        "2 x restarts x (steps + 1) gradients + 2 Lanczos runs (about 300 passes + 40 HVPs at the defaults)", false);
  }

  @Override
  public Finding run(MeasureContext c) {
    Sharpness.Options o = SharpnessMeasure.options(c);
    double rho = c.get(RHO);
    return Findings.builder()
        .put("l2", SharpnessMeasure.result(Sharpness.adaptive(c.objective(), c.theta(), rho, false, o)))
        .put("linf", SharpnessMeasure.result(Sharpness.adaptive(c.objective(), c.theta(), rho, true, o)))
        .build();
  }
}
