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
import dev.basin.base.Plot;
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
    return ClaimInfo.of(ID, "Wu, Zhu, E (2017) §1 and abstract; experiments W1/W2 of papers.md §1.5",
        "Bad minima — same (zero) training error on the clean training set but poor test accuracy — exist and can be found "
            + "by training on the clean set plus attacking data with random labels; they sit in sharper, narrower basins "
            + "with larger Hessian norms than good minima.",
        "R paired runs from the same initialization: a clean minimum (trained on S) and an attack minimum (trained on S ∪ "
            + "S_att, S_att = |S| inputs with uniformly random labels); at both, on the clean loss L_S: exact trace, certified "
            + "λ_max, the mean exit radius and mean log exit radius of the ε-sublevel set over seeded random directions "
            + "(ε = " + EPSILON + ", FLAT-VOLUME; estimates with Student-t intervals), and test accuracy",
        "verified (qualitative direction, Wu et al.'s abstract); the paper's numbers are unknown", 4.0);
  }

  /**
   * One run's numbers, index 0 the clean and 1 the attack minimum (arrays not modified).
   *
   * @param test test accuracy
   * @param trainOnS training accuracy on the clean set S
   * @param trace exact trace of the clean-loss Hessian
   * @param lambdaLow lower end of the certified λ_max enclosure
   * @param lambdaHigh upper end of the certified λ_max enclosure
   * @param meanRadius mean exit radius over the directions
   * @param meanLogRadius mean log exit radius over the directions
   */
  record Run(double[] test, double[] trainOnS, double[] trace, double[] lambdaLow, double[] lambdaHigh, double[] meanRadius,
      double[] meanLogRadius) {
    boolean lowerTest() {
      return test[1] < test[0];
    }

    boolean largerTrace() {
      return trace[1] > trace[0];
    }

    /** The attack minimum's λ_max enclosure lies above the clean one's. */
    boolean largerLambda() {
      return lambdaLow[1] > lambdaHigh[0];
    }
  }

  /** A run's nets and training recipes, for the artifacts and notes. */
  private record Trained(Run run, TwoLayerNet[] nets, String[] recipes, List<Measurement> numbers) {}

  @Override
  public ClaimResult run(ClaimContext ctx) {
    RealData.Split split = Tasks.classification(ctx, ID, CLASSES);
    Tasks.Head head = Tasks.Head.of(split);
    int k = head.classes();
    Dataset[] sets = cleanAndAttack(ctx, ID, split, k);
    Dataset s = sets[0];
    Dataset attack = sets[1];
    Dataset union = concat(s, attack);
    int runs = ctx.size(5, 8);
    int h = ctx.size(32, 64);
    Loss loss = head.loss();
    List<Run> results = new ArrayList<>();
    List<Measurement> m = new ArrayList<>();
    Trained first = null;
    for (int r = 0; r < runs; r++) {
      ctx.progress().detail(ID + " run " + (r + 1) + "/" + runs);
      Trained t = one(ctx, r, s, union, split.test(), head.outputs(), h, loss);
      results.add(t.run());
      m.addAll(t.numbers());
      first = first == null ? t : first;
    }
    if (first == null) {
      throw new IllegalStateException("no runs");
    }
    Objective clean = Objective.of(first.nets()[0], loss, s);
    double[] dir0 = LossSlices.filterNormalizedDirection(clean.layout(), first.nets()[0].parameters(), ctx.rng(ID, "slice"), true);
    double[] dir1 = LossSlices.filterNormalizedDirection(clean.layout(), first.nets()[1].parameters(), ctx.rng(ID, "slice"), true);
    double[] grid = LossSlices.grid(-1.0, 1.0, ctx.size(21, 41));
    LossSlices.Line l0 = LossSlices.line(clean, first.nets()[0].parameters(), dir0, grid);
    LossSlices.Line l1 = LossSlices.line(clean, first.nets()[1].parameters(), dir1, grid);
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
        tr[w][r] = results.get(r).trace()[w];
        te[w][r] = results.get(r).test()[w];
      }
    }
    Plot flat = Plot.of("trace-vs-test", "Trace of the clean-loss Hessian and test accuracy per run", "run", "trace").log(false, true)
        .with(Plot.Series.of("clean minima", idx, tr[0], Plot.Style.SCATTER))
        .with(Plot.Series.of("attack minima", idx, tr[1], Plot.Style.SCATTER));
    Plot acc = Plot.of("test-accuracy", "Test accuracy per run", "run", "test accuracy")
        .with(Plot.Series.of("clean minima", idx, te[0], Plot.Style.SCATTER))
        .with(Plot.Series.of("attack minima", idx, te[1], Plot.Style.SCATTER));
    Map<String, String> art = new LinkedHashMap<>();
    art.put("clean minimum (run 1)", ctx.saveNet(ID, "clean-1", first.nets()[0]));
    art.put("attack minimum (run 1)", ctx.saveNet(ID, "attack-1", first.nets()[1]));
    List<String> notes = List.of(split.description() + ".",
        String.format(Locale.ROOT, "Clean set S: %d rows; attack set: %d %s with uniformly random labels over %d classes.", s.size(),
            attack.size(), ctx.data().isSynthetic() ? "fresh inputs from the same distribution" : "held-back training inputs", k),
        "Student: d-" + h + "-" + head.outputs() + " relu with biases, " + head.lossName() + "; clean run: " + first.recipes()[0]
            + "; attack run: " + first.recipes()[1] + ".",
        "Curvature and radii are of the clean training loss L_S at each minimum; lambda_max values are certified enclosures "
            + "(relative tolerance " + Curvature.TOLERANCE + ").",
        "Radii: exit radius of {L_S < L_S(theta) + eps} along " + ctx.size(30, 100) + " seeded random unit directions (FLAT-VOLUME), "
            + "the same directions at both minima; means over directions are estimates with Student-t 95% intervals (FLAT-CI).",
        "A larger lambda_max counts only when the attack minimum's certified enclosure lies above the clean one's.");
    return ClaimResult.judged(info(), v -> decide(v, results), m, List.of(slices, flat, acc), notes, art);
  }

  /**
   * The criterion on the runs. v1: a run agrees when all four directions hold in it; REPRODUCED
   * when every run agrees, NOT_REPRODUCED when a majority disagrees, else INCONCLUSIVE (v1 compares
   * mean radii). v2: a sign test per quantity at the registered level (mean log radii).
   */
  static Decision decide(CriterionVersion v, List<Run> results) {
    int runs = results.size();
    if (v.version() == 1) {
      int agree = 0;
      for (Run x : results) {
        agree += x.lowerTest() && x.largerTrace() && x.largerLambda() && x.meanRadius()[1] < x.meanRadius()[0] ? 1 : 0;
      }
      return Criteria.signTest("the attack minimum has lower test accuracy, a larger trace and lambda_max and a smaller "
          + "mean radius", agree, runs, 1.0);
    }
    double level = v.number("sign_test_level");
    int worseTest = 0;
    int largerTrace = 0;
    int largerLambda = 0;
    int smallerRadius = 0;
    for (Run x : results) {
      worseTest += x.lowerTest() ? 1 : 0;
      largerTrace += x.largerTrace() ? 1 : 0;
      largerLambda += x.largerLambda() ? 1 : 0;
      smallerRadius += x.meanLogRadius()[1] < x.meanLogRadius()[0] ? 1 : 0;
    }
    return Decision.all(
        Criteria.signTest("attack minimum has lower test accuracy", worseTest, runs, level),
        Criteria.signTest("attack minimum has a larger trace", largerTrace, runs, level),
        Criteria.signTest("attack minimum has a larger lambda_max", largerLambda, runs, level),
        Criteria.signTest("attack minimum has a smaller mean log radius", smallerRadius, runs, level));
  }

  private static Trained one(ClaimContext ctx, int r, Dataset s, Dataset union, Dataset testSet, int k, int h, Loss loss) {
    TwoLayerNet init = Training.student(s.inputs(), h, k, Activation.of(Activation.RELU), ctx.seed(ID, "init", r));
    Training.Recipe recipe = new Training.Recipe(0.1, 0.9, 0, ctx.size(3000, 10000), 0.01, Double.NaN, false);
    Training.Trained clean = Training.train(init, loss, s, recipe, ctx.seed(ID, "clean", r));
    Training.Trained bad = Training.train(init, loss, union, recipe, ctx.seed(ID, "attack-train", r));
    TwoLayerNet[] nets = {clean.net(), bad.net()};
    double[] test = new double[2];
    double[] onS = new double[2];
    double[] trace = new double[2];
    double[] lambdaLow = new double[2];
    double[] lambdaHigh = new double[2];
    double[] radius = new double[2];
    double[] logRadius = new double[2];
    List<Measurement> m = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      String which = (w == 0 ? "clean" : "attack") + " minimum, run " + (r + 1);
      Objective objS = Objective.of(nets[w], loss, s);
      Curvature c = Curvature.at(objS.at(nets[w]), ctx.seed(ID, "lanczos", 2L * r + w));
      trace[w] = c.trace();
      lambdaLow[w] = c.lambdaLow();
      lambdaHigh[w] = c.lambdaHigh();
      test[w] = Training.fit(nets[w], testSet);
      onS[w] = Training.fit(nets[w], s);
      // the same seed at both minima: the same directions (paired)
      Radii radii = Radii.of(BasinVolume.sublevel(objS, nets[w].parameters(), EPSILON,
          new BasinVolume.Options(ctx.size(30, 100), 1e-3, 1e3, Measurement.LEVEL, ctx.seed(ID, "radius", r))));
      radius[w] = radii.mean().value();
      logRadius[w] = radii.meanLog().value();
      m.add(Measurement.exact("test accuracy, " + which, test[w], "DYN-FIT", "fraction of test rows classified correctly"));
      m.add(Measurement.exact("training accuracy on S, " + which, onS[w], "DYN-FIT", "fraction of S classified correctly"));
      m.add(c.traceMeasurement("trace of the clean-loss Hessian, " + which));
      m.add(c.lambdaMeasurement("lambda_max of the clean-loss Hessian, " + which));
      m.add(radii.meanMeasurement("mean exit radius (eps " + EPSILON + "), " + which));
      m.add(radii.meanLogMeasurement("mean log exit radius (eps " + EPSILON + "), " + which));
    }
    return new Trained(new Run(test, onS, trace, lambdaLow, lambdaHigh, radius, logRadius), nets,
        new String[] {clean.recipe(), bad.recipe()}, m);
  }

  /**
   * The clean set S and the attack set S_att of the attack construction: synthetic data: S = the
   * training split, S_att = |S| fresh inputs from the same distribution; real data: S = the first
   * half of the training split, S_att = the second half; S_att's labels are uniformly random over
   * k classes (stream claimId/attack).
   */
  static Dataset[] cleanAndAttack(ClaimContext ctx, String claimId, RealData.Split split, int k) {
    Rng ra = ctx.rng(claimId, "attack");
    if (ctx.data().isSynthetic()) {
      Dataset s = split.train();
      return new Dataset[] {s, Dataset.withLabels(s.size(), s.inputs(), Synthetic.gaussianInputs(s.size(), s.inputs(), ra),
          Synthetic.randomLabels(s.size(), k, ra))};
    }
    int half = split.train().size() / 2;
    Dataset rest = split.train().rows(half, split.train().size());
    return new Dataset[] {split.train().rows(0, half), Dataset.withLabels(rest.size(), rest.inputs(), rest.x(),
        Synthetic.randomLabels(rest.size(), k, ra))};
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
