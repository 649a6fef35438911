package dev.basin.claims;

import dev.basin.base.Plot;
import dev.basin.base.Rng;
import dev.basin.base.Vectors;
import dev.basin.data.RealData;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.measure.HessianDiagonal;
import dev.basin.measure.Sharpness;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.model.TwoLayerNet;
import dev.basin.symmetry.EigenCount;
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
  /** Sharpened measures aim at this multiple of the original (the criterion's target_factor; the setting's M). */
  private static final double FACTOR = 1e3;

  @Override
  public ClaimInfo info() {
    return ClaimInfo.of(ID, "Dinh, Pascanu, Bengio, Bengio (ICML 2017) Defs 5-6, Thms 3-5",
        "Rescalings of a rectifier net's hidden units leave its function and loss unchanged, transform the Hessian by "
            + "conjugation, leave a null vector per unit at a critical point, and make λ_max, the trace and the ε-sharpness "
            + "exceed any bound M — and even many eigenvalues exceed M (Thm 4).",
        "at a relu student trained on TEACHER-REG: the SYM-INVARIANCE checks (outputs, loss, H(Tθ) = D⁻¹H(θ)D⁻¹, the "
            + "null-vector identity H·J_jθ = −J_j∇L for every unit) for α ∈ {1e-2, 1e-1, 10, 1e2} and a random per-unit "
            + "rescaling, as ratios to their rounding budgets and as relative deviations; trace(α) against α⁻² tr H11 + "
            + "α² tr H22 + tr H_b2; sharpened nets (SYM-SHARPEN) for M = " + FACTOR + " × the original trace, λ_max and "
            + "ball sharpness; for Thm 4 (SYM-EIGENCOUNT) the rank r of the Hessian, the count q* = r − min(n₁, n₂) − n_b and "
            + "the certified number of eigenvalues above M = " + FACTOR + " × λ_max of the net `sharpen --measure "
            + "eigencount` returns",
        "derived (papers.md §2.3–2.4; spec SYM-INVARIANCE, SYM-CONJUGATION, SYM-NULL, SYM-TRACE-LAW, SYM-SHARPEN, "
            + "SYM-EIGENCOUNT)", 1.0);
  }

  /**
   * One sharpened net.
   *
   * @param measure what was sharpened
   * @param before the measure at the trained net
   * @param target M
   * @param achieved the evidence at the sharpened net (exact trace or certified lower bound); NaN if not reached
   * @param certifiedLowerBound whether {@code achieved} is a lower bound (a miss then cannot refute)
   * @param outputDeviation max |f_sharpened − f| over the training inputs
   */
  record Sharpened(String measure, double before, double target, double achieved, boolean certifiedLowerBound,
      double outputDeviation) {
    boolean reached() {
      return achieved >= target;
    }
  }

  /**
   * What the criterion is applied to (worst cases over the rescalings).
   *
   * @param budgetRatio largest SymmetryCheck deviation / rounding budget
   * @param outputRelative max |f' − f| / max |f|
   * @param lossRelative |L' − L| / |L|
   * @param conjugationRelative ‖H(Tθ) − D⁻¹H(θ)D⁻¹‖_max / ‖D⁻¹H(θ)D⁻¹‖_max
   * @param nullRelative max_j ‖H n_j + J_j∇L‖_∞ over the magnitude of its terms
   * @param traceLawRelative worst relative deviation of trace(α) from the law
   * @param outputScale max |f| at the trained net
   * @param sharpened the sharpened nets
   * @param eigen Theorem 4: the eigencount sharpening (SYM-EIGENCOUNT)
   * @param eigenOutputRatio the eigencount net's output deviation over its rounding budget (SYM-INVARIANCE)
   */
  record Evidence(double budgetRatio, double outputRelative, double lossRelative, double conjugationRelative,
      double nullRelative, double traceLawRelative, double outputScale, List<Sharpened> sharpened, EigenCount.Result eigen,
      double eigenOutputRatio) {}

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
    double scale = maxAbs(p.outputs());
    double[] hess = p.hessian();
    double worstRatio = 0.0;
    double worstOut = 0.0;
    double worstLoss = 0.0;
    double worstConj = 0.0;
    for (int i = 0; i < rescalings.size(); i++) {
      SymmetryCheck s = SymmetryCheck.rescaling(obj, theta, rescalings.get(i), 4, ctx.seed(ID, "probes", i));
      double ratio = Math.max(Math.max(s.outputs(), s.loss()), Math.max(s.conjugation(), s.nullVectors()));
      double conj = conjugationRelative(obj, theta, hess, rescalings.get(i));
      worstRatio = Math.max(worstRatio, ratio);
      worstOut = Math.max(worstOut, s.maxOutputDeviation() / scale);
      worstLoss = Math.max(worstLoss, s.lossDeviation() / Math.abs(p.loss()));
      worstConj = Math.max(worstConj, conj);
      m.add(Measurement.exact("largest check / rounding budget, " + names.get(i), ratio, "SYM-INVARIANCE",
          "SymmetryCheck: deviation over its FLAT-HVP-ERROR / forward-pass rounding budget"));
      m.add(Measurement.exact("relative conjugation residual, " + names.get(i), conj, "SYM-CONJUGATION",
          "dense Hessians (HESS-FULL) at both points, max-norm"));
    }
    double nullRel = nullRelative(obj, p, hess);
    m.add(Measurement.exact("worst relative output change over the rescalings", worstOut, "SYM-INVARIANCE", "max |f' - f| / max |f|"));
    m.add(Measurement.exact("worst relative loss change over the rescalings", worstLoss, "SYM-INVARIANCE", "|L' - L| / |L|"));
    m.add(Measurement.exact("relative null-vector residual", nullRel, "SYM-NULL",
        "max_j |H n_j + J_j grad L|_inf over the magnitude of its terms, dense Hessian"));

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
    m.add(Measurement.exact("worst relative deviation of trace(alpha) from the law", worstLaw, "SYM-TRACE-LAW",
        "closed-form diagonal (FLAT-DIAG) at each T_alpha theta against the law"));

    Curvature cur = Curvature.at(p, ctx.seed(ID, "lanczos", 0));
    Sharpness.Options so = new Sharpness.Options(ctx.size(3, 5), ctx.size(60, 150), ctx.seed(ID, "ascent", 0), false);
    double ball = Sharpness.ball(obj, theta, 0.1, so).lowerBound();
    double[] before = {cur.trace(), cur.lambdaMax(), ball};
    Map<String, String> art = new LinkedHashMap<>();
    art.put("trained net", ctx.saveNet(ID, "trained", net));
    List<Sharpened> sharpened = new ArrayList<>();
    for (Sharpen.Measure what : List.of(Sharpen.Measure.TRACE, Sharpen.Measure.LAMBDA_MAX, Sharpen.Measure.BALL_SHARPNESS)) {
      int i = sharpened.size();
      double target = FACTOR * before[i];
      Sharpen.Result s = switch (what) {
        case TRACE -> Sharpen.trace(obj, net, target);
        case LAMBDA_MAX -> Sharpen.lambdaMax(obj, net, target);
        default -> Sharpen.sharpness(obj, net, target, 0.1, false, so);
      };
      double dev = maxDeviation(s.net().outputs(split.train().x(), split.train().size()), p.outputs());
      String name = what.name().toLowerCase(Locale.ROOT);
      sharpened.add(new Sharpened(name, before[i], target, s.achieved(), what != Sharpen.Measure.TRACE, dev));
      m.add(what == Sharpen.Measure.TRACE
          ? Measurement.exact(name + " before sharpening", before[i], "FLAT-TRACE", "closed-form diagonal")
          : what == Sharpen.Measure.LAMBDA_MAX
              ? cur.lambdaMeasurement(name + " before sharpening")
              : Measurement.lowerBound(name + " before sharpening", before[i], "FLAT-SHARP-BALL", "projected ascent"));
      m.add(what == Sharpen.Measure.TRACE
          ? Measurement.exact(name + " after sharpening (target " + String.format(Locale.ROOT, "%.4g", target) + ")",
              s.achieved(), "SYM-SHARPEN-TRACE", "closed-form diagonal at T_alpha theta")
          : Measurement.lowerBound(name + " after sharpening (target " + String.format(Locale.ROOT, "%.4g", target) + ")",
              s.achieved(), "SYM-SHARPEN", "certified lower bound at T_alpha theta"));
      m.add(Measurement.exact("max output change of the " + name + "-sharpened net", dev, "SYM-INVARIANCE", "max |f' - f|"));
      art.put("sharpened (" + name + ")", ctx.saveNet(ID, "sharpened-" + name, s.net()));
    }
    EigenCount.Result eig = EigenCount.sharpen(obj, net, FACTOR * cur.lambdaMax(), ctx.seed(ID, "eigencount", 0));
    double eigRatio = SymmetryCheck.rescaling(obj, theta, Rescaling.uniform(h, eig.alpha()), 2, ctx.seed(ID, "probes", 99))
        .outputs();
    m.add(Measurement.exact("rank r of the Hessian at the trained net (eigenvalues above the tolerance)", eig.rank(),
        "SYM-EIGENCOUNT", String.format(Locale.ROOT, "dense eigenvalues, tolerance %.3g", eig.tolerance())));
    m.add(Measurement.exact("smallest Hessian eigenvalue at the trained net (computed)", eig.minEigenvalue(), "SYM-EIGENCOUNT",
        "dense symmetric eigensolver (LINALG-EIGEN); a minimum to the tolerance has it >= -tolerance"));
    m.add(Measurement.count("Thm 4 count q* = r - min(n1, n2) - n_b (n1 = " + eig.nIn() + ", n2 = " + eig.nOut() + ", n_b = "
        + eig.nBias() + ")", eig.theoremCount(), "SYM-EIGENCOUNT"));
    m.add(Measurement.lowerBound(String.format(Locale.ROOT, "eigenvalues above M = %.4g after eigencount sharpening (alpha = %.4g)",
        eig.target(), eig.alpha()), eig.certifiedCount(), "SYM-EIGENCOUNT",
        "pairwise disjoint certified Lanczos enclosures (FLAT-CERT-EIG) with lower end > M: a certified lower bound on the count"));
    m.add(Measurement.exact("output deviation of the eigencount net over its rounding budget", eigRatio, "SYM-INVARIANCE",
        "SymmetryCheck output ratio"));
    art.put("sharpened (eigencount, Thm 4)", ctx.saveNet(ID, "sharpened-eigencount", eig.net()));
    Evidence e = new Evidence(worstRatio, worstOut, worstLoss, worstConj, nullRel, worstLaw, scale, sharpened, eig, eigRatio);
    Plot pl = Plot.of("trace-law", "Trace along the orbit T_alpha: measured and the law", "alpha", "trace").log(true, true)
        .with(Plot.Series.of("measured (closed-form diagonal)", ALPHAS, measured, Plot.Style.SCATTER))
        .with(Plot.Series.of("alpha^-2 tr H11 + alpha^2 tr H22 + tr H_b2", ALPHAS, law, Plot.Style.REFERENCE));
    List<String> notes = List.of(split.description() + ".",
        "Student 5-8-1 relu with biases, halfsq mean, " + t.recipe() + String.format(Locale.ROOT, "; ‖∇L‖ = %.3g at the net.",
            Vectors.norm(p.gradient())),
        "The null-vector identity H(θ)·J_jθ = −J_j∇L(θ) holds at any θ; at a critical point J_jθ is a kernel vector.");
    return ClaimResult.judged(info(), v -> decide(v, e), m, List.of(pl), notes, art);
  }

  /**
   * The criterion. v1: relative tolerances (identities 1e-9, outputs and loss 1e-12, the sharpened
   * nets' outputs 1e-12 of max |f|); v2: the rounding budgets, the trace law 1e-9, the sharpened
   * nets' outputs 1e-9 · max(1, max |f|); v3: v2 and Theorem 4. A target missed by a certified lower bound is
   * INCONCLUSIVE (the true value may still exceed it); a missed exact trace is NOT_REPRODUCED.
   */
  static Decision decide(CriterionVersion v, Evidence e) {
    List<Decision> parts = new ArrayList<>();
    double outputTolerance;
    if (v.version() == 1) {
      double rel = v.number("identity_relative");
      double fn = v.number("function_relative");
      parts.add(Criteria.holds(e.outputRelative() <= fn && e.lossRelative() <= fn, String.format(Locale.ROOT,
          "outputs and loss unchanged by the rescalings within relative %.0e (worst %.2g, %.2g)", fn, e.outputRelative(),
          e.lossRelative())));
      parts.add(Criteria.holds(e.conjugationRelative() <= rel && e.nullRelative() <= rel && e.traceLawRelative() <= rel,
          String.format(Locale.ROOT, "conjugation law, null vectors and trace law within relative %.0e (worst %.2g, %.2g, %.2g)",
              rel, e.conjugationRelative(), e.nullRelative(), e.traceLawRelative())));
      outputTolerance = fn * e.outputScale();
    } else {
      double law = v.number("trace_law_relative");
      parts.add(Criteria.holds(e.budgetRatio() <= v.number("budget_ratio"), String.format(Locale.ROOT,
          "invariance, conjugation and null-vector checks within their rounding budgets (worst ratio %.3g)", e.budgetRatio())));
      parts.add(Criteria.holds(e.traceLawRelative() <= law, String.format(Locale.ROOT, "trace law (worst relative %.2g)",
          e.traceLawRelative())));
      outputTolerance = v.number("output_relative") * Math.max(1.0, e.outputScale());
    }
    for (Sharpened s : e.sharpened()) {
      parts.add(sharpened(s, outputTolerance));
    }
    if (v.version() >= 3) {
      parts.add(theorem4(v, e.eigen(), e.eigenOutputRatio()));
    }
    return Decision.all(parts.toArray(new Decision[0]));
  }

  /**
   * Theorem 4 (v3): the eigencount net the same function (else NOT_REPRODUCED), the trained net a
   * minimum to the tolerance (else INCONCLUSIVE), and at least q* eigenvalues certified above M
   * (fewer: INCONCLUSIVE, the certified count being a lower bound).
   */
  static Decision theorem4(CriterionVersion v, EigenCount.Result r, double outputRatio) {
    String nums = String.format(Locale.ROOT, "Thm 4: rank %d (tolerance %.3g), q* = %d, %d eigenvalues certified above M = %.4g "
        + "at alpha = %.4g, output ratio %.3g", r.rank(), r.tolerance(), r.theoremCount(), r.certifiedCount(), r.target(),
        r.alpha(), outputRatio);
    if (!(outputRatio <= v.number("budget_ratio"))) {
      return new Decision(Verdict.NOT_REPRODUCED, nums + ": the reparametrized net is not the same function");
    }
    if (!r.minimum()) {
      return new Decision(Verdict.INCONCLUSIVE, nums + String.format(Locale.ROOT, ": the trained net is not a minimum to the "
          + "tolerance (smallest eigenvalue %.3g), so the theorem does not apply", r.minEigenvalue()));
    }
    return r.certifiedCount() >= r.theoremCount() ? new Decision(Verdict.REPRODUCED, nums + ": holds")
        : new Decision(Verdict.INCONCLUSIVE, nums + ": fewer certified than the theorem's count");
  }

  /** One sharpened net: the same function within the tolerance, and its measure at least M. */
  static Decision sharpened(Sharpened s, double outputTolerance) {
    String what = String.format(Locale.ROOT, "%s sharpened from %.4g to %.4g (target %.4g), outputs changed by %.2g (allowed %.2g)",
        s.measure(), s.before(), s.achieved(), s.target(), s.outputDeviation(), outputTolerance);
    if (!(s.outputDeviation() <= outputTolerance)) {
      return new Decision(Verdict.NOT_REPRODUCED, what + ": not the same function");
    }
    if (s.reached()) {
      return new Decision(Verdict.REPRODUCED, what + ": holds");
    }
    return s.certifiedLowerBound() ? new Decision(Verdict.INCONCLUSIVE, what + ": the lower bound missed the target")
        : new Decision(Verdict.NOT_REPRODUCED, what + ": the exact value missed the target");
  }

  /** ‖H(Tθ) − D⁻¹H(θ)D⁻¹‖_max / ‖D⁻¹H(θ)D⁻¹‖_max with dense Hessians; hess = H(θ) row-major (not modified). */
  private static double conjugationRelative(Objective obj, double[] theta, double[] hess, Rescaling r) {
    double[] dg = r.diagonal(obj.layout());
    double[] h2 = obj.at(r.apply(obj.layout(), theta)).hessian();
    int n = dg.length;
    double diff = 0.0;
    double size = 0.0;
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        double law = hess[a * n + b] / (dg[a] * dg[b]);
        diff = Math.max(diff, Math.abs(h2[a * n + b] - law));
        size = Math.max(size, Math.abs(law));
      }
    }
    return diff / size;
  }

  /** max_j ‖H n_j + J_j∇L‖_∞ / max_i (Σ_q |H_iq n_jq| + |(J_j∇L)_i|), dense H (not modified). */
  private static double nullRelative(Objective obj, Point p, double[] hess) {
    double[] theta = p.theta();
    double[] grad = p.gradient();
    int n = theta.length;
    double worst = 0.0;
    for (int j = 0; j < obj.layout().hidden(); j++) {
      double[] sign = SymmetryCheck.unitSigns(obj.layout(), j);
      double res = 0.0;
      double mag = 0.0;
      for (int a = 0; a < n; a++) {
        double s = sign[a] * grad[a];
        double m = Math.abs(s);
        for (int b = 0; b < n; b++) {
          double term = hess[a * n + b] * sign[b] * theta[b];
          s += term;
          m += Math.abs(term);
        }
        res = Math.max(res, Math.abs(s));
        mag = Math.max(mag, m);
      }
      worst = Math.max(worst, mag > 0.0 ? res / mag : 0.0);
    }
    return worst;
  }

  static double maxAbs(double[] v) {
    double s = 0.0;
    for (double x : v) {
      s = Math.max(s, Math.abs(x));
    }
    return s;
  }

  private static double maxDeviation(double[] a, double[] b) {
    double m = 0.0;
    for (int q = 0; q < a.length; q++) {
      m = Math.max(m, Math.abs(a[q] - b[q]));
    }
    return m;
  }
}
