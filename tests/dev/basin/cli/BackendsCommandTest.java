package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.basin.compute.Backends;
import dev.basin.io.DataFiles;
import dev.basin.io.NetFiles;
import dev.basin.testing.Toy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend registry on the command line (spec COMPUTE-BACKEND "Registry"): {@code basin
 * backends} lists every backend with whether it runs here; an unknown or unavailable backend is one
 * line, exit 3.
 */
class BackendsCommandTest {

  @TempDir
  Path dir;

  @Test
  void listsEveryBackendAndWhetherItRunsHere() {
    Cli.Result r = Cli.run("backends").ok();
    for (String name : new String[] {"reference", "simd", "cuda", "cuda-emulator"}) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ")), () -> name + " missing:\n" + r.out());
    }
    assertTrue(r.out().contains("available"), r.out());
  }

  private String[] measure(String backend) {
    Path net = dir.resolve("toy.npz");
    Path data = dir.resolve("toy-data.npz");
    NetFiles.write(net, Toy.net(1.0));
    DataFiles.write(data, Toy.objective().data());
    return new String[] {"measure", "--net", net.toString(), "--data", data.toString(), "--loss", "mse", "--measures",
        "trace", "--backend", backend};
  }

  @Test
  void anUnknownBackendIsOneLineNamingTheOption() {
    Cli.run(measure("tpu")).badInput("--backend");
  }

  @Test
  void anUnavailableBackendIsOneLineWithTheReason() {
    assumeFalse(Backends.provider("cuda").availability().available(), "this machine has a GPU");
    Cli.Result r = Cli.run(measure("cuda")).badInput("--backend");
    assertTrue(r.err().contains("not available on this machine"), r.err());
  }
}
