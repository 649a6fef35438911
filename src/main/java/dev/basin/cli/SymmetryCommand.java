package dev.basin.cli;

import dev.basin.io.Json;
import dev.basin.io.NetFiles;
import dev.basin.measure.HessianDiagonal;
import dev.basin.measure.Sharpness;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.model.TwoLayerNet;
import dev.basin.symmetry.EigenCount;
import dev.basin.symmetry.OrbitFlatness;
import dev.basin.symmetry.Rescaling;
import dev.basin.symmetry.Sharpen;
import dev.basin.symmetry.SymmetryCheck;
import dev.basin.symmetry.UnitPermutation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code basin symmetry}: the rescaling and permutation symmetries of spec/symmetry.md — apply them,
 * verify them, find the flattest point of a rescaling orbit, and sharpen a net (Dinh Thms 3–5; Thm 4 is
 * {@code --measure eigencount}, spec SYM-EIGENCOUNT).
 */
@Command(name = "symmetry", mixinStandardHelpOptions = true,
    description = {"Symmetries of the 2-layer net (spec/symmetry.md): check, apply, flatten (F_min) and sharpen."},
    subcommands = {SymmetryCommand.Check.class, SymmetryCommand.Apply.class, SymmetryCommand.Flattest.class,
        SymmetryCommand.SharpenNet.class})
public final class SymmetryCommand implements Runnable {

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Which transformation: exactly one of --alpha, --factors, --permutation. */
  static final class Transform {
    @Option(names = "--alpha", paramLabel = "A", description = "Dinh's T_alpha: every unit's in-weights and bias x A, out-weights / A.")
    @Nullable Double alpha;

    @Option(names = "--factors", split = ",", paramLabel = "C1,C2,..", description = "Per-unit rescaling factors c_j > 0 (h of them).")
    @Nullable List<Double> factors;

    @Option(names = "--permutation", split = ",", paramLabel = "P0,P1,..", description = "New unit j is old unit P_j.")
    @Nullable List<Integer> permutation;
  }

  static @Nullable Rescaling rescaling(Transform t, int h) {
    Double a = t.alpha;
    List<Double> f = t.factors;
    if (a != null) {
      return Rescaling.uniform(h, a);
    }
    if (f != null) {
      double[] c = new double[f.size()];
      for (int j = 0; j < c.length; j++) {
        c[j] = f.get(j);
      }
      return Rescaling.of(c);
    }
    return null;
  }

  static UnitPermutation permutation(List<Integer> p) {
    int[] pi = new int[p.size()];
    for (int j = 0; j < pi.length; j++) {
      pi[j] = p.get(j);
    }
    return UnitPermutation.of(pi);
  }

  static void finish(picocli.CommandLine.Model.CommandSpec spec, Map<String, Object> report, @Nullable Path json) {
    Json.tree(report);
    if (json != null) {
      Json.write(json, report);
    }
    Reports.printScalars(spec.commandLine().getOut(), MeasureJson.flatten(report));
  }

  /** {@code basin symmetry check}: invariance, conjugation law and null vectors at the net. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Verify a symmetry at the net: outputs and loss unchanged, H(T theta) = D^-1 H D^-1, null vectors (SYM-*).")
  static final class Check implements Callable<Integer> {
    @Mixin
    private ProblemOptions problem = new ProblemOptions();

    @ArgGroup(exclusive = true, multiplicity = "1")
    @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
    private Transform transform;

    @Option(names = "--probes", defaultValue = "2", description = "Random probe vectors for the conjugation law (default ${DEFAULT-VALUE}).")
    private int probes = 2;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the probes (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the report as JSON to OUT.")
    private @Nullable Path json;

    @Spec
    @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      ProblemOptions.Loaded in = problem.load();
      Objective obj = in.objective();
      double[] theta = in.net().parameters();
      Rescaling r = rescaling(transform, in.net().hidden());
      List<Integer> perm = transform.permutation;
      SymmetryCheck c;
      Map<String, Object> report = new LinkedHashMap<>();
      if (r != null) {
        c = SymmetryCheck.rescaling(obj, theta, r, probes, seed);
        report.put("transformation", "rescaling (SYM-RESCALE-UNIT)");
        double[] moved = r.apply(obj.layout(), theta);
        OrbitFlatness f = OrbitFlatness.of(obj.at(theta));
        Map<String, Object> law = new LinkedHashMap<>();
        law.put("trace_before", f.trace());
        law.put("trace_predicted", f.traceAt(r.factors()));
        law.put("trace_after", HessianDiagonal.trace(obj.at(moved)));
        law.put("fmin", f.fmin());
        law.put("spec", "SYM-TRACE-LAW, SYM-FMIN");
        report.put("trace_law", law);
      } else if (perm != null) {
        c = SymmetryCheck.permutation(obj, theta, permutation(perm), probes, seed);
        report.put("transformation", "permutation (SYM-PERMUTE)");
      } else {
        throw new InvalidInputException("transformation", "give --alpha, --factors or --permutation");
      }
      report.put("passed", c.passed());
      report.put("max_output_deviation", c.maxOutputDeviation());
      report.put("loss_deviation", c.lossDeviation());
      Map<String, Object> ratios = new LinkedHashMap<>();
      ratios.put("outputs", c.outputs());
      ratios.put("loss", c.loss());
      ratios.put("conjugation", c.conjugation());
      ratios.put("null_vectors", c.nullVectors());
      ratios.put("note", "deviation / rounding budget; a check passes when <= 1");
      report.put("deviation_over_budget", ratios);
      report.put("spec", "SYM-INVARIANCE, SYM-CONJUGATION, SYM-NULL");
      finish(spec, report, json);
      return 0;
    }
  }

  /** {@code basin symmetry apply}: write the transformed net. */
  @Command(name = "apply", mixinStandardHelpOptions = true,
      description = "Write the rescaled or permuted net (the same function; rescaling needs relu, leaky_relu or identity).")
  static final class Apply implements Callable<Integer> {
    @Option(names = "--net", required = true, paramLabel = "NET", description = "Network weights (.npz / .safetensors).")
    private Path net = Path.of("");

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "ACT", description = "Hidden activation (default ${DEFAULT-VALUE}).")
    private String activation = "relu";

    @ArgGroup(exclusive = true, multiplicity = "1")
    @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
    private Transform transform;

    @Option(names = "--out", required = true, paramLabel = "NET2", description = "Output net file (.npz or .safetensors).")
    private Path out = Path.of("");

    @Spec
    @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      TwoLayerNet n = NetFiles.read(net, dev.basin.model.Conventions.activation(activation));
      Rescaling r = rescaling(transform, n.hidden());
      List<Integer> perm = transform.permutation;
      TwoLayerNet moved;
      if (r != null) {
        moved = r.apply(n);
        preserved(n, moved, transform.alpha != null ? "--alpha" : "--factors");
      } else if (perm != null) {
        moved = permutation(perm).apply(n);
      } else {
        throw new InvalidInputException("transformation", "give --alpha, --factors or --permutation");
      }
      NetFiles.write(out, moved);
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("written", out.toString());
      report.put("num_params", moved.numParams());
      finish(spec, report, null);
      return 0;
    }
  }

  /**
   * Refuses a rescaled net whose parameters overflowed or lost their precision: the function
   * would not be preserved (each parameter is the original times or over a factor, so a nonzero
   * one must stay finite and normal).
   */
  static void preserved(TwoLayerNet before, TwoLayerNet after, String option) {
    double[] a = before.parameters();
    double[] b = after.parameters();
    for (int q = 0; q < a.length; q++) {
      if (a[q] != 0.0 && !(Double.isFinite(b[q]) && Math.abs(b[q]) >= Double.MIN_NORMAL)) {
        throw new InvalidInputException(option, "rescaling takes parameter " + q + " from " + a[q] + " to " + b[q]
            + ": it overflows or underflows double precision, so the function would not be preserved");
      }
    }
  }

  /** {@code basin symmetry flattest}: the F_min-attaining rescaling. */
  @Command(name = "flattest", mixinStandardHelpOptions = true,
      description = "Write the flattest point of the rescaling orbit: trace = F_min (SYM-FMIN).")
  static final class Flattest implements Callable<Integer> {
    @Mixin
    private ProblemOptions problem = new ProblemOptions();

    @Option(names = "--out", paramLabel = "NET2", description = "Write the flattest net here.")
    private @Nullable Path out;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the report as JSON to OUT.")
    private @Nullable Path json;

    @Spec
    @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      ProblemOptions.Loaded in = problem.load();
      Point p = in.objective().at(in.net());
      OrbitFlatness f = OrbitFlatness.of(p);
      TwoLayerNet flat = f.flattest().apply(in.net());
      Path o = out;
      if (o != null) {
        NetFiles.write(o, flat);
      }
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("trace", f.trace());
      report.put("fmin", f.fmin());
      report.put("trace_at_flattest", HessianDiagonal.trace(in.objective().at(flat)));
      report.put("attained", f.attained());
      report.put("unattained_units", f.unattained());
      report.put("factors", f.factors());
      report.put("spec", "SYM-FMIN");
      finish(spec, report, json);
      return 0;
    }
  }

  /** {@code basin symmetry sharpen}: Dinh Thms 3–5. */
  @Command(name = "sharpen", mixinStandardHelpOptions = true,
      description = {"Write an equivalent net (same function) whose trace, lambda_max or epsilon-sharpness is >= M (SYM-SHARPEN),",
          "or (--measure eigencount, Dinh Thm 4) whose Hessian has at least r - min(n1, n2) - n_b eigenvalues above M,",
          "shown by disjoint certified Lanczos enclosures (SYM-EIGENCOUNT; needs the dense Hessian)."})
  static final class SharpenNet implements Callable<Integer> {
    @Mixin
    private ProblemOptions problem = new ProblemOptions();

    @Option(names = "--measure", required = true, paramLabel = "WHAT", description = "trace, lambda_max, ball, keskar or eigencount.")
    private String measure = "";

    @Option(names = "--target", required = true, paramLabel = "M", description = "The value to exceed.")
    private double target;

    @Option(names = "--epsilon", defaultValue = "0.1", description = "Radius for ball / keskar (default ${DEFAULT-VALUE}).")
    private double epsilon = 0.1;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the ascent restarts / Lanczos start (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "NET2", description = "Write the sharpened net here.")
    private @Nullable Path out;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the report as JSON to OUT.")
    private @Nullable Path json;

    @Spec
    @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      dev.basin.model.Checks.positive("--target", target);
      ProblemOptions.Loaded in = problem.load();
      Objective obj = in.objective();
      if (measure.trim().equalsIgnoreCase("eigencount")) {
        return eigenCount(obj, in.net());
      }
      Sharpness.Options so = new Sharpness.Options(3, 50, seed, false);
      Sharpen.Result r = switch (measure.trim().toLowerCase(Locale.ROOT)) {
        case "trace" -> Sharpen.trace(obj, in.net(), target);
        case "lambda_max" -> Sharpen.lambdaMax(obj, in.net(), target);
        case "ball" -> Sharpen.sharpness(obj, in.net(), target, epsilon, false, so);
        case "keskar" -> Sharpen.sharpness(obj, in.net(), target, epsilon, true, so);
        default -> throw new InvalidInputException("--measure", "unknown '" + measure + "'; expected trace, lambda_max,"
            + " ball, keskar or eigencount");
      };
      Path o = out;
      if (o != null) {
        NetFiles.write(o, r.net());
      }
      double[] f1 = obj.outputs(in.net().parameters());
      double[] f2 = obj.outputs(r.net().parameters());
      double dev = 0.0;
      for (int q = 0; q < f1.length; q++) {
        dev = Math.max(dev, Math.abs(f1[q] - f2[q]));
      }
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("measure", r.measure().name().toLowerCase(Locale.ROOT));
      report.put("target", r.target());
      report.put("alpha", r.alpha());
      report.put("before", r.before());
      report.put("achieved", r.achieved());
      report.put("achieved_kind", r.measure() == Sharpen.Measure.TRACE ? "exact" : "certified_lower_bound");
      report.put("max_output_deviation", dev);
      report.put("spec", "SYM-SHARPEN");
      finish(spec, report, json);
      return 0;
    }

    /** SYM-EIGENCOUNT: the count of Dinh's Theorem 4, certified, and the same function. */
    private Integer eigenCount(Objective obj, TwoLayerNet net) {
      EigenCount.Result r = EigenCount.sharpen(obj, net, target, seed);
      Path o = out;
      if (o != null) {
        NetFiles.write(o, r.net());
      }
      SymmetryCheck c = SymmetryCheck.rescaling(obj, net.parameters(), Rescaling.uniform(net.hidden(), r.alpha()), 2, seed);
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("measure", "eigencount");
      report.put("target", r.target());
      report.put("alpha", r.alpha());
      report.put("scaled_block", r.block().equals("in") ? "in-weights and hidden biases (W1, b1) up, alpha < 1"
          : "out-weights (W2) up, alpha > 1");
      report.put("rank", r.rank());
      report.put("rank_tolerance", r.tolerance());
      report.put("min_eigenvalue_before", r.minEigenvalue());
      report.put("minimum_to_tolerance", r.minimum());
      report.put("n1_in_weights", r.nIn());
      report.put("n2_out_weights", r.nOut());
      report.put("n_output_bias", r.nBias());
      report.put("theorem_count", r.theoremCount());
      report.put("certified_count", r.certifiedCount());
      report.put("certified_count_kind", "certified lower bound on the number of eigenvalues above the target (pairwise "
          + "disjoint certified enclosures with lower end > target)");
      report.put("reached", r.certifiedCount() >= r.theoremCount());
      report.put("smallest_counted_enclosure", r.enclosures().isEmpty() ? List.of() : List.of(
          r.enclosures().get(r.enclosures().size() - 1)[0], r.enclosures().get(r.enclosures().size() - 1)[1]));
      report.put("max_output_deviation", c.maxOutputDeviation());
      report.put("output_deviation_over_budget", c.outputs());
      report.put("same_function", c.outputs() <= 1.0);
      report.put("spec", "SYM-EIGENCOUNT");
      finish(spec, report, json);
      return 0;
    }
  }
}
