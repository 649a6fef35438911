package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.io.ArrayFiles;
import dev.basin.io.DataFiles;
import dev.basin.io.NdArray;
import dev.basin.io.NetFiles;
import dev.basin.kernel.Activation;
import dev.basin.model.Dataset;
import dev.basin.model.TwoLayerNet;
import dev.basin.testing.BadFiles;
import dev.basin.testing.BadFiles.Bad;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that reads files ({@code hessian}, {@code hvp}) fed every bad net and data file
 * of {@link BadFiles} and the inconsistent pairs below: exit code 3, one line naming the file
 * (and array), no stack trace, and no output file left behind (spec CLI-EXIT, IO-ATOMIC).
 */
class BadInputFilesTest {

  @TempDir
  static Path dir;

  /** A valid problem: d = 3, h = 4, k = 2, n = 5 with real targets, relu, halfsq. */
  static Path goodNet() {
    Path p = dir.resolve("good_net.npz");
    if (!Files.exists(p)) {
      NetFiles.write(p, TwoLayerNet.of(Activation.of(Activation.RELU), 3, 4, 2, seq(12), seq(4), seq(8), seq(2)));
    }
    return p;
  }

  static Path goodData() {
    Path p = dir.resolve("good_data.npz");
    if (!Files.exists(p)) {
      DataFiles.write(p, Dataset.withTargets(5, 3, seq(15), 2, seq(10)));
    }
    return p;
  }

  static Path goodVector() {
    Path p = dir.resolve("good_v.npy");
    if (!Files.exists(p)) {
      ArrayFiles.writeNpy(p, NdArray.of("v", seq(12 + 4 + 8 + 2), 26));
    }
    return p;
  }

  private static double[] seq(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 0.1 * ((7 * i) % 11 - 5);
    }
    return v;
  }

  /** Every bad file in the role of the net and of the data set, for both commands. */
  static Stream<Arguments> badFiles() {
    Path sub = mkdir("bad");
    List<Bad> all = new ArrayList<>();
    all.addAll(BadFiles.badNets(sub));
    all.addAll(BadFiles.badData(sub));
    all.addAll(BadFiles.badNpz(sub));
    all.addAll(BadFiles.badSafetensors(sub));
    all.addAll(BadFiles.corruptions(sub, "net", "npz", BadFiles.bytes(goodNet())));
    all.addAll(BadFiles.corruptions(sub, "data", "npz", BadFiles.bytes(goodData())));
    List<Arguments> out = new ArrayList<>();
    for (Bad b : all) {
      for (String command : List.of("hessian", "hvp")) {
        out.add(Arguments.of(command, "net", b));
        out.add(Arguments.of(command, "data", b));
      }
    }
    return out.stream();
  }

  private static Path mkdir(String name) {
    try {
      return Files.createDirectories(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a command on (net, data) with every output option pointing into a fresh directory. */
  static Cli.Result run(String command, Path net, Path data, Path outDir, String... extra) {
    List<String> a = new ArrayList<>(List.of(command, "--net", net.toString(), "--data", data.toString()));
    if (!List.of(extra).contains("--loss")) {
      a.addAll(List.of("--loss", "halfsq"));
    }
    if (command.equals("hessian")) {
      a.addAll(List.of("--json", outDir.resolve("r.json").toString(), "--save-hessian", outDir.resolve("H.npy").toString()));
    } else {
      a.addAll(List.of("--vector", goodVector().toString(), "--out", outDir.resolve("hv.npy").toString(), "--json",
          outDir.resolve("r.json").toString()));
    }
    a.addAll(List.of(extra));
    return Cli.run(a.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0} with a bad {1}: {2}")
  @MethodSource("badFiles")
  void aBadFileIsExitCodeThreeAndNoOutput(String command, String role, Bad bad) throws IOException {
    Path outDir = Files.createTempDirectory(dir, "out");
    Path net = role.equals("net") ? bad.file() : goodNet();
    Path data = role.equals("data") ? bad.file() : goodData();
    run(command, net, data, outDir).badInput(bad.file().toString());
    assertEquals(List.of(), Cli.files(outDir), "a failed command leaves no output file");
  }

  /** Files that are each valid but do not fit together, or do not fit the loss. */
  @Test
  void inconsistentPairsNameBothFiles() throws IOException {
    Path sub = mkdir("pairs");
    Path d4 = sub.resolve("d4.npz");
    DataFiles.write(d4, Dataset.withTargets(5, 4, seq(20), 2, seq(10)));
    Path k3 = sub.resolve("k3.npz");
    DataFiles.write(k3, Dataset.withTargets(5, 3, seq(15), 3, seq(15)));
    Path labels = sub.resolve("labels.npz");
    DataFiles.write(labels, Dataset.withLabels(5, 3, seq(15), new int[] {0, 1, 2, 1, 0}));
    Path labels01 = sub.resolve("labels01.npz");
    DataFiles.write(labels01, Dataset.withLabels(5, 3, seq(15), new int[] {0, 1, 1, 1, 0}));
    for (String command : List.of("hessian", "hvp")) {
      Path out = Files.createTempDirectory(dir, "out");
      run(command, goodNet(), d4, out).badInput(d4 + " (with net " + goodNet() + ")");
      run(command, goodNet(), k3, out).badInput(k3.toString());
      // labels 0..2 do not fit k = 2 outputs for ce
      run(command, goodNet(), labels, out, "--loss", "ce").badInput(labels.toString());
      // real targets for a label loss, labels for a squared loss
      run(command, goodNet(), goodData(), out, "--loss", "ce").badInput(goodData().toString());
      run(command, goodNet(), labels, out).badInput(labels.toString());
      // logistic needs k = 1
      run(command, goodNet(), labels01, out, "--loss", "logistic").badInput(labels01.toString());
      // one-hot with labels beyond k
      run(command, goodNet(), labels, out, "--one-hot").badInput(labels.toString());
      assertEquals(List.of(), Cli.files(out), command);
    }
  }

  @Test
  void hugeWeightsGiveANonFiniteResultNotAFile() throws IOException {
    Path sub = mkdir("huge");
    Path net = sub.resolve("huge_net.npz");
    double[] w1 = seq(12);
    java.util.Arrays.fill(w1, 1e200);
    NetFiles.write(net, TwoLayerNet.of(Activation.of(Activation.RELU), 3, 4, 2, w1, null, seq(8), null));
    Path data = sub.resolve("ones.npz");
    double[] x = new double[15];
    java.util.Arrays.fill(x, 1.0);
    DataFiles.write(data, Dataset.withTargets(5, 3, x, 2, seq(10)));
    for (String command : List.of("hessian", "hvp")) {
      Path out = Files.createTempDirectory(dir, "out");
      Cli.Result r = run(command, net, data, out);
      assertEquals(Main.BAD_INPUT, r.code(), r.err());
      r.noStackTrace();
      assertEquals(List.of(), Cli.files(out), command);
    }
  }
}
