package dev.basin.claims;

import dev.basin.base.Vectors;
import dev.basin.data.RealData;
import dev.basin.dynamics.ObjectiveLandscape;
import dev.basin.dynamics.noise.IsotropicNoise;
import dev.basin.dynamics.stagnation.Ball;
import dev.basin.dynamics.stagnation.BinomialInterval;
import dev.basin.dynamics.stagnation.Eigenbasis;
import dev.basin.dynamics.stagnation.LocalModel;
import dev.basin.dynamics.stagnation.QuadraticUnionBound;
import dev.basin.dynamics.stagnation.StayingBound;
import dev.basin.dynamics.stagnation.StayingMonteCarlo;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.base.Plot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CLAIM-IMAIZUMI-STAY (spec/claims.md; reconstructed): noisy GD near a trained minimum stays in a
 * ball at least as often as basin's quadratic-model bound (spec STAG-BOUND-QUAD) says.
 */
final class ImaizumiStayClaim implements Claim {

  static final String ID = "CLAIM-IMAIZUMI-STAY";
  /** Radii in units of the random-walk scale η σ √(N T), the RMS displacement after T steps when the landscape is flat (an upper bound on it when 0 ≤ ηλ ≤ 2). */
  private static final double[] RADII = {0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0};

  @Override
  public ClaimInfo info() {
    return ClaimInfo.of(ID, "Imaizumi & Schmidt-Hieber (IEEE TIT 2023), abstract: lower bounds on the probability that SGD "
            + "with Gaussian gradient noise stays in stagnation sets",
        "SGD with Gaussian gradient noise started at a local minimum remains in a stagnation set around it with a probability "
            + "that can be bounded below.",
        "at a trained minimum θ* (TEACHER-REG, tanh student): the Monte-Carlo probability that full-batch GD with isotropic "
            + "Gaussian gradient noise stays in the ball B(θ*, r) for T steps (Clopper–Pearson 95 %), and basin's "
            + "quadratic-model union lower bound (STAG-BOUND-QUAD), over a grid of radii",
        "reconstructed (the paper's definitions and bound were not retrieved; papers.md §4.3; spec/dynamics.md STAG-*)", 2.0);
  }

  @Override
  public ClaimResult run(ClaimContext ctx) throws Exception {
    RealData.Split split = Tasks.teacherReg(ctx, ID, 60, 200, 0.05);
    Training.Trained t = Training.train(Training.student(5, 6, 1, Activation.of(Activation.TANH), ctx.seed(ID, "init", 0)),
        new Loss(Loss.HALFSQ, Loss.MEAN), split.train(), new Training.Recipe(0.1, 0.9, 0, 40000, Double.NaN, 1e-8, false),
        ctx.seed(ID, "train", 0));
    Objective obj = Objective.of(t.net(), new Loss(Loss.HALFSQ, Loss.MEAN), split.train());
    double[] center = t.theta();
    Point at = obj.at(center);
    int n = center.length;
    Eigenbasis basis = Eigenbasis.of(at.hessian(), n);
    double lambdaMax = basis.value(0);
    double lr = Math.min(0.1, 1.0 / lambdaMax);
    double sigma = 0.05;
    int steps = ctx.size(100, 200);
    int runs = ctx.size(100, 400);
    IsotropicNoise noise = new IsotropicNoise(sigma);
    LocalModel model = LocalModel.isotropic(basis, at.gradient(), sigma);
    double unit = lr * sigma * Math.sqrt((double) n * steps);
    ObjectiveLandscape land = new ObjectiveLandscape(obj);
    List<Measurement> m = new ArrayList<>();
    double[] r = new double[RADII.length];
    double[] est = new double[RADII.length];
    double[] lo = new double[RADII.length];
    double[] hi = new double[RADII.length];
    double[] bnd = new double[RADII.length];
    for (int i = 0; i < RADII.length; i++) {
      r[i] = RADII[i] * unit;
      Ball ball = new Ball(r[i], n);
      BinomialInterval ci = StayingMonteCarlo.estimate(land, center, ball, lr, noise, steps, runs, 0.95,
          ctx.seed(ID, "runs", i), 1).interval();
      StayingBound.Bound b = QuadraticUnionBound.INSTANCE.lowerBound(model, ball, lr, steps);
      est[i] = ci.estimate();
      lo[i] = ci.lower();
      hi[i] = ci.upper();
      bnd[i] = b.value();
      String where = String.format(Locale.ROOT, "r = %.4g", r[i]);
      m.add(Measurement.estimate("staying probability, Monte Carlo, " + where, ci.estimate(), ci.lower(), ci.upper(), runs,
          "Clopper-Pearson, exact", "STAG-MC", "noisy GD runs that stayed in the ball for T steps"));
      m.add(Measurement.exact("quadratic-model lower bound on the staying probability, " + where, b.value(), "STAG-BOUND-QUAD",
          "union bound on the quadratic model at θ*; a lower bound for the model's dynamics, not certified for the net's"));
    }
    Plot p = Plot.of("staying", "Staying probability in B(θ*, r) for T steps: Monte Carlo (95% CI) and the lower bound",
            "radius r", "P(stay)")
        .with(new Plot.Series("Monte Carlo", r, est, lo, hi, Plot.Style.LINE))
        .with(Plot.Series.of("quadratic-model lower bound", r, bnd, Plot.Style.REFERENCE));
    List<String> notes = List.of(split.description() + ".",
        "Minimum: 5-6-1 tanh student, halfsq mean, " + t.recipe() + String.format(Locale.ROOT, "; ‖∇L(θ*)‖ = %.3g, N = %d.",
            Vectors.norm(at.gradient()), n),
        String.format(Locale.ROOT, "Dynamics: θ_{t+1} = θ_t − η(∇L(θ_t) + ξ_t), ξ_t ~ N(0, σ² I), η = %.4g (= min(0.1, 1/λ_max), "
            + "λ_max = %.4g), σ = %.3g, T = %d, %d runs per radius; radii = {%s} × η σ √(N T) = %.4g.", lr, lambdaMax, sigma,
            steps, runs, join(RADII), unit),
        "The bound uses the quadratic model at θ* (exact Hessian and gradient), a union bound over steps and eigen-directions; "
            + "it is basin's operationalization, not the paper's theorem.");
    Map<String, String> art = new LinkedHashMap<>();
    art.put("minimum θ*", ctx.saveNet(ID, "minimum", t.net()));
    return ClaimResult.judged(info(), v -> decide(v, bnd, lo, hi), m, List.of(p), notes, art);
  }

  /**
   * The criterion, arrays per radius (not modified). All versions: NOT_REPRODUCED if the bound
   * exceeds the interval's upper end at some radius. v1: REPRODUCED if it is also at most the
   * interval's lower end at some radius, else INCONCLUSIVE. v2, v3: INCONCLUSIVE if it is 0 at every
   * radius, else REPRODUCED.
   */
  static Decision decide(CriterionVersion v, double[] bound, double[] ciLow, double[] ciHigh) {
    for (int i = 0; i < bound.length; i++) {
      if (bound[i] > ciHigh[i]) {
        return new Decision(Verdict.NOT_REPRODUCED, String.format(Locale.ROOT,
            "the bound %.4g exceeds the Monte-Carlo interval [%.4g, %.4g] at radius %d", bound[i], ciLow[i], ciHigh[i], i + 1));
      }
    }
    if (v.version() == 1) {
      int atMostLow = 0;
      for (int i = 0; i < bound.length; i++) {
        atMostLow += bound[i] <= ciLow[i] ? 1 : 0;
      }
      return atMostLow > 0 ? new Decision(Verdict.REPRODUCED, String.format(Locale.ROOT, "the bound lies below the interval's "
          + "upper end at all %d radii and at or below its lower end at %d", bound.length, atMostLow))
          : new Decision(Verdict.INCONCLUSIVE, "the bound is valid but above the interval's lower end at every radius");
    }
    int pos = positives(bound);
    if (pos == 0) {
      return new Decision(Verdict.INCONCLUSIVE, "the bound is valid but vacuous (0) at every radius");
    }
    return new Decision(Verdict.REPRODUCED, String.format(Locale.ROOT,
        "the bound lies below the interval's upper end at all %d radii and is positive at %d (largest radius: bound %.4g, "
            + "interval [%.4g, %.4g])", bound.length, pos, bound[bound.length - 1], ciLow[ciLow.length - 1], ciHigh[ciHigh.length - 1]));
  }

  private static int positives(double[] b) {
    int c = 0;
    for (double v : b) {
      if (v > 0) {
        c++;
      }
    }
    return c;
  }

  private static String join(double[] v) {
    StringBuilder b = new StringBuilder();
    for (double x : v) {
      b.append(b.length() == 0 ? "" : ", ").append(x);
    }
    return b.toString();
  }
}
