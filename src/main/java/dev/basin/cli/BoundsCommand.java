package dev.basin.cli;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.report.ReportJson;
import dev.basin.report.Terminal;
import dev.basin.bounds.Arithmetic;
import dev.basin.bounds.BoundInputs;
import dev.basin.bounds.BoundReport;
import dev.basin.bounds.BoundResult;
import dev.basin.bounds.Catalogue;
import dev.basin.bounds.Ingredients;
import dev.basin.bounds.JiangSigma;
import dev.basin.bounds.Num;
import dev.basin.model.Checks;
import java.io.PrintWriter;
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

/** {@code basin bounds}: every catalogued generalization bound and measure of a classifier (spec/bounds.md). */
@Command(name = "bounds", mixinStandardHelpOptions = true,
    description = {"Generalization bounds with their constants, confidence and assumptions checked, and the Jiang et al. measures.",
        "Each entry: its spec ID (spec/bounds.md), its value, whether it is vacuous for the 0-1 loss, and its ingredients.",
        "--audit computes every number as a certified enclosure [lo, hi] in outward-rounded interval arithmetic."})
public final class BoundsCommand implements Callable<Integer> {

  @Mixin
  private BoundOptions options = new BoundOptions();

  @Option(names = "--delta", defaultValue = "" + BoundInputs.DEFAULT_DELTA, paramLabel = "DELTA",
      description = "Each bound holds with probability >= 1 - delta over the sample. Default: ${DEFAULT-VALUE}.")
  private double delta = BoundInputs.DEFAULT_DELTA;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  private @Nullable MarginGroup margin;

  /** --margin or --margin-quantile. */
  static final class MarginGroup {
    @Option(names = "--margin", paramLabel = "GAMMA", description = "A fixed margin gamma > 0.")
    @Nullable Double gamma;

    @Option(names = "--margin-quantile", paramLabel = "Q",
        description = "gamma = the floor(Q*m)-th smallest training margin (default 0.1, Jiang et al.'s convention).")
    @Nullable Double quantile;
  }

  @Option(names = "--audit", description = "Certified enclosures: outward-rounded interval arithmetic throughout.")
  private boolean audit;

  @Option(names = "--json", paramLabel = "OUT", description = "Write the report as JSON to OUT (atomically).")
  private @Nullable Path json;

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Checks.openUnit("--delta", delta);
    BoundOptions.Loaded loaded = options.load(delta, marginChoice(margin));
    BoundInputs in = loaded.inputs();
    Findings.Builder report = Findings.builder().putAll(audit ? run(Arithmetic.INTERVAL, in) : run(Arithmetic.PLAIN, in));
    JiangSigma.Searched s = loaded.searched();
    if (s != null) {
      report.put("sigma_search", BoundOptions.searches(s));
      PrintWriter out = spec.commandLine().getOut();
      out.println("sigma search (FLAT-PACBAYES-SIGMA/-MAG, sigma = perturbation std): sigma = " + in.sigma()
          + ", sigma' = " + in.sigmaMag());
      out.flush();
    }
    Path out = json;
    if (out != null) {
      ReportJson.write(out, Output.report(spec, report.build()));
    }
    return 0;
  }


  static BoundInputs.MarginChoice marginChoice(@Nullable MarginGroup g) {
    if (g != null && g.gamma != null) {
      return BoundInputs.MarginChoice.fixed(g.gamma);
    }
    return BoundInputs.MarginChoice.quantile(g != null && g.quantile != null ? g.quantile : 0.1);
  }

  private <N extends Num<N>> Findings run(Arithmetic<N> ar, BoundInputs in) {
    Ingredients<N> ingredients = new Ingredients<>(ar, in);
    List<BoundResult<N>> results = Catalogue.evaluate(ingredients);
    Findings report = BoundReport.of(ingredients, results);
    print(spec.commandLine().getOut(), report, results);
    return report;
  }

  private static <N extends Num<N>> void print(PrintWriter out, Findings report, List<BoundResult<N>> results) {
    if (report.get("arithmetic") instanceof Finding.Text t) {
      out.println("basin bounds: " + t.value());
    }
    if (report.get("inputs") instanceof Findings inputs) {
      Terminal.print(out, inputs);
    }
    out.println();
    out.printf(Locale.ROOT, "%-36s %-24s %-9s %-14s %s%n", "spec ID", "kind", "vacuous", "confidence", "value");
    for (BoundResult<N> r : results) {
      N v = r.value();
      if (v == null) {
        continue;
      }
      Double conf = r.confidence();
      BoundResult.Vacuity vac = r.vacuity();
      out.printf(Locale.ROOT, "%-36s %-24s %-9s %-14s %s%n", r.id(), r.kind().name().toLowerCase(Locale.ROOT),
          vac == BoundResult.Vacuity.NOT_A_BOUND ? "-" : vac.name().toLowerCase(Locale.ROOT),
          conf == null ? "-" : String.format(Locale.ROOT, "%.6g", conf), BoundReport.text(v));
    }
    out.println();
    for (BoundResult<N> r : results) {
      if (r.value() == null) {
        out.println(r.id() + ": not applicable: " + r.notApplicable());
      }
    }
    out.flush();
  }
}
