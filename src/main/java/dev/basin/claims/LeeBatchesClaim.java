package dev.basin.claims;

import dev.basin.base.Plot;
import dev.basin.base.Vectors;
import dev.basin.data.RealData;
import dev.basin.dynamics.BatchPartition;
import dev.basin.dynamics.ObjectiveLandscape;
import dev.basin.dynamics.Sampling;
import dev.basin.dynamics.StopRule;
import dev.basin.dynamics.Trainer;
import dev.basin.dynamics.batches.AlongTraining;
import dev.basin.dynamics.batches.BatchAlignment;
import dev.basin.dynamics.batches.BatchMinimizers;
import dev.basin.dynamics.noise.GradientNoise;
import dev.basin.dynamics.stagnation.BinomialInterval;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CLAIM-LEE-BATCHES (spec/claims.md; reconstructed): SGD finds a minimum common to the per-batch
 * landscapes, operationalized with spec BATCH-MIN-TRANSFER and BATCH-MIN-DIST along training, with
 * an under-parameterized control that cannot interpolate.
 */
final class LeeBatchesClaim implements Claim {

  static final String ID = "CLAIM-LEE-BATCHES";
  private static final int BATCH = 10;
  /** The control student's width: N = 7·h + 1 = 15 parameters, fewer than the samples (it cannot interpolate). */
  private static final int CONTROL_WIDTH = 2;
  /**
   * Threshold of a "small" next-batch gradient as a multiple of the median per-batch gradient at θ0,
   * for the plot along training (BatchMinimizers); the decision uses its version's small_gradient_ratio.
   */
  private static final double SMALL = 0.1;

  @Override
  public ClaimInfo info() {
    return ClaimInfo.of(ID, "Lee & Lee (talk abstract, c. 2018), claim on per-batch landscapes",
        "The loss landscape changes with each minibatch, and iterating SGD forces a common minimum shared by all the "
            + "per-batch landscapes.",
        "on TEACHER-REG with an over-parameterized tanh student trained by SGD: per-batch gradient norms at the start θ0 and "
            + "the end θT; at checkpoints, per-batch minimizers (GD on each batch loss), whether each has a small gradient on "
            + "the next batch, and their distances to the full-batch minimizer and to θT (spec BATCH-MIN-TRANSFER, "
            + "BATCH-MIN-DIST); the same transfer for an under-parameterized control student",
        "reconstructed (basin's operationalization of a qualitative claim; spec/dynamics.md BATCH-*)", 1.5);
  }

  /**
   * What the criterion is applied to (arrays per batch, not modified).
   *
   * @param maxEndGradient max_b ‖∇L_b(θT)‖
   * @param medianStartGradient median_b ‖∇L_b(θ0)‖
   * @param distanceFromEnd mean ‖θ_b − θ_full‖ of the minimizers started at θT
   * @param distanceFromStart the same started at θ0
   * @param ownGradient ‖∇L_b(θ_b)‖ of the minimizer θ_b of batch b from θT
   * @param nextGradient ‖∇L_{b+1}(θ_b)‖
   * @param relativeDistances ‖θ_b − θT‖ / ‖θT − θ0‖
   * @param controlMedianStart the control's median_b ‖∇L_b(θ0)‖
   * @param controlNextGradient the control's ‖∇L_{b+1}(θ_b)‖ from its θT
   */
  record Evidence(double maxEndGradient, double medianStartGradient, double distanceFromEnd, double distanceFromStart,
      double[] ownGradient, double[] nextGradient, double[] relativeDistances, double controlMedianStart,
      double[] controlNextGradient) {

    /** Batches whose minimizer's next-batch gradient is at most ratio × the median per-batch gradient at θ0. */
    int smallNext(double ratio) {
      return atMost(nextGradient, ratio * medianStartGradient);
    }

    /** The same for the control. */
    int controlSmallNext(double ratio) {
      return atMost(controlNextGradient, ratio * controlMedianStart);
    }

    /** Batches whose minimizer's next-batch gradient is below factor × its own (v1's pair rule). */
    int withinFactor(double factor) {
      int c = 0;
      for (int b = 0; b < nextGradient.length; b++) {
        c += nextGradient[b] < factor * ownGradient[b] ? 1 : 0;
      }
      return c;
    }

    private static int atMost(double[] v, double limit) {
      int c = 0;
      for (double x : v) {
        c += x <= limit ? 1 : 0;
      }
      return c;
    }
  }

  /** One student's SGD run with per-batch minimizers at its checkpoints. */
  private record Run(TwoLayerNet start, double[] thetaT, double medianStart, List<AlongTraining.Checkpoint> checkpoints,
      BatchPartition partition, BatchMinimizers.Settings minimizers) {
    BatchMinimizers.Result at(int i) {
      BatchMinimizers.Result r = checkpoints.get(i).minimizers();
      if (r == null) {
        throw new IllegalStateException("minimizers were requested at every checkpoint");
      }
      return r;
    }

    BatchMinimizers.Result end() {
      return at(checkpoints.size() - 1);
    }
  }

  @Override
  public ClaimResult run(ClaimContext ctx) {
    int n = ctx.size(100, 160);
    int h = ctx.size(16, 32);
    long steps = ctx.size(1500, 4000);
    RealData.Split split = Tasks.teacherReg(ctx, ID, n, 200, 0.0);
    Run main = train(ctx, split, h, steps, new long[] {0, steps / 4, steps / 2, steps}, "");
    Run control = train(ctx, split, CONTROL_WIDTH, steps, new long[] {0, steps}, "control-");
    BatchMinimizers.Result m0 = main.at(0);
    BatchMinimizers.Result mT = main.end();
    double maxEnd = 0.0;
    for (BatchAlignment.Batch b : main.checkpoints().get(main.checkpoints().size() - 1).alignment().batches()) {
      maxEnd = Math.max(maxEnd, b.gradNorm());
    }
    double travel = Vectors.distance(main.thetaT(), main.start().parameters());
    int batches = mT.batches().size();
    double[] own = new double[batches];
    double[] next = new double[batches];
    double[] rel = new double[batches];
    for (int b = 0; b < batches; b++) {
      BatchMinimizers.Batch x = mT.batches().get(b);
      own[b] = x.gradNorm();
      next[b] = x.nextGradNorm();
      rel[b] = x.distanceFromStart() / travel;
    }
    double[] controlNext = new double[control.end().batches().size()];
    for (int b = 0; b < controlNext.length; b++) {
      controlNext[b] = control.end().batches().get(b).nextGradNorm();
    }
    Evidence e = new Evidence(maxEnd, main.medianStart(), mT.meanDistanceToFull(), m0.meanDistanceToFull(), own, next, rel,
        control.medianStart(), controlNext);
    CriterionVersion first = info().criteria().get(0);
    CriterionVersion current = info().current();
    List<Measurement> m = new ArrayList<>();
    m.add(Measurement.exact("max per-batch gradient norm at θT", maxEnd, "BATCH-GRAD", "exact per-batch gradients"));
    m.add(Measurement.exact("median per-batch gradient norm at θ0", main.medianStart(), "BATCH-GRAD", "exact per-batch gradients"));
    m.add(Measurement.exact("mean distance of per-batch minimizers to the full-batch minimizer, from θ0", m0.meanDistanceToFull(),
        "BATCH-MIN-DIST", "GD minimizers (approximate where not converged)"));
    m.add(Measurement.exact("mean distance of per-batch minimizers to the full-batch minimizer, from θT", mT.meanDistanceToFull(),
        "BATCH-MIN-DIST", "GD minimizers (approximate where not converged)"));
    m.add(Measurement.exact("median distance of per-batch minimizers from θT, relative to ‖θT − θ0‖", LeeBatchesClaim.median(rel),
        "BATCH-MIN-DIST", "median over batches"));
    m.add(fraction("batches whose minimizer from θT has a small next-batch gradient", e.smallNext(SMALL), batches, current));
    m.add(fraction("batches whose minimizer from θT has a next-batch gradient below 10x its own",
        e.withinFactor(first.number("transfer_factor")), batches, first));
    m.add(fraction("control (" + CONTROL_WIDTH + " units): batches whose minimizer from θT has a small next-batch gradient",
        e.controlSmallNext(SMALL), controlNext.length, current));
    double[] xs = new double[main.checkpoints().size()];
    double[] dist = new double[xs.length];
    double[] frac = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = main.checkpoints().get(i).step();
      dist[i] = main.at(i).meanDistanceToFull();
      frac[i] = main.at(i).smallFraction();
    }
    Plot p1 = Plot.of("distance", "Per-batch minimizers vs the full-batch minimizer along SGD", "SGD step",
        "mean ‖θ_b − θ_full‖").with(Plot.Series.of("mean distance", xs, dist, Plot.Style.LINE));
    Plot p2 = Plot.of("transfer", "Batch-b minimizers with a small batch-(b+1) gradient along SGD", "SGD step", "fraction of batches")
        .with(Plot.Series.of("over-parameterized student (h = " + h + ")", xs, frac, Plot.Style.LINE))
        .with(Plot.Series.of("control (h = " + CONTROL_WIDTH + ")", new double[] {0, steps},
            new double[] {control.at(0).smallFraction(), control.end().smallFraction()}, Plot.Style.LINE));
    List<String> notes = List.of(split.description() + ".",
        String.format(Locale.ROOT, "Student 5-%d-1 tanh with biases (N = %d > n = %d), halfsq mean; SGD batch %d without "
            + "replacement, lr 0.05, momentum 0.9, %d steps; %d batches in a fixed seeded partition; checkpoints at steps %s.", h,
            main.start().numParams(), n, BATCH, steps, main.partition().count(), Arrays.toString(xs)),
        String.format(Locale.ROOT, "Control: 5-%d-1 tanh (N = %d < n = %d: it cannot interpolate), trained and analysed the "
            + "same way; its 'small' threshold is 0.1 x its own median per-batch gradient at its θ0.", CONTROL_WIDTH,
            control.start().numParams(), n),
        String.format(Locale.ROOT, "Minimizers: GD lr 0.1 on each batch loss (and on the full loss) until ‖∇‖ < 1e-6 or %d steps; "
            + "\"small\" next-batch gradient = at most %.3g (= %.1f x the median per-batch gradient at θ0).",
            main.minimizers().maxSteps(), main.minimizers().smallGrad(), SMALL),
        "Version 1 counts a pair (b, b+1) when the batch-b minimizer's gradient on batch b+1 is below 10x its own gradient on "
            + "batch b; versions 2-4 use the 'small' threshold above.",
        "Basin's operationalization of a qualitative claim (the abstract describes no experiment).");
    Map<String, String> art = new LinkedHashMap<>();
    art.put("trained student", ctx.saveNet(ID, "student", main.start().withParameters(main.thetaT())));
    art.put("control student", ctx.saveNet(ID, "control", control.start().withParameters(control.thetaT())));
    return ClaimResult.judged(info(), v -> decide(v, e), m, List.of(p1, p2), notes, art);
  }

  /** Trains one student (width h) by SGD and runs the per-batch minimizers at the checkpoints. */
  private static Run train(ClaimContext ctx, RealData.Split split, int h, long steps, long[] checkpoints, String prefix) {
    TwoLayerNet start = Training.student(5, h, 1, Activation.of(Activation.TANH), ctx.seed(ID, prefix + "init", 0));
    Objective obj = Objective.of(start, new Loss(Loss.HALFSQ, Loss.MEAN), split.train());
    double[] theta0 = start.parameters();
    BatchPartition partition = BatchPartition.random(split.train().size(), BATCH, ctx.rng(ID, "partition"));
    BatchAlignment.Result atStart = BatchAlignment.at(obj, theta0, partition, false);
    double[] startGrads = new double[atStart.batches().size()];
    for (int b = 0; b < startGrads.length; b++) {
      startGrads[b] = atStart.batches().get(b).gradNorm();
    }
    double medianStart = median(startGrads);
    Trainer.Settings sgd = new Trainer.Settings(0.05, 0.9, Sampling.WITHOUT_REPLACEMENT, BATCH, GradientNoise.NONE,
        StopRule.steps(steps), 0, ctx.seed(ID, prefix + "sgd", 0));
    BatchMinimizers.Settings mins = new BatchMinimizers.Settings(0.1, ctx.size(400, 1500), 1e-6, SMALL * medianStart);
    List<AlongTraining.Checkpoint> cps = AlongTraining.run(obj, theta0, sgd, checkpoints, partition, false, mins);
    double[] thetaT = Trainer.run(new ObjectiveLandscape(obj), theta0, sgd, Trainer.SILENT).theta();
    return new Run(start, thetaT, medianStart, cps, partition, mins);
  }

  /** A count of batches as a fraction with its Clopper–Pearson interval at the version's level. */
  private static Measurement fraction(String name, int count, int of, CriterionVersion v) {
    BinomialInterval ci = BinomialInterval.clopperPearson(count, of, v.number("level"));
    return Measurement.estimate(name, ci.estimate(), ci.lower(), ci.upper(), of, "Clopper-Pearson, exact", "BATCH-MIN-TRANSFER",
        count + " of " + of + " batches");
  }

  /** The criterion of each version (spec/claims.md CLAIM-LEE-BATCHES). */
  static Decision decide(CriterionVersion v, Evidence e) {
    double ratio = v.number("gradient_ratio");
    Decision end = Criteria.holds(e.maxEndGradient() <= ratio * e.medianStartGradient(), String.format(Locale.ROOT,
        "(a) max per-batch gradient at θT %.4g <= %.2g x median at θ0 %.4g", e.maxEndGradient(), ratio, e.medianStartGradient()));
    int batches = e.nextGradient().length;
    if (v.version() == 1) {
      double med = median(e.relativeDistances());
      return Decision.all(end,
          Criteria.atLeast(fraction("pairs (b, b+1) whose batch-b minimizer's batch-(b+1) gradient is below "
              + v.constants().get("transfer_factor") + "x its own", e.withinFactor(v.number("transfer_factor")), batches, v),
              v.number("lower_end_at_least")),
          Criteria.holds(med <= v.number("distance_ratio"), String.format(Locale.ROOT,
              "median distance of the minimizers from θT relative to ‖θT − θ0‖ %.4g <= %s", med, v.constants().get("distance_ratio"))));
    }
    double dr = v.number("distance_ratio");
    Decision distance = Criteria.holds(e.distanceFromEnd() <= dr * e.distanceFromStart(), String.format(Locale.ROOT,
        "(b) distance from θT %.4g <= %.2g x distance from θ0 %.4g", e.distanceFromEnd(), dr, e.distanceFromStart()));
    if (v.version() <= 3) {
      return Decision.all(end, distance);
    }
    double small = v.number("small_gradient_ratio");
    Measurement control = fraction("control: batches with a small next-batch gradient", e.controlSmallNext(small),
        e.controlNextGradient().length, v);
    boolean controlQuiet = control.high() < v.number("control_upper_end_below");
    return Decision.all(end, distance,
        Criteria.presupposes(batches >= v.integer("min_batches"), "(c) " + batches + " batches, at least "
            + v.integer("min_batches")),
        Criteria.atLeast(fraction("(c) batches whose minimizer from θT has a small next-batch gradient", e.smallNext(small),
            batches, v), v.number("lower_end_at_least")),
        new Decision(controlQuiet ? Verdict.REPRODUCED : Verdict.INCONCLUSIVE, String.format(Locale.ROOT,
            "(d) control %s: upper end %.3g %s %s", Criteria.interval(control), control.high(), controlQuiet ? "<" : ">=",
            v.constants().get("control_upper_end_below")) + (controlQuiet ? "" : ": transfer is not specific to the "
            + "over-parameterized student")));
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }
}
