package dev.basin.cli;

import dev.basin.base.Findings;
import dev.basin.base.Reported;
import dev.basin.base.Vectors;
import dev.basin.io.NetFiles;
import dev.basin.measure.HessianDiagonal;
import dev.basin.measure.Sharpness;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.model.TwoLayerNet;
import dev.basin.measure.OrbitFlatness;
import dev.basin.symmetry.EigenCount;
import dev.basin.symmetry.Rescaling;
import dev.basin.symmetry.Sharpen;
import dev.basin.symmetry.SymmetryCheck;
import dev.basin.symmetry.UnitPermutation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
      Findings.Builder report = Findings.builder();
      if (r != null) {
        report.text("transformation", "rescaling (SYM-RESCALE-UNIT)")
            .putAll(SymmetryCheck.rescaling(obj, theta, r, probes, seed).findings());
        OrbitFlatness f = OrbitFlatness.of(obj.at(theta));
        String closed = "closed-form diagonal (FLAT-TRACE)";
        report.put("trace_law", Findings.builder()
            .put("trace_before", Reported.exact(f.trace(), "SYM-TRACE-LAW", closed))
            .put("trace_predicted", Reported.exact(f.traceAt(r.factors()), "SYM-TRACE-LAW",
                "sum_j (c_j^-2 A_j + c_j^2 B_j) + C"))
            .put("trace_after", Reported.exact(HessianDiagonal.trace(obj.at(r.apply(obj.layout(), theta))),
                "SYM-TRACE-LAW", closed + " at the rescaled net"))
            .put("fmin", Reported.exact(f.fmin(), "SYM-FMIN", "closed form over the rescaling orbit"))
            .build());
      } else if (perm != null) {
        report.text("transformation", "permutation (SYM-PERMUTE)")
            .putAll(SymmetryCheck.permutation(obj, theta, permutation(perm), probes, seed).findings());
      } else {
        throw new InvalidInputException("transformation", "give --alpha, --factors or --permutation");
      }
      Output.emit(spec, json, report.build());
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
      Output.emit(spec, null, Findings.builder().text("written", out.toString()).count("num_params", moved.numParams())
          .build());
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
      TwoLayerNet flat = Rescaling.of(f.factors()).apply(in.net());
      Path o = out;
      if (o != null) {
        NetFiles.write(o, flat);
      }
      String closed = "closed-form diagonal (FLAT-TRACE)";
      Output.emit(spec, json, Findings.builder()
          .put("trace", Reported.exact(f.trace(), "FLAT-TRACE", closed))
          .put("fmin", Reported.exact(f.fmin(), "SYM-FMIN", "closed form over the rescaling orbit"))
          .put("trace_at_flattest", Reported.exact(HessianDiagonal.trace(in.objective().at(flat)), "FLAT-TRACE",
              closed + " at the flattest net"))
          .flag("attained", f.attained())
          .count("unattained_units", f.unattained())
          .values("factors", f.factors(), "per-unit rescaling c_j of the flattest net", "SYM-FMIN")
          .text("spec", "SYM-FMIN")
          .build());
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
      double dev = Vectors.maxAbsDifference(obj.outputs(in.net().parameters()), obj.outputs(r.net().parameters()));
      boolean trace = r.measure() == Sharpen.Measure.TRACE;
      String how = trace ? "exact trace (FLAT-TRACE)" : "certified lower bound";
      Output.emit(spec, json, Findings.builder()
          .text("measure", r.measure().name().toLowerCase(Locale.ROOT))
          .setting("target", r.target())
          .setting("alpha", r.alpha())
          .put("before", trace ? Reported.exact(r.before(), "SYM-SHARPEN", how + " at the input net")
              : Reported.lowerBound(r.before(), "SYM-SHARPEN", how + " at the input net"))
          .put("achieved", trace ? Reported.exact(r.achieved(), "SYM-SHARPEN", how + " at T_alpha(net)")
              : Reported.lowerBound(r.achieved(), "SYM-SHARPEN", how + " at T_alpha(net)"))
          .put("max_output_deviation", Reported.exact(dev, "SYM-SHARPEN", "max |f'(x_i)_o - f(x_i)_o| over the data"))
          .text("spec", "SYM-SHARPEN")
          .build());
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
      Output.emit(spec, json, r.findings(c));
      return 0;
    }
  }
}
