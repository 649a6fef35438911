package dev.basin.cli;

import dev.basin.golden.AnswerFile;
import dev.basin.golden.Precision;
import dev.basin.golden.Scorer;
import dev.basin.golden.Suite;
import dev.basin.io.AtomicFiles;
import dev.basin.io.Json;
import dev.basin.report.CheckReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code basin check}: scores a tool's answers against a suite written by basin golden (spec
 * GOLDEN-SCORE): a table of every answer's error in units of its tolerance, optionally a JSON and a
 * self-contained HTML report. Exit 0 when every given answer passes, {@link #FAILED} = 4 when one
 * fails, 3 on bad input (an unknown case or quantity, a wrong length, a changed suite file).
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Score a tool's answers against a suite written by basin golden (spec/golden.md GOLDEN-ANSWERS).",
        "Exit 0: every given answer is within its tolerance; 4: at least one is not; 3: bad input."})
public final class CheckCommand implements Callable<Integer> {

  /** Exit code when an answer fails (as basin audit's disagreement). */
  public static final int FAILED = AuditCommand.DISAGREEMENT;

  @Option(names = "--suite", required = true, paramLabel = "DIR", description = "The suite's folder (with manifest.json).")
  private Path suite = Path.of("");

  @Option(names = "--answers", required = true, paramLabel = "FILE",
      description = "The tool's answers: JSON {\"precision\": ..., \"answers\": {CASE: {QUANTITY: value}}} or .npz with arrays CASE/QUANTITY.")
  private Path answers = Path.of("");

  @Option(names = "--precision", paramLabel = "P",
      description = "float64 or float32: the answers' precision (required for .npz; overrides the JSON's).")
  private @Nullable String precision;

  @Option(names = "--report", paramLabel = "DIR", description = "Also write DIR/check.json and DIR/index.html.")
  private @Nullable Path report;

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    String p = precision;
    Precision pr = p == null ? null : Precision.parse("--precision", p);
    Suite s = Suite.read(suite);
    Scorer.Result r = Scorer.score(s, AnswerFile.read(answers, pr));
    Path dir = report;
    if (dir != null) {
      Json.write(dir.resolve("check.json"), CheckReport.json(r));
      AtomicFiles.writeString(dir.resolve("index.html"), CheckReport.html(r));
    }
    CheckReport.printTable(spec.commandLine().getOut(), r);
    return r.failed() == 0 ? 0 : FAILED;
  }
}
