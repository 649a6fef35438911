package dev.basin.claims;

import dev.basin.bounds.BoundResult;
import dev.basin.bounds.Kind;
import dev.basin.bounds.Plain;
import dev.basin.data.RealData;
import dev.basin.data.Synthetic;
import dev.basin.dynamics.stagnation.BinomialInterval;
import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.model.TwoLayerNet;
import dev.basin.base.Plot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CLAIM-ZHANG-RANDOM (spec/claims.md): a 2-layer net fits random labels; the catalogued bounds are
 * vacuous there and no larger on true labels.
 */
final class ZhangRandomClaim implements Claim {

  static final String ID = "CLAIM-ZHANG-RANDOM";
  /** Test accuracy above the best constant predictor by less than this counts as chance. */
  static final double CHANCE_SLACK = 0.1;

  @Override
  public ClaimInfo info() {
    return ClaimInfo.of(ID, "Zhang, Bengio, Hardt, Recht, Vinyals (ICLR 2017), cited by Wu et al. and Lee & Lee",
        "Over-parameterized networks fit random labels perfectly, so capacity-based generalization bounds must be vacuous for "
            + "them; a meaningful bound is (where it can be) smaller on true labels.",
        "a relu student (no output bias) trained to 100 % training accuracy on the true labels and, from the same "
            + "initialization, on uniformly random labels; training and test accuracy; every catalogued bound of "
            + "spec/bounds.md at δ = " + Bounds.DELTA + ", margin = 10th percentile of the training margins",
        "reconstructed from memory (papers.md §7 E11; qualitative)", 3.0);
  }

  /**
   * One catalogue entry on both nets.
   *
   * @param id its spec ID
   * @param kind what its number is
   * @param onRandom its value for the random-label net
   * @param onTrue its value for the true-label net, or NaN where it does not apply
   */
  record BoundPair(String id, Kind kind, double onRandom, double onTrue) {}

  /**
   * What the criterion is applied to.
   *
   * @param trainOnRandom training accuracy of the random-label net
   * @param testOnRandom its test accuracy with a Clopper–Pearson interval
   * @param chance the best constant predictor's test accuracy
   * @param bounds every entry applicable to the random-label net whose number can be compared with 1
   */
  record Evidence(double trainOnRandom, Measurement testOnRandom, double chance, List<BoundPair> bounds) {}

  @Override
  public ClaimResult run(ClaimContext ctx) {
    RealData.Split split = Tasks.classification(ctx, ID, 4);
    Dataset trueTrain = split.train();
    Tasks.Head head = Tasks.Head.of(split);
    int k = head.classes();
    Dataset randomTrain = Dataset.withLabels(trueTrain.size(), trueTrain.inputs(), trueTrain.x(),
        Synthetic.randomLabels(trueTrain.size(), k, ctx.rng(ID, "labels")));
    int h = ctx.size(64, 256);
    int kOut = head.outputs();
    Loss loss = head.loss();
    TwoLayerNet init = Training.boundStudent(trueTrain.inputs(), h, kOut, ctx.seed(ID, "init", 0));
    Training.Recipe recipe = new Training.Recipe(0.1, 0.9, 0, ctx.size(4000, 15000), Double.NaN, Double.NaN, true);
    Training.Trained onTrue = Training.train(init, loss, trueTrain, recipe, ctx.seed(ID, "true", 0));
    Training.Trained onRandom = Training.train(init, loss, randomTrain, recipe, ctx.seed(ID, "random", 0));
    Dataset test = split.test();
    double testTrue = Training.fit(onTrue.net(), test);
    int correct = (int) Math.round(Training.fit(onRandom.net(), test) * test.size());
    BinomialInterval testRandom = BinomialInterval.clopperPearson(correct, test.size(), Measurement.LEVEL);
    double chance = majorityFraction(test);
    List<BoundResult<Plain>> bTrue = Bounds.at(onTrue.net(), trueTrain, init, null, 1, null, ctx.seed(ID, "bounds", 0));
    List<BoundResult<Plain>> bRandom = Bounds.at(onRandom.net(), randomTrain, init, null, 1, null, ctx.seed(ID, "bounds", 1));
    List<Measurement> m = new ArrayList<>();
    m.add(Measurement.exact("training accuracy, true labels", onTrue.trainFit(), "DYN-FIT", "fraction of training rows correct"));
    m.add(Measurement.exact("training accuracy, random labels", onRandom.trainFit(), "DYN-FIT", "fraction of training rows correct"));
    m.add(Measurement.exact("test accuracy, true-label net", testTrue, "DYN-FIT", "fraction of test rows correct"));
    Measurement testRandomM = Measurement.estimate("test accuracy, random-label net", testRandom.estimate(), testRandom.lower(),
        testRandom.upper(), test.size(), "Clopper-Pearson, exact", "DYN-FIT", correct + " of " + test.size() + " test rows correct");
    m.add(testRandomM);
    m.add(Measurement.exact("best constant predictor's test accuracy", chance, "DYN-FIT", "share of the most frequent test class"));
    List<BoundPair> pairs = new ArrayList<>();
    List<Double> xs = new ArrayList<>();
    List<Double> vt = new ArrayList<>();
    List<Double> vr = new ArrayList<>();
    for (BoundResult<Plain> r : bRandom) {
      if (!r.kind().boundsZeroOneRisk() || !r.applicable()) {
        continue;
      }
      BoundResult<Plain> t = Bounds.find(bTrue, r.id());
      double onT = t.applicable() ? Bounds.value(t) : Double.NaN;
      pairs.add(new BoundPair(r.id(), r.kind(), Bounds.value(r), onT));
      m.add(Bounds.measurement(r, r.id() + ", random labels"));
      if (t.applicable()) {
        m.add(Bounds.measurement(t, r.id() + ", true labels"));
        xs.add((double) xs.size() + 1);
        vt.add(onT);
        vr.add(Bounds.value(r));
      }
    }
    Evidence e = new Evidence(onRandom.trainFit(), testRandomM, chance, pairs);
    Plot p = Plot.of("bounds", "Every applicable bound: true labels vs random labels (1 = vacuous)", "bound (catalogue order)",
            "bound value").log(false, true)
        .with(Plot.Series.of("true labels", WuInputGradClaim.arr(xs), WuInputGradClaim.arr(vt), Plot.Style.SCATTER))
        .with(Plot.Series.of("random labels", WuInputGradClaim.arr(xs), WuInputGradClaim.arr(vr), Plot.Style.SCATTER))
        .with(Plot.Series.of("vacuity threshold", new double[] {1, Math.max(2, xs.size())}, new double[] {1, 1},
            Plot.Style.REFERENCE));
    Map<String, String> art = new LinkedHashMap<>();
    art.put("true-label net", ctx.saveNet(ID, "true-labels", onTrue.net()));
    art.put("random-label net", ctx.saveNet(ID, "random-labels", onRandom.net()));
    art.put("initialization", ctx.saveNet(ID, "init", init));
    List<String> notes = List.of(split.description() + ".",
        String.format(Locale.ROOT, "Student %d-%d-%d relu without output bias, %s; true labels: %s; random labels: %s.",
            trueTrain.inputs(), h, kOut, head.lossName(), onTrue.recipe(), onRandom.recipe()),
        "Bounds: reference matrices / prior centre = the common initialization; the random-label net is evaluated on its own "
            + "(random) training labels; Dziugaite-Roy is not evaluated here (see CLAIM-DR-PACBAYES).",
        "Chance = the accuracy of always predicting the most frequent test class.",
        "Versions 1 and 2 compare every entry that can be compared with 1, the heuristic sqrt(N/m) included; version 3 only the "
            + "risk bounds, and the true-vs-random comparison only for those whose complexity term depends on the trained "
            + "weights.");
    return ClaimResult.judged(info(), v -> decide(v, e), m, List.of(p), notes, art);
  }

  /** The criterion of each version (spec/claims.md CLAIM-ZHANG-RANDOM). */
  static Decision decide(CriterionVersion v, Evidence e) {
    double vacuousAt = v.number("vacuous_at");
    List<String> labelFree = v.version() >= 3 ? v.list("label_free") : List.of();
    int considered = 0;
    int vacuous = 0;
    int compared = 0;
    List<String> notSmaller = new ArrayList<>();
    for (BoundPair b : e.bounds()) {
      if (v.version() >= 3 && b.kind() == Kind.HEURISTIC) {
        continue;
      }
      considered++;
      vacuous += b.onRandom() >= vacuousAt ? 1 : 0;
      if (Double.isNaN(b.onTrue()) || labelFree.contains(b.id())) {
        continue;
      }
      compared++;
      boolean fails = v.version() == 2 ? b.onTrue() > b.onRandom() : !(b.onTrue() < b.onRandom());
      if (fails) {
        notSmaller.add(b.id());
      }
    }
    String comparison = v.version() == 2 ? "no bound larger on true labels" : "every compared bound smaller on true labels";
    return Decision.all(
        Criteria.holds(e.trainOnRandom() == 1.0, String.format(Locale.ROOT, "random labels fitted: training accuracy %.4f",
            e.trainOnRandom())),
        Criteria.below(e.testOnRandom(), e.chance() + v.number("chance_slack")),
        Criteria.holds(considered > 0 && vacuous == considered, String.format(Locale.ROOT,
            "%d of %d %s vacuous on random labels", vacuous, considered, v.version() >= 3 ? "applicable risk bounds"
                : "applicable entries")),
        Criteria.holds((v.version() == 2 || compared > 0) && notSmaller.isEmpty(), String.format(Locale.ROOT, "%s (%d compared%s)", comparison,
            compared, notSmaller.isEmpty() ? "" : "; not: " + String.join(", ", notSmaller))));
  }

  /** The fraction of the most frequent label. */
  static double majorityFraction(Dataset data) {
    int[] y = data.labels();
    int[] counts = new int[data.targetWidth()];
    int best = 0;
    for (int v : y) {
      best = Math.max(best, ++counts[v]);
    }
    return best / (double) y.length;
  }
}
