package dev.basin.measure;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.Reported;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Jiang et al.'s PAC-Bayes sharpness searches (spec FLAT-PACBAYES-SIGMA, FLAT-PACBAYES-MAG): the σ
 * (a standard deviation) whose Gaussian perturbations change the accuracy (or, for the squared
 * losses, the loss) by the target deviation, with the search's settings of Jiang et al.'s
 * reimplementation ({@link PacBayesSharpness.Options#jiang}) and --pacbayes-samples draws.
 */
public final class PacBayes extends Registered {

  /** Default target deviation (Jiang et al.: 0.1). */
  public static final double DEFAULT_TARGET = 0.1;
  /** Default draws per σ (Jiang et al.'s reimplementation: 10). */
  public static final int DEFAULT_SAMPLES = 10;
  /** Default ε of the magnitude-aware σ′ (Jiang et al.: 10⁻³). */
  public static final double DEFAULT_MAGNITUDE_EPSILON = 1e-3;

  /** --target-deviation. */
  public static final MeasureOption<Double> TARGET = MeasureOption.positive("--target-deviation", DEFAULT_TARGET, "D",
      "PAC-Bayes target deviation.");
  /** --pacbayes-samples. */
  public static final MeasureOption<Integer> SAMPLES = MeasureOption.atLeast("--pacbayes-samples", DEFAULT_SAMPLES, 2, "M",
      "Monte-Carlo draws per sigma.");
  /** --magnitude-epsilon. */
  public static final MeasureOption<Double> MAGNITUDE_EPSILON = MeasureOption.positive("--magnitude-epsilon",
      DEFAULT_MAGNITUDE_EPSILON, "EPS", "Epsilon of the magnitude-aware sigma' (variance sigma^2 theta_i^2 + eps^2).");

  /** The measure. */
  public static final PacBayes INSTANCE = new PacBayes();

  private PacBayes() {
    super("pacbayes", "PAC-Bayes sharpness sigma and magnitude-aware sigma' (Jiang et al.)",
        "FLAT-PACBAYES-SIGMA, FLAT-PACBAYES-MAG",
        List.of(TARGET, SAMPLES, MAGNITUDE_EPSILON, CommonOptions.LEVEL, CommonOptions.SEED),
        Set.of(Need.OTHER_POINTS), "2 x depth (15) x samples losses (300 at the defaults)", false);
  }

  @Override
  public Finding run(MeasureContext c) {
    PacBayesSharpness.Deviation dev = PacBayesSharpness.Deviation.defaultFor(c.objective().loss());
    PacBayesSharpness.Options j = PacBayesSharpness.Options.jiang(dev, c.get(CommonOptions.SEED));
    PacBayesSharpness.Options o = new PacBayesSharpness.Options(j.upper(), j.depth(), c.get(SAMPLES), j.tolerance(), dev,
        j.seed());
    double target = c.get(TARGET);
    double level = c.get(CommonOptions.LEVEL);
    return Findings.builder()
        .text("deviation", dev.name().toLowerCase(Locale.ROOT))
        .put("sigma", search(PacBayesSharpness.sigma(c.objective(), c.theta(), target, o), "FLAT-PACBAYES-SIGMA", o, level))
        .put("magnitude_sigma", search(PacBayesSharpness.magnitudeSigma(c.objective(), c.theta(), target,
            c.get(MAGNITUDE_EPSILON), o), "FLAT-PACBAYES-MAG", o, level))
        .text("note", "sigma is a standard deviation (variance sigma^2; magnitude-aware variance sigma^2 theta_i^2 + eps^2)")
        .build();
  }

  private static Findings search(PacBayesSharpness.SigmaSearch s, String spec, PacBayesSharpness.Options o, double level) {
    Estimate dev = Estimate.ofMean(s.deviation(), s.standardError(), o.samples(), level);
    return Findings.builder()
        .put("value", Reported.exact(s.sigma(), spec, "the sigma returned by the bisection with the seeded common random"
            + " draws (a deterministic function of the seed)"))
        .put("deviation_at_sigma", dev.reported(spec, "mean deviation over the draws at sigma"))
        .setting("target", s.target())
        .flag("target_reached", s.reached())
        .count("bisection_steps", s.steps().size())
        .build();
  }
}
