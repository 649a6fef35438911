package dev.basin.measure;

/** The options several measures share (spec MEASURE-REGISTRY): one declaration and one default each. */
public final class CommonOptions {

  /** Default seed. */
  public static final long DEFAULT_SEED = 0;
  /**
   * Default largest N for the explicit Hessian: its 2000² doubles take 32 MB and its dense
   * eigenvalues about a second, while HVP-based measures above it need no N² memory.
   */
  public static final int DEFAULT_MAX_EXACT = 2000;
  /** Default probes of the stochastic estimates: enough for a Student-t interval whose t-factor is within 4 % of the normal one. */
  public static final int DEFAULT_SAMPLES = 30;

  /** --seed: every random choice (DATA-RNG). */
  public static final MeasureOption<Long> SEED = MeasureOption.seed("--seed", DEFAULT_SEED,
      "Seed of every random choice: Lanczos starts, probes, restarts, directions (spec DATA-RNG).");
  /** --level: confidence level of every interval (FLAT-CI). */
  public static final MeasureOption<Double> LEVEL = MeasureOption.openUnit("--level", Estimate.DEFAULT_LEVEL, "P",
      "Confidence level of every estimate's interval (spec FLAT-CI).");
  /** --max-exact: largest N for the explicit Hessian. */
  public static final MeasureOption<Integer> MAX_EXACT = MeasureOption.atLeast("--max-exact", DEFAULT_MAX_EXACT, 1, "N",
      "Largest N for the explicit Hessian (eigenvalues; exact Frobenius norm and density); above it HVPs only.");
  /** --samples: probes of Hutchinson-type estimates. */
  public static final MeasureOption<Integer> SAMPLES = MeasureOption.atLeast("--samples", DEFAULT_SAMPLES, 2, "M",
      "Probe vectors of the stochastic trace and Frobenius estimates (spec FLAT-HUTCHINSON, FLAT-FROBENIUS).");

  private CommonOptions() {}
}
