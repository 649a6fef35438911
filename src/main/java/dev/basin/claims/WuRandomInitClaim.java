package dev.basin.claims;

import dev.basin.base.Plot;
import dev.basin.data.RealData;
import dev.basin.dynamics.stagnation.BinomialInterval;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.measure.BasinVolume;
import dev.basin.measure.Estimate;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CLAIM-WU-RANDOM-INIT (spec/claims.md): random initializations reach good minima, whose basins are
 * larger than those of poor (attack) minima.
 */
final class WuRandomInitClaim implements Claim {

  static final String ID = "CLAIM-WU-RANDOM-INIT";

  @Override
  public ClaimInfo info() {
    return ClaimInfo.of(ID, "Wu, Zhu, E (2017), abstract claim (a)",
        "The basins of attraction of good minima dominate those of bad minima, so optimizers started from random "
            + "initializations converge to good minima.",
        "R random initializations (DATA-RANDOM-NET, scale 1) trained on the clean training set S as in CLAIM-WU-ATTACK "
            + "(full-batch GD with momentum to cross-entropy < 0.01) and their test accuracy; from the first M of them, attack "
            + "minima (trained on S ∪ S_att as in CLAIM-WU-ATTACK) and their test accuracy; for each such pair the paired log "
            + "volume ratio of the ε-sublevel basins (FLAT-VOLUME-RATIO, ε = " + WuAttackClaim.EPSILON + ")",
        "reconstructed (Wu et al.'s abstract states the claim qualitatively [V]; good vs poor minima and the volume "
            + "comparison are basin's operationalization, papers.md §1.4–1.5)", 2.5);
  }

  /**
   * What the criterion is applied to (arrays not modified).
   *
   * @param cleanAccuracy test accuracy of each run's clean minimum
   * @param attackAccuracy test accuracy of each attack minimum
   * @param attackFitOnS training accuracy on S of each attack minimum
   * @param logVolumeRatios per pair, the FLAT-VOLUME-RATIO estimate log(vol clean / vol attack)
   */
  record Evidence(double[] cleanAccuracy, double[] attackAccuracy, double[] attackFitOnS, List<Estimate> logVolumeRatios) {

    /** The fraction of runs judged good, with its Clopper–Pearson interval, under a version's rule. */
    Measurement goodFraction(CriterionVersion v) {
      double threshold;
      String rule;
      if (v.version() <= 2) {
        double best = Arrays.stream(cleanAccuracy).max().orElse(0.0);
        threshold = best - v.number("within");
        rule = String.format(Locale.ROOT, "within %s of the best run's test accuracy (%.4g)", v.constants().get("within"), best);
      } else {
        threshold = Arrays.stream(attackAccuracy).max().orElse(1.0);
        rule = String.format(Locale.ROOT, "above the best attack minimum's test accuracy (%.4g)", threshold);
      }
      int good = 0;
      for (double a : cleanAccuracy) {
        good += (v.version() <= 2 ? a >= threshold : a > threshold) ? 1 : 0;
      }
      BinomialInterval ci = BinomialInterval.clopperPearson(good, cleanAccuracy.length, v.number("level"));
      return Measurement.estimate("fraction of runs " + rule, ci.estimate(), ci.lower(), ci.upper(), cleanAccuracy.length,
          "Clopper-Pearson, exact", "CLAIM-WU-RANDOM-INIT", good + " of " + cleanAccuracy.length + " runs");
    }
  }

  @Override
  public ClaimResult run(ClaimContext ctx) {
    RealData.Split split = Tasks.classification(ctx, ID, WuAttackClaim.CLASSES);
    Tasks.Head head = Tasks.Head.of(split);
    Dataset[] sets = WuAttackClaim.cleanAndAttack(ctx, ID, split, head.classes());
    Dataset train = sets[0];
    Dataset attack = sets[1];
    int kOut = head.outputs();
    Loss loss = head.loss();
    int runs = ctx.size(8, 20);
    int pairs = ctx.size(3, 5);
    int h = ctx.size(32, 64);
    Dataset union = WuAttackClaim.concat(train, attack);
    Training.Recipe recipe = new Training.Recipe(0.1, 0.9, 0, ctx.size(3000, 10000), 0.01, Double.NaN, false);
    double[] acc = new double[runs];
    double[] attackAcc = new double[pairs];
    double[] attackFit = new double[pairs];
    double[] idx = new double[runs];
    List<Estimate> ratios = new ArrayList<>();
    List<Measurement> m = new ArrayList<>();
    String recipeClean = "";
    String recipeAttack = "";
    for (int r = 0; r < runs; r++) {
      ctx.progress().detail(ID + " run " + (r + 1) + "/" + runs);
      TwoLayerNet init = Training.student(train.inputs(), h, kOut, Activation.of(Activation.RELU), ctx.seed(ID, "init", r));
      Training.Trained t = Training.train(init, loss, train, recipe, ctx.seed(ID, "train", r));
      acc[r] = Training.fit(t.net(), split.test());
      idx[r] = r + 1;
      recipeClean = t.recipe();
      m.add(Measurement.exact("test accuracy, clean minimum, run " + (r + 1), acc[r], "DYN-FIT", "fraction of test rows correct"));
      if (r < pairs) {
        Training.Trained bad = Training.train(init, loss, union, recipe, ctx.seed(ID, "attack-train", r));
        attackAcc[r] = Training.fit(bad.net(), split.test());
        attackFit[r] = Training.fit(bad.net(), train);
        recipeAttack = bad.recipe();
        BasinVolume.Options vo = new BasinVolume.Options(ctx.size(30, 100), 1e-3, 1e3, Measurement.LEVEL, ctx.seed(ID, "radius", r));
        BasinVolume.VolumeEstimate vc = BasinVolume.sublevel(Objective.of(t.net(), loss, train), t.theta(), WuAttackClaim.EPSILON, vo);
        BasinVolume.VolumeEstimate vb = BasinVolume.sublevel(Objective.of(bad.net(), loss, train), bad.theta(),
            WuAttackClaim.EPSILON, vo);
        Estimate ratio = BasinVolume.pairedLogRatio(vc, vb, Measurement.LEVEL);
        ratios.add(ratio);
        m.add(Measurement.exact("test accuracy, attack minimum, run " + (r + 1), attackAcc[r], "DYN-FIT", "fraction of test rows correct"));
        m.add(Measurement.exact("training accuracy on S, attack minimum, run " + (r + 1), attackFit[r], "DYN-FIT",
            "fraction of S correct"));
        m.add(Measurement.estimate("log volume ratio clean / attack (paired radial form), run " + (r + 1), ratio.value(),
            ratio.low(), ratio.high(), ratio.samples(), "Student-t (FLAT-CI)", "FLAT-VOLUME-RATIO",
            "D * mean over shared directions of log r_clean - log r_attack, clean loss L_S"));
      }
    }
    Evidence e = new Evidence(acc, attackAcc, attackFit, ratios);
    m.add(0, e.goodFraction(info().criteria().get(0)));
    m.add(1, e.goodFraction(info().current()));
    double[] band = new double[runs];
    Arrays.fill(band, Arrays.stream(attackAcc).max().orElse(0.0));
    Plot p = Plot.of("inits", "Test accuracy of minima reached from random initializations", "run", "test accuracy")
        .with(Plot.Series.of("clean minima (random initializations)", idx, acc, Plot.Style.SCATTER))
        .with(Plot.Series.of("attack minima", Arrays.copyOf(idx, pairs), attackAcc, Plot.Style.SCATTER))
        .with(Plot.Series.of("best attack minimum (poor-minimum threshold)", idx, band, Plot.Style.REFERENCE));
    List<String> notes = List.of(split.description() + ".",
        String.format(Locale.ROOT, "Student d-%d-%d relu with biases; clean runs: %s; attack runs (first %d initializations, "
            + "S plus %d %s with uniformly random labels): %s.", h, kOut, recipeClean, pairs, attack.size(),
            ctx.data().isSynthetic() ? "fresh inputs" : "held-back training inputs", recipeAttack),
        "Versions 1 and 2 count a run as good when its test accuracy is within 0.05 of the best run's; version 3 when it is "
            + "above every attack minimum's (a poor minimum in the sense of CLAIM-WU-ATTACK).",
        "Volume ratio: the same " + ctx.size(30, 100) + " seeded directions at both minima of a pair (FLAT-VOLUME-RATIO).");
    return ClaimResult.judged(info(), v -> decide(v, e), m, List.of(p), notes, Map.of());
  }

  /** The criterion: v1, v2 the fraction within 0.05 of the best run; v3 good vs poor minima and the volume ratios. */
  static Decision decide(CriterionVersion v, Evidence e) {
    Decision fraction = Criteria.above(e.goodFraction(v), v.number("lower_end_above"));
    if (v.version() <= 2) {
      return fraction;
    }
    boolean fits = Arrays.stream(e.attackFitOnS()).allMatch(f -> f == 1.0);
    int above = 0;
    int below = 0;
    for (Estimate r : e.logVolumeRatios()) {
      above += r.low() > 0.0 ? 1 : 0;
      below += r.high() < 0.0 ? 1 : 0;
    }
    int n = e.logVolumeRatios().size();
    String vol = String.format(Locale.ROOT, "log volume ratio clean/attack above 0 in %d of %d pairs, below 0 in %d", above, n,
        below);
    Decision volume = below > 0 ? new Decision(Verdict.NOT_REPRODUCED, vol)
        : n > 0 && above == n ? new Decision(Verdict.REPRODUCED, vol) : new Decision(Verdict.INCONCLUSIVE, vol);
    return Decision.all(Criteria.presupposes(fits, "every attack minimum fits S"), fraction, volume);
  }
}
