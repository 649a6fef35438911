package dev.basin.measure;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.Reported;
import java.util.List;
import java.util.Set;

/**
 * Worst-case ε-sharpness in Keskar et al.'s box and in Dinh et al.'s l2 ball (spec
 * FLAT-SHARP-KESKAR, FLAT-SHARP-BALL): certified lower bounds on the maxima from projected
 * gradient ascent (FLAT-SHARP-ASCENT), each with the second-order estimate (FLAT-SHARP-QUAD).
 */
public final class SharpnessMeasure extends Registered {

  /** Default Keskar box ε (Keskar et al. use 10⁻³ and 5·10⁻⁴). */
  public static final double DEFAULT_KESKAR_EPSILON = 1e-3;
  /** Default l2-ball radius. */
  public static final double DEFAULT_BALL_EPSILON = 0.1;
  /** Default ascent restarts. */
  public static final int DEFAULT_RESTARTS = 3;
  /** Default gradient steps per restart. */
  public static final int DEFAULT_STEPS = 50;

  /** --keskar-epsilon. */
  public static final MeasureOption<Double> KESKAR_EPSILON = MeasureOption.positive("--keskar-epsilon",
      DEFAULT_KESKAR_EPSILON, "EPS", "Keskar box epsilon: half-widths eps (|theta_i| + 1).");
  /** --ball-epsilon. */
  public static final MeasureOption<Double> BALL_EPSILON = MeasureOption.positive("--ball-epsilon", DEFAULT_BALL_EPSILON,
      "EPS", "l2-ball radius of Dinh et al.'s epsilon-sharpness.");
  /** --restarts. */
  public static final MeasureOption<Integer> RESTARTS = MeasureOption.atLeast("--restarts", DEFAULT_RESTARTS, 1, "R",
      "Seeded ascent restarts of every sharpness measure.");
  /** --ascent-steps. */
  public static final MeasureOption<Integer> STEPS = MeasureOption.atLeast("--ascent-steps", DEFAULT_STEPS, 1, "T",
      "Gradient steps per restart.");

  /** The measure. */
  public static final SharpnessMeasure INSTANCE = new SharpnessMeasure();

  private SharpnessMeasure() {
    super("sharpness", "Keskar box and l2-ball epsilon-sharpness (certified lower bounds)",
        "FLAT-SHARP-KESKAR, FLAT-SHARP-BALL, FLAT-SHARP-ASCENT, FLAT-SHARP-QUAD",
        List.of(KESKAR_EPSILON, BALL_EPSILON, RESTARTS, STEPS, CommonOptions.SEED),
        Set.of(Need.FORWARD_PASS, Need.OTHER_POINTS, Need.HVP),
        "2 x restarts x (steps + 1) gradients + 2 Lanczos runs (about 300 passes + 40 HVPs at the defaults)", false);
  }

  @Override
  public Finding run(MeasureContext c) {
    Sharpness.Options o = options(c);
    return Findings.builder()
        .put("keskar", result(Sharpness.keskar(c.objective(), c.theta(), c.get(KESKAR_EPSILON), o)))
        .put("ball", result(Sharpness.ball(c.objective(), c.theta(), c.get(BALL_EPSILON), o)))
        .build();
  }

  /** The ascent options of a run (second-order estimate on). */
  static Sharpness.Options options(MeasureContext c) {
    return new Sharpness.Options(c.get(RESTARTS), c.get(STEPS), c.get(CommonOptions.SEED), true);
  }

  /** A sharpness result: the certified lower bound, the second-order estimate and the ascent's record. */
  static Findings result(Sharpness.Result r) {
    Findings.Builder b = Findings.builder()
        .put("value", Reported.lowerBound(r.lowerBound(), r.kind().spec(), "projected gradient ascent, best of the"
            + " restarts; the witness lies in the set and the loss rounding bound is counted against it"
            + " (FLAT-SHARP-ASCENT)"))
        .setting("radius", r.radius())
        .count("dimension", r.dimension())
        .put("base_loss", Reported.exact(r.baseLoss(), "NET-RISK", "loss at theta"))
        .put("max_loss_found", Reported.exact(r.maxLoss(), "NET-RISK", "loss at the ascent's best witness"))
        .put("loss_rounding_bound", Reported.upperBound(r.lossRounding(), "FLAT-LOSS-ERROR",
            "rounding bounds of the two losses (witness and theta)"))
        .count("evaluations", r.evaluations());
    if (!Double.isNaN(r.secondOrder())) {
      b.put("second_order", Reported.exact(r.secondOrder(), "FLAT-SHARP-QUAD", "the quadratic model's value: exact"
          + " for the model, an estimate of the sharpness itself"));
    }
    return b.build();
  }
}
