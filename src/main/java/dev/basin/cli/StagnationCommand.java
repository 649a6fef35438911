package dev.basin.cli;

import dev.basin.base.Rng;
import dev.basin.dynamics.ObjectiveLandscape;
import dev.basin.dynamics.QuadraticLandscape;
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
import dev.basin.io.Json;
import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code basin stagnation}: does noisy GD started at a minimizer stay in a ball or tube around it?
 * Monte-Carlo estimate with an exact interval, the quadratic-model lower bound, and the local
 * essential convexity check (spec STAG-*; basin's operationalizations of Imaizumi &amp;
 * Schmidt-Hieber 2022).
 */
@Command(name = "stagnation", mixinStandardHelpOptions = true,
    description = {"Staying probability of noisy GD theta' = theta - lr (grad R + xi) started at the net (a minimizer theta*)"
        + " in a ball or tube around it for T steps: Monte Carlo over R runs with a Clopper-Pearson interval, the"
        + " quadratic-model union bound, and the restricted secant (local essential convexity) check.",
        "These are basin's operationalizations (spec/dynamics.md STAG-*); the paper's exact definitions were not retrieved."})
public final class StagnationCommand implements Callable<Integer> {

  @Mixin
  private ProblemOptions problem = new ProblemOptions();

  @Option(names = "--radius", required = true, paramLabel = "R", description = "Ball radius r (tube: radius across the top-k directions).")
  private double radius;

  @Option(names = "--shape", defaultValue = "ball", paramLabel = "SHAPE", description = "ball (default) or tube.")
  private String shape = "ball";

  @Option(names = "--tube-k", defaultValue = "1", paramLabel = "K", description = "Tube: number of top Hessian eigendirections (default ${DEFAULT-VALUE}).")
  private int tubeK = 1;

  @Option(names = "--tube-perp", paramLabel = "R_PERP", description = "Tube: radius in the remaining directions (default 10 r).")
  private @Nullable Double tubePerp;

  @Option(names = "--lr", required = true, paramLabel = "ETA", description = "Step size.")
  private double lr;

  @Option(names = "--noise", required = true, paramLabel = "SIGMA", description = "Noise scale sigma (covariance sigma^2 C).")
  private double noise;

  @Option(names = "--noise-cov", defaultValue = "isotropic", paramLabel = "C",
      description = "isotropic (default), hessian (sigma^2 H_+ frozen at theta*), gauss-newton or gradient (at the current iterate;"
          + " Monte Carlo only: the bound needs a covariance diagonal in the Hessian's eigenbasis).")
  private String noiseCov = "isotropic";

  @Option(names = "--steps", required = true, paramLabel = "T", description = "Steps per run.")
  private int steps;

  @Option(names = "--runs", required = true, paramLabel = "R", description = "Independent runs.")
  private int runs;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "SEED", description = "Seed (run r uses Rng.derive(seed, r)).")
  private long seed;

  @Option(names = "--level", defaultValue = "0.95", paramLabel = "P", description = "Confidence level of the interval (default ${DEFAULT-VALUE}).")
  private double level = 0.95;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Worker threads (results do not depend on it).")
  private int threads = 1;

  @Option(names = "--quadratic-model", description = "Also run the Monte Carlo on the local quadratic model (separates model error from bound looseness).")
  private boolean quadraticModel;

  @Option(names = "--convexity-shells", defaultValue = "5", paramLabel = "J", description = "Convexity check: shells (default ${DEFAULT-VALUE}).")
  private int shells = 5;

  @Option(names = "--convexity-samples", defaultValue = "20", paramLabel = "M", description = "Convexity check: points per shell (0: skip; default ${DEFAULT-VALUE}).")
  private int perShell = 20;

  @Option(names = "--max-exact", defaultValue = "2000", paramLabel = "N",
      description = "Largest N for the explicit Hessian (tube, bound, hessian noise; default ${DEFAULT-VALUE}).")
  private int maxExact = 2000;

  @Option(names = "--json", paramLabel = "OUT", description = "Write the report as JSON (atomically).")
  private @Nullable Path json;

  @Option(names = "--progress", negatable = true, description = "Progress on stderr (default: when stderr is a terminal and not --quiet).")
  private @Nullable Boolean progress;

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Checks.positive("radius", radius);
    Checks.positive("lr", lr);
    Checks.nonNegative("noise", noise);
    Checks.atLeast("steps", steps, 1);
    Checks.atLeast("runs", runs, 1);
    Checks.atLeast("convexity-shells", shells, 1);
    Checks.atLeast("convexity-samples", perShell, 0);
    NoiseKind kind = NoiseKind.parse(noiseCov);
    String sh = shape.trim().toLowerCase(Locale.ROOT);
    if (!sh.equals("ball") && !sh.equals("tube")) {
      throw new InvalidInputException("shape", "unknown '" + shape + "'; expected ball or tube");
    }
    ProblemOptions.Loaded in = problem.load();
    Objective objective = in.objective();
    double[] center = in.net().parameters();
    int n = objective.numParams();
    Point at = objective.at(center);
    double[] grad = at.gradient();
    boolean exact = n <= maxExact;
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("num_params", n);
    report.put("num_samples", in.data().size());
    report.put("conventions", ProblemOptions.conventions(objective));
    report.put("loss_at_center", at.loss());
    report.put("grad_norm_at_center", norm(grad));

    Eigenbasis basis = null;
    if (exact) {
      basis = Eigenbasis.of(at.hessian(), n);
      int negative = 0;
      for (double v : basis.values()) {
        negative += v < 0 ? 1 : 0;
      }
      report.put("hessian_lambda_max", basis.value(0));
      report.put("hessian_lambda_min", basis.value(n - 1));
      report.put("hessian_negative_eigenvalues", negative);
    } else {
      report.put("note", "N = " + n + " exceeds --max-exact " + maxExact + ": no explicit Hessian, so no tube, bound or hessian noise");
    }
    StagnationSet set;
    if (sh.equals("ball")) {
      set = new Ball(radius, n);
    } else {
      if (basis == null) {
        throw new InvalidInputException("shape", "tube needs the Hessian's eigenvectors: N = " + n + " exceeds --max-exact " + maxExact);
      }
      Double perp = tubePerp;
      set = new Tube(basis, tubeK, radius, perp != null ? perp : 10 * radius);
    }
    report.put("set", set.describe());
    if (kind == NoiseKind.HESSIAN && basis == null) {
      throw new InvalidInputException("noise-cov", "hessian needs the explicit Hessian: N = " + n + " exceeds --max-exact " + maxExact);
    }
    GradientNoise gn = kind.create(objective, center, noise, true);
    Map<String, Object> dyn = new LinkedHashMap<>();
    dyn.put("update", "theta_{t+1} = theta_t - lr (grad R(theta_t) + xi_t), theta_0 = theta*, full batch (spec STAG-MC)");
    dyn.put("lr", lr);
    dyn.put("steps", steps);
    dyn.put("runs", runs);
    dyn.put("seed", seed);
    dyn.put("noise", gn.describe());
    report.put("dynamics", dyn);

    dev.basin.base.Progress bar = Main.progress(spec, progress);
    StayingMonteCarlo.Result mc = StayingMonteCarlo.estimate(new ObjectiveLandscape(objective), center, set, lr, gn, steps,
        runs, level, seed, threads, done -> bar.update("stagnation runs", done, runs));
    report.put("monte_carlo", mcReport(mc));

    if (basis != null && (kind == NoiseKind.ISOTROPIC || kind == NoiseKind.HESSIAN)) {
      LocalModel model = kind == NoiseKind.ISOTROPIC ? LocalModel.isotropic(basis, grad, noise)
          : LocalModel.hessian(basis, grad, noise);
      StayingBound.Bound b = QuadraticUnionBound.INSTANCE.lowerBound(model, set, lr, steps);
      Map<String, Object> bm = new LinkedHashMap<>();
      bm.put("lower_bound", b.value());
      bm.put("union_failure_sum", b.failure());
      bm.put("vacuous", b.vacuous());
      bm.put("what", "a lower bound on P(stay) for the local quadratic model R* + g^T d + d^T H d / 2 (not for the net itself);"
          + " computed in double precision");
      bm.put("method", b.method());
      bm.put("spec", b.spec());
      BinomialInterval ci = mc.interval();
      bm.put("monte_carlo_minus_bound", ci.estimate() - b.value());
      bm.put("below_monte_carlo_upper", b.value() <= ci.upper());
      bm.put("below_monte_carlo_lower", b.value() <= ci.lower());
      report.put("quadratic_bound", bm);
      if (quadraticModel) {
        QuadraticLandscape q = new QuadraticLandscape(at.hessian(), center, grad, at.loss());
        GradientNoise qn = kind.create(objective, center, noise, true);
        StayingMonteCarlo.Result qmc = StayingMonteCarlo.estimate(q, center, set, lr, qn, steps, runs, level, seed, threads,
            done -> { });
        report.put("monte_carlo_quadratic_model", mcReport(qmc));
      }
    } else {
      report.put("quadratic_bound", "not available: needs N <= --max-exact and noise-cov isotropic or hessian");
    }
    if (perShell > 0) {
      EssentialConvexity.Result c = EssentialConvexity.check(new ObjectiveLandscape(objective), center, set, shells, perShell,
          Rng.derive(seed, -1));
      report.put("essential_convexity", convexityReport(c));
    }
    Json.tree(report);
    if (json != null) {
      Json.write(json, report);
    }
    Reports.printScalars(spec.commandLine().getOut(), flatten(report));
    return 0;
  }

  private Map<String, Object> mcReport(StayingMonteCarlo.Result mc) {
    BinomialInterval ci = mc.interval();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stayed", ci.successes());
    m.put("runs", ci.trials());
    m.put("estimate", ci.estimate());
    m.put("ci_lower", ci.lower());
    m.put("ci_upper", ci.upper());
    m.put("ci_level", ci.level());
    m.put("ci_method", "Clopper-Pearson (exact binomial), spec STAG-CP");
    List<Map<String, Object>> curve = new ArrayList<>();
    for (int j = 1; j <= 10; j++) {
      int t = (int) Math.max(1, Math.round(mc.steps() * (j / 10.0)));
      Map<String, Object> pt = new LinkedHashMap<>();
      pt.put("step", t);
      pt.put("stayed", mc.survivors(t));
      curve.add(pt);
    }
    m.put("survival", curve);
    return m;
  }

  private static Map<String, Object> convexityReport(EssentialConvexity.Result c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kappa_secant", c.kappaSecant());
    m.put("kappa_value", c.kappaValue());
    m.put("what", "min over sampled points of <grad R, d>/|P d|^2 (and 2(R - R*)/|P d|^2): an upper estimate of the best kappa"
        + " on the set; R is the empirical risk on --data");
    m.put("samples", c.samples());
    m.put("failures", c.failures());
    m.put("smallest_failing_scale", c.smallestFailingScale());
    List<Map<String, Object>> shells = new ArrayList<>();
    for (EssentialConvexity.Shell s : c.shells()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("scale", s.scale());
      sm.put("samples", s.samples());
      sm.put("min_kappa_secant", s.minSecant());
      sm.put("min_kappa_value", s.minValue());
      sm.put("failures", s.failures());
      shells.add(sm);
    }
    m.put("shells", shells);
    m.put("spec", "spec/dynamics.md STAG-LEC");
    return m;
  }

  /** Top-level scalars plus the scalars of nested maps as "outer.inner" (for the terminal summary). */
  static Map<String, Object> flatten(Map<String, Object> report) {
    Map<String, Object> flat = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : report.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> inner && !e.getKey().equals("conventions")) {
        for (Map.Entry<?, ?> ie : inner.entrySet()) {
          Object v = ie.getValue();
          if (v != null) {
            flat.put(e.getKey() + "." + ie.getKey(), v);
          }
        }
      } else {
        flat.put(e.getKey(), e.getValue());
      }
    }
    return flat;
  }

  private static double norm(double[] v) {
    return HessianCommand.norm(v);
  }
}
