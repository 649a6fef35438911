package dev.basin.claims;

import dev.basin.bounds.Arithmetic;
import dev.basin.bounds.BoundInputs;
import dev.basin.bounds.BoundResult;
import dev.basin.bounds.Catalogue;
import dev.basin.bounds.Plain;
import dev.basin.model.Dataset;
import dev.basin.model.TwoLayerNet;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The bound catalogue (spec/bounds.md) evaluated for claims: δ = 0.05, margin = 10th percentile (Jiang et al.). */
final class Bounds {

  /** Confidence parameter of every bound in the claims. */
  static final double DELTA = 0.05;
  /** Margin quantile (Jiang et al.'s convention, BOUND-MARGIN-QUANTILE). */
  static final double MARGIN_QUANTILE = 0.1;

  private Bounds() {}

  /** Every catalogue entry in float64 at a net; init is the reference / prior centre (or null for 0). */
  static List<BoundResult<Plain>> at(TwoLayerNet net, Dataset data, @Nullable TwoLayerNet init, @Nullable Double posteriorStd,
      int mcSamples, @Nullable Double radius, long seed) {
    BoundInputs in = new BoundInputs(net, data, init, DELTA, BoundInputs.MarginChoice.quantile(MARGIN_QUANTILE), null, null,
        posteriorStd, mcSamples, BoundInputs.DEFAULT_MC_DELTA, seed, radius, null);
    return Catalogue.evaluate(Arithmetic.PLAIN, in);
  }

  /** The entry with this ID in a result list. */
  static BoundResult<Plain> find(List<BoundResult<Plain>> results, String id) {
    for (BoundResult<Plain> r : results) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    throw new IllegalStateException("no catalogue entry " + id);
  }

  /**
   * An applicable entry's value as a reported number: the catalogue formula evaluated in binary64,
   * so exact up to rounding as a number; what the number says about the risk is in the method.
   */
  static Measurement measurement(BoundResult<Plain> r, String name) {
    String what = switch (r.kind()) {
      case RISK_BOUND -> "an upper bound on the 0-1 risk with probability >= 1 - delta";
      case STOCHASTIC_RISK_BOUND -> "an upper bound on the stochastic net's 0-1 risk with the stated confidence";
      case HEURISTIC -> "a heuristic size, not a bound";
      case MEASURE -> "a complexity measure";
    };
    return Measurement.exact(name, value(r), r.id(), "catalogue formula in binary64: " + what);
  }

  /** The value of an applicable entry, else NaN. */
  static double value(BoundResult<Plain> r) {
    Plain v = r.value();
    return v == null ? Double.NaN : v.v();
  }
}
