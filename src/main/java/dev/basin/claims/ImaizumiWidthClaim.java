package dev.basin.claims;

import dev.basin.bounds.BoundResult;
import dev.basin.bounds.Plain;
import dev.basin.data.RealData;
import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.model.TwoLayerNet;
import dev.basin.report.Plot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * CLAIM-IMAIZUMI-WIDTH (spec/claims.md; reconstructed): spectral-norm bounds at trained minima do
 * not grow with the parameter count as width grows at fixed data.
 */
final class ImaizumiWidthClaim implements Claim {

  static final String ID = "CLAIM-IMAIZUMI-WIDTH";
  /** The spectral bounds judged (their growth exponent in N must stay below the criterion). */
  static final String[] JUDGED = {"BOUND-BFT-SPECTRAL", "BOUND-STAGNATION-BFT"};
  /** Shown for contrast: √(N/m) grows with exponent ½; NBS has an explicit √h factor. */
  static final String[] SHOWN = {"BOUND-PARAMCOUNT-LEELEE", "BOUND-PACBAYES-NBS"};
  /** Radius of the stagnation ball (BOUND-STAGNATION-BFT). */
  static final double RADIUS = 1.0;

  @Override
  public ClaimInfo info() {
    return new ClaimInfo(ID, "Imaizumi & Schmidt-Hieber (IEEE TIT 2023), abstract",
        "If SGD stagnates near a critical point, a generalization bound follows that involves the spectral norms of the weight "
            + "matrices but not the number of parameters.",
        "relu students (no output bias) of widths h ∈ {16, 64, 256} (quick: {16, 64}) trained on the same data to 100 % "
            + "training accuracy and cross-entropy < 0.05; at each minimum the Bartlett–Foster–Telgarsky bound and basin's "
            + "stagnation-ball version (r = " + RADIUS + "), with √(N/m) and the NBS bound for contrast; the growth exponent "
            + "e = ln(B(h_max)/B(h_min)) / ln(N_max/N_min)",
        "for each judged bound e ≤ 1/4 (half the exponent of √(N/m)) in every seed: REPRODUCED; e ≥ 1/2 in a majority of "
            + "seeds: NOT_REPRODUCED; otherwise INCONCLUSIVE",
        "reconstructed (the paper's bound was not retrieved; BFT and BOUND-STAGNATION-BFT stand in for it, spec/bounds.md)", 3.0);
  }

  @Override
  public ClaimResult run(ClaimContext ctx) {
    RealData.Split split = Tasks.classification(ctx, ID, 4);
    Dataset train = split.train();
    Tasks.Head head = Tasks.Head.of(split);
    int kOut = head.outputs();
    Loss loss = head.loss();
    int[] widths = ctx.quick() ? new int[] {16, 64} : new int[] {16, 64, 256};
    int seeds = ctx.size(1, 3);
    String[] all = {JUDGED[0], JUDGED[1], SHOWN[0], SHOWN[1]};
    double[][][] value = new double[all.length][seeds][widths.length];
    double[] params = new double[widths.length];
    List<Measurement> m = new ArrayList<>();
    List<String> recipes = new ArrayList<>();
    for (int s = 0; s < seeds; s++) {
      for (int w = 0; w < widths.length; w++) {
        TwoLayerNet init = Training.boundStudent(train.inputs(), widths[w], kOut, ctx.seed(ID, "init", 100L * s + w));
        Training.Trained t = Training.train(init, loss, train, new Training.Recipe(0.1, 0.9, 0, ctx.size(4000, 15000), 0.05,
            Double.NaN, false), ctx.seed(ID, "train", 100L * s + w));
        recipes.add("h = " + widths[w] + ", seed " + (s + 1) + ": " + t.recipe() + String.format(Locale.ROOT,
            ", training accuracy %.3f", t.trainFit()));
        params[w] = t.net().numParams();
        List<BoundResult<Plain>> b = Bounds.at(t.net(), train, init, null, 1, RADIUS, ctx.seed(ID, "bounds", s));
        for (int i = 0; i < all.length; i++) {
          value[i][s][w] = Bounds.value(Bounds.find(b, all[i]));
          m.add(Measurement.exact(all[i] + ", h = " + widths[w] + ", seed " + (s + 1), value[i][s][w], all[i]));
        }
      }
    }
    double logN = Math.log(params[widths.length - 1] / params[0]);
    List<Decision> parts = new ArrayList<>();
    for (int i = 0; i < all.length; i++) {
      int below = 0;
      int above = 0;
      for (int s = 0; s < seeds; s++) {
        double e = Math.log(value[i][s][widths.length - 1] / value[i][s][0]) / logN;
        m.add(Measurement.exact("growth exponent in N, " + all[i] + ", seed " + (s + 1), e, all[i]));
        below += e <= 0.25 ? 1 : 0;
        above += e >= 0.5 ? 1 : 0;
      }
      if (i < JUDGED.length) {
        String what = all[i] + " grows at most like N^(1/4)";
        if (below == seeds) {
          parts.add(new Decision(Verdict.REPRODUCED, what + " in every seed"));
        } else if (2 * above > seeds) {
          parts.add(new Decision(Verdict.NOT_REPRODUCED, all[i] + " grows at least like N^(1/2) in " + above + " of " + seeds
              + " seeds"));
        } else {
          parts.add(new Decision(Verdict.INCONCLUSIVE, what + " in " + below + " of " + seeds + " seeds"));
        }
      }
    }
    Decision d = Decision.all(parts.toArray(new Decision[0]));
    Plot p = Plot.of("width", "Bounds at trained minima against the parameter count (seed 1)", "parameters N", "bound")
        .log(true, true);
    for (int i = 0; i < all.length; i++) {
      p = p.with(Plot.Series.of(all[i], params, value[i][0], i < JUDGED.length ? Plot.Style.LINE : Plot.Style.REFERENCE));
    }
    List<String> notes = new ArrayList<>();
    notes.add(split.description() + ".");
    notes.add("Students: d-h-" + kOut + " relu without output bias, " + head.lossName()
        + "; reference matrices = the initialization; delta = " + Bounds.DELTA + ", margin = 10th percentile.");
    notes.addAll(recipes);
    return new ClaimResult(info(), d.verdict(), d.reason(), m, List.of(p), notes, new LinkedHashMap<>(), null);
  }
}
