package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.basin.testing.Images;
import dev.basin.model.TwoLayerNet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** basin train, stagnation, batches and rank1 end to end (exit codes, files, reproducibility, bad input). */
class DynamicsCommandsTest {

  @TempDir
  static Path dir;

  static Path regression;
  static Path images;

  /** stdout, stderr and exit code of one run. */
  record Run(int code, String out, String err) {}

  static Run basin(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  static String[] args(Object... parts) {
    List<String> l = new ArrayList<>();
    for (Object p : parts) {
      l.add(String.valueOf(p));
    }
    return l.toArray(new String[0]);
  }

  @BeforeAll
  static void data() {
    Rng rng = Rng.of(1);
    TwoLayerNet teacher = Synthetic.randomNet(3, 4, 1, true, true, Activation.of(Activation.TANH), 1.0, rng);
    regression = dir.resolve("reg.npz");
    DataFiles.write(regression, Synthetic.teacherRegression(teacher, 20, 0.05, rng));
    images = dir.resolve("img.npz");
    DataFiles.write(images, Images.labelled(16, rng));
  }

  @Test
  void trainWritesNetTrajectoryCheckpointsAndIsBitReproducible() throws Exception {
    Path a = dir.resolve("a.npz");
    Path b = dir.resolve("b.npz");
    Path traj = dir.resolve("traj.npz");
    Path ck = dir.resolve("ck");
    Path json = dir.resolve("train.json");
    Run r = basin(args("train", "--data", regression, "--hidden", 5, "--activation", "tanh", "--loss", "halfsq", "--optimizer",
        "noisy-sgd", "--batch", 5, "--noise", 0.01, "--noise-cov", "gradient", "--momentum", 0.5, "--lr", 0.05, "--steps", 60,
        "--seed", 7, "--out", a, "--trajectory", traj, "--record-params", "--checkpoint-every", 30, "--checkpoint-dir", ck,
        "--json", json, "--eval-every", 10, "--no-progress"));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("final_loss"), r.out());
    assertEquals("", r.err(), "no progress bar when not asked");
    JsonNode rep = Cli.json(json);
    assertTrue(rep.at("/final_loss/value").asDouble() < rep.at("/initial_loss/value").asDouble());
    assertEquals(60, rep.get("steps").asLong());
    assertEquals("gradient-covariance", rep.get("training").get("noise").get("noise").asText());
    Map<String, NdArray> t = ArrayFiles.read(traj);
    assertEquals(7, t.get("loss").values().length, "records at 0, 10, ..., 60");
    assertEquals(7, t.get("theta").shape()[0]);
    assertTrue(Files.exists(ck.resolve("step-00000030.npz")) && Files.exists(ck.resolve("step-00000060.npz")));
    TwoLayerNet net = NetFiles.read(a, Activation.of(Activation.TANH));
    assertArrayEquals(net.parameters(), NetFiles.read(ck.resolve("step-00000060.npz"), Activation.of(Activation.TANH)).parameters());
    // same seed: byte-identical output file
    Run r2 = basin(args("train", "--data", regression, "--hidden", 5, "--activation", "tanh", "--loss", "halfsq", "--optimizer",
        "noisy-sgd", "--batch", 5, "--noise", 0.01, "--noise-cov", "gradient", "--momentum", 0.5, "--lr", 0.05, "--steps", 60,
        "--seed", 7, "--out", b, "--eval-every", 10));
    assertEquals(0, r2.code(), r2.err());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void everyOptimizerRuns() {
    String[][] opts = {{"--optimizer", "gd"}, {"--optimizer", "sgd", "--batch", "4", "--sampling", "with"},
        {"--optimizer", "noisy-sgd", "--noise", "0.1"}, {"--optimizer", "noisy-sgd", "--noise", "0.1", "--noise-cov", "hessian"},
        {"--optimizer", "noisy-sgd", "--noise", "0.1", "--noise-cov", "gauss-newton", "--batch", "8"},
        {"--optimizer", "langevin", "--temperature", "0.001"}};
    for (String[] o : opts) {
      List<String> a = new ArrayList<>(List.of(args("train", "--data", regression, "--hidden", 3, "--loss", "mse", "--steps", 20,
          "--out", dir.resolve("o.npz"))));
      a.addAll(List.of(o));
      Run r = basin(a.toArray(new String[0]));
      assertEquals(0, r.code(), String.join(" ", o) + ": " + r.err());
    }
  }

  @Test
  void trainStopsAtInterpolation() throws Exception {
    Path json = dir.resolve("interp.json");
    Run r = basin(args("train", "--data", images, "--hidden", 8, "--activation", "tanh", "--loss", "ce", "--lr", 0.5, "--steps",
        5000, "--stop-interpolation", "--eval-every", 1, "--out", dir.resolve("i.npz"), "--json", json));
    assertEquals(0, r.code(), r.err());
    JsonNode rep = Cli.json(json);
    assertEquals("interpolation", rep.get("stop_reason").asText());
    assertEquals(1.0, rep.at("/final_accuracy/value").asDouble());
  }

  @Test
  void trainRejectsBadParameters() {
    Object[] base = {"train", "--data", regression, "--hidden", 3, "--loss", "halfsq", "--out", dir.resolve("x.npz")};
    expect(3, "lr", concat(base, "--lr", 0));
    expect(3, "lr", concat(base, "--lr", -0.1));
    expect(3, "momentum", concat(base, "--momentum", 1.0));
    expect(3, "noise sigma", concat(base, "--optimizer", "noisy-sgd", "--noise", -1));
    expect(3, "temperature", concat(base, "--optimizer", "langevin", "--temperature", -1));
    expect(3, "batch", concat(base, "--optimizer", "sgd", "--batch", 21));
    expect(3, "optimizer", concat(base, "--optimizer", "adam"));
    expect(3, "noise-cov", concat(base, "--optimizer", "noisy-sgd", "--noise", 1, "--noise-cov", "diagonal"));
    expect(2, "--noise", concat(base, "--noise", 0.1));
    expect(2, "--temperature", concat(base, "--optimizer", "langevin"));
    expect(2, "--batch", concat(base, "--batch", 4));
    expect(3, "steps", concat(base, "--steps", -5));
    expect(2, "--hidden", args("train", "--data", regression, "--loss", "halfsq", "--out", dir.resolve("x.npz")));
  }

  /** A minimizer of the regression problem (trained once, for the stagnation tests). */
  static Path minimizer() {
    Path net = dir.resolve("min.npz");
    if (!Files.exists(net)) {
      Run r = basin(args("train", "--data", regression, "--hidden", 3, "--activation", "tanh", "--loss", "halfsq", "--lr", 0.3,
          "--steps", 20000, "--stop-grad-norm", 1e-7, "--eval-every", 100, "--out", net));
      assertEquals(0, r.code(), r.err());
    }
    return net;
  }

  @Test
  void stagnationReportsMonteCarloBoundAndConvexityReproducibly() throws Exception {
    Path net = minimizer();
    Path j1 = dir.resolve("s1.json");
    Path j2 = dir.resolve("s2.json");
    Object[] cmd = {"stagnation", "--net", net, "--data", regression, "--activation", "tanh", "--loss", "halfsq", "--radius", 0.5,
        "--lr", 0.05, "--noise", 0.5, "--steps", 30, "--runs", 60, "--seed", 4, "--quadratic-model"};
    Run r = basin(args(concat(cmd, "--json", j1)));
    assertEquals(0, r.code(), r.err());
    Run r2 = basin(args(concat(cmd, "--json", j2, "--threads", 2)));
    assertEquals(0, r2.code(), r2.err());
    JsonNode rep = Cli.json(j1);
    assertEquals(rep, Cli.json(j2), "same seed, other thread count: identical results");
    JsonNode mc = rep.get("monte_carlo");
    assertTrue(mc.at("/probability/lo").asDouble() <= mc.at("/probability/value").asDouble());
    assertEquals("estimate", mc.at("/probability/kind").asText());
    assertEquals(60, mc.get("runs").asInt());
    assertTrue(rep.at("/quadratic_bound/value/value").asDouble() >= 0);
    assertEquals("lower", rep.at("/quadratic_bound/value/side").asText());
    assertTrue(rep.has("monte_carlo_quadratic_model"));
    assertEquals(100, rep.get("essential_convexity").get("samples").asInt());
    assertTrue(rep.at("/grad_norm_at_center/value").asDouble() < 1e-4, "near a minimizer: " + rep.get("grad_norm_at_center"));
    // tube
    Run t = basin(args(concat(cmd, "--shape", "tube", "--tube-k", 2, "--tube-perp", 2.0, "--noise-cov", "hessian")));
    assertEquals(0, t.code(), t.err());
    assertTrue(t.out().contains("set.shape"), t.out());
  }

  @Test
  void stagnationRejectsBadParameters() {
    Path net = minimizer();
    Object[] base = {"stagnation", "--net", net, "--data", regression, "--activation", "tanh", "--loss", "halfsq", "--lr", 0.05,
        "--noise", 0.5, "--steps", 10, "--runs", 10};
    expect(3, "radius", concat(base, "--radius", 0));
    expect(3, "radius", concat(base, "--radius", -1));
    String[] noLr = args("stagnation", "--net", net, "--data", regression, "--activation", "tanh", "--loss", "halfsq", "--radius", 1,
        "--lr", 0, "--noise", 0.5, "--steps", 10, "--runs", 10);
    expect(3, "lr", noLr);
    expect(3, "noise", args("stagnation", "--net", net, "--data", regression, "--activation", "tanh", "--loss", "halfsq",
        "--radius", 1, "--lr", 0.1, "--noise", -0.5, "--steps", 10, "--runs", 10));
    expect(3, "runs", args("stagnation", "--net", net, "--data", regression, "--activation", "tanh", "--loss", "halfsq",
        "--radius", 1, "--lr", 0.1, "--noise", 0.5, "--steps", 10, "--runs", 0));
    expect(3, "runs", args("stagnation", "--net", net, "--data", regression, "--activation", "tanh", "--loss", "halfsq",
        "--radius", 1, "--lr", 0.1, "--noise", 0.5, "--steps", 10, "--runs", 2_000_000_000));
    expect(3, "shape", concat(base, "--radius", 1, "--shape", "cube"));
    expect(3, "tube k", concat(base, "--radius", 1, "--shape", "tube", "--tube-k", 1000));
  }

  @Test
  void batchesAnalysesCheckpointsOfATrainingRun() throws Exception {
    Path net = dir.resolve("start.npz");
    NetFiles.write(net, Synthetic.randomNet(3, 4, 1, true, true, Activation.of(Activation.TANH), 1.0, Rng.of(5)));
    Path json = dir.resolve("b.json");
    Run r = basin(args("batches", "--net", net, "--data", regression, "--activation", "tanh", "--loss", "halfsq", "--batch", 5,
        "--train-steps", 40, "--checkpoints", 3, "--lr", 0.1, "--min-steps", 200, "--json", json));
    assertEquals(0, r.code(), r.err());
    JsonNode rep = Cli.json(json);
    assertEquals(4, rep.get("batches").asInt());
    JsonNode cps = rep.get("checkpoints");
    assertEquals(3, cps.size());
    assertEquals(20, cps.get(1).get("step").asLong());
    JsonNode c0 = cps.get(0);
    assertTrue(c0.at("/mean_grad_cosine/value").asDouble() <= 1.0);
    assertTrue(c0.has("mean_hessian_frobenius_cosine"));
    assertTrue(c0.has("small_next_gradient_fraction"));
    assertEquals(4, c0.get("per_batch").size());
    expect(3, "batch", args("batches", "--net", net, "--data", regression, "--activation", "tanh", "--loss", "halfsq", "--batch",
        100));
  }

  @Test
  void rank1TrainsTheFactoredModelAndChecksTheIdentity() throws Exception {
    Path json = dir.resolve("r1.json");
    Run r = basin(args("rank1", "--data", images, "--image", "1,5,5", "--filters", 2, "--kernel", "3,3", "--loss", "ce", "--steps",
        40, "--lr", 0.2, "--batch", 4, "--dense", "--json", json));
    assertEquals(0, r.code(), r.err());
    JsonNode rep = Cli.json(json);
    assertTrue(rep.get("identity_holds_to_rounding").asBoolean());
    assertEquals(40, rep.get("identity_checked_steps").asLong());
    assertEquals(9, rep.get("params_per_filter_dense").asInt());
    assertEquals(7, rep.get("params_per_filter_rank1").asInt());
    assertTrue(rep.at("/final_loss/value").asDouble() < rep.at("/initial_loss/value").asDouble());
    assertTrue(rep.has("dense_final_loss"));
    expect(3, "image", args("rank1", "--data", images, "--image", "1,5", "--loss", "ce"));
    expect(3, "data X", args("rank1", "--data", images, "--image", "1,4,4", "--loss", "ce"));
    expect(3, "kernel", args("rank1", "--data", images, "--image", "1,5,5", "--kernel", "6,1", "--loss", "ce"));
  }

  @Test
  void helpListsTheNewCommands() {
    Run r = basin("--help");
    for (String c : new String[] {"train", "stagnation", "batches", "rank1"}) {
      assertTrue(r.out().contains(c), r.out());
    }
    assertFalse(r.out().isEmpty());
  }

  static Object[] concat(Object[] base, Object... more) {
    Object[] out = new Object[base.length + more.length];
    System.arraycopy(base, 0, out, 0, base.length);
    System.arraycopy(more, 0, out, base.length, more.length);
    return out;
  }

  static void expect(int code, String input, Object... parts) {
    Run r = basin(args(parts));
    assertEquals(code, r.code(), String.join(" ", args(parts)) + "\nstderr: " + r.err());
    assertTrue(r.err().contains(input), "message names " + input + ": " + r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  static void expect(int code, String input, String[] a) {
    expect(code, input, (Object[]) a);
  }
}
