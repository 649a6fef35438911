package dev.basin.cli;

import dev.basin.base.InvalidInputException;
import dev.basin.base.Memory;
import dev.basin.base.NonFiniteResultException;
import dev.basin.base.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code basin} command line (spec CLI-EXIT): exit code 0 on success, 2 on a usage error
 * (unknown option, missing argument), 3 on bad input (a malformed file, a wrong shape, a
 * non-finite value, an argument out of range, a file that cannot be read or written, or more
 * memory than the heap has) with one line naming the input and the problem, never a stack trace.
 * Any other failure, Errors included, is a bug in basin: exit 1, one line, and the stack trace
 * only when BASIN_DEBUG is set. Every failure is exactly one line on stderr. {@code basin audit} exits 4 when a claimed value disagrees with basin's
 * recomputation (AuditCommand.DISAGREEMENT), {@code basin check} when an answer fails its tolerance.
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
      GoldenCommand.class,
      CheckCommand.class,
      ReproduceCommand.class,
      DataCommand.class,
      SweepCommand.class,
      BackendsCommand.class,
    })
public final class Main implements Runnable {

  /** Exit code for bad input (and for running out of memory: the input or options were too large). */
  public static final int BAD_INPUT = 3;
  /** Exit code for an internal error. */
  public static final int INTERNAL = 1;

  @CommandLine.Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli before run()
  private CommandLine.Model.CommandSpec spec;

  @Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
      description = "No progress bars (they are shown on a terminal's stderr only, never in files or pipes).")
  private boolean quiet;

  /** The progress bars of this run, made on the first request (null until then). */
  private @Nullable TerminalProgress bars;

  public static void main(String[] args) {
    Terminal.restoreStderr();
    PrintWriter err = new PrintWriter(System.err, true);
    // a thread basin started that dies of an uncaught error ends the run with the same one line
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      int code = fail(err, "basin", e);
      err.flush();
      Runtime.getRuntime().halt(code);
    });
    System.exit(run(new PrintWriter(System.out, true), err, args));
  }

  /** Runs the CLI with the given streams and returns the exit code (used by tests). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    Main app = new Main();
    CommandLine cl = new CommandLine(app);
    cl.setOut(out);
    cl.setErr(err);
    // a usage error is one line too, without picocli's usage dump (--help shows that)
    cl.setParameterExceptionHandler((ex, a) -> usage(err, ex.getCommandLine(), ex.getMessage()));
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      app.closeBars();
      return ex instanceof CommandLine.ParameterException pe ? usage(err, pe.getCommandLine(), pe.getMessage())
          : fail(err, cmd.getCommandSpec().qualifiedName(), ex);
    });
    int code;
    try {
      code = cl.execute(args);
    } catch (Throwable e) { // picocli lets Errors (OutOfMemoryError, StackOverflowError) through
      app.closeBars();
      code = fail(err, commandName(cl), e);
    } finally {
      app.closeBars();
    }
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The progress listener for the running command: bars on standard error when it is a terminal
   * and neither --quiet nor {@code force == false}; {@code force == true} draws them even on a
   * non-terminal. {@link Progress#NONE} otherwise.
   */
  static Progress progress(CommandLine.Model.CommandSpec command, @Nullable Boolean force) {
    if (!(command.root().userObject() instanceof Main app)) {
      return Progress.NONE;
    }
    boolean on = force != null ? force : !app.quiet && Terminal.stderrIsTerminal();
    if (!on) {
      return Progress.NONE;
    }
    synchronized (app) {
      TerminalProgress b = app.bars;
      if (b == null) {
        b = new TerminalProgress(System.err, Terminal.columns(), System::nanoTime, true);
        app.bars = b;
      }
      return b;
    }
  }

  private synchronized void closeBars() {
    TerminalProgress b = bars;
    if (b != null) {
      b.close();
    }
    bars = null;
  }

  /** Prints one usage-error line and returns the usage exit code (2). */
  private static int usage(PrintWriter err, CommandLine cmd, @Nullable String message) {
    String name = cmd.getCommandSpec().qualifiedName();
    err.println(name + ": " + oneLine(String.valueOf(message)) + " (see '" + name + " --help')");
    err.flush();
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * Reports a failure as one line and returns its exit code: bad input (exit 3) when the failure
   * or one of its causes is an {@link InvalidInputException}, a {@link NonFiniteResultException}, a
   * file-system error or an {@link OutOfMemoryError} (with the heap and how to raise it); anything
   * else is a bug in basin (exit 1), with the stack trace only when BASIN_DEBUG is set.
   */
  static int fail(PrintWriter err, String command, Throwable e) {
    Throwable bad = null;
    for (Throwable c = e; c != null && bad == null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof OutOfMemoryError || c instanceof InvalidInputException || c instanceof NonFiniteResultException
          || c instanceof IOException) {
        bad = c;
      }
    }
    if (bad instanceof OutOfMemoryError) {
      err.println(command + ": error: out of memory (heap " + Memory.format(Memory.maxHeap())
          + "): raise -Xmx with BASIN_JAVA_OPTS, or give smaller inputs or options");
      return BAD_INPUT;
    }
    if (bad instanceof IOException io) {
      err.println(command + ": error: " + oneLine(ioMessage(io)));
      return BAD_INPUT;
    }
    if (bad != null) {
      err.println(command + ": error: " + oneLine(String.valueOf(bad.getMessage())));
      return BAD_INPUT;
    }
    boolean debug = System.getenv("BASIN_DEBUG") != null;
    err.println(command + ": internal error: " + oneLine(e.toString())
        + (debug ? "" : " (set BASIN_DEBUG=1 for the stack trace)"));
    if (debug) {
      e.printStackTrace(err);
    }
    return INTERNAL;
  }

  /** A file-system error as "FILE: what went wrong". */
  private static String ioMessage(IOException e) {
    if (e instanceof FileSystemException f && f.getFile() != null) {
      String reason = f.getReason();
      String what = reason != null ? reason
          : f instanceof NoSuchFileException ? "no such file or directory"
          : f instanceof AccessDeniedException ? "permission denied"
          : f instanceof FileAlreadyExistsException ? "already exists"
          : f instanceof NotDirectoryException ? "not a directory"
          : f instanceof DirectoryNotEmptyException ? "directory not empty"
          : "cannot be accessed";
      return f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": " + what;
    }
    return String.valueOf(e.getMessage());
  }

  /** The message on one line: line breaks and other control characters become spaces. */
  static String oneLine(String s) {
    return s.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
  }

  /** The qualified name of the deepest command parsed ("basin" when parsing did not get that far). */
  private static String commandName(CommandLine cl) {
    CommandLine.ParseResult r = cl.getParseResult();
    if (r == null) {
      return "basin";
    }
    while (r.subcommand() != null) {
      r = r.subcommand();
    }
    return r.commandSpec().qualifiedName();
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
