package dev.basin.dynamics;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.InvalidInputException;
import dev.basin.base.Reported;
import dev.basin.base.Rng;
import dev.basin.dynamics.noise.GradientNoise;
import dev.basin.dynamics.noise.NoiseKind;
import dev.basin.dynamics.stagnation.Ball;
import dev.basin.dynamics.stagnation.BinomialInterval;
import dev.basin.dynamics.stagnation.Eigenbasis;
import dev.basin.dynamics.stagnation.EssentialConvexity;
import dev.basin.dynamics.stagnation.LocalModel;
import dev.basin.dynamics.stagnation.QuadraticUnionBound;
import dev.basin.dynamics.stagnation.StagnationSet;
import dev.basin.dynamics.stagnation.StayingBound;
import dev.basin.dynamics.stagnation.StayingMonteCarlo;
import dev.basin.dynamics.stagnation.Tube;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.model.Checks;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Does noisy GD started at a minimizer stay in a ball or tube around it (spec STAG-*; basin's
 * operationalizations of Imaizumi &amp; Schmidt-Hieber 2022)? One study: the Monte-Carlo staying
 * probability with its exact interval (STAG-MC, STAG-CP), the quadratic-model union bound
 * (STAG-BOUND) and the local essential convexity check (STAG-LEC), with the explicit Hessian built
 * at most once.
 */
public final class StagnationStudy {

  /** Points of the survival curve: the survivors after each tenth of the steps. */
  static final int CURVE_POINTS = 10;
  /** The default perpendicular tube radius as a multiple of the radius. */
  public static final double DEFAULT_PERP_FACTOR = 10.0;

  private StagnationStudy() {}

  /** The shape of the stagnation set. */
  public enum Shape {
    /** ‖θ − θ*‖ ≤ r (STAG-SET-BALL). */
    BALL,
    /** A tube around the top-k Hessian eigendirections (STAG-SET-TUBE). */
    TUBE;

    /** "ball" or "tube" (case-insensitive). */
    public static Shape parse(String s) {
      return switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "ball" -> BALL;
        case "tube" -> TUBE;
        default -> throw new InvalidInputException("--shape", "unknown '" + s + "'; expected ball or tube");
      };
    }
  }

  /**
   * What to study (validated).
   *
   * @param shape ball or tube
   * @param radius r &gt; 0 (tube: across the top-k directions)
   * @param tubeK k ≥ 1 top eigendirections of the tube
   * @param tubePerp the tube's radius in the other directions (null: {@link #DEFAULT_PERP_FACTOR} r)
   * @param lr step size &gt; 0
   * @param noise noise scale σ ≥ 0
   * @param noiseKind the covariance
   * @param steps T ≥ 1
   * @param runs R ≥ 1
   * @param seed run r uses Rng.derive(seed, r)
   * @param level confidence level of the interval
   * @param threads worker threads (results do not depend on it)
   * @param quadraticModel whether to rerun the Monte Carlo on the local quadratic model
   * @param shells convexity check shells ≥ 1
   * @param perShell convexity points per shell (0: skip the check)
   * @param maxExact largest N for the explicit Hessian
   */
  public record Request(Shape shape, double radius, int tubeK, @Nullable Double tubePerp, double lr, double noise,
      NoiseKind noiseKind, int steps, int runs, long seed, double level, int threads, boolean quadraticModel, int shells,
      int perShell, int maxExact) {
    /** Validated. */
    public Request {
      Checks.positive("--radius", radius);
      Checks.atLeast("--tube-k", tubeK, 1);
      if (tubePerp != null) {
        Checks.positive("--tube-perp", tubePerp);
      }
      Checks.positive("--lr", lr);
      Checks.nonNegative("--noise", noise);
      Checks.atLeast("--steps", steps, 1);
      Checks.atLeast("--runs", runs, 1);
      Checks.openUnit("--level", level);
      Checks.atLeast("--threads", threads, 1);
      Checks.atLeast("--convexity-shells", shells, 1);
      Checks.atLeast("--convexity-samples", perShell, 0);
      Checks.atLeast("--max-exact", maxExact, 1);
    }
  }

  /**
   * Runs the study at center (the net's θ*, not modified) and reports it; onRun is told how many
   * Monte-Carlo runs are done (from worker threads too).
   */
  public static Findings run(Objective objective, double[] center, Request r, LongConsumer onRun) {
    int n = objective.numParams();
    Point at = objective.at(center);
    double[] grad = at.gradient();
    boolean exact = n <= r.maxExact();
    Findings.Builder report = Findings.builder()
        .count("num_params", n)
        .count("num_samples", objective.data().size())
        .put("loss_at_center", Reported.exact(at.loss(), "NET-RISK", "binary64 evaluation"))
        .put("grad_norm_at_center", Reported.exact(dev.basin.base.Vectors.norm(grad), "NET-GRAD", "||grad L||_2, binary64"))
        .put("conventions", dev.basin.model.Conventions.findings(objective));
    if (exact) {
      SymmetricEigen.requireMemory("--max-exact", n, "Hessian");
    }
    double @Nullable [] hessian = exact ? at.hessian() : null;
    Eigenbasis basis = hessian == null ? null : Eigenbasis.of(hessian, n);
    if (basis != null) {
      int negative = 0;
      for (double v : basis.values()) {
        negative += v < 0 ? 1 : 0;
      }
      String method = "dense eigensolve of the explicit Hessian at theta*";
      report.put("hessian_lambda_max", Reported.exact(basis.value(0), "FLAT-EIG-EXACT", method))
          .put("hessian_lambda_min", Reported.exact(basis.value(n - 1), "FLAT-EIG-EXACT", method))
          .count("hessian_negative_eigenvalues", negative);
    } else {
      report.text("note", "N = " + n + " exceeds --max-exact " + r.maxExact()
          + ": no explicit Hessian, so no tube, bound or hessian noise");
    }
    StagnationSet set = set(r, n, basis);
    report.put("set", set.describe());
    if (r.noiseKind() == NoiseKind.HESSIAN && basis == null) {
      throw new InvalidInputException("--noise-cov", "hessian needs the explicit Hessian: N = " + n + " exceeds --max-exact "
          + r.maxExact());
    }
    GradientNoise gn = r.noiseKind().create(objective, center, r.noise(), true);
    report.put("dynamics", Findings.builder()
        .text("update", "theta_{t+1} = theta_t - lr (grad R(theta_t) + xi_t), theta_0 = theta*, full batch (spec STAG-MC)")
        .setting("lr", r.lr()).count("steps", r.steps()).count("runs", r.runs()).count("seed", r.seed())
        .put("noise", gn.describe()).build());
    StayingMonteCarlo.Result mc = StayingMonteCarlo.estimate(new ObjectiveLandscape(objective), center, set, r.lr(), gn,
        r.steps(), r.runs(), r.level(), r.seed(), r.threads(), onRun);
    report.put("monte_carlo", monteCarlo(mc));
    boolean bounded = r.noiseKind() == NoiseKind.ISOTROPIC || r.noiseKind() == NoiseKind.HESSIAN;
    if (basis != null && hessian != null && bounded) {
      LocalModel model = r.noiseKind() == NoiseKind.ISOTROPIC ? LocalModel.isotropic(basis, grad, r.noise())
          : LocalModel.hessian(basis, grad, r.noise());
      report.put("quadratic_bound", bound(QuadraticUnionBound.INSTANCE.lowerBound(model, set, r.lr(), r.steps()),
          mc.interval()));
      if (r.quadraticModel()) {
        QuadraticLandscape q = new QuadraticLandscape(hessian, center, grad, at.loss());
        GradientNoise qn = r.noiseKind().create(objective, center, r.noise(), true);
        report.put("monte_carlo_quadratic_model", monteCarlo(StayingMonteCarlo.estimate(q, center, set, r.lr(), qn,
            r.steps(), r.runs(), r.level(), r.seed(), r.threads(), done -> { })));
      }
    } else {
      report.notApplicable("quadratic_bound", "needs N <= --max-exact and noise-cov isotropic or hessian");
    }
    if (r.perShell() > 0) {
      report.put("essential_convexity", convexity(EssentialConvexity.check(new ObjectiveLandscape(objective), center, set,
          r.shells(), r.perShell(), Rng.derive(r.seed(), -1))));
    }
    return report.build();
  }

  private static StagnationSet set(Request r, int n, @Nullable Eigenbasis basis) {
    if (r.shape() == Shape.BALL) {
      return new Ball(r.radius(), n);
    }
    if (basis == null) {
      throw new InvalidInputException("--shape", "tube needs the Hessian's eigenvectors: N = " + n + " exceeds --max-exact "
          + r.maxExact());
    }
    Double perp = r.tubePerp();
    return new Tube(basis, r.tubeK(), r.radius(), perp != null ? perp : DEFAULT_PERP_FACTOR * r.radius());
  }

  private static Findings monteCarlo(StayingMonteCarlo.Result mc) {
    BinomialInterval ci = mc.interval();
    List<Finding> curve = new ArrayList<>();
    for (int j = 1; j <= CURVE_POINTS; j++) {
      int t = (int) Math.max(1, Math.round(mc.steps() * (j / (double) CURVE_POINTS)));
      curve.add(Findings.builder().count("step", t).count("stayed", mc.survivors(t)).build());
    }
    return Findings.builder()
        .count("stayed", ci.successes())
        .count("runs", ci.trials())
        .put("probability", new Reported.Estimate(ci.estimate(), ci.lower(), ci.upper(), ci.level(),
            "Clopper-Pearson, exact binomial (STAG-CP)", (int) Math.min(Integer.MAX_VALUE, ci.trials()), "STAG-MC",
            "fraction of the runs that stayed in the set for all steps", ""))
        .items("survival", curve)
        .build();
  }

  private static Findings bound(StayingBound.Bound b, BinomialInterval ci) {
    return Findings.builder()
        .put("value", Reported.lowerBound(b.value(), b.spec(), b.method() + "; a lower bound on P(stay) for the local"
            + " quadratic model R* + g^T d + d^T H d / 2 (not for the net itself), evaluated in binary64"))
        .put("union_failure_sum", Reported.exact(b.failure(), b.spec(), "the union bound's sum of leaving probabilities"))
        .flag("vacuous", b.vacuous())
        .put("monte_carlo_minus_bound", Reported.exact(ci.estimate() - b.value(), b.spec(),
            "Monte-Carlo estimate minus the bound"))
        .flag("below_monte_carlo_upper", b.value() <= ci.upper())
        .flag("below_monte_carlo_lower", b.value() <= ci.lower())
        .build();
  }

  private static Findings convexity(EssentialConvexity.Result c) {
    List<Finding> shells = new ArrayList<>();
    String min = "min over the sampled points";
    for (EssentialConvexity.Shell s : c.shells()) {
      shells.add(Findings.builder().setting("scale", s.scale()).count("samples", s.samples())
          .put("min_kappa_secant", Reported.exact(s.minSecant(), "STAG-LEC", min + " of the shell"))
          .put("min_kappa_value", Reported.exact(s.minValue(), "STAG-LEC", min + " of the shell"))
          .count("failures", s.failures()).build());
    }
    return Findings.builder()
        .put("kappa_secant", Reported.exact(c.kappaSecant(), "STAG-LEC", min + " of <grad R, d>/|P d|^2: an upper"
            + " estimate of the best kappa on the set (R: the empirical risk on --data)"))
        .put("kappa_value", Reported.exact(c.kappaValue(), "STAG-LEC", min + " of 2(R - R*)/|P d|^2"))
        .count("samples", c.samples())
        .count("failures", c.failures())
        .setting("smallest_failing_scale", c.smallestFailingScale())
        .items("shells", shells)
        .text("spec", "spec/dynamics.md STAG-LEC")
        .build();
  }
}
