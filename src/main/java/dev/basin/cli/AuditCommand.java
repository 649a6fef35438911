package dev.basin.cli;

import dev.basin.base.Findings;
import dev.basin.io.Json;
import dev.basin.report.ReportJson;
import dev.basin.bounds.Audit;
import dev.basin.bounds.BoundInputs;
import dev.basin.bounds.BoundReport;
import dev.basin.bounds.JiangSigma;
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
 * {@code basin audit}: recomputes bound values computed elsewhere (spec BOUND-AUDIT). Exit code 0
 * when every claim agrees within its tolerance, {@link #DISAGREEMENT} = 4 when one does not, 3 on
 * bad input.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"Checks generalization-bound values computed elsewhere against basin's certified recomputation.",
        "CLAIMS.json (spec/bounds.md BOUND-CLAIMS-FORMAT): {\"defaults\": {...}, \"claims\": [{\"id\" or \"formula\","
            + " \"value\", optional \"delta\", \"margin\" or \"margin_quantile\", \"sigma\", \"sigma_mag\","
            + " \"posterior_std\", \"form\" (paper|basin), \"tolerance\", \"ingredients\"}]}.",
        "Exit codes: 0 every claim agrees, 4 a claim disagrees, 3 bad input."})
public final class AuditCommand implements Callable<Integer> {

  /** Exit code when a claim disagrees beyond its tolerance. */
  public static final int DISAGREEMENT = 4;

  @Mixin
  private BoundOptions options = new BoundOptions();

  @Option(names = "--claims", required = true, paramLabel = "CLAIMS.json", description = "The claimed values (JSON).")
  private Path claims = Path.of("");

  @Option(names = "--json", paramLabel = "OUT", description = "Write the audit report as JSON to OUT (atomically).")
  private @Nullable Path json;

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<Audit.Claim> parsed = Audit.parse(Json.read(claims), claims.toString());
    BoundOptions.Loaded loaded = options.load(BoundInputs.DEFAULT_DELTA, BoundInputs.MarginChoice.quantile(0.1));
    BoundInputs base = loaded.inputs();
    List<Audit.Finding> findings = Audit.run(base, parsed);
    boolean all = findings.stream().allMatch(Audit.Finding::agrees);
    Findings.Builder report = Findings.builder()
        .flag("agree", all)
        .text("arithmetic", "interval: basin's values are certified enclosures; a claim agrees when it lies within its"
            + " relative tolerance of the enclosure")
        .put("conventions", BoundReport.conventions(base));
    JiangSigma.Searched searched = loaded.searched();
    if (searched != null) {
      report.put("sigma_search", BoundOptions.searches(searched));
    }
    report.items("findings", Audit.findings(findings));
    Path out = json;
    if (out != null) {
      ReportJson.write(out, Output.report(spec, report.build()));
    }
    print(spec.commandLine().getOut(), findings, all);
    return all ? 0 : DISAGREEMENT;
  }

  private static void print(PrintWriter out, List<Audit.Finding> findings, boolean all) {
    for (Audit.Finding f : findings) {
      String basin = f.basin() == null ? "n/a" : BoundReport.text(f.basin());
      out.printf(Locale.ROOT, "claim %d %s: claimed %.10g, basin %s (%s form): %s%n", f.claim().index(), f.claim().bound().id(),
          f.claim().value(), basin, f.comparedForm(), f.agrees() ? "AGREES"
              : String.format(Locale.ROOT, "DISAGREES (relative error %+.3g, tolerance %.3g)", f.relativeError(), f.claim().tolerance()));
      for (String d : f.diagnoses()) {
        out.println("  - " + d);
      }
    }
    out.println(all ? "all claims agree" : "some claims disagree (exit code " + DISAGREEMENT + ")");
    out.flush();
  }
}
