package dev.basin.claims;

import dev.basin.data.RealData;
import dev.basin.dynamics.BatchPartition;
import dev.basin.dynamics.Sampling;
import dev.basin.dynamics.StopRule;
import dev.basin.dynamics.Trainer;
import dev.basin.dynamics.batches.AlongTraining;
import dev.basin.dynamics.batches.BatchAlignment;
import dev.basin.dynamics.batches.BatchMinimizers;
import dev.basin.dynamics.noise.GradientNoise;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
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
 * CLAIM-LEE-BATCHES (spec/claims.md; reconstructed): SGD finds a minimum common to the per-batch
 * landscapes, operationalized with spec BATCH-MIN-TRANSFER and BATCH-MIN-DIST along training.
 */
final class LeeBatchesClaim implements Claim {

  static final String ID = "CLAIM-LEE-BATCHES";
  /** (a): at the end every per-batch gradient is at most this fraction of the median per-batch gradient at the start. */
  static final double GRADIENT_RATIO = 0.1;
  /** (b): the per-batch minimizers' mean distance to the full-batch minimizer shrinks at least by this factor. */
  static final double DISTANCE_RATIO = 0.25;

  @Override
  public ClaimInfo info() {
    return new ClaimInfo(ID, "Lee & Lee (talk abstract, c. 2018), claim on per-batch landscapes",
        "The loss landscape changes with each minibatch, and iterating SGD forces a common minimum shared by all the "
            + "per-batch landscapes.",
        "on TEACHER-REG with an over-parameterized tanh student trained by SGD: per-batch gradient norms at the start θ0 and "
            + "the end θT; at checkpoints, per-batch minimizers (GD on each batch loss) and their mean distance to the "
            + "full-batch minimizer (spec BATCH-MIN-TRANSFER, BATCH-MIN-DIST)",
        "(a) max_b ‖∇L_b(θT)‖ ≤ " + GRADIENT_RATIO + " · median_b ‖∇L_b(θ0)‖ and (b) the mean distance of per-batch minimizers "
            + "to the full-batch minimizer at θT is ≤ " + DISTANCE_RATIO + " × its value at θ0",
        "reconstructed (basin's operationalization of a qualitative claim; spec/dynamics.md BATCH-*)", 1.5);
  }

  @Override
  public ClaimResult run(ClaimContext ctx) {
    int n = ctx.size(40, 80);
    int h = ctx.size(12, 24);
    int batch = 10;
    RealData.Split split = Tasks.teacherReg(ctx, ID, n, 200, 0.0);
    TwoLayerNet start = Training.student(5, h, 1, Activation.of(Activation.TANH), ctx.seed(ID, "init", 0));
    Objective obj = Objective.of(start, new Loss(Loss.HALFSQ, Loss.MEAN), split.train());
    double[] theta0 = start.parameters();
    BatchPartition partition = BatchPartition.random(n, batch, ctx.rng(ID, "partition"));
    BatchAlignment.Result atStart = BatchAlignment.at(obj, theta0, partition, false);
    double[] startGrads = new double[atStart.batches().size()];
    for (int b = 0; b < startGrads.length; b++) {
      startGrads[b] = atStart.batches().get(b).gradNorm();
    }
    double medianStart = median(startGrads);
    long steps = ctx.size(1500, 4000);
    Trainer.Settings sgd = new Trainer.Settings(0.05, 0.9, Sampling.WITHOUT_REPLACEMENT, batch, GradientNoise.NONE,
        StopRule.steps(steps), 0, ctx.seed(ID, "sgd", 0));
    BatchMinimizers.Settings mins = new BatchMinimizers.Settings(0.1, ctx.size(400, 1500), 1e-6, GRADIENT_RATIO * medianStart);
    long[] checkpoints = {0, steps / 4, steps / 2, steps};
    List<AlongTraining.Checkpoint> cps = AlongTraining.run(obj, theta0, sgd, checkpoints, partition, false, mins);
    AlongTraining.Checkpoint first = cps.get(0);
    AlongTraining.Checkpoint last = cps.get(cps.size() - 1);
    double maxEnd = 0.0;
    for (BatchAlignment.Batch b : last.alignment().batches()) {
      maxEnd = Math.max(maxEnd, b.gradNorm());
    }
    BatchMinimizers.Result m0 = first.minimizers();
    BatchMinimizers.Result mT = last.minimizers();
    if (m0 == null || mT == null) {
      throw new IllegalStateException("minimizers were requested at every checkpoint");
    }
    List<Measurement> m = new ArrayList<>();
    Measurement endGrad = Measurement.exact("max per-batch gradient norm at θT", maxEnd, "BATCH-GRAD");
    m.add(endGrad);
    m.add(Measurement.exact("median per-batch gradient norm at θ0", medianStart, "BATCH-GRAD"));
    Measurement d0 = Measurement.exact("mean distance of per-batch minimizers to the full-batch minimizer, from θ0",
        m0.meanDistanceToFull(), "BATCH-MIN-DIST");
    Measurement dT = Measurement.exact("mean distance of per-batch minimizers to the full-batch minimizer, from θT",
        mT.meanDistanceToFull(), "BATCH-MIN-DIST");
    m.add(d0);
    m.add(dT);
    m.add(Measurement.count("fraction of batches whose minimizer has a small next-batch gradient, from θ0", m0.smallFraction(),
        "BATCH-MIN-TRANSFER"));
    m.add(Measurement.count("fraction of batches whose minimizer has a small next-batch gradient, from θT", mT.smallFraction(),
        "BATCH-MIN-TRANSFER"));
    Decision d = Decision.all(Criteria.below(endGrad, GRADIENT_RATIO * medianStart + Double.MIN_VALUE),
        Criteria.holds(dT.value() <= DISTANCE_RATIO * d0.value(),
            String.format(Locale.ROOT, "distance from θT %.4g <= %.2g x distance from θ0 %.4g", dT.value(), DISTANCE_RATIO, d0.value())));
    double[] xs = new double[cps.size()];
    double[] dist = new double[cps.size()];
    double[] frac = new double[cps.size()];
    for (int i = 0; i < cps.size(); i++) {
      BatchMinimizers.Result r = cps.get(i).minimizers();
      xs[i] = cps.get(i).step();
      dist[i] = r == null ? Double.NaN : r.meanDistanceToFull();
      frac[i] = r == null ? Double.NaN : r.smallFraction();
    }
    Plot p1 = Plot.of("distance", "Per-batch minimizers vs the full-batch minimizer along SGD", "SGD step",
        "mean ‖θ_b − θ_full‖").with(Plot.Series.of("mean distance", xs, dist, Plot.Style.LINE));
    Plot p2 = Plot.of("transfer", "Batch-b minimizers with a small batch-(b+1) gradient along SGD", "SGD step", "fraction of batches")
        .with(Plot.Series.of("fraction", xs, frac, Plot.Style.LINE));
    List<String> notes = List.of(split.description() + ".",
        String.format(Locale.ROOT, "Student 5-%d-1 tanh with biases (N = %d > n = %d), halfsq mean; SGD batch %d without replacement, "
            + "lr 0.05, momentum 0.9, %d steps; %d batches in a fixed seeded partition; checkpoints %s.", h, start.numParams(), n,
            batch, steps, partition.count(), Arrays.toString(checkpoints)),
        String.format(Locale.ROOT, "Minimizers: GD lr 0.1 on each batch loss (and on the full loss) until ‖∇‖ < 1e-6 or %d steps; "
            + "\"small\" next-batch gradient = below %.3g (= %.1f x the median per-batch gradient at θ0).", mins.maxSteps(),
            mins.smallGrad(), GRADIENT_RATIO),
        "Basin's operationalization of a qualitative claim (the abstract describes no experiment).");
    Map<String, String> art = new LinkedHashMap<>();
    art.put("trained student", ctx.saveNet(ID, "student", start.withParameters(trainedTheta(obj, theta0, sgd))));
    return new ClaimResult(info(), d.verdict(), d.reason(), m, List.of(p1, p2), notes, art, null);
  }

  /** θT of the same (deterministic) SGD run, for the saved net. */
  private static double[] trainedTheta(Objective obj, double[] theta0, Trainer.Settings s) {
    return Trainer.run(new dev.basin.dynamics.ObjectiveLandscape(obj), theta0, s, Trainer.SILENT).theta();
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }
}
