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

  /** The value of an applicable entry, else NaN. */
  static double value(BoundResult<Plain> r) {
    Plain v = r.value();
    return v == null ? Double.NaN : v.v();
  }
}
