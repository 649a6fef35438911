package dev.basin.measure;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.Memory;
import java.util.List;
import java.util.Set;

/**
 * The stochastic trace estimates (spec FLAT-HUTCHINSON, FLAT-HUTCHPP) with their intervals, for
 * comparison with the exact trace (FLAT-TRACE) and with tools that only estimate it.
 */
public final class Hutchinson extends Registered {

  /** Hutch++ needs at least 9 products: 3 sketch, 3 for the sketch's trace, 3 probes. */
  static final int HUTCHPP_MIN = 9;

  /** The measure. */
  public static final Hutchinson INSTANCE = new Hutchinson();

  private Hutchinson() {
    super("hutchinson", "Hutchinson and Hutch++ trace estimates", "FLAT-HUTCHINSON, FLAT-HUTCHPP",
        List.of(CommonOptions.SAMPLES, CommonOptions.LEVEL, CommonOptions.SEED), Set.of(Need.FORWARD_PASS, Need.HVP),
        "samples + max(9, samples) HVPs (60 at the defaults)", false);
  }

  @Override
  public Finding run(MeasureContext c) {
    int m = c.get(CommonOptions.SAMPLES);
    long seed = c.get(CommonOptions.SEED);
    double level = c.get(CommonOptions.LEVEL);
    // Hutch++ keeps its sketch AS and the orthonormal Q (matvecs / 3 vectors each); checked before any product
    int n = c.operator().dim();
    long sketch = Math.max(HUTCHPP_MIN, m) / 3;
    Memory.require(CommonOptions.SAMPLES.name(), Memory.doubles(2 * sketch, n), "the Hutch++ sketch (2 x " + sketch
        + " vectors of N = " + n + ")", "lower " + CommonOptions.SAMPLES.name());
    return Findings.builder()
        .put("hutchinson", TraceEstimator.hutchinson(c.operator(), m, seed, level).reported("FLAT-HUTCHINSON",
            "Rademacher probes"))
        .put("hutch_plus_plus", TraceEstimator.hutchPlusPlus(c.operator(), Math.max(HUTCHPP_MIN, m), seed, level)
            .reported("FLAT-HUTCHPP", "Hutch++; the interval is conditional on the sketch"))
        .build();
  }

}
