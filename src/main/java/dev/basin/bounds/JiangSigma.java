package dev.basin.bounds;

import dev.basin.kernel.Loss;
import dev.basin.measure.PacBayesSharpness;
import dev.basin.measure.PacBayesSharpness.Deviation;
import dev.basin.measure.PacBayesSharpness.SigmaSearch;
import dev.basin.model.Objective;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Jiang et al.'s σ and σ′ for the JIANG-PACBAYES-* measures, found by the σ-searches of
 * dev.basin.measure (spec FLAT-PACBAYES-SIGMA, FLAT-PACBAYES-MAG; here JIANG-SIGMA): target
 * training-accuracy change 0.1, Jiang's search options, on the classification objective of the
 * bounds (ce for k ≥ 2, logistic for k = 1, mean). σ is a standard deviation; σ′ parametrizes the
 * variance σ′²θ_i² + ε².
 */
public final class JiangSigma {

  /** The target accuracy change. */
  public static final double TARGET = 0.1;

  private JiangSigma() {}

  /**
   * Inputs with σ and σ′ filled by the searches where they were not given, and the searches run.
   *
   * @param inputs the inputs with the σ's found
   * @param plain the σ search, or null if σ was given
   * @param magnitude the σ′ search, or null if σ′ was given
   */
  public record Searched(BoundInputs inputs, @Nullable SigmaSearch plain, @Nullable SigmaSearch magnitude) {}

  /** Runs the searches for the σ's that are missing (draws from Rng.derive(seed, j)). */
  /*@ public normal_behavior
    @ ensures \result.inputs().sigma() != null && \result.inputs().sigma() > 0 && \result.inputs().sigmaMag() != null && \result.inputs().sigmaMag() > 0;
    @ ensures in.sigma() != null ==> \result.plain() == null && \result.inputs().sigma().equals(in.sigma());
    @ ensures in.sigmaMag() != null ==> \result.magnitude() == null && \result.inputs().sigmaMag().equals(in.sigmaMag());
    @ assignable \nothing;
    @*/
  public static Searched fill(BoundInputs in, long seed) {
    Objective obj = classificationObjective(in);
    double[] theta = in.net().parameters();
    PacBayesSharpness.Options o = PacBayesSharpness.Options.jiang(Deviation.ACCURACY, seed);
    SigmaSearch plain = in.sigma() == null ? PacBayesSharpness.sigma(obj, theta, TARGET, o) : null;
    SigmaSearch mag = in.sigmaMag() == null
        ? PacBayesSharpness.magnitudeSigma(obj, theta, TARGET, JiangMeasure.MAG_EPS, o) : null;
    BoundInputs filled = in.withOptions(in.init(), plain == null ? in.sigma() : Double.valueOf(plain.sigma()),
        mag == null ? in.sigmaMag() : Double.valueOf(mag.sigma()), in.posteriorStd(), in.mcSamples(), in.mcDelta(),
        in.seed(), in.radius(), in.inputRadius());
    return new Searched(filled, plain, mag);
  }

  /** The classification objective of the bounds: ce (k ≥ 2) or logistic (k = 1), mean reduction. */
  static Objective classificationObjective(BoundInputs in) {
    int kind = in.net().outputs() == 1 ? Loss.LOGISTIC : Loss.CE;
    return Objective.of(in.net(), new Loss(kind, Loss.MEAN), in.data());
  }
}
