package dev.basin.measure;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.Reported;
import java.util.List;
import java.util.Set;

/**
 * The log-volume of the ε-sublevel basin around θ by the radial estimator (spec FLAT-VOLUME), an
 * estimate with its interval and the diagnostics that say when to distrust it.
 */
public final class Volume extends Registered {

  /** Default loss tolerance ε of the sublevel set. */
  public static final double DEFAULT_EPSILON = 0.01;
  /** Default number of directions. */
  public static final int DEFAULT_DIRECTIONS = 100;
  /** Default first radius of the march. */
  public static final double DEFAULT_R0 = 1e-3;
  /** Default largest radius. */
  public static final double DEFAULT_RMAX = 1e3;

  /** --volume-epsilon. */
  public static final MeasureOption<Double> EPSILON = MeasureOption.positive("--volume-epsilon", DEFAULT_EPSILON, "EPS",
      "Loss tolerance of the sublevel basin {L < L(theta) + eps}.");
  /** --volume-directions. */
  public static final MeasureOption<Integer> DIRECTIONS = MeasureOption.atLeast("--volume-directions", DEFAULT_DIRECTIONS,
      2, "M", "Directions of the radial estimator.");
  /** --volume-r0. */
  public static final MeasureOption<Double> R0 = MeasureOption.positive("--volume-r0", DEFAULT_R0, "R",
      "First radius of the radial march.");
  /** --volume-rmax. */
  public static final MeasureOption<Double> RMAX = MeasureOption.positive("--volume-rmax", DEFAULT_RMAX, "R",
      "Largest radius (directions that never leave are capped there).");

  /** The measure. */
  public static final Volume INSTANCE = new Volume();

  private Volume() {
    super("volume", "log-volume of the epsilon-sublevel basin (radial estimator)", "FLAT-VOLUME",
        List.of(EPSILON, DIRECTIONS, R0, RMAX, CommonOptions.LEVEL, CommonOptions.SEED), Set.of(Need.OTHER_POINTS),
        "directions x (march + bisection) losses: about 40 losses per direction (4000 at the defaults)", false);
  }

  @Override
  public Finding run(MeasureContext c) {
    return result(BasinVolume.sublevel(c.objective(), c.theta(), c.get(EPSILON), options(c)), "FLAT-VOLUME",
        "radial estimator of the sublevel set's volume, in log space");
  }

  /** The radial search options of a run. */
  static BasinVolume.Options options(MeasureContext c) {
    return new BasinVolume.Options(c.get(DIRECTIONS), c.get(R0), c.get(RMAX), c.get(CommonOptions.LEVEL),
        c.get(CommonOptions.SEED));
  }

  /**
   * A log-volume estimate: with its interval when the Student-t interval of E r^D stays above 0,
   * otherwise not reportable as an estimate with an interval (the reason gives the point estimate).
   */
  static Findings result(BasinVolume.VolumeEstimate v, String spec, String method) {
    Findings.Builder b = Findings.builder();
    Double low = v.low();
    if (low != null) {
      b.put("log_volume", new Reported.Estimate(v.logVolume(), low, v.high(), v.level(),
          "Student-t on E r^D, mapped through log", v.radii().length, spec, method, ""));
    } else {
      b.notApplicable("log_volume", "the " + v.level() + " interval of E r^D reaches 0, so the log-volume has no finite"
          + " lower end; point estimate " + v.logVolume() + ", upper end " + v.high() + " (one direction dominates)");
    }
    return b.count("dimension", v.dimension())
        .put("log_unit_ball", Reported.exact(v.logUnitBall(), spec, "log(pi^(D/2) / Gamma(D/2 + 1))"))
        .put("mean_log_radius", Reported.exact(v.meanLogRadius(), spec, "mean of log r over the sampled directions"))
        .put("effective_sample_size", Reported.exact(v.effectiveSampleSize(), spec,
            "(sum w)^2 / sum w^2 of the weights w_i proportional to r_i^D"))
        .flag("reliable", v.reliable())
        .count("capped_directions", v.capped())
        .count("evaluations", v.evaluations())
        .values("radii", v.radii(), "the first observed exit radius of each direction", spec)
        .build();
  }
}
