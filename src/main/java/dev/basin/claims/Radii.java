package dev.basin.claims;

import dev.basin.measure.BasinVolume;
import dev.basin.measure.Estimate;

/**
 * The exit radii of a sublevel basin along seeded directions (FLAT-VOLUME) as the claims report
 * them: their mean and the mean of their logs, each an estimate over the directions with its
 * Student-t 95 % interval (FLAT-CI). Directions that hit r_max give lower bounds on their radius;
 * the method says how many.
 *
 * @param volume the radial estimate the radii come from
 * @param mean mean exit radius
 * @param meanLog mean log exit radius
 */
record Radii(BasinVolume.VolumeEstimate volume, Estimate mean, Estimate meanLog) {

  /** The summaries of a radial estimate. */
  static Radii of(BasinVolume.VolumeEstimate v) {
    double[] r = v.radii();
    double[] logs = new double[r.length];
    for (int j = 0; j < r.length; j++) {
      logs[j] = Math.log(r[j]);
    }
    return new Radii(v, Estimate.of(r, Measurement.LEVEL), Estimate.of(logs, Measurement.LEVEL));
  }

  /** The mean radius as a reported estimate. */
  Measurement meanMeasurement(String name) {
    return Measurement.estimate(name, mean.value(), mean.low(), mean.high(), mean.samples(), "Student-t (FLAT-CI)",
        "FLAT-VOLUME", method());
  }

  /** The mean log radius as a reported estimate. */
  Measurement meanLogMeasurement(String name) {
    return Measurement.estimate(name, meanLog.value(), meanLog.low(), meanLog.high(), meanLog.samples(), "Student-t (FLAT-CI)",
        "FLAT-VOLUME", method());
  }

  private String method() {
    return "exit radii along " + mean.samples() + " seeded random unit directions" + (volume.capped() > 0
        ? ", " + volume.capped() + " capped at r_max (lower bounds)" : "");
  }
}
