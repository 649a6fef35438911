package dev.basin.claims;

import dev.basin.bounds.BoundResult;
import dev.basin.bounds.Plain;
import dev.basin.data.RealData;
import dev.basin.data.Synthetic;
import dev.basin.dynamics.stagnation.BinomialInterval;
import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.model.TwoLayerNet;
import dev.basin.report.Plot;
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
    return new ClaimInfo(ID, "Zhang, Bengio, Hardt, Recht, Vinyals (ICLR 2017), cited by Wu et al. and Lee & Lee",
        "Over-parameterized networks fit random labels perfectly, so capacity-based generalization bounds must be vacuous for "
            + "them; a meaningful bound is (where it can be) smaller on true labels.",
        "a relu student (no output bias) trained to 100 % training accuracy on the true labels and, from the same "
            + "initialization, on uniformly random labels; training and test accuracy; every catalogued bound of "
            + "spec/bounds.md at δ = " + Bounds.DELTA + ", margin = 10th percentile of the training margins",
        "random labels reach 100 % training accuracy with test accuracy (Clopper–Pearson 95 %) whose upper end is below the "
            + "best constant predictor's accuracy + " + CHANCE_SLACK + "; every applicable bound on the 0-1 risk is vacuous "
            + "(≥ 1) for the random-label net; no bound is larger on true labels than on random labels",
        "reconstructed from memory (papers.md §7 E11; qualitative)", 3.0);
  }

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
    BinomialInterval testRandom = BinomialInterval.clopperPearson(correct, test.size(), 0.95);
    double chance = majorityFraction(test);
    List<BoundResult<Plain>> bTrue = Bounds.at(onTrue.net(), trueTrain, init, null, 1, null, ctx.seed(ID, "bounds", 0));
    List<BoundResult<Plain>> bRandom = Bounds.at(onRandom.net(), randomTrain, init, null, 1, null, ctx.seed(ID, "bounds", 1));
    List<Measurement> m = new ArrayList<>();
    m.add(Measurement.exact("training accuracy, true labels", onTrue.trainFit(), "DYN-FIT"));
    m.add(Measurement.exact("training accuracy, random labels", onRandom.trainFit(), "DYN-FIT"));
    m.add(Measurement.exact("test accuracy, true-label net", testTrue, "DYN-FIT"));
    m.add(Measurement.estimate("test accuracy, random-label net (95% CI)", testRandom.estimate(), testRandom.lower(),
        testRandom.upper(), "DYN-FIT"));
    m.add(Measurement.exact("best constant predictor's test accuracy", chance, "DYN-FIT"));
    List<Double> xs = new ArrayList<>();
    List<Double> vt = new ArrayList<>();
    List<Double> vr = new ArrayList<>();
    for (BoundResult<Plain> r : bRandom) {
      if (!r.kind().boundsZeroOneRisk() || !r.applicable()) {
        continue;
      }
      BoundResult<Plain> t = Bounds.find(bTrue, r.id());
      m.add(Measurement.exact(r.id() + ", random labels", Bounds.value(r), r.id()));
      if (t.applicable()) {
        m.add(Measurement.exact(r.id() + ", true labels", Bounds.value(t), r.id()));
        xs.add((double) xs.size() + 1);
        vt.add(Bounds.value(t));
        vr.add(Bounds.value(r));
      }
    }
    Decision d = Decision.all(
        Criteria.holds(onRandom.trainFit() == 1.0, String.format(Locale.ROOT, "random labels fitted: training accuracy %.4f",
            onRandom.trainFit())),
        Criteria.below(m.get(3), chance + CHANCE_SLACK),
        bounds(bTrue, bRandom));
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
        "Chance = the accuracy of always predicting the most frequent test class.");
    return new ClaimResult(info(), d.verdict(), d.reason(), m, List.of(p), notes, art, null);
  }

  /**
   * The bound parts of the criterion: every applicable risk bound vacuous for the random-label net,
   * and none larger for the true-label net.
   */
  static Decision bounds(List<BoundResult<Plain>> onTrue, List<BoundResult<Plain>> onRandom) {
    int applicable = 0;
    int vacuous = 0;
    int smaller = 0;
    List<String> larger = new ArrayList<>();
    for (BoundResult<Plain> r : onRandom) {
      if (!r.kind().boundsZeroOneRisk() || !r.applicable()) {
        continue;
      }
      applicable++;
      vacuous += r.vacuity() == BoundResult.Vacuity.YES ? 1 : 0;
      BoundResult<Plain> t = Bounds.find(onTrue, r.id());
      if (t.applicable()) {
        if (Bounds.value(t) > Bounds.value(r)) {
          larger.add(r.id());
        } else if (Bounds.value(t) < Bounds.value(r)) {
          smaller++;
        }
      }
    }
    return Decision.all(
        Criteria.holds(applicable > 0 && vacuous == applicable, String.format(Locale.ROOT,
            "%d of %d applicable risk bounds vacuous on random labels", vacuous, applicable)),
        Criteria.holds(larger.isEmpty(), String.format(Locale.ROOT, "no bound larger on true labels (%d smaller, %d larger%s)",
            smaller, larger.size(), larger.isEmpty() ? "" : ": " + String.join(", ", larger))));
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
