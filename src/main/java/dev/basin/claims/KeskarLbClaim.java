package dev.basin.claims;

import dev.basin.data.RealData;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.measure.Sharpness;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import dev.basin.base.Plot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CLAIM-KESKAR-LB (spec/claims.md): large-batch minima are sharper than small-batch minima (Metric 2.1). */
final class KeskarLbClaim implements Claim {

  static final String ID = "CLAIM-KESKAR-LB";
  static final double EPSILON = 1e-3;
  static final int SMALL_BATCH = 16;

  @Override
  public ClaimInfo info() {
    return ClaimInfo.of(ID, "Keskar, Mudigere, Nocedal, Smelyanskiy, Tang (ICLR 2017), Metric 2.1 and §2.2; cited by Dinh et al.",
        "Large-batch training converges to sharper minima than small-batch training, measured by the (C_ε, A)-sharpness, and "
            + "generalizes worse.",
        "R paired runs from the same initialization: SB = SGD with batch " + SMALL_BATCH + ", LB = batch n/2, both with lr 0.05 and "
            + "momentum 0.9 until the training cross-entropy is below 0.05; Metric 2.1 in the full space (ε = " + EPSILON
            + ", ×100) as a certified lower bound from projected ascent with restarts; test accuracy",
        "reconstructed from memory [M] (qualitative, high confidence; papers.md §6.8)", 3.0);
  }

  @Override
  public ClaimResult run(ClaimContext ctx) {
    RealData.Split split = Tasks.classification(ctx, ID, 4);
    Dataset train = split.train();
    Tasks.Head head = Tasks.Head.of(split);
    int kOut = head.outputs();
    Loss loss = head.loss();
    int runs = ctx.size(5, 8);
    int h = ctx.size(32, 64);
    int n = train.size();
    int large = Math.max(SMALL_BATCH + 1, n / 2);
    long epochs = ctx.size(300, 600);
    Sharpness.Options so = new Sharpness.Options(ctx.size(2, 4), ctx.size(40, 100), ctx.seed(ID, "ascent", 0), false);
    double[] idx = new double[runs];
    double[][] sharp = new double[2][runs];
    double[][] test = new double[2][runs];
    int sharper = 0;
    int worse = 0;
    List<Measurement> m = new ArrayList<>();
    List<String> recipes = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      ctx.progress().detail(ID + " run " + (r + 1) + "/" + runs);
      idx[r] = r + 1;
      TwoLayerNet init = Training.student(train.inputs(), h, kOut, Activation.of(Activation.RELU), ctx.seed(ID, "init", r));
      int[] batches = {SMALL_BATCH, large};
      for (int w = 0; w < 2; w++) {
        long steps = epochs * ((n + batches[w] - 1) / batches[w]);
        Training.Trained t = Training.train(init, loss, train, new Training.Recipe(0.05, 0.9, batches[w], steps, 0.05, Double.NaN,
            false), ctx.seed(ID, "sgd", 2L * r + w));
        Objective obj = Objective.of(t.net(), loss, train);
        sharp[w][r] = Sharpness.keskar(obj, t.theta(), EPSILON, so).lowerBound();
        test[w][r] = Training.fit(t.net(), split.test());
        String which = (w == 0 ? "SB" : "LB") + ", run " + (r + 1);
        m.add(Measurement.lowerBound("Metric 2.1 sharpness, " + which, sharp[w][r], "FLAT-SHARP-KESKAR",
            "projected ascent with restarts, best loss found"));
        m.add(Measurement.exact("test accuracy, " + which, test[w][r], "DYN-FIT", "fraction of test rows correct"));
        if (r == 0) {
          recipes.add((w == 0 ? "SB: " : "LB: ") + t.recipe());
        }
      }
      sharper += sharp[1][r] > sharp[0][r] ? 1 : 0;
      worse += test[1][r] < test[0][r] ? 1 : 0;
    }
    int agree = sharper;
    Plot p = Plot.of("sharpness", "Keskar et al.'s Metric 2.1 (certified lower bounds) per run", "run", "sharpness").log(false, true)
        .with(Plot.Series.of("small batch (" + SMALL_BATCH + ")", idx, sharp[0], Plot.Style.SCATTER))
        .with(Plot.Series.of("large batch (" + large + ")", idx, sharp[1], Plot.Style.SCATTER));
    List<String> notes = new ArrayList<>();
    notes.add(split.description() + ".");
    notes.add(String.format(Locale.ROOT, "Student d-%d-%d relu with biases; at most %d epochs. LB had lower test accuracy in %d of %d "
        + "runs (reported, not part of the criterion).", h, kOut, epochs, worse, runs));
    notes.add(String.format(Locale.ROOT, "Ascent: %d seeded restarts of %d projected-gradient steps in the box |z_i| <= eps(|theta_i| + 1).",
        so.restarts(), so.steps()));
    notes.addAll(recipes);
    notes.add("Each run compares two certified lower bounds of the sharpness (the criterion compares the numbers as found).");
    return ClaimResult.judged(info(), v -> decide(v, agree, runs), m, List.of(p), notes, Map.of());
  }

  /** The criterion (v1 and v2 state the same rule): a sign test on "LB sharper than SB" at the registered level. */
  static Decision decide(CriterionVersion v, int sharper, int runs) {
    return Criteria.signTest("LB minimum sharper than SB minimum", sharper, runs, v.number("sign_test_level"));
  }
}
