package dev.basin.cli;

import dev.basin.base.Findings;
import dev.basin.base.InvalidInputException;
import dev.basin.base.Memory;
import dev.basin.io.ArrayFiles;
import dev.basin.io.NdArray;
import dev.basin.measure.CommonOptions;
import dev.basin.measure.MeasureContext;
import dev.basin.measure.MeasureSettings;
import dev.basin.measure.Measures;
import dev.basin.model.Point;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code basin hessian}: the Hessian of a net's loss on data (spec CLI-HESSIAN): the measures of
 * {@link Measures#HESSIAN} — certified λ_max and λ_min (both regimes), the spectral norm, the exact
 * trace, the Frobenius norm (exact up to --max-exact, else an estimate) and, up to --max-exact,
 * every eigenvalue of the explicit Hessian.
 */
@Command(name = "hessian", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = HessianCommand.Registry.class,
    description = {"Loss, gradient norm and the Hessian's trace, Frobenius norm and spectrum.",
        "Up to --max-exact parameters the explicit N x N Hessian (spec/hessian.md HESS-FULL) is decomposed densely;"
            + " in both regimes lambda_max / lambda_min come from Lanczos with certified enclosures (spec/flatness.md),"
            + " the trace is exact (closed form) and, above --max-exact, the Frobenius norm is an estimate."})
public final class HessianCommand implements Callable<Integer> {

  /** The registry options of {@link Measures#HESSIAN} with the command's defaults. */
  public static final class Registry extends RegistryOptions {
    /** For picocli. */
    public Registry() {
      super(Measures.HESSIAN, false, Measures.hessianDefaults());
    }
  }

  @Mixin
  private ProblemOptions problem = new ProblemOptions();

  @Option(names = "--json", paramLabel = "OUT", description = "Write the report as JSON to OUT (atomically).")
  private @Nullable Path json;

  @Option(names = "--save-hessian", paramLabel = "H.npy", description = "Write the N x N Hessian (float64, row-major) to a .npy file (N <= --max-exact).")
  private @Nullable Path saveHessian;

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    MeasureSettings settings = RegistryOptions.settings(spec);
    ProblemOptions.Loaded in = problem.load();
    Point p = in.objective().at(in.net());
    MeasureContext ctx = MeasureContext.of(p, settings, Measures.HESSIAN);
    Path save = saveHessian;
    if (save != null && !ctx.small()) {
      throw new InvalidInputException("--save-hessian", "needs the explicit Hessian, but N = " + p.numParams()
          + " exceeds --max-exact " + settings.get(CommonOptions.MAX_EXACT) + " (raise --max-exact; the Hessian alone takes "
          + Memory.format(Memory.doubles(p.numParams(), p.numParams())) + ")");
    }
    Findings results = Findings.builder().putAll(Measures.problem(p))
        .putAll(Measures.run(ctx, Measures.HESSIAN, Main.progress(spec, null), Measures.Listener.NONE)).build();
    if (save != null) {
      ArrayFiles.writeNpy(save, NdArray.of("hessian", ctx.hessian(), p.numParams(), p.numParams()));
    }
    Output.emit(spec, json, results);
    return 0;
  }
}
