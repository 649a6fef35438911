package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.data.SyntheticProblem;
import dev.basin.io.DataFiles;
import dev.basin.io.NetFiles;
import dev.basin.kernel.Activation;
import dev.basin.model.Dataset;
import dev.basin.model.TwoLayerNet;
import dev.basin.testing.BadFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code basin generate} (spec DATA-GENERATE): reproducible files of every kind, usable by the other commands. */
class GenerateCommandTest {

  @TempDir
  Path dir;

  private static String[] args(SyntheticProblem.Kind kind, long seed, Path net, Path data, String ext) {
    List<String> a = new java.util.ArrayList<>(List.of("generate", kind.label(), "--seed", "" + seed, "--d", "4", "--h", "5",
        "--n", "30", "--activation", "tanh", "--noise", "0.1", "--net-out", net.resolve("net." + ext).toString()));
    if (kind.hasData()) {
      a.addAll(List.of("--data-out", data.resolve("data." + ext).toString()));
    }
    if (!kind.isIndexModel()) {
      a.addAll(List.of("--k", "3"));
    }
    return a.toArray(String[]::new);
  }

  @ParameterizedTest
  @EnumSource(SyntheticProblem.Kind.class)
  void theSameSeedGivesByteIdenticalFiles(SyntheticProblem.Kind kind) throws Exception {
    for (String ext : List.of("npz", "safetensors")) {
      Path a = Files.createDirectories(dir.resolve("a" + ext));
      Path b = Files.createDirectories(dir.resolve("b" + ext));
      Path c = Files.createDirectories(dir.resolve("c" + ext));
      Cli.run(args(kind, 5, a, a, ext)).ok();
      Cli.run(args(kind, 5, b, b, ext)).ok();
      Cli.run(args(kind, 6, c, c, ext)).ok();
      assertEquals(Cli.files(a), Cli.files(b));
      for (String f : Cli.files(a)) {
        assertArrayEquals(BadFiles.bytes(a.resolve(f)), BadFiles.bytes(b.resolve(f)), kind + " " + f);
        assertFalse(java.util.Arrays.equals(BadFiles.bytes(a.resolve(f)), BadFiles.bytes(c.resolve(f))),
            kind + " " + f + ": another seed must give other bytes");
      }
    }
  }

  @Test
  void filesHoldWhatTheRecipeMakes() {
    Path json = dir.resolve("summary.json");
    Cli.Result r = Cli.run("generate", "teacher-regression", "--seed", "9", "--d", "3", "--h", "4", "--k", "2", "--n", "12",
        "--no-b2", "--activation", "sigmoid", "--scale", "2", "--net-out", dir.resolve("t.npz"), "--data-out",
        dir.resolve("d.npz"), "--json", json).ok();
    TwoLayerNet net = NetFiles.read(dir.resolve("t.npz"), Activation.of(Activation.SIGMOID));
    Dataset data = DataFiles.read(dir.resolve("d.npz"));
    SyntheticProblem.Generated g = new SyntheticProblem(SyntheticProblem.Kind.TEACHER_REGRESSION, 9, 3, 4, 2, 12, true,
        false, Activation.of(Activation.SIGMOID), 2, 0, 2, null, 0).generate();
    assertArrayEquals(g.net().parameters(), net.parameters(), 0.0);
    assertFalse(net.layout().hasOutputBias());
    assertEquals(g.data(), data);
    // noise 0: Y is exactly the teacher's output
    assertArrayEquals(net.outputs(data.x(), 12), data.targets(), 0.0);
    JsonNode s = Cli.json(json);
    assertEquals("teacher-regression", s.get("recipe").asText());
    assertEquals(9, s.get("seed").asLong());
    assertTrue(s.get("net_is").asText().startsWith("the teacher"), s.toString());
    assertTrue(r.out().contains("--activation sigmoid --loss halfsq"), r.out());
  }

  /** Generated files feed straight into the other commands with the suggested options. */
  @ParameterizedTest
  @EnumSource(value = SyntheticProblem.Kind.class, names = "RANDOM_NET", mode = EnumSource.Mode.EXCLUDE)
  void generatedProblemsRunThroughHessian(SyntheticProblem.Kind kind) {
    Path json = dir.resolve("s.json");
    Cli.run("generate", kind.label(), "--d", "3", "--h", "3", "--n", "20",
        kind.isIndexModel() ? "--k=1" : "--k=2", "--net-out", dir.resolve("n.npz").toString(), "--data-out",
        dir.resolve("d.npz").toString(), "--json", json.toString()).ok();
    String[] opts = Cli.json(json).get("suggested_options").asText().split(" ");
    List<String> a = new java.util.ArrayList<>(List.of("hessian", "--net", dir.resolve("n.npz").toString(), "--data",
        dir.resolve("d.npz").toString()));
    a.addAll(List.of(opts));
    Cli.run(a.toArray(String[]::new)).ok();
  }

  @Test
  void usageAndBadArguments() {
    Path net = dir.resolve("n.npz");
    Cli.run("generate", "teacher-regression").usage();                              // nothing to write
    Cli.run("generate", "random-net", "--net-out", net, "--data-out", dir.resolve("d.npz")).usage();
    Cli.run("generate", "--net-out", net).usage();                                  // KIND missing
    Cli.run("generate", "teacher-regression", "--d", "x", "--net-out", net).usage(); // not a number
    Cli.run("generate", "teacher-magic", "--net-out", net).badInput("kind");
    Cli.run("generate", "random-net", "--net-out", dir.resolve("n.npy")).badInput("n.npy");
    Cli.run("generate", "multi-index", "--k", "2", "--net-out", net).badInput("k");
    Cli.run("generate", "multi-index", "--link", "tanh", "--net-out", net).badInput("link");
    Cli.run("generate", "multi-index", "--d", "2", "--directions", "3", "--net-out", net).badInput("directions");
    Cli.run("generate", "teacher-classification", "--label-fraction", "2", "--net-out", net).badInput("label-fraction");
    Cli.run("generate", "random-net", "--scale", "NaN", "--net-out", net).badInput("scale");
    Cli.run("generate", "random-net", "--h", "0", "--net-out", net).badInput("h");
    Cli.run("generate", "random-net", "--activation", "gelu", "--net-out", net).badInput("activation");
    // absurd sizes: refused before anything is allocated or written
    Cli.run("generate", "teacher-regression", "--n", "2000000000", "--d", "5000", "--data-out", dir.resolve("d.npz"))
        .badInput("sizes");
    Cli.run("generate", "random-net", "--d", "2000000000", "--h", "2000000000", "--net-out", net).badInput("network size");
    assertEquals(List.of(), Cli.files(dir));
    assertTrue(Cli.run("generate", "--help").ok().out().contains("single-index-sum"));
  }

  @Test
  void anUnwritableOutputIsBadInputAndLeavesNothing() throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    Path inside = file.resolve("net.npz");   // its parent is a regular file
    Cli.run("generate", "random-net", "--net-out", inside).badInput(inside.toString());
    assertEquals(List.of("plain"), Cli.files(dir));
  }
}
