package dev.basin.claims;

import dev.basin.data.RealData;
import dev.basin.dynamics.stagnation.BinomialInterval;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.report.Plot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/** CLAIM-WU-RANDOM-INIT (spec/claims.md): random initializations reach good minima. */
final class WuRandomInitClaim implements Claim {

  static final String ID = "CLAIM-WU-RANDOM-INIT";
  /** A run is "good" when its test accuracy is within this of the best run's. */
  static final double WITHIN = 0.05;

  @Override
  public ClaimInfo info() {
    return new ClaimInfo(ID, "Wu, Zhu, E (2017), abstract claim (a)",
        "The basins of attraction of good minima dominate those of bad minima, so optimizers started from random "
            + "initializations converge to good minima.",
        "R random initializations (DATA-RANDOM-NET, scale 1) trained on the clean training set as in CLAIM-WU-ATTACK (full-batch GD "
            + "with momentum to cross-entropy < 0.01); the fraction of runs whose test accuracy is within " + WITHIN
            + " of the best run's, with its Clopper–Pearson 95 % interval",
        "the interval's lower end exceeds 0.5",
        "verified (qualitative; Wu et al.'s abstract)", 2.0);
  }

  @Override
  public ClaimResult run(ClaimContext ctx) {
    RealData.Split split = Tasks.classification(ctx, ID, WuAttackClaim.CLASSES);
    Dataset train = split.train();
    Tasks.Head head = Tasks.Head.of(split);
    int kOut = head.outputs();
    Loss loss = head.loss();
    int runs = ctx.size(8, 20);
    int h = ctx.size(32, 64);
    double[] acc = new double[runs];
    double[] idx = new double[runs];
    double best = 0.0;
    String recipe = "";
    for (int r = 0; r < runs; r++) {
      Training.Trained t = Training.train(Training.student(train.inputs(), h, kOut, Activation.of(Activation.RELU),
          ctx.seed(ID, "init", r)), loss, train, new Training.Recipe(0.1, 0.9, 0, ctx.size(3000, 10000), 0.01, Double.NaN, false),
          ctx.seed(ID, "train", r));
      acc[r] = Training.fit(t.net(), split.test());
      idx[r] = r + 1;
      best = Math.max(best, acc[r]);
      recipe = t.recipe();
    }
    int good = 0;
    for (double a : acc) {
      good += a >= best - WITHIN ? 1 : 0;
    }
    BinomialInterval ci = BinomialInterval.clopperPearson(good, runs, 0.95);
    Measurement frac = Measurement.estimate("fraction of runs within " + WITHIN + " of the best test accuracy", ci.estimate(),
        ci.lower(), ci.upper(), "DYN-FIT");
    List<Measurement> m = new ArrayList<>();
    m.add(frac);
    m.add(Measurement.exact("best test accuracy", best, "DYN-FIT"));
    for (int r = 0; r < runs; r++) {
      m.add(Measurement.exact("test accuracy, run " + (r + 1), acc[r], "DYN-FIT"));
    }
    Decision d = Criteria.above(frac, 0.5);
    double[] band = new double[runs];
    java.util.Arrays.fill(band, best - WITHIN);
    Plot p = Plot.of("inits", "Test accuracy of minima reached from random initializations", "run", "test accuracy")
        .with(Plot.Series.of("test accuracy", idx, acc, Plot.Style.SCATTER))
        .with(Plot.Series.of("best - " + WITHIN, idx, band, Plot.Style.REFERENCE));
    List<String> notes = List.of(split.description() + ".",
        String.format(Locale.ROOT, "Student d-%d-%d relu with biases; last run: %s.", h, kOut, recipe));
    return new ClaimResult(info(), d.verdict(), d.reason(), m, List.of(p), notes, new LinkedHashMap<>(), null);
  }
}
