package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.io.DataFiles;
import dev.basin.io.Json;
import dev.basin.io.NetFiles;
import dev.basin.kernel.Activation;
import dev.basin.measure.Measure;
import dev.basin.measure.Measures;
import dev.basin.model.Dataset;
import dev.basin.model.TwoLayerNet;
import dev.basin.testing.ReportSchema;
import dev.basin.testing.Toy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin measure}, {@code basin hessian} (both regimes) and {@code basin symmetry} end to end on
 * files: exit codes (CLI-EXIT), the kinds of the reported numbers, and values that are known exactly
 * (the Dinh toy, spec FLAT-TOY: trace 75, F_min 60, λ_max 75, λ_min 0).
 */
class MeasureCommandTest {

  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path[] toyFiles() {
    Path net = dir.resolve("toy.npz");
    Path data = dir.resolve("toy-data.npz");
    NetFiles.write(net, Toy.net(1.0));
    DataFiles.write(data, Toy.objective().data());
    return new Path[] {net, data};
  }

  /** The results of a report, after checking the report against spec/report.schema.json. */
  static JsonNode results(Path json) {
    ReportSchema.assertValid(json);
    return Json.read(json).get("results");
  }

  @Test
  void measureOnTheToy() {
    Path[] f = toyFiles();
    Path json = dir.resolve("m.json");
    Path slice = dir.resolve("slice.csv");
    Run r = run("measure", "--net", f[0].toString(), "--data", f[1].toString(), "--loss", "mse",
        "--measures", Measures.ids(Measures.all()), "--bottom", "1",
        "--subspace-dim", "2", "--volume-directions", "10", "--slice", slice.toString(), "--slice-points", "5",
        "--json", json.toString(), "--timings");
    assertEquals(0, r.code(), r.err());
    JsonNode j = results(json);
    assertEquals(75.0, j.get("trace").get("value").asDouble(), 1e-12);
    assertEquals("exact", j.get("trace").get("kind").asText());
    assertEquals(60.0, j.get("fmin").get("value").get("value").asDouble(), 1e-11);
    JsonNode lmax = j.get("spectrum").get("lambda_max").get("value");
    assertEquals("certified_enclosure", lmax.get("kind").asText());
    assertTrue(lmax.get("lo").asDouble() <= 75.0 && 75.0 <= lmax.get("hi").asDouble(), lmax.toString());
    JsonNode lmin = j.get("spectrum").get("lambda_min").get("value");
    assertTrue(lmin.get("lo").asDouble() <= 0.0 && 0.0 <= lmin.get("hi").asDouble(), lmin.toString());
    JsonNode norm = j.get("spectral_norm").get("value");
    assertTrue(norm.get("lo").asDouble() <= 75.0 && 75.0 <= norm.get("hi").asDouble(), norm.toString());
    assertEquals(0, j.get("hessian_vector_products").get("spectral_norm").asInt(),
        "the spectral norm reuses the spectrum's Lanczos run");
    assertEquals("exact", j.get("frobenius").get("kind").asText());
    assertEquals(Math.hypot(Math.hypot(60, 30), Math.hypot(30, 15)), j.get("frobenius").get("value").asDouble(), 1e-11);
    assertEquals(75.0, j.get("eigenvalues").get("lambda_max").get("value").asDouble(), 1e-12);
    assertEquals("certified_bound", j.get("sharpness").get("ball").get("value").get("kind").asText());
    assertEquals("lower", j.get("sharpness").get("ball").get("value").get("side").asText());
    assertEquals("estimate", j.get("hutchinson").get("hutchinson").get("kind").asText());
    assertTrue(j.get("wu").get("bound").get("holds").asBoolean());
    assertTrue(j.get("density").get("quadrature").asText().startsWith("exact"));
    assertEquals(6, linesOf(slice));
    assertEquals("FLAT-VOLUME-ATTRACTION", j.get("attraction").get("log_unit_ball").get("spec").asText());
    assertTrue(r.out().contains("trace  "), r.out());
    // the toy's θ is an exact global minimizer (loss 0, FLAT-TOY): its gradient is exactly 0
    assertEquals(0.0, j.get("grad_norm").get("value").asDouble(), 0.0);
    assertEquals("NET-GRAD", j.get("grad_norm").get("spec").asText());
    assertTrue(r.err().contains("basin measure: time per measure: grad-norm ") && r.err().contains(", spectrum "), r.err());
    // without --timings a non-terminal stderr stays empty on success (the launcher contract of issue 15)
    Run quiet = run("measure", "--net", f[0].toString(), "--data", f[1].toString(), "--loss", "mse", "--measures", "trace");
    assertEquals(0, quiet.code(), quiet.err());
    assertEquals("", quiet.err());
  }

  /**
   * Only what was asked runs (spec MEASURE-REGISTRY): --top alone certifies λ_max and never
   * computes the smallest side; the default set is the cheap measures.
   */
  @Test
  void topAloneRunsOnlyTheTopSide() {
    Path[] f = toyFiles();
    Path json = dir.resolve("top.json");
    Run r = run("measure", "--net", f[0].toString(), "--data", f[1].toString(), "--loss", "mse", "--measures", "spectrum",
        "--top", "1", "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode s = results(json).get("spectrum");
    assertTrue(s.has("lambda_max"));
    assertFalse(s.has("lambda_min"), s.toString());
    assertFalse(results(json).has("trace"), "only the named measure runs");
    Path defaults = dir.resolve("defaults.json");
    assertEquals(0, run("measure", "--net", f[0].toString(), "--data", f[1].toString(), "--loss", "mse", "--json",
        defaults.toString()).code());
    JsonNode d = results(defaults);
    for (Measure m : Measures.all()) {
      assertEquals(m.byDefault(), d.has(Measures.key(m)), m.id());
    }
  }

  /**
   * Every backend certifies with its own products (FLAT-HVP-ERROR from its declared error model,
   * COMPUTE-ERROR-MODEL): the report names which, and each enclosure contains the toy's exact
   * λ_max = 75 (spec FLAT-TOY). cuda-emulator runs the CUDA kernels' arithmetic in Java.
   */
  @Test
  void certificatesNameTheBackendWhoseProductsTheyBound() {
    Path[] f = toyFiles();
    for (String backend : new String[] {"simd", "reference", "cuda-emulator"}) {
      Path json = dir.resolve("c-" + backend + ".json");
      Run r = run("measure", "--net", f[0].toString(), "--data", f[1].toString(), "--loss", "mse", "--measures",
          "spectrum", "--backend", backend, "--json", json.toString());
      assertEquals(0, r.code(), r.err());
      JsonNode s = results(json).get("spectrum");
      assertEquals(backend, s.get("certified_products").asText());
      JsonNode enc = s.get("lambda_max").get("value");
      assertTrue(enc.get("lo").asDouble() <= 75.0 && 75.0 <= enc.get("hi").asDouble(), backend + ": " + enc);
    }
  }

  private static long linesOf(Path p) {
    try {
      return Files.readAllLines(p).size();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Same seed, same inputs: byte-identical JSON reports (DATA-RNG). */
  @Test
  void sameSeedGivesIdenticalReports() throws java.io.IOException {
    Path[] f = toyFiles();
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    String[] common = {"measure", "--net", f[0].toString(), "--data", f[1].toString(), "--loss", "mse", "--seed", "5",
        "--measures", "spectrum,trace,sharpness,adaptive,pacbayes,volume,hutchinson,subspace", "--subspace-dim", "2",
        "--volume-directions", "5", "--json"};
    String[] ra = java.util.Arrays.copyOf(common, common.length + 1);
    ra[common.length] = a.toString();
    String[] rb = java.util.Arrays.copyOf(common, common.length + 1);
    rb[common.length] = b.toString();
    assertEquals(0, run(ra).code());
    assertEquals(0, run(rb).code());
    assertEquals(Files.readString(a), Files.readString(b));
  }

  @Test
  void hessianAboveMaxExactUsesClosedFormsAndCertificates() {
    Path[] f = toyFiles();
    Path json = dir.resolve("h.json");
    Run r = run("hessian", "--net", f[0].toString(), "--data", f[1].toString(), "--loss", "mse", "--max-exact", "1",
        "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = results(json);
    assertEquals(75.0, j.get("trace").get("value").asDouble(), 1e-12);
    JsonNode lmax = j.get("spectrum").get("lambda_max").get("value");
    assertEquals("certified_enclosure", lmax.get("kind").asText());
    assertEquals(75.0, lmax.get("value").asDouble(), 1e-9);
    assertEquals("estimate", j.get("frobenius").get("kind").asText());
    assertEquals("not_applicable", j.get("eigenvalues").get("kind").asText());
    Run exact = run("hessian", "--net", f[0].toString(), "--data", f[1].toString(), "--loss", "mse");
    assertEquals(0, exact.code(), exact.err());
    assertTrue(exact.out().contains("spectrum.lambda_max.value"), exact.out());
    assertTrue(exact.out().contains("eigenvalues.lambda_max"), exact.out());
  }

  @Test
  void symmetryCommands() {
    Path[] f = toyFiles();
    Path flat = dir.resolve("flat.npz");
    Path sharp = dir.resolve("sharp.npz");
    Run c = run("symmetry", "check", "--net", f[0].toString(), "--data", f[1].toString(), "--loss", "mse", "--alpha", "10");
    assertEquals(0, c.code(), c.err());
    assertTrue(c.out().contains("passed") && c.out().contains("true"), c.out());
    Run fl = run("symmetry", "flattest", "--net", f[0].toString(), "--data", f[1].toString(), "--loss", "mse",
        "--out", flat.toString());
    assertEquals(0, fl.code(), fl.err());
    assertEquals(Math.sqrt(2), NetFiles.read(flat, Activation.of(Activation.RELU)).parameters()[0], 1e-12);
    Run sh = run("symmetry", "sharpen", "--net", f[0].toString(), "--data", f[1].toString(), "--loss", "mse",
        "--measure", "trace", "--target", "1500.6", "--out", sharp.toString());
    assertEquals(0, sh.code(), sh.err());
    assertEquals(10.0, NetFiles.read(sharp, Activation.of(Activation.RELU)).parameters()[0], 1e-6);
    Run ap = run("symmetry", "apply", "--net", f[0].toString(), "--permutation", "0", "--out", dir.resolve("p.npz").toString());
    assertEquals(0, ap.code(), ap.err());
  }

  @Test
  void badInputExitsWithThree() {
    Path[] f = toyFiles();
    Run tanh = run("symmetry", "check", "--net", f[0].toString(), "--data", f[1].toString(), "--loss", "mse",
        "--activation", "tanh", "--alpha", "2");
    assertEquals(3, tanh.code());
    assertTrue(tanh.err().contains("activation") && tanh.err().contains("not positively homogeneous"), tanh.err());
    assertFalse(tanh.err().contains("Exception"), tanh.err());
    Run unknown = run("measure", "--net", f[0].toString(), "--data", f[1].toString(), "--loss", "mse",
        "--measures", "spectrum,nonsense");
    assertEquals(3, unknown.code());
    assertTrue(unknown.err().contains("--measures"), unknown.err());
    Run missing = run("measure", "--net", dir.resolve("nope.npz").toString(), "--data", f[1].toString(), "--loss", "mse");
    assertEquals(3, missing.code());
    Run badTol = run("measure", "--net", f[0].toString(), "--data", f[1].toString(), "--loss", "mse", "--tol", "2");
    assertEquals(3, badTol.code(), badTol.err());
    Run badFactors = run("symmetry", "apply", "--net", f[0].toString(), "--factors", "1,2", "--out",
        dir.resolve("x.npz").toString());
    assertEquals(3, badFactors.code(), badFactors.err());
    assertTrue(badFactors.err().contains("rescaling factors"), badFactors.err());
    assertFalse(Files.exists(dir.resolve("x.npz")), "no partial output on bad input");
    Run badTarget = run("symmetry", "sharpen", "--net", f[0].toString(), "--data", f[1].toString(), "--loss", "mse",
        "--measure", "volume", "--target", "3");
    assertEquals(3, badTarget.code(), badTarget.err());
  }

  /**
   * Issue 15: SLQ's Lanczos basis (steps x N) and Hutch++'s sketch (2 x samples/3 vectors of N) are
   * estimated before they are allocated. At N = 60,601 the requests below need about 29 GB and
   * 323 GB (base.Memory's arithmetic), far above any test heap, so both must be refused up front
   * with the option named, exit 3 — and quickly, since no product runs.
   */
  @Test
  void slqBasisAndHutchPlusPlusSketchAreEstimatedFirst() {
    TwoLayerNet n = Synthetic.randomNet(100, 600, 1, true, true, Activation.of(Activation.RELU), 1.0, Rng.of(1));
    Dataset d = Synthetic.teacherRegression(n, 4, 0.1, Rng.of(2));
    Path net = dir.resolve("wide.npz");
    Path data = dir.resolve("wide-data.npz");
    NetFiles.write(net, n);
    DataFiles.write(data, d);
    Run slq = run("measure", "--net", net.toString(), "--data", data.toString(), "--loss", "mse", "--measures",
        "density", "--density-steps", "1000000");
    assertEquals(3, slq.code(), slq.err());
    assertTrue(slq.err().contains("--density-steps: needs") && slq.err().contains("SLQ"),
        slq.err());
    Run hpp = run("measure", "--net", net.toString(), "--data", data.toString(), "--loss", "mse", "--measures",
        "hutchinson", "--samples", "1000000");
    assertEquals(3, hpp.code(), hpp.err());
    assertTrue(hpp.err().contains("--samples: needs") && hpp.err().contains("Hutch++"),
        hpp.err());
  }

  @Test
  void nonHomogeneousNetReportsFminAsNotApplicable() {
    TwoLayerNet n = Synthetic.randomNet(2, 3, 1, true, true, Activation.of(Activation.TANH), 1.0, Rng.of(1));
    Dataset d = Synthetic.teacherRegression(n, 6, 0.1, Rng.of(2));
    Path net = dir.resolve("t.npz");
    Path data = dir.resolve("t-data.npz");
    NetFiles.write(net, n);
    DataFiles.write(data, d);
    Path json = dir.resolve("t.json");
    Run r = run("measure", "--net", net.toString(), "--data", data.toString(), "--loss", "halfsq", "--activation", "tanh",
        "--measures", "trace,fmin", "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("not_applicable", results(json).get("fmin").get("kind").asText());
  }
}
