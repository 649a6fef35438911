package dev.basin.claims;

import dev.basin.data.RealData;
import dev.basin.base.Rng;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.measure.HessianDiagonal;
import dev.basin.measure.Sharpness;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.model.TwoLayerNet;
import dev.basin.report.Plot;
import dev.basin.symmetry.Rescaling;
import dev.basin.symmetry.Sharpen;
import dev.basin.symmetry.SymmetryCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CLAIM-DINH-RESCALE (spec/claims.md): rescaling changes curvature, not the function, on a trained relu net. */
final class DinhRescaleClaim implements Claim {

  static final String ID = "CLAIM-DINH-RESCALE";
  private static final double[] ALPHAS = {1e-2, 1e-1, 10.0, 1e2};
  /** Sharpened measures must exceed this multiple of the original. */
  static final double FACTOR = 1e3;
  /** The trace law and the sharpened nets' outputs are compared within this relative tolerance (rounding only). */
  static final double LAW_TOL = 1e-9;

  @Override
  public ClaimInfo info() {
    return new ClaimInfo(ID, "Dinh, Pascanu, Bengio, Bengio (ICML 2017) Defs 5-6, Thms 3-5",
        "Rescalings of a rectifier net's hidden units leave its function and loss unchanged, transform the Hessian by "
            + "conjugation, leave a null vector per unit at a critical point, and make λ_max, the trace and the ε-sharpness "
            + "exceed any bound M.",
        "at a relu student trained on TEACHER-REG: the SYM-INVARIANCE checks (outputs, loss, H(Tθ) = D⁻¹H(θ)D⁻¹ on probes, "
            + "the null-vector identity H·J_jθ = −J_j∇L for every unit) for α ∈ {1e-2, 1e-1, 10, 1e2} and a random per-unit "
            + "rescaling; trace(α) against α⁻² tr H11 + α² tr H22 + tr H_b2; sharpened nets (SYM-SHARPEN) for "
            + "M = " + FACTOR + " × the original trace, λ_max and ball sharpness",
        "every check within its rounding budget (SymmetryCheck ratios ≤ 1), the trace law within relative " + LAW_TOL
            + ", and each sharpened net computes the same outputs (relative " + LAW_TOL + ") with its measure ≥ M",
        "derived (papers.md §2.3; spec SYM-INVARIANCE, SYM-CONJUGATION, SYM-NULL, SYM-TRACE-LAW, SYM-SHARPEN)", 1.0);
  }

  /**
   * One sharpened net against the criterion: its measure reached the target and its outputs moved
   * by at most LAW_TOL relative to the outputs' scale.
   */
  static Decision sharpened(String what, double before, double achieved, double target, double outputDeviation, double scale) {
    return Criteria.holds(achieved >= target && outputDeviation <= LAW_TOL * Math.max(1.0, scale), String.format(Locale.ROOT,
        "%s sharpened from %.4g to %.4g >= %.4g with outputs changed by %.2g", what, before, achieved, target, outputDeviation));
  }

  @Override
  public ClaimResult run(ClaimContext ctx) {
    RealData.Split split = Tasks.teacherReg(ctx, ID, 100, 200, 0.05);
    Loss loss = new Loss(Loss.HALFSQ, Loss.MEAN);
    Training.Trained t = Training.train(Training.student(5, 8, 1, Activation.of(Activation.RELU), ctx.seed(ID, "init", 0)),
        loss, split.train(), new Training.Recipe(0.05, 0.9, 0, ctx.size(8000, 30000), Double.NaN, 1e-6, false),
        ctx.seed(ID, "train", 0));
    TwoLayerNet net = t.net();
    Objective obj = Objective.of(net, loss, split.train());
    double[] theta = net.parameters();
    Point p = obj.at(theta);
    int h = net.hidden();
    List<Measurement> m = new ArrayList<>();
    List<Decision> parts = new ArrayList<>();
    double worst = 0.0;
    List<Rescaling> rescalings = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (double a : ALPHAS) {
      rescalings.add(Rescaling.uniform(h, a));
      names.add(String.format(Locale.ROOT, "alpha = %g", a));
    }
    Rng r = ctx.rng(ID, "per-unit");
    double[] c = new double[h];
    for (int j = 0; j < h; j++) {
      c[j] = Math.pow(10.0, 2.0 * r.uniform01() - 1.0);
    }
    rescalings.add(Rescaling.of(c));
    names.add("random per-unit factors in [0.1, 10]");
    for (int i = 0; i < rescalings.size(); i++) {
      SymmetryCheck s = SymmetryCheck.rescaling(obj, theta, rescalings.get(i), 4, ctx.seed(ID, "probes", i));
      double ratio = Math.max(Math.max(s.outputs(), s.loss()), Math.max(s.conjugation(), s.nullVectors()));
      worst = Math.max(worst, ratio);
      m.add(Measurement.exact("largest check / rounding budget, " + names.get(i), ratio, "SYM-INVARIANCE"));
    }
    parts.add(Criteria.holds(worst <= 1.0, String.format(Locale.ROOT,
        "invariance, conjugation and null-vector checks within their rounding budgets (worst ratio %.3g)", worst)));

    HessianDiagonal.UnitTraces u = HessianDiagonal.unitTraces(p);
    double[] law = new double[ALPHAS.length];
    double[] measured = new double[ALPHAS.length];
    double worstLaw = 0.0;
    for (int i = 0; i < ALPHAS.length; i++) {
      double a = ALPHAS[i];
      law[i] = u.inTotal() / (a * a) + a * a * u.outTotal() + u.outputBias();
      measured[i] = HessianDiagonal.trace(obj.at(Rescaling.uniform(h, a).apply(net)));
      worstLaw = Math.max(worstLaw, Math.abs(measured[i] - law[i]) / law[i]);
    }
    m.add(Measurement.exact("worst relative deviation of trace(alpha) from the law", worstLaw, "SYM-TRACE-LAW"));
    parts.add(Criteria.holds(worstLaw <= LAW_TOL, String.format(Locale.ROOT, "trace law (worst relative %.2g)", worstLaw)));

    Curvature cur = Curvature.at(p, ctx.seed(ID, "lanczos", 0));
    Sharpness.Options so = new Sharpness.Options(ctx.size(3, 5), ctx.size(60, 150), ctx.seed(ID, "ascent", 0), false);
    double ball = Sharpness.ball(obj, theta, 0.1, so).lowerBound();
    List<Sharpen.Result> sharpened = List.of(
        Sharpen.trace(obj, net, FACTOR * cur.trace()),
        Sharpen.lambdaMax(obj, net, FACTOR * cur.lambdaMax()),
        Sharpen.sharpness(obj, net, FACTOR * ball, 0.1, false, so));
    double[] before = {cur.trace(), cur.lambdaMax(), ball};
    double[] out0 = p.outputs();
    double scale = 0.0;
    for (double v : out0) {
      scale = Math.max(scale, Math.abs(v));
    }
    Map<String, String> art = new LinkedHashMap<>();
    art.put("trained net", ctx.saveNet(ID, "trained", net));
    for (int i = 0; i < sharpened.size(); i++) {
      Sharpen.Result s = sharpened.get(i);
      double[] out = s.net().outputs(split.train().x(), split.train().size());
      double dev = 0.0;
      for (int q = 0; q < out.length; q++) {
        dev = Math.max(dev, Math.abs(out[q] - out0[q]));
      }
      String what = s.measure().name().toLowerCase(Locale.ROOT);
      m.add(Measurement.exact(what + " before sharpening", before[i], s.measure() == Sharpen.Measure.TRACE ? "FLAT-TRACE"
          : "SYM-SHARPEN"));
      m.add(Measurement.lowerBound(what + " after sharpening (target " + String.format(Locale.ROOT, "%.4g", s.target()) + ")",
          s.achieved(), "SYM-SHARPEN"));
      parts.add(sharpened(what, before[i], s.achieved(), s.target(), dev, scale));
      art.put("sharpened (" + what + ")", ctx.saveNet(ID, "sharpened-" + what, s.net()));
    }
    Decision d = Decision.all(parts.toArray(new Decision[0]));
    Plot pl = Plot.of("trace-law", "Trace along the orbit T_alpha: measured and the law", "alpha", "trace").log(true, true)
        .with(Plot.Series.of("measured (closed-form diagonal)", ALPHAS, measured, Plot.Style.SCATTER))
        .with(Plot.Series.of("alpha^-2 tr H11 + alpha^2 tr H22 + tr H_b2", ALPHAS, law, Plot.Style.REFERENCE));
    List<String> notes = List.of(split.description() + ".",
        "Student 5-8-1 relu with biases, halfsq mean, " + t.recipe() + String.format(Locale.ROOT, "; ‖∇L‖ = %.3g at the net.",
            ImaizumiStayClaim.norm(p.gradient())),
        "The null-vector identity H(θ)·J_jθ = −J_j∇L(θ) holds at any θ; at a critical point J_jθ is a kernel vector.");
    return new ClaimResult(info(), d.verdict(), d.reason(), m, List.of(pl), notes, art, null);
  }
}
