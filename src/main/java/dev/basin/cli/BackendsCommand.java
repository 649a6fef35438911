package dev.basin.cli;

import dev.basin.compute.Backends;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code basin backends}: the registered backends, whether this machine can run them, and why not. */
@Command(name = "backends", mixinStandardHelpOptions = true,
    description = "List the compute backends (--backend), whether each runs on this machine, and when auto picks it.")
final class BackendsCommand implements Callable<Integer> {

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli before call()
  private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(Backends.describe());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
