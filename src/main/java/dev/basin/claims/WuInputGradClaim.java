package dev.basin.claims;

import dev.basin.data.RealData;
import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.measure.InputGradient;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import dev.basin.base.Plot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CLAIM-WU-INPUTGRAD (spec/claims.md; reconstructed): the input-gradient complexity bound holds on every net. */
final class WuInputGradClaim implements Claim {

  static final String ID = "CLAIM-WU-INPUTGRAD";
  private static final int[] KINDS = {Activation.TANH, Activation.RELU, Activation.SOFTPLUS};

  @Override
  public ClaimInfo info() {
    return ClaimInfo.of(ID, "Wu, Zhu, E (2017), bound (11) (quoted in part); papers.md §1.3",
        "For 2-layer nets the model complexity E‖∇ₓf‖² is bounded by a Hessian norm of the empirical risk plus terms in ‖B‖_F "
            + "and √R_emp, so low-complexity solutions are the ones with a small Hessian norm.",
        "Ê‖∇ₓf‖² (FLAT-WU-COMPLEXITY) and basin's reconstructed bound (FLAT-WU-BOUND) on random nets at scales 0.5, 1, 2 "
            + "and on trained students (tanh, relu, softplus; TEACHER-REG, halfsq)",
        "reconstructed (the paper's constants are unknown; basin derives a bound with the quoted structure, papers.md §1.3)", 1.0);
  }

  @Override
  public ClaimResult run(ClaimContext ctx) {
    RealData.Split split = Tasks.teacherReg(ctx, ID, ctx.size(40, 100), 100, 0.1);
    Loss loss = new Loss(Loss.HALFSQ, Loss.MEAN);
    int perScale = ctx.size(3, 7);
    double[] scales = {0.5, 1.0, 2.0};
    List<Double> cx = new ArrayList<>();
    List<Double> bound = new ArrayList<>();
    List<Double> tcx = new ArrayList<>();
    List<Double> tbound = new ArrayList<>();
    List<InputGradient.WuBound> all = new ArrayList<>();
    Rng r = ctx.rng(ID, "random-nets");
    for (int kind : KINDS) {
      Activation act = Activation.of(kind);
      for (double s : scales) {
        for (int i = 0; i < perScale; i++) {
          TwoLayerNet net = Synthetic.randomNet(5, 8, 1, true, true, act, s, r);
          InputGradient.WuBound b = InputGradient.bound(Objective.of(net, loss, split.train()), net.parameters());
          all.add(b);
          cx.add(b.complexity());
          bound.add(b.rhs());
        }
      }
      Training.Trained t = Training.train(Training.student(5, 8, 1, act, ctx.seed(ID, "init", kind)), loss, split.train(),
          new Training.Recipe(0.05, 0.9, 0, ctx.size(2000, 8000), Double.NaN, 1e-6, false), ctx.seed(ID, "train", kind));
      InputGradient.WuBound b = InputGradient.bound(Objective.of(t.net(), loss, split.train()), t.theta());
      all.add(b);
      tcx.add(b.complexity());
      tbound.add(b.rhs());
    }
    Evidence e = Evidence.of(all);
    List<Measurement> m = new ArrayList<>();
    m.add(Measurement.count("nets checked", all.size(), "FLAT-WU-BOUND"));
    m.add(Measurement.count("certain violations of the bound (beyond the rounding allowance)", e.violated(), "FLAT-WU-BOUND"));
    m.add(Measurement.count("nets within the rounding allowance of the bound (undecided)", e.undecided(), "FLAT-WU-BOUND"));
    double worstRatio = 0.0;
    for (InputGradient.WuBound b : all) {
      worstRatio = Math.max(worstRatio, b.complexity() / b.rhs());
    }
    m.add(Measurement.exact("largest complexity / bound", worstRatio, "FLAT-WU-BOUND", "computed ratio over every net"));
    double lo = Math.min(min(cx), min(tcx));
    double hi = Math.max(max(bound), max(tbound));
    Plot p = Plot.of("bound", "Input-gradient complexity against the reconstructed bound (every point must lie below y = x)",
            "bound (FLAT-WU-BOUND)", "complexity E|grad_x f|^2").log(true, true)
        .with(Plot.Series.of("random nets", arr(bound), arr(cx), Plot.Style.SCATTER))
        .with(Plot.Series.of("trained students", arr(tbound), arr(tcx), Plot.Style.SCATTER))
        .with(Plot.Series.of("y = x", new double[] {lo, hi}, new double[] {lo, hi}, Plot.Style.REFERENCE));
    List<String> notes = List.of(split.description() + ".",
        String.format(Locale.ROOT, "Random 5-8-1 nets (DATA-RANDOM-NET) at scales 0.5, 1, 2, %d per scale and activation; students "
            + "trained by full-batch GD with momentum (lr 0.05, momentum 0.9, at most %d steps).", perScale, ctx.size(2000, 8000)),
        "The bound is basin's reconstruction with the structure of the quoted bound (11); the paper's constants are unknown.");
    return ClaimResult.judged(info(), v -> decide(e), m, List.of(p), notes, Map.of());
  }

  /**
   * Per-net outcomes of complexity ≤ middle ≤ bound, with each side uncertain by the relative
   * rounding allowance a: certainly holding (ĉ(1 + a) ≤ m̂(1 − a) and m̂(1 + a) ≤ r̂(1 − a)),
   * certainly violated (ĉ(1 − a) &gt; m̂(1 + a) or m̂(1 − a) &gt; r̂(1 + a)), else undecided.
   *
   * @param nets nets checked
   * @param violated nets with a certain violation
   * @param undecided nets neither certainly holding nor certainly violated
   */
  record Evidence(int nets, int violated, int undecided) {
    static Evidence of(List<InputGradient.WuBound> bounds) {
      int violated = 0;
      int undecided = 0;
      for (InputGradient.WuBound b : bounds) {
        double up = 1.0 + b.roundingAllowance();
        double down = 1.0 - b.roundingAllowance();
        boolean surely = b.complexity() * up <= b.middle() * down && b.middle() * up <= b.rhs() * down;
        boolean broken = b.complexity() * down > b.middle() * up || b.middle() * down > b.rhs() * up;
        violated += broken ? 1 : 0;
        undecided += surely || broken ? 0 : 1;
      }
      return new Evidence(bounds.size(), violated, undecided);
    }
  }

  /** The criterion (v1 and v2 state the same rule): no certain violation, and no undecided net for REPRODUCED. */
  static Decision decide(Evidence e) {
    String nums = String.format(Locale.ROOT, "%d nets: %d certain violations, %d within the rounding allowance", e.nets(),
        e.violated(), e.undecided());
    if (e.violated() > 0) {
      return new Decision(Verdict.NOT_REPRODUCED, nums + ": the bound fails");
    }
    return e.undecided() > 0 ? new Decision(Verdict.INCONCLUSIVE, nums + ": undecided")
        : new Decision(Verdict.REPRODUCED, nums + ": the bound holds on every net");
  }

  static double[] arr(List<Double> xs) {
    double[] a = new double[xs.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = xs.get(i);
    }
    return a;
  }

  private static double min(List<Double> xs) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : xs) {
      m = Math.min(m, x);
    }
    return m;
  }

  private static double max(List<Double> xs) {
    double m = 0.0;
    for (double x : xs) {
      m = Math.max(m, x);
    }
    return m;
  }
}
