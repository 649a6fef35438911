package dev.basin.cli;

import dev.basin.base.Rng;
import dev.basin.io.AtomicFiles;
import dev.basin.io.Json;
import dev.basin.io.NetFiles;
import dev.basin.kernel.Loss;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.measure.BasinVolume;
import dev.basin.measure.HessianDiagonal;
import dev.basin.measure.HessianOperator;
import dev.basin.measure.InputGradient;
import dev.basin.measure.LossSlices;
import dev.basin.measure.PacBayesSharpness;
import dev.basin.measure.Sharpness;
import dev.basin.measure.SpectralDensity;
import dev.basin.measure.TraceEstimator;
import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.model.TwoLayerNet;
import dev.basin.symmetry.OrbitFlatness;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code basin measure}: the flatness and sharpness measures of spec/flatness.md at a net's
 * parameters, each reported with what kind of number it is (exact, certified enclosure or bound,
 * estimate ± CI) and its spec ID; optional loss slices as CSV.
 */
@Command(name = "measure", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Flatness and sharpness measures of a net's loss on data (spec/flatness.md, spec/symmetry.md).",
        "Every number says whether it is exact, a certified enclosure/bound, or an estimate with a confidence interval.",
        "Measures (--measures): " + MeasureCommand.ALL})
public final class MeasureCommand implements Callable<Integer> {

  /** Every measure name. */
  static final String ALL =
      "spectrum,trace,fmin,frobenius,density,sharpness,subspace,adaptive,pacbayes,wu,volume,attraction,hutchinson";
  /** The default set: everything except the expensive or parameter-hungry ones. */
  static final String DEFAULT = "spectrum,trace,fmin,frobenius,density,sharpness,adaptive,pacbayes,wu";

  @Mixin
  private ProblemOptions problem = new ProblemOptions();

  @Option(names = "--json", paramLabel = "OUT", description = "Write the report as JSON to OUT (atomically).")
  private @Nullable Path json;

  @Option(names = "--measures", defaultValue = DEFAULT, split = ",", paramLabel = "LIST",
      description = "Comma-separated measures (default ${DEFAULT-VALUE}); all: " + ALL + ".")
  private List<String> measures = List.of();

  @Option(names = "--seed", defaultValue = "0", description = "Seed of every random choice (default ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--level", defaultValue = "0.95", description = "Confidence level of intervals (default ${DEFAULT-VALUE}).")
  private double level = 0.95;

  @Option(names = "--max-exact", defaultValue = "2000", paramLabel = "N",
      description = "Largest N for the explicit Hessian (exact spectrum, Frobenius, density; default ${DEFAULT-VALUE}).")
  private int maxExact = 2000;

  @Option(names = "--tol", defaultValue = "1e-8", description = "Relative tolerance of the certified Lanczos radii (default ${DEFAULT-VALUE}).")
  private double tol = 1e-8;

  @Option(names = "--max-iter", defaultValue = "300", description = "Largest Krylov dimension (default ${DEFAULT-VALUE}).")
  private int maxIter = 300;

  @Option(names = "--top", defaultValue = "1", description = "Largest eigenvalues to report (default ${DEFAULT-VALUE}).")
  private int top = 1;

  @Option(names = "--bottom", defaultValue = "1", description = "Smallest eigenvalues to report (default ${DEFAULT-VALUE}).")
  private int bottom = 1;

  @Option(names = "--samples", defaultValue = "30", description = "Probe vectors for Hutchinson / Hutch++ / Frobenius estimates (default ${DEFAULT-VALUE}).")
  private int samples = 30;

  @Option(names = "--density-starts", defaultValue = "4", description = "SLQ starting vectors (default ${DEFAULT-VALUE}).")
  private int densityStarts = 4;

  @Option(names = "--density-steps", defaultValue = "80", description = "SLQ Lanczos steps per start (default ${DEFAULT-VALUE}).")
  private int densitySteps = 80;

  @Option(names = "--density-points", defaultValue = "201", description = "Grid points of the smoothed density (default ${DEFAULT-VALUE}).")
  private int densityPoints = 201;

  @Option(names = "--density-width", defaultValue = "0", description = "Gaussian kernel width (default 0: 1%% of the node range).")
  private double densityWidth;

  @Option(names = "--keskar-epsilon", defaultValue = "1e-3", description = "Keskar box epsilon (default ${DEFAULT-VALUE}).")
  private double keskarEps = 1e-3;

  @Option(names = "--ball-epsilon", defaultValue = "0.1", description = "l2-ball radius of Dinh's epsilon-sharpness (default ${DEFAULT-VALUE}).")
  private double ballEps = 0.1;

  @Option(names = "--subspace-dim", defaultValue = "100", description = "Dimension p of Keskar's random subspace (default ${DEFAULT-VALUE}).")
  private int subspaceDim = 100;

  @Option(names = "--rho", defaultValue = "0.05", description = "Radius of adaptive sharpness (default ${DEFAULT-VALUE}).")
  private double rho = 0.05;

  @Option(names = "--restarts", defaultValue = "3", description = "Ascent restarts for sharpness (default ${DEFAULT-VALUE}).")
  private int restarts = 3;

  @Option(names = "--ascent-steps", defaultValue = "50", description = "Gradient steps per restart (default ${DEFAULT-VALUE}).")
  private int ascentSteps = 50;

  @Option(names = "--target-deviation", defaultValue = "0.1", description = "PAC-Bayes target deviation (default ${DEFAULT-VALUE}).")
  private double targetDeviation = 0.1;

  @Option(names = "--pacbayes-samples", defaultValue = "10", description = "Monte-Carlo draws per sigma (default ${DEFAULT-VALUE}).")
  private int pacbayesSamples = 10;

  @Option(names = "--magnitude-epsilon", defaultValue = "1e-3", description = "Epsilon of the magnitude-aware sigma' (default ${DEFAULT-VALUE}).")
  private double magnitudeEps = 1e-3;

  @Option(names = "--volume-epsilon", defaultValue = "0.01", description = "Loss tolerance of the sublevel basin (default ${DEFAULT-VALUE}).")
  private double volumeEps = 0.01;

  @Option(names = "--volume-directions", defaultValue = "100", description = "Directions of the radial estimator (default ${DEFAULT-VALUE}).")
  private int volumeDirections = 100;

  @Option(names = "--volume-r0", defaultValue = "1e-3", description = "First radius of the radial march (default ${DEFAULT-VALUE}).")
  private double volumeR0 = 1e-3;

  @Option(names = "--volume-rmax", defaultValue = "1e3", description = "Largest radius (default ${DEFAULT-VALUE}).")
  private double volumeRmax = 1e3;

  @Option(names = "--attraction-eta", defaultValue = "0.01", description = "GD step of the basin-of-attraction test (default ${DEFAULT-VALUE}).")
  private double attractionEta = 0.01;

  @Option(names = "--attraction-steps", defaultValue = "200", description = "GD steps of the basin-of-attraction test (default ${DEFAULT-VALUE}).")
  private int attractionSteps = 200;

  @Option(names = "--attraction-delta", defaultValue = "0.01", description = "Return radius delta of the basin-of-attraction test (default ${DEFAULT-VALUE}).")
  private double attractionDelta = 0.01;

  @Option(names = "--slice", paramLabel = "FILE", description = "Write a 1-D filter-normalized loss slice (CSV, or JSON for *.json).")
  private @Nullable Path slice;

  @Option(names = "--slice2d", paramLabel = "FILE", description = "Write a 2-D filter-normalized loss slice (CSV, or JSON for *.json).")
  private @Nullable Path slice2d;

  @Option(names = "--slice-range", defaultValue = "1.0", description = "Slices cover [-R, R] (default ${DEFAULT-VALUE}).")
  private double sliceRange = 1.0;

  @Option(names = "--slice-points", defaultValue = "51", description = "Grid points per slice axis (default ${DEFAULT-VALUE}).")
  private int slicePoints = 51;

  @Option(names = "--ignore-biases", description = "Zero the bias components of slice directions (Li et al.'s --xignore biasbn).")
  private boolean ignoreBiases;

  @Option(names = "--segment-to", paramLabel = "NET2", description = "Second net for the segment slice (same architecture).")
  private @Nullable Path segmentTo;

  @Option(names = "--segment", paramLabel = "FILE", description = "Write L((1-t) theta + t theta2), t in [-0.5, 1.5] (CSV, or JSON for *.json).")
  private @Nullable Path segment;

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Set<String> which = parseMeasures();
    Checks.openUnit("--level", level);
    Checks.atLeast("--max-exact", maxExact, 1);
    Checks.atLeast("--top", top, 0);
    Checks.atLeast("--bottom", bottom, 0);
    ProblemOptions.Loaded in = problem.load();
    Objective obj = in.objective();
    Point p = obj.at(in.net());
    double[] theta = p.theta();
    int n = p.numParams();
    boolean small = n <= maxExact;
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("num_params", n);
    report.put("num_samples", in.data().size());
    report.put("conventions", ProblemOptions.conventions(obj));
    report.put("backend", obj.backend().name());
    report.put("seed", seed);
    report.put("loss", p.loss());
    report.put("grad_norm", HessianCommand.norm(p.gradient()));
    double @Nullable [] eigenvalues = null;
    boolean explicit = small && (which.contains("spectrum") || which.contains("frobenius") || which.contains("density"));
    boolean sliced = slice != null || slice2d != null || segment != null;
    Stages stages = new Stages(Main.progress(spec, null), "measure", which.size() + (explicit ? 1 : 0)
        - (small && which.contains("frobenius") ? 1 : 0) + (sliced ? 1 : 0));
    if (explicit) {
      stages.next("explicit Hessian");
      HessianCommand.requireExplicit(n);
      double[] h = p.hessian();
      eigenvalues = SymmetricEigen.of(h, n, false).values();
      double fro = 0.0;
      for (double v : h) {
        fro += v * v;
      }
      if (which.contains("frobenius")) {
        report.put("frobenius", MeasureJson.exact(Math.sqrt(fro), "FLAT-FROBENIUS", "explicit Hessian (HESS-FULL)"));
      }
      if (which.contains("spectrum")) {
        Map<String, Object> ex = new LinkedHashMap<>();
        ex.put("kind", "exact");
        ex.put("lambda_max", eigenvalues[n - 1]);
        ex.put("lambda_min", eigenvalues[0]);
        ex.put("a_priori_error", n * 0x1p-53 * Math.sqrt(fro));
        ex.put("eigenvalues", eigenvalues);
        ex.put("spec", "FLAT-EIG-EXACT");
        report.put("exact_spectrum", ex);
      }
    }
    if (which.contains("spectrum")) {
      stages.next("spectrum");
      report.put("spectrum", MeasureJson.extremes(p, top, bottom, tol, maxIter, seed));
    }
    if (which.contains("trace")) {
      stages.next("trace");
      report.put("trace", MeasureJson.exact(HessianDiagonal.trace(p), "FLAT-TRACE", "closed-form diagonal, no HVPs"));
    }
    if (which.contains("hutchinson")) {
      stages.next("hutchinson");
      HessianOperator op = HessianOperator.at(p);
      report.put("hutchinson", MeasureJson.estimate(TraceEstimator.hutchinson(op, samples, seed, level),
          "FLAT-HUTCHINSON", "Rademacher probes"));
      report.put("hutch_plus_plus", MeasureJson.estimate(TraceEstimator.hutchPlusPlus(op, Math.max(9, samples), seed,
          level), "FLAT-HUTCHPP", "Hutch++, interval conditional on the sketch"));
    }
    if (which.contains("fmin")) {
      stages.next("fmin");
      report.put("fmin", fmin(p));
    }
    if (which.contains("frobenius") && !small) {
      stages.next("frobenius");
      report.put("frobenius", MeasureJson.estimate(TraceEstimator.frobeniusSquared(HessianOperator.at(p), samples, seed,
          level).sqrt(), "FLAT-FROBENIUS", "sqrt of the Hutchinson estimate of ||H||_F^2 = E||Hv||^2"));
    }
    if (which.contains("density")) {
      stages.next("density");
      report.put("density", density(p, eigenvalues));
    }
    Sharpness.Options so = new Sharpness.Options(restarts, ascentSteps, seed, true);
    if (which.contains("sharpness")) {
      stages.next("sharpness");
      Map<String, Object> sh = new LinkedHashMap<>();
      sh.put("keskar", sharpness(Sharpness.keskar(obj, theta, keskarEps, so), "epsilon"));
      sh.put("ball", sharpness(Sharpness.ball(obj, theta, ballEps, so), "epsilon"));
      report.put("sharpness", sh);
    }
    if (which.contains("subspace")) {
      stages.next("subspace");
      report.put("keskar_subspace", sharpness(Sharpness.keskarSubspace(obj, theta, keskarEps, subspaceDim, so), "epsilon"));
    }
    if (which.contains("adaptive")) {
      stages.next("adaptive");
      Map<String, Object> ad = new LinkedHashMap<>();
      ad.put("l2", sharpness(Sharpness.adaptive(obj, theta, rho, false, so), "rho"));
      ad.put("linf", sharpness(Sharpness.adaptive(obj, theta, rho, true, so), "rho"));
      report.put("adaptive_sharpness", ad);
    }
    if (which.contains("pacbayes")) {
      stages.next("pacbayes");
      report.put("pacbayes", pacbayes(obj, theta));
    }
    if (which.contains("wu")) {
      stages.next("wu");
      report.put("input_gradient", wu(obj, theta));
    }
    if (which.contains("volume")) {
      stages.next("volume");
      BasinVolume.VolumeEstimate v = BasinVolume.sublevel(obj, theta, volumeEps,
          new BasinVolume.Options(volumeDirections, volumeR0, volumeRmax, level, seed));
      report.put("volume", volume(v, "FLAT-VOLUME"));
    }
    if (which.contains("attraction")) {
      stages.next("attraction");
      BasinVolume.VolumeEstimate v = BasinVolume.attraction(obj, theta, attractionEta, attractionSteps, attractionDelta,
          new BasinVolume.Options(volumeDirections, volumeR0, volumeRmax, level, seed));
      Map<String, Object> m = volume(v, "FLAT-VOLUME-ATTRACTION");
      m.put("gd_step", attractionEta);
      m.put("gd_steps", attractionSteps);
      m.put("return_radius", attractionDelta);
      report.put("attraction_volume", m);
    }
    if (sliced) {
      stages.next("slices");
    }
    Map<String, Object> files = slices(obj, in.net(), theta);
    stages.finish();
    if (!files.isEmpty()) {
      report.put("slices", files);
    }
    Json.tree(report);
    Path out = json;
    if (out != null) {
      Json.write(out, report);
    }
    Reports.printScalars(spec.commandLine().getOut(), MeasureJson.flatten(report));
    return 0;
  }

  private Set<String> parseMeasures() {
    Set<String> all = Set.of(ALL.split(","));
    Set<String> out = new LinkedHashSet<>();
    for (String m : measures) {
      String s = m.trim().toLowerCase(Locale.ROOT);
      if (s.isEmpty()) {
        continue;
      }
      if (!all.contains(s)) {
        throw new InvalidInputException("--measures", "unknown measure '" + m + "'; expected some of " + ALL);
      }
      out.add(s);
    }
    return out;
  }

  private static Map<String, Object> fmin(Point p) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!p.objective().activation().isPositivelyHomogeneous()) {
      m.put("kind", "not_applicable");
      m.put("note", "the activation is not positively homogeneous: no rescaling orbit (SYM-RESCALE-UNIT)");
      return m;
    }
    OrbitFlatness f = OrbitFlatness.of(p);
    m.put("kind", "exact");
    m.put("value", f.fmin());
    m.put("trace", f.trace());
    m.put("attained", f.attained());
    m.put("unattained_units", f.unattained());
    m.put("minimizing_factors", f.factors());
    m.put("minimized", "trace of the Hessian over the per-unit rescaling orbit (fixed function)");
    m.put("spec", "SYM-FMIN");
    return m;
  }

  private Map<String, Object> density(Point p, double @Nullable [] eigenvalues) {
    SpectralDensity.Quadrature q = eigenvalues != null ? SpectralDensity.exact(eigenvalues)
        : SpectralDensity.slq(HessianOperator.at(p), densityStarts, densitySteps, seed);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : q.nodes()) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    double width = densityWidth > 0.0 ? densityWidth : Math.max(0.01 * (hi - lo), 1e-12 * Math.max(1.0, Math.abs(hi)));
    double[] grid = q.grid(densityPoints, width);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", q.exact() ? "exact" : "estimate");
    m.put("method", q.exact() ? "dense eigenvalues, weights 1/N" : "stochastic Lanczos quadrature");
    m.put("starts", q.starts());
    m.put("steps", q.steps());
    m.put("kernel_width", width);
    m.put("trace_from_quadrature", q.traceEstimate(p.numParams()));
    m.put("nodes", q.nodes());
    m.put("weights", q.weights());
    m.put("grid", grid);
    m.put("density", q.smooth(grid, width));
    m.put("spec", "FLAT-SLQ");
    return m;
  }

  private static Map<String, Object> sharpness(Sharpness.Result r, String radiusName) {
    Map<String, Object> m = MeasureJson.lowerBound(r.lowerBound(), r.kind().spec(), "projected gradient ascent, "
        + "best of the restarts (FLAT-SHARP-ASCENT)");
    m.put(radiusName, r.radius());
    m.put("dimension", r.dimension());
    m.put("base_loss", r.baseLoss());
    m.put("max_loss_found", r.maxLoss());
    m.put("loss_rounding_bound", r.lossRounding());
    m.put("evaluations", r.evaluations());
    if (!Double.isNaN(r.secondOrder())) {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("kind", "estimate");
      q.put("value", r.secondOrder());
      q.put("method", "quadratic model (FLAT-SHARP-QUAD)");
      m.put("second_order", q);
    }
    return m;
  }

  private Map<String, Object> pacbayes(Objective obj, double[] theta) {
    PacBayesSharpness.Deviation dev = PacBayesSharpness.Deviation.defaultFor(obj.loss());
    PacBayesSharpness.Options o = new PacBayesSharpness.Options(2.0, 15, pacbayesSamples, 1e-2, dev, seed);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("deviation", dev.name().toLowerCase(Locale.ROOT));
    m.put("target", targetDeviation);
    m.put("sigma", search(PacBayesSharpness.sigma(obj, theta, targetDeviation, o), "FLAT-PACBAYES-SIGMA"));
    m.put("magnitude_sigma", search(PacBayesSharpness.magnitudeSigma(obj, theta, targetDeviation, magnitudeEps, o),
        "FLAT-PACBAYES-MAG"));
    m.put("note", "sigma is a standard deviation (variance sigma^2; magnitude-aware variance sigma^2 w^2 + eps^2)");
    return m;
  }

  private static Map<String, Object> search(PacBayesSharpness.SigmaSearch s, String specId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "estimate");
    m.put("value", s.sigma());
    m.put("deviation_at_sigma", s.deviation());
    m.put("deviation_standard_error", s.standardError());
    m.put("target_reached", s.reached());
    m.put("bisection_steps", s.steps().size());
    m.put("spec", specId);
    return m;
  }

  private static Map<String, Object> wu(Objective obj, double[] theta) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("complexity", MeasureJson.exact(InputGradient.complexity(obj, theta), "FLAT-WU-COMPLEXITY",
        "(1/n) sum_i ||df(x_i)/dx||_F^2"));
    int kind = obj.loss().kind();
    if (kind == Loss.HALFSQ || kind == Loss.MSE) {
      InputGradient.WuBound b = InputGradient.bound(obj, theta);
      Map<String, Object> bm = new LinkedHashMap<>();
      bm.put("kind", "upper_bound");
      bm.put("middle", b.middle());
      bm.put("rhs", b.rhs());
      bm.put("holds", b.holds());
      bm.put("hessian_bias_frobenius", b.hessianBiasFrobenius());
      bm.put("w1_frobenius", b.w1Frobenius());
      bm.put("w2_spectral", b.w2Spectral());
      bm.put("rms_residual", b.rmsResidual());
      bm.put("c_sigma", b.cSigma());
      bm.put("provenance", "reconstructed (papers.md 1.3; basin's derivation, not the paper's theorem)");
      bm.put("spec", "FLAT-WU-BOUND");
      m.put("bound", bm);
    }
    return m;
  }

  private static Map<String, Object> volume(BasinVolume.VolumeEstimate v, String specId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "estimate");
    m.put("log_volume", v.logVolume());
    Double low = v.low();
    if (low != null) {
      m.put("ci_low", low);
    } else {
      m.put("ci_low_unbounded", true);
    }
    m.put("ci_high", v.high());
    m.put("level", v.level());
    m.put("dimension", v.dimension());
    m.put("log_unit_ball", v.logUnitBall());
    m.put("mean_log_radius", v.meanLogRadius());
    m.put("effective_sample_size", v.effectiveSampleSize());
    m.put("reliable", v.reliable());
    m.put("capped_directions", v.capped());
    m.put("evaluations", v.evaluations());
    m.put("radii", v.radii());
    m.put("spec", specId);
    return m;
  }

  /** A slice as JSON when the file name ends in .json, else as CSV (both atomic). */
  private static void write(Path file, Object slice, String csv) {
    if (file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
      Json.write(file, slice);
    } else {
      AtomicFiles.writeString(file, csv);
    }
  }

  private Map<String, Object> slices(Objective obj, TwoLayerNet net, double[] theta) {
    Map<String, Object> m = new LinkedHashMap<>();
    double[] grid = LossSlices.grid(-sliceRange, sliceRange, slicePoints);
    Path s1 = slice;
    Path s2 = slice2d;
    if (s1 != null || s2 != null) {
      double[] d1 = LossSlices.filterNormalizedDirection(net.layout(), theta, Rng.of(Rng.derive(seed, 101)), ignoreBiases);
      if (s1 != null) {
        LossSlices.Line line = LossSlices.line(obj, theta, d1, grid);
        write(s1, line, LossSlices.csv(line, "alpha"));
        m.put("line", s1.toString());
      }
      if (s2 != null) {
        double[] d2 = LossSlices.filterNormalizedDirection(net.layout(), theta, Rng.of(Rng.derive(seed, 102)), ignoreBiases);
        LossSlices.Plane plane = LossSlices.plane(obj, theta, d1, d2, grid, grid);
        write(s2, plane, LossSlices.csv(plane));
        m.put("plane", s2.toString());
      }
    }
    Path to = segmentTo;
    Path seg = segment;
    if ((to == null) != (seg == null)) {
      throw new InvalidInputException("--segment", "needs both --segment-to NET2 and --segment FILE");
    }
    if (to != null && seg != null) {
      TwoLayerNet other = NetFiles.read(to, net.activation());
      if (other.numParams() != net.numParams() || other.inputs() != net.inputs() || other.hidden() != net.hidden()) {
        throw new InvalidInputException(to.toString(), "architecture " + other + " differs from the net's " + net);
      }
      double[] ts = LossSlices.grid(-0.5, 1.5, slicePoints);
      LossSlices.Line line = LossSlices.segment(obj, theta, other.parameters(), ts);
      write(seg, line, LossSlices.csv(line, "t"));
      m.put("segment", seg.toString());
    }
    if (!m.isEmpty()) {
      m.put("spec", "FLAT-SLICE, FLAT-SLICE-FILTER");
    }
    return m;
  }
}
