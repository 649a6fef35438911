package dev.basin.cli;

import dev.basin.base.InvalidInputException;
import dev.basin.base.Memory;
import dev.basin.base.Progress;
import dev.basin.io.ArrayFiles;
import dev.basin.io.Json;
import dev.basin.io.NdArray;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.measure.HessianDiagonal;
import dev.basin.measure.HessianOperator;
import dev.basin.measure.TraceEstimator;
import dev.basin.model.Checks;
import dev.basin.model.Point;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code basin hessian}: the Hessian of a net's loss on data (spec HESS-FULL). Up to --max-exact
 * parameters the explicit Hessian and its full spectrum; above, the exact trace (closed form,
 * FLAT-TRACE), a Frobenius estimate with its interval (FLAT-FROBENIUS) and λ_max / λ_min from
 * certified Lanczos (FLAT-LANCZOS, FLAT-CERT-EIG). λ_max and λ_min carry residual certificates in
 * both regimes (field "certified").
 */
@Command(name = "hessian", mixinStandardHelpOptions = true,
    description = {"Loss, gradient norm and the Hessian's trace, Frobenius norm and spectrum.",
        "Up to --max-exact parameters the explicit N x N Hessian (spec/hessian.md HESS-FULL) is decomposed densely;"
            + " above it the trace is exact (closed form), the Frobenius norm an estimate with a confidence interval, and"
            + " lambda_max / lambda_min come from Lanczos with certified enclosures (spec/flatness.md)."})
public final class HessianCommand implements Callable<Integer> {

  /** Default largest N for which the full spectrum is computed and reported. */
  public static final int DEFAULT_MAX_EXACT = 5000;

  @Mixin
  private ProblemOptions problem = new ProblemOptions();

  @Option(names = "--json", paramLabel = "OUT", description = "Write the report as JSON to OUT (atomically).")
  private @Nullable Path json;

  @Option(names = "--save-hessian", paramLabel = "H.npy", description = "Write the N x N Hessian (float64, row-major) to a .npy file.")
  private @Nullable Path saveHessian;

  @Option(names = "--max-exact", defaultValue = "" + DEFAULT_MAX_EXACT, paramLabel = "N",
      description = "Largest parameter count for the explicit Hessian and full spectrum (default ${DEFAULT-VALUE}).")
  private int maxExact = DEFAULT_MAX_EXACT;

  @Option(names = "--tol", defaultValue = "1e-8", description = "Relative tolerance of the certified Lanczos radii (default ${DEFAULT-VALUE}).")
  private double tol = Certify.DEFAULTS.tol();

  @Option(names = "--max-iter", defaultValue = "300", description = "Largest Krylov dimension (default ${DEFAULT-VALUE}).")
  private int maxIter = Certify.DEFAULTS.maxIter();

  @Option(names = "--samples", defaultValue = "30", description = "Probes of the Frobenius estimate above --max-exact (default ${DEFAULT-VALUE}).")
  private int samples = Certify.DEFAULTS.samples();

  @Option(names = "--level", defaultValue = "0.95", description = "Confidence level (default ${DEFAULT-VALUE}).")
  private double level = Certify.DEFAULTS.level();

  @Option(names = "--seed", defaultValue = "0", description = "Seed of Lanczos starts and probes (default ${DEFAULT-VALUE}).")
  private long seed = Certify.DEFAULTS.seed();

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private picocli.CommandLine.Model.CommandSpec spec;

  /**
   * Settings of the certified extremes and of the Frobenius estimate (the command's options).
   *
   * @param tol relative tolerance of the certified Lanczos radii
   * @param maxIter largest Krylov dimension
   * @param samples probes of the Frobenius estimate above the exact limit
   * @param level confidence level of that estimate
   * @param seed seed of the Lanczos start and the probes
   */
  record Certify(double tol, int maxIter, int samples, double level, long seed) {
    /** The command's defaults. */
    static final Certify DEFAULTS = new Certify(1e-8, 300, 30, 0.95, 0);
  }

  @Override
  public Integer call() {
    Checks.atLeast("--max-exact", maxExact, 1);
    Checks.openUnit("--level", level);
    ProblemOptions.Loaded in = problem.load();
    int numParams = in.net().numParams();
    if (saveHessian != null && numParams > maxExact) {
      throw new InvalidInputException("--save-hessian", "needs the explicit Hessian, but N = " + numParams
          + " exceeds --max-exact " + maxExact + " (raise --max-exact; the Hessian alone takes "
          + Memory.format(Memory.doubles(numParams, numParams)) + ")");
    }
    Curvature c = report(in, maxExact, new Certify(tol, maxIter, samples, level, seed), Main.progress(spec, null));
    // everything is computed and checked (finite) before the first file is written
    Json.tree(c.report());
    double[] h = c.hessian();
    if (saveHessian != null && h != null) {
      ArrayFiles.writeNpy(saveHessian, NdArray.of("hessian", h, c.numParams(), c.numParams()));
    }
    if (json != null) {
      Json.write(json, c.report());
    }
    Reports.printScalars(spec.commandLine().getOut(), MeasureJson.flatten(c.report()));
    return 0;
  }

  /**
   * A curvature report and the explicit Hessian it was computed from (null when N exceeded the
   * exact limit).
   */
  record Curvature(Map<String, Object> report, double @Nullable [] hessian, int numParams) {}

  /** {@link #report(ProblemOptions.Loaded, int, Certify)} with the command's default settings. */
  static Curvature report(ProblemOptions.Loaded in, int maxExact) {
    return report(in, maxExact, Certify.DEFAULTS, Progress.NONE);
  }

  /**
   * The report of {@code basin hessian} for a loaded problem at the net's parameters: loss,
   * gradient norm and, for N &le; maxExact, trace, Frobenius norm and the full spectrum; above it
   * the exact trace, a Frobenius estimate and certified extremes; in both, "certified" λ_max / λ_min.
   */
  static Curvature report(ProblemOptions.Loaded in, int maxExact, Certify cert, Progress progress) {
    Point p = in.objective().at(in.net());
    int n = p.numParams();
    Stages stages = new Stages(progress, "hessian", 3);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("num_params", n);
    report.put("num_samples", in.data().size());
    report.put("conventions", ProblemOptions.conventions(in.objective()));
    report.put("loss", p.loss());
    report.put("grad_norm", norm(p.gradient()));
    if (n > maxExact) {
      report.put("note", "num_params = " + n + " exceeds --max-exact " + maxExact
          + ": no explicit Hessian; trace exact (closed form), Frobenius estimated, extremes by certified Lanczos");
      stages.next("trace");
      report.put("trace", HessianDiagonal.trace(p));
      stages.next("extremes (Lanczos)");
      Map<String, Object> ext = MeasureJson.extremes(p, 1, 1, cert.tol(), cert.maxIter(), cert.seed());
      report.put("lambda_max", valueOf(ext, "lambda_max"));
      report.put("lambda_min", valueOf(ext, "lambda_min"));
      report.put("spectral_norm", valueOf(ext, "spectral_norm"));
      stages.next("frobenius");
      report.put("frobenius", MeasureJson.estimate(TraceEstimator.frobeniusSquared(HessianOperator.at(p), cert.samples(),
          cert.seed(), cert.level()).sqrt(), "FLAT-FROBENIUS", "sqrt of the Hutchinson estimate of ||H||_F^2 = E||Hv||^2"));
      report.put("certified", ext);
      Map<String, Object> kinds = new LinkedHashMap<>();
      kinds.put("trace", "exact (closed form, FLAT-TRACE)");
      kinds.put("frobenius", "estimate with a " + cert.level() + " confidence interval (FLAT-FROBENIUS)");
      kinds.put("lambda_max", "certified enclosure (FLAT-CERT-EIG)");
      kinds.put("lambda_min", "certified enclosure (FLAT-CERT-EIG)");
      kinds.put("spectral_norm", "from the two certified enclosures");
      report.put("kinds", kinds);
      stages.finish();
      return new Curvature(report, null, n);
    }
    stages.next("explicit Hessian");
    requireExplicit(n);
    double[] h = p.hessian();
    double trace = 0.0;
    double fro = 0.0;
    for (int q = 0; q < n; q++) {
      trace += h[q * n + q];
    }
    for (double v : h) {
      fro += v * v;
    }
    stages.next("eigenvalues");
    double[] ev = SymmetricEigen.of(h, n, false).values();
    double lmin = ev[0];
    double lmax = ev[n - 1];
    report.put("trace", trace);
    report.put("frobenius", Math.sqrt(fro));
    report.put("spectral_norm", Math.max(Math.abs(lmin), Math.abs(lmax)));
    report.put("lambda_max", lmax);
    report.put("lambda_min", lmin);
    // Backward stability of the symmetric QR algorithm: each computed eigenvalue is exact for
    // H + E with ||E||_2 <= p(N) u ||H||_2; basin states the estimate with p(N) = N (FLAT-EIG-EXACT).
    report.put("eigenvalue_error_estimate", n * 0x1p-53 * Math.sqrt(fro));
    report.put("eigenvalues", ev);
    report.put("eigen_solver", SymmetricEigen.DEFAULT.name().toLowerCase(java.util.Locale.ROOT));
    stages.next("extremes (Lanczos)");
    report.put("certified", MeasureJson.extremes(p, 1, 1, cert.tol(), cert.maxIter(), cert.seed()));
    stages.finish();
    return new Curvature(report, h, n);
  }

  /**
   * Refuses an explicit Hessian that does not fit: N² doubles for H and about three times that
   * for the dense eigen-solver's copies and workspace (SymmetricEigen.WORKSPACE_MATRICES).
   */
  static void requireExplicit(int n) {
    Memory.require("--max-exact", Memory.bytes(Memory.doubles(n, n), 1 + SymmetricEigen.WORKSPACE_MATRICES),
        "the explicit " + n + " x " + n + " Hessian and its eigen-decomposition", "lower --max-exact below N = " + n);
  }

  /** The "value" of a nested measure map (always present in MeasureJson.extremes). */
  private static Object valueOf(Map<String, Object> m, String key) {
    Object sub = m.get(key);
    if (sub instanceof Map<?, ?> mm && mm.get("value") instanceof Double d) {
      return d;
    }
    throw new IllegalStateException("no value for " + key);
  }

  static double norm(double[] v) {
    double s = 0.0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
