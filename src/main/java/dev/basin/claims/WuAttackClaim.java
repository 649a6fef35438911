package dev.basin.claims;

import dev.basin.data.RealData;
import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.measure.BasinVolume;
import dev.basin.measure.LossSlices;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import dev.basin.report.Plot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CLAIM-WU-ATTACK (spec/claims.md): minima reached with attack data (random labels added to the
 * training set) have the same training error on the clean set but are sharper, have smaller
 * basins and generalize worse than clean minima.
 */
final class WuAttackClaim implements Claim {

  static final String ID = "CLAIM-WU-ATTACK";
  /** The ε of the sublevel basin whose radius is compared (FLAT-VOLUME). */
  static final double EPSILON = 0.1;
  static final int CLASSES = 4;

  @Override
  public ClaimInfo info() {
    return new ClaimInfo(ID, "Wu, Zhu, E (2017) §1 and abstract; experiments W1/W2 of papers.md §1.5",
        "Bad minima — same (zero) training error on the clean training set but poor test accuracy — exist and can be found "
            + "by training on the clean set plus attacking data with random labels; they sit in sharper, narrower basins "
            + "with larger Hessian norms than good minima.",
        "R paired runs from the same initialization: a clean minimum (trained on S) and an attack minimum (trained on S ∪ "
            + "S_att, S_att = |S| inputs with uniformly random labels); at both, on the clean loss L_S: exact trace, certified "
            + "λ_max, the mean log exit radius of the ε-sublevel set (ε = " + EPSILON + ", FLAT-VOLUME), and test accuracy",
        "sign test per quantity: the attack minimum has lower test accuracy, larger trace, larger λ_max and a smaller mean log "
            + "radius in all R runs (REPRODUCED); in fewer than half of the runs for any quantity: NOT_REPRODUCED; otherwise "
            + "INCONCLUSIVE",
        "verified (qualitative direction, Wu et al.'s abstract); the paper's numbers are unknown", 4.0);
  }

  /** One run's numbers: index 0 clean, 1 attack. */
  record Run(double[] test, double[] trainOnS, double[] trace, double[] lambda, double[] logRadius, TwoLayerNet[] nets,
      String[] recipes) {}

  @Override
  public ClaimResult run(ClaimContext ctx) {
    RealData.Split split = Tasks.classification(ctx, ID, CLASSES);
    Dataset s;
    Dataset attack;
    Tasks.Head head = Tasks.Head.of(split);
    int k = head.classes();
    if (ctx.data().isSynthetic()) {
      s = split.train();
      Rng ra = ctx.rng(ID, "attack");
      attack = Dataset.withLabels(s.size(), s.inputs(), Synthetic.gaussianInputs(s.size(), s.inputs(), ra),
          Synthetic.randomLabels(s.size(), k, ra));
    } else {
      int half = split.train().size() / 2;
      s = split.train().rows(0, half);
      Dataset rest = split.train().rows(half, split.train().size());
      attack = Dataset.withLabels(rest.size(), rest.inputs(), rest.x(), Synthetic.randomLabels(rest.size(), k, ctx.rng(ID, "attack")));
    }
    Dataset union = concat(s, attack);
    int runs = ctx.size(5, 8);
    int h = ctx.size(32, 64);
    Loss loss = head.loss();
    List<Run> results = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      ctx.progress().detail(ID + " run " + (r + 1) + "/" + runs);
      results.add(one(ctx, r, s, union, split.test(), head.outputs(), h, loss));
    }
    List<Measurement> m = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      Run x = results.get(r);
      for (int w = 0; w < 2; w++) {
        String which = (w == 0 ? "clean" : "attack") + " minimum, run " + (r + 1);
        m.add(Measurement.exact("test accuracy, " + which, x.test[w], "DYN-FIT"));
        m.add(Measurement.exact("training accuracy on S, " + which, x.trainOnS[w], "DYN-FIT"));
        m.add(Measurement.exact("trace of the clean-loss Hessian, " + which, x.trace[w], "FLAT-TRACE"));
        m.add(Measurement.exact("mean log exit radius (eps " + EPSILON + "), " + which, x.logRadius[w], "FLAT-VOLUME"));
      }
    }
    Decision d = decide(results);
    Run first = results.get(0);
    Objective clean = Objective.of(first.nets[0], loss, s);
    double[] dir0 = LossSlices.filterNormalizedDirection(clean.layout(), first.nets[0].parameters(), ctx.rng(ID, "slice"), true);
    double[] dir1 = LossSlices.filterNormalizedDirection(clean.layout(), first.nets[1].parameters(), ctx.rng(ID, "slice"), true);
    double[] grid = LossSlices.grid(-1.0, 1.0, ctx.size(21, 41));
    LossSlices.Line l0 = LossSlices.line(clean, first.nets[0].parameters(), dir0, grid);
    LossSlices.Line l1 = LossSlices.line(clean, first.nets[1].parameters(), dir1, grid);
    Plot slices = Plot.of("slices", "Clean training loss along a filter-normalized random direction (run 1)",
            "step along the direction", "clean loss L_S")
        .with(Plot.Series.of("clean minimum", grid, l0.losses(), Plot.Style.LINE))
        .with(Plot.Series.of("attack minimum", grid, l1.losses(), Plot.Style.LINE));
    double[] idx = new double[runs];
    double[][] tr = new double[2][runs];
    double[][] te = new double[2][runs];
    for (int r = 0; r < runs; r++) {
      idx[r] = r + 1;
      for (int w = 0; w < 2; w++) {
        tr[w][r] = results.get(r).trace[w];
        te[w][r] = results.get(r).test[w];
      }
    }
    Plot flat = Plot.of("trace-vs-test", "Trace of the clean-loss Hessian and test accuracy per run", "run", "trace").log(false, true)
        .with(Plot.Series.of("clean minima", idx, tr[0], Plot.Style.SCATTER))
        .with(Plot.Series.of("attack minima", idx, tr[1], Plot.Style.SCATTER));
    Plot acc = Plot.of("test-accuracy", "Test accuracy per run", "run", "test accuracy")
        .with(Plot.Series.of("clean minima", idx, te[0], Plot.Style.SCATTER))
        .with(Plot.Series.of("attack minima", idx, te[1], Plot.Style.SCATTER));
    Map<String, String> art = new LinkedHashMap<>();
    art.put("clean minimum (run 1)", ctx.saveNet(ID, "clean-1", first.nets[0]));
    art.put("attack minimum (run 1)", ctx.saveNet(ID, "attack-1", first.nets[1]));
    List<String> notes = List.of(split.description() + ".",
        String.format(Locale.ROOT, "Clean set S: %d rows; attack set: %d %s with uniformly random labels over %d classes.", s.size(),
            attack.size(), ctx.data().isSynthetic() ? "fresh inputs from the same distribution" : "held-back training inputs", k),
        "Student: d-" + h + "-" + head.outputs() + " relu with biases, " + head.lossName() + "; clean run: " + first.recipes[0]
            + "; attack run: " + first.recipes[1] + ".",
        "Curvature and radii are of the clean training loss L_S at each minimum; lambda_max values are certified enclosures "
            + "(relative tolerance " + Curvature.TOLERANCE + ").",
        "Radii: exit radius of {L_S < L_S(theta) + eps} along " + ctx.size(30, 100) + " seeded random unit directions (FLAT-VOLUME).");
    return new ClaimResult(info(), d.verdict(), d.reason(), m, List.of(slices, flat, acc), notes, art, null);
  }

  /** The criterion of spec/claims.md on the runs' numbers (a sign test per quantity). */
  static Decision decide(List<Run> results) {
    int runs = results.size();
    int worseTest = 0;
    int largerTrace = 0;
    int largerLambda = 0;
    int smallerRadius = 0;
    for (Run x : results) {
      worseTest += x.test[1] < x.test[0] ? 1 : 0;
      largerTrace += x.trace[1] > x.trace[0] ? 1 : 0;
      largerLambda += x.lambda[1] > x.lambda[0] ? 1 : 0;
      smallerRadius += x.logRadius[1] < x.logRadius[0] ? 1 : 0;
    }
    return Decision.all(
        Criteria.signTest("attack minimum has lower test accuracy", worseTest, runs),
        Criteria.signTest("attack minimum has a larger trace", largerTrace, runs),
        Criteria.signTest("attack minimum has a larger lambda_max", largerLambda, runs),
        Criteria.signTest("attack minimum has a smaller mean log radius", smallerRadius, runs));
  }

  private static Run one(ClaimContext ctx, int r, Dataset s, Dataset union, Dataset testSet, int k, int h, Loss loss) {
    TwoLayerNet init = Training.student(s.inputs(), h, k, Activation.of(Activation.RELU), ctx.seed(ID, "init", r));
    Training.Recipe recipe = new Training.Recipe(0.1, 0.9, 0, ctx.size(3000, 10000), 0.01, Double.NaN, false);
    Training.Trained clean = Training.train(init, loss, s, recipe, ctx.seed(ID, "clean", r));
    Training.Trained bad = Training.train(init, loss, union, recipe, ctx.seed(ID, "attack-train", r));
    TwoLayerNet[] nets = {clean.net(), bad.net()};
    double[] test = new double[2];
    double[] onS = new double[2];
    double[] trace = new double[2];
    double[] lambda = new double[2];
    double[] radius = new double[2];
    for (int w = 0; w < 2; w++) {
      Objective objS = Objective.of(nets[w], loss, s);
      Curvature c = Curvature.at(objS.at(nets[w]), ctx.seed(ID, "lanczos", 2L * r + w));
      trace[w] = c.trace();
      lambda[w] = c.lambdaMax();
      test[w] = Training.fit(nets[w], testSet);
      onS[w] = Training.fit(nets[w], s);
      BasinVolume.VolumeEstimate v = BasinVolume.sublevel(objS, nets[w].parameters(), EPSILON,
          new BasinVolume.Options(ctx.size(30, 100), 1e-3, 1e3, 0.95, ctx.seed(ID, "radius", r)));
      radius[w] = v.meanLogRadius();
    }
    return new Run(test, onS, trace, lambda, radius, nets, new String[] {clean.recipe(), bad.recipe()});
  }

  /** The rows of a followed by the rows of b (same d, labels). */
  static Dataset concat(Dataset a, Dataset b) {
    double[] x = Arrays.copyOf(a.x(), (a.size() + b.size()) * a.inputs());
    System.arraycopy(b.x(), 0, x, a.size() * a.inputs(), b.size() * b.inputs());
    int[] y = Arrays.copyOf(a.labels(), a.size() + b.size());
    System.arraycopy(b.labels(), 0, y, a.size(), b.size());
    return Dataset.withLabels(a.size() + b.size(), a.inputs(), x, y);
  }
}
