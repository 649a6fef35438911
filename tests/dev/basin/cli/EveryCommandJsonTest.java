package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.io.ArrayFiles;
import dev.basin.io.DataFiles;
import dev.basin.io.Json;
import dev.basin.io.NdArray;
import dev.basin.io.NetFiles;
import dev.basin.kernel.Activation;
import dev.basin.measure.Measures;
import dev.basin.model.Dataset;
import dev.basin.model.TwoLayerNet;
import dev.basin.testing.Images;
import dev.basin.testing.ReportSchema;
import dev.basin.testing.Toy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command's JSON validates against spec/report.schema.json (REPORT-JSON): each command of
 * the command line that has --json (found by walking Main's subcommands, so a new command cannot
 * be forgotten) is run once on small files and its report is validated; and the report's header
 * names the command.
 */
class EveryCommandJsonTest {

  @TempDir
  static Path dir;

  static Path toyNet;
  static Path toyData;
  static Path clsNet;
  static Path clsData;
  static Path clsInit;
  static Path images;
  static Path vector;

  @BeforeAll
  static void files() throws IOException {
    toyNet = dir.resolve("toy.npz");
    toyData = dir.resolve("toy-data.npz");
    NetFiles.write(toyNet, Toy.net(1.0));
    DataFiles.write(toyData, Toy.objective().data());
    Rng rng = Rng.of(11);
    TwoLayerNet n = Synthetic.randomNet(4, 6, 3, true, false, Activation.of(Activation.RELU), 1.0, rng);
    Dataset d = Synthetic.teacherClassification(n, 40, rng);
    clsNet = dir.resolve("cls.npz");
    clsData = dir.resolve("cls-data.npz");
    clsInit = dir.resolve("cls-init.npz");
    NetFiles.write(clsNet, n);
    DataFiles.write(clsData, d);
    NetFiles.write(clsInit, Synthetic.randomNet(4, 6, 3, true, false, Activation.of(Activation.RELU), 1.0, Rng.of(12)));
    images = dir.resolve("img.npz");
    DataFiles.write(images, Images.labelled(8, rng));
    vector = dir.resolve("v.npy");
    ArrayFiles.writeNpy(vector, NdArray.of("v", new double[] {1.0, -2.0}, 2));
  }

  /** One run of each command with --json (the JSON path is appended). */
  static Map<String, List<String>> recipes() {
    String net = toyNet.toString();
    String data = toyData.toString();
    List<String> toy = List.of("--net", net, "--data", data, "--loss", "mse");
    Map<String, List<String>> r = new LinkedHashMap<>();
    r.put("basin hessian", cat(List.of("hessian"), toy));
    r.put("basin hvp", cat(List.of("hvp"), toy, List.of("--vector", vector.toString(), "--out", dir.resolve("hv.npy")
        .toString())));
    r.put("basin generate", List.of("generate", "teacher-regression", "--d", "2", "--h", "3", "--n", "8", "--net-out",
        dir.resolve("g-net.npz").toString()));
    r.put("basin train", List.of("train", "--data", data, "--hidden", "2", "--loss", "mse", "--steps", "5", "--out",
        dir.resolve("t.npz").toString(), "--no-progress"));
    r.put("basin stagnation", cat(List.of("stagnation"), toy, List.of("--radius", "0.5", "--lr", "0.001", "--noise", "0.01",
        "--steps", "3", "--runs", "4", "--convexity-samples", "2")));
    r.put("basin batches", cat(List.of("batches"), toy, List.of("--batch", "1", "--min-steps", "5")));
    r.put("basin rank1", List.of("rank1", "--data", images.toString(), "--image", "1,5,5", "--filters", "1", "--kernel",
        "3,3", "--loss", "ce", "--steps", "3", "--lr", "0.1"));
    r.put("basin measure", cat(List.of("measure"), toy, List.of("--measures", Measures.ids(Measures.all()), "--bottom", "1",
        "--subspace-dim", "1", "--volume-directions", "3", "--restarts", "1", "--ascent-steps", "2",
        "--attraction-steps", "2", "--pacbayes-samples", "2", "--density-steps", "2")));
    r.put("basin symmetry check", cat(List.of("symmetry", "check"), toy, List.of("--alpha", "2")));
    r.put("basin symmetry flattest", cat(List.of("symmetry", "flattest"), toy));
    r.put("basin symmetry sharpen", cat(List.of("symmetry", "sharpen"), toy, List.of("--measure", "trace", "--target",
        "100")));
    r.put("basin bounds", List.of("bounds", "--net", clsNet.toString(), "--data", clsData.toString(), "--init",
        clsInit.toString(), "--sigma", "0.04", "--audit"));
    r.put("basin audit", List.of("audit", "--claims", claims().toString(), "--net", clsNet.toString(), "--data",
        clsData.toString(), "--init", clsInit.toString()));
    return r;
  }

  private static Path claims() {
    Path p = dir.resolve("claims.json");
    try {
      Files.writeString(p, "{\"claims\": [{\"id\": \"BOUND-PARAMCOUNT-LEELEE\", \"value\": 1.0}]}");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return p;
  }

  @SafeVarargs
  private static List<String> cat(List<String>... parts) {
    List<String> out = new ArrayList<>();
    for (List<String> p : parts) {
      out.addAll(p);
    }
    return out;
  }

  /** The qualified names of every leaf command that has a --json option. */
  static List<String> jsonCommands() {
    List<String> out = new ArrayList<>();
    collect(new CommandLine(new Main()), out);
    return out;
  }

  private static void collect(CommandLine cl, List<String> out) {
    if (cl.getCommandSpec().findOption("--json") != null) {
      out.add(cl.getCommandSpec().qualifiedName());
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (!out.contains(sub.getCommandSpec().qualifiedName())) {
        collect(sub, out);
      }
    }
  }

  @Test
  void everyCommandWithJsonHasARecipe() {
    assertEquals(List.copyOf(new java.util.TreeSet<>(jsonCommands())), List.copyOf(new java.util.TreeSet<>(recipes().keySet())),
        "a command with --json needs a recipe here");
  }

  @Test
  void everyCommandsJsonValidatesAgainstTheSchema() {
    for (Map.Entry<String, List<String>> e : recipes().entrySet()) {
      Path json = dir.resolve(e.getKey().replace(' ', '-') + ".json");
      List<String> args = cat(e.getValue(), List.of("--json", json.toString()));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
      assertTrue(code == 0 || code == AuditCommand.DISAGREEMENT, () -> e.getKey() + " exited " + code + ":\n" + err);
      ReportSchema.assertValid(json);
      JsonNode head = Json.read(json).get("basin");
      assertEquals(e.getKey(), head.get("command").asText());
    }
  }

  @Test
  void theDemoReportValidatesToo() {
    Path out = dir.resolve("demo");
    StringWriter w = new StringWriter();
    assertEquals(0, Main.run(new PrintWriter(w), new PrintWriter(new StringWriter()), "demo", "--out", out.toString()));
    ReportSchema.assertValid(out.resolve("report.json"));
  }
}
