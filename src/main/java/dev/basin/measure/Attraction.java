package dev.basin.measure;

import dev.basin.base.Finding;
import java.util.List;
import java.util.Set;

/**
 * The log-volume of the gradient-descent basin of attraction of θ (spec FLAT-VOLUME-ATTRACTION):
 * the radial estimator with "GD from the point returns within δ of θ" as the membership test.
 */
public final class Attraction extends Registered {

  /** Default GD step. */
  public static final double DEFAULT_ETA = 0.01;
  /** Default GD steps. */
  public static final int DEFAULT_STEPS = 200;
  /** Default return radius. */
  public static final double DEFAULT_DELTA = 0.01;

  /** --attraction-eta. */
  public static final MeasureOption<Double> ETA = MeasureOption.positive("--attraction-eta", DEFAULT_ETA, "ETA",
      "GD step of the basin-of-attraction test.");
  /** --attraction-steps. */
  public static final MeasureOption<Integer> STEPS = MeasureOption.atLeast("--attraction-steps", DEFAULT_STEPS, 1, "T",
      "GD steps of the basin-of-attraction test.");
  /** --attraction-delta. */
  public static final MeasureOption<Double> DELTA = MeasureOption.positive("--attraction-delta", DEFAULT_DELTA, "DELTA",
      "Return radius delta of the basin-of-attraction test.");

  /** The measure. */
  public static final Attraction INSTANCE = new Attraction();

  private Attraction() {
    super("attraction", "log-volume of the gradient-descent basin of attraction", "FLAT-VOLUME-ATTRACTION",
        List.of(ETA, STEPS, DELTA, Volume.DIRECTIONS, Volume.R0, Volume.RMAX, CommonOptions.LEVEL, CommonOptions.SEED),
        Set.of(Need.OTHER_POINTS),
        "directions x (march + bisection) x up to T gradients: the most expensive measure (~800000 at the defaults)",
        false);
  }

  @Override
  public Finding run(MeasureContext c) {
    return Volume.result(BasinVolume.attraction(c.objective(), c.theta(), c.get(ETA), c.get(STEPS), c.get(DELTA),
        Volume.options(c)), "FLAT-VOLUME-ATTRACTION", "radial estimator of the basin of attraction's volume, in log space");
  }
}
