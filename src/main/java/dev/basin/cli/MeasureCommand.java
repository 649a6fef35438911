package dev.basin.cli;

import dev.basin.base.Findings;
import dev.basin.base.Progress;
import dev.basin.measure.CommonOptions;
import dev.basin.measure.Measure;
import dev.basin.measure.MeasureSettings;
import dev.basin.measure.Measures;
import dev.basin.model.Point;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code basin measure}: the measures of the registry (spec MEASURE-REGISTRY, CLI-MEASURE) at a
 * net's parameters, each number saying what it is; only the measures named run, sharing one
 * forward pass, one Hessian operator and one Lanczos run. Options and help come from the registry.
 */
@Command(name = "measure", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = RegistryOptions.class,
    description = {"Flatness and sharpness measures of a net's loss on data (spec/flatness.md, spec/symmetry.md).",
        "Every number says whether it is exact, a certified enclosure or bound, or an estimate with its interval;"
            + " the time and HVPs each measure took go to stderr on a terminal, or always with --timings."})
public final class MeasureCommand implements Callable<Integer> {

  @Mixin
  private ProblemOptions problem = new ProblemOptions();

  @Option(names = "--json", paramLabel = "OUT", description = "Write the report as JSON to OUT (atomically).")
  private @Nullable Path json;

  @Mixin
  private SliceOptions slices = new SliceOptions();

  @Option(names = "--timings", description = "Print each measure's time and HVPs on stderr at the end even when stderr is"
      + " not a terminal (a pipe or file gets nothing else from a successful run; default: with the progress bars).")
  private boolean timings;

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<Measure> selected = RegistryOptions.selected(spec);
    MeasureSettings settings = RegistryOptions.settings(spec);
    slices.check();
    ProblemOptions.Loaded in = problem.load();
    Point p = in.objective().at(in.net());
    StringBuilder time = new StringBuilder();
    Progress progress = Main.progress(spec, null);
    Findings measured = Measures.run(p, settings, selected, progress, (m, cost) -> time.append(
        String.format(Locale.ROOT, "%s %s %.3f s (%d HVPs)", time.isEmpty() ? "" : ",", m.id(), cost.seconds(),
            cost.products())));
    Findings results = Findings.builder().putAll(Measures.problem(p)).putAll(measured)
        .putUnlessEmpty("slices", slices.write(in.objective(), in.net(), settings.get(CommonOptions.SEED))).build();
    Output.emit(spec, json, results);
    if (timings || progress != Progress.NONE) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("basin measure: time per measure:" + time);
      err.flush();
    }
    return 0;
  }
}
