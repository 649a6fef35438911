package dev.basin.cli;

import dev.basin.base.InvalidInputException;
import dev.basin.base.NonFiniteResultException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code basin} command line (spec CLI-EXIT): exit code 0 on success, 2 on a usage error
 * (unknown option, missing argument), 3 on bad input (a malformed file, a wrong shape, a
 * non-finite value, an argument out of range) with one line naming the input and the problem,
 * never a stack trace. Any other failure is a bug in basin: exit 1, one line, and the stack trace
 * only when BASIN_DEBUG is set. {@code basin audit} exits 4 when a claimed value disagrees with basin's
 * recomputation (AuditCommand.DISAGREEMENT).
 */
@Command(
    name = "basin",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Exact loss-landscape measures, symmetries, bounds and dynamics for 2-layer networks.",
    subcommands = {
      CommandLine.HelpCommand.class,
      HessianCommand.class,
      HvpCommand.class,
      GenerateCommand.class,
      DemoCommand.class,
      TrainCommand.class,
      StagnationCommand.class,
      BatchesCommand.class,
      Rank1Command.class,
      MeasureCommand.class,
      SymmetryCommand.class,
      BoundsCommand.class,
      AuditCommand.class,
      ReproduceCommand.class,
      DataCommand.class,
      SweepCommand.class,
      BackendsCommand.class,
    })
public final class Main implements Runnable {

  /** Exit code for bad input. */
  public static final int BAD_INPUT = 3;
  /** Exit code for an internal error. */
  public static final int INTERNAL = 1;

  @CommandLine.Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli before run()
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the CLI with the given streams and returns the exit code (used by tests). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof CommandLine.ParameterException) {
        // an option combination a command rejects after parsing: a usage error like picocli's own
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
      }
      if (ex instanceof InvalidInputException || ex instanceof NonFiniteResultException) {
        err.println(cmd.getCommandSpec().qualifiedName() + ": error: " + ex.getMessage());
        return BAD_INPUT;
      }
      err.println(cmd.getCommandSpec().qualifiedName() + ": internal error: " + ex
          + (System.getenv("BASIN_DEBUG") == null ? " (set BASIN_DEBUG=1 for the stack trace)" : ""));
      if (System.getenv("BASIN_DEBUG") != null) {
        ex.printStackTrace(err);
      }
      return INTERNAL;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version from the jar manifest, or "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Package pkg = Main.class.getPackage();
      String v = pkg == null ? null : pkg.getImplementationVersion();
      return new String[] {"basin " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
    }
  }
}
