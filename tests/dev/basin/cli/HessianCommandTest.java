package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.io.ArrayFiles;
import dev.basin.io.DataFiles;
import dev.basin.io.NdArray;
import dev.basin.io.NetFiles;
import dev.basin.kernel.Activation;
import dev.basin.model.Dataset;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.measure.HessianDiagonal;
import dev.basin.model.Point;
import dev.basin.model.TwoLayerNet;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code basin hessian} end to end on files: the closed-form toy of spec/hessian.md HESS-FULL
 * (papers.md §2.3), agreement with the library on random cases, its options and exit codes.
 */
class HessianCommandTest {

  @TempDir
  Path dir;

  /** Writes the toy y = θ2 relu(θ1 x), x = (1, 2, 3, 4), targets 2x, as net and data files. */
  private Path[] toyFiles(double t1, double t2) {
    Path net = dir.resolve("toy_net.npz");
    Path data = dir.resolve("toy_data.npz");
    NetFiles.write(net, TwoLayerNet.of(Activation.of(Activation.RELU), 1, 1, 1, new double[] {t1}, null,
        new double[] {t2}, null));
    DataFiles.write(data, Dataset.withTargets(4, 1, new double[] {1, 2, 3, 4}, 1, new double[] {2, 4, 6, 8}));
    return new Path[] {net, data};
  }

  @Test
  void closedFormToyThroughFiles() {
    Path[] f = toyFiles(1, 2);
    Path json = dir.resolve("report.json");
    Path h = dir.resolve("H.npy");
    Cli.Result r = Cli.run("hessian", "--net", f[0], "--data", f[1], "--activation", "relu", "--loss", "mse",
        "--json", json, "--save-hessian", h).ok();
    JsonNode rep = Cli.json(json);
    // papers.md §2.3: H = [[60, 30], [30, 15]], trace 75, eigenvalues {0, 75}; exact in binary
    // arithmetic up to the eigensolver's backward error (reported, LINALG-EIGEN)
    JsonNode ev = rep.get("eigenvalues");
    double err = ev.at("/eigenvalue_error_estimate/value").asDouble();
    assertEquals(75.0, rep.at("/trace/value").asDouble(), 1e-13);
    assertEquals(75.0, ev.at("/lambda_max/value").asDouble(), 1e-13);
    assertEquals(0.0, ev.at("/lambda_min/value").asDouble(), Math.max(err, 1e-13));
    assertEquals(Math.sqrt(60 * 60 + 2 * 30 * 30 + 15 * 15), rep.at("/frobenius/value").asDouble(), 1e-12);
    assertEquals(0.0, rep.at("/loss/value").asDouble(), 0.0);
    assertEquals(0.0, rep.at("/grad_norm/value").asDouble(), 0.0);
    // the certified extremes contain the exact ones (FLAT-CERT-EIG)
    JsonNode lmax = rep.at("/spectrum/lambda_max/value");
    assertTrue(lmax.get("lo").asDouble() <= 75.0 && 75.0 <= lmax.get("hi").asDouble(), lmax.toString());
    JsonNode lmin = rep.at("/spectrum/lambda_min/value");
    assertTrue(lmin.get("lo").asDouble() <= 0.0 && 0.0 <= lmin.get("hi").asDouble(), lmin.toString());
    assertEquals("mse", rep.at("/conventions/loss").asText());
    NdArray saved = ArrayFiles.readNpy(h);
    assertArrayEquals(new int[] {2, 2}, saved.shape());
    assertArrayEquals(new double[] {60, 30, 30, 15}, saved.values(), 1e-13);
    assertTrue(r.out().contains("trace"), r.out());
  }

  @Test
  void closedFormToyRescaledByTen() {
    Path[] f = toyFiles(10, 0.2);
    Path json = dir.resolve("report.json");
    Cli.run("hessian", "--net", f[0], "--data", f[1], "--loss", "mse", "--json", json).ok();
    // papers.md §2.3: trace 2S(α² + 4/α²) = 1500.6 at α = 10, and λ_max = trace on the minimum set
    assertEquals(1500.6, Cli.json(json).at("/trace/value").asDouble(), 1e-11);
    assertEquals(1500.6, Cli.json(json).at("/eigenvalues/lambda_max/value").asDouble(), 1e-11);
  }

  /**
   * On random cases the command reports what the library computes: the loss of the point, the
   * closed-form trace (FLAT-TRACE) and the eigenvalues of Point.hessian(), so the numbers agree
   * exactly.
   */
  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16})
  void agreesWithTheLibrary(long seed) {
    Case c = Cases.random(seed);
    TwoLayerNet net = c.objective().net(c.theta());
    Path netFile = dir.resolve("net.safetensors");
    Path dataFile = dir.resolve("data.npz");
    NetFiles.write(netFile, net);
    DataFiles.write(dataFile, c.objective().data());
    Path json = dir.resolve("r.json");
    Cli.run("hessian", "--net", netFile, "--data", dataFile, "--activation",
        dev.basin.model.Conventions.name(c.objective().activation()), "--loss",
        dev.basin.model.Conventions.name(c.objective().loss()), "--reduction",
        dev.basin.model.Conventions.reductionName(c.objective().loss()), "--json", json).ok();
    JsonNode rep = Cli.json(json);
    Point p = c.objective().at(c.theta());
    int n = c.theta().length;
    double[] ev = SymmetricEigen.of(p.hessian(), n, false).values();
    assertEquals(p.loss(), rep.at("/loss/value").asDouble(), 0.0, c.toString());
    assertEquals(HessianDiagonal.trace(p), rep.at("/trace/value").asDouble(), 0.0, c.toString());
    JsonNode got = rep.at("/eigenvalues/eigenvalues/values");
    assertEquals(n, got.size(), c.toString());
    for (int i = 0; i < n; i++) {
      assertEquals(ev[i], got.get(i).asDouble(), 0.0, c.toString());
    }
  }

  /**
   * Above --max-exact no explicit Hessian is built (none is written), but the trace is exact (closed
   * form, spec FLAT-TRACE: 75 on the toy), λ_max comes from certified Lanczos (75), and the
   * Frobenius norm is an estimate with its interval.
   */
  @Test
  void aboveMaxExactReportsClosedFormsAndCertifiedExtremes() {
    Path[] f = toyFiles(1, 2);
    Path json = dir.resolve("r.json");
    Path h = dir.resolve("H.npy");
    Cli.run("hessian", "--net", f[0], "--data", f[1], "--loss", "mse", "--max-exact", "1", "--json", json).ok();
    JsonNode rep = Cli.json(json);
    assertEquals("not_applicable", rep.at("/eigenvalues/kind").asText(), rep.toString());
    assertEquals(75.0, rep.at("/trace/value").asDouble(), 1e-12);
    assertEquals(75.0, rep.at("/spectrum/lambda_max/value/value").asDouble(), 1e-9);
    assertEquals("estimate", rep.at("/frobenius/kind").asText());
    assertEquals("certified_enclosure", rep.at("/spectrum/lambda_max/value/kind").asText());
    // asking for the explicit Hessian above --max-exact is bad input, not a silent no-op (issue 15 defect 5;
    // before, this exited 0 and wrote nothing)
    Path json2 = dir.resolve("r2.json");
    Cli.run("hessian", "--net", f[0], "--data", f[1], "--loss", "mse", "--max-exact", "1", "--json", json2,
        "--save-hessian", h).badInput("--save-hessian");
    assertFalse(Files.exists(h) || Files.exists(json2), "nothing is written when the command is refused");
  }

  @Test
  void helpUsageAndBadArguments() {
    Cli.Result help = Cli.run("hessian", "--help").ok();
    assertTrue(help.out().contains("--net") && help.out().contains("--save-hessian"), help.out());
    Cli.run("hessian", "--data", "x.npz", "--loss", "mse").usage();          // --net missing
    Cli.run("hessian", "--bogus").usage();
    Path[] f = toyFiles(1, 2);
    Cli.run("hessian", "--net", f[0], "--data", f[1], "--loss", "nope").badInput("loss");
    Cli.run("hessian", "--net", f[0], "--data", f[1], "--loss", "mse", "--activation", "swish").badInput("activation");
    Cli.run("hessian", "--net", f[0], "--data", f[1], "--loss", "mse", "--reduction", "avg").badInput("reduction");
    Cli.run("hessian", "--net", f[0], "--data", f[1], "--loss", "mse", "--max-exact", "0").badInput("--max-exact");
    // ce needs integer labels; the toy data has real targets
    Cli.run("hessian", "--net", f[0], "--data", f[1], "--loss", "ce").badInput(f[1].toString());
    assertEquals(List.of("toy_data.npz", "toy_net.npz"), Cli.files(dir));
  }
}
