package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.io.ArrayFiles;
import dev.basin.io.DataFiles;
import dev.basin.io.NdArray;
import dev.basin.io.NetFiles;
import dev.basin.model.Conventions;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import java.nio.file.Path;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code basin hvp} (spec HESS-HVP): on random cases of every activation, loss, reduction and
 * bias combination the written H v equals the library's Point.hvp bit for bit (same code path)
 * and the product of the explicit Hessian (HESS-FULL, built independently from closed-form
 * blocks) with v to rounding: 1e-12 relative to max|H|·max|v|·N (the budget of
 * DerivativesTest's HVP-vs-columns check, scaled to a product).
 */
class HvpCommandTest {

  @TempDir
  Path dir;

  static LongStream seeds() {
    return LongStream.range(1, 31);
  }

  /** Writes a case's net and data; returns the common CLI arguments. */
  static String[] problemArgs(Path dir, Case c) {
    Path net = dir.resolve("net.npz");
    Path data = dir.resolve("data.safetensors");
    NetFiles.write(net, c.objective().net(c.theta()));
    DataFiles.write(data, c.objective().data());
    return new String[] {"--net", net.toString(), "--data", data.toString(), "--activation",
        Conventions.name(c.objective().activation()), "--loss", Conventions.name(c.objective().loss()),
        "--reduction", Conventions.reductionName(c.objective().loss())};
  }

  static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void writesHvMatchingTheLibraryAndTheExplicitHessian(long seed) {
    Case c = Cases.random(seed);
    int n = c.theta().length;
    double[] v = Cases.gaussians(Cases.rng(seed + 77), n, 1.0);
    Path vFile = dir.resolve("v.npy");
    ArrayFiles.writeNpy(vFile, NdArray.of("v", v, n));
    Path out = dir.resolve("hv.npy");
    Path json = dir.resolve("hv.json");
    Cli.Result r = Cli.run(concat(new String[] {"hvp"}, concat(problemArgs(dir, c), "--vector", vFile.toString(),
        "--out", out.toString(), "--json", json.toString()))).ok();
    NdArray hv = ArrayFiles.readNpy(out);
    assertArrayEquals(new int[] {n}, hv.shape(), c.toString());
    assertTrue(!hv.integral(), "float64 output");
    double[] lib = c.objective().at(c.theta()).hvp(v);
    assertArrayEquals(lib, hv.values(), 0.0, c.toString());
    double[] h = c.objective().at(c.theta()).hessian();
    double[] hvExplicit = new double[n];
    for (int q = 0; q < n; q++) {
      for (int s = 0; s < n; s++) {
        hvExplicit[q] += h[q * n + s] * v[s];
      }
    }
    double tol = 1e-12 * Math.max(1, Cases.maxAbs(h) * Cases.maxAbs(v) * n);
    assertTrue(Cases.maxAbsDiff(hvExplicit, hv.values()) <= tol, c.toString());
    JsonNode rep = Cli.json(json);
    double vhv = 0;
    for (int q = 0; q < n; q++) {
      vhv += v[q] * lib[q];
    }
    assertEquals(vhv, rep.at("/v_H_v/value").asDouble(), 0.0, c.toString());
    assertTrue(r.out().contains("rayleigh_quotient"), r.out());
  }

  @Test
  void badVectorsAreRefusedAndNothingIsWritten() throws Exception {
    Case c = Cases.random(3);
    int n = c.theta().length;
    String[] args = problemArgs(dir, c);
    Path out = dir.resolve("hv.npy");
    // an existing output must survive a failed command unchanged
    java.nio.file.Files.writeString(out, "old");
    Path shortV = dir.resolve("short.npy");
    ArrayFiles.writeNpy(shortV, NdArray.of("v", new double[n - 1], n - 1));
    Cli.run(concat(concat(new String[] {"hvp"}, args), "--vector", shortV.toString(), "--out", out.toString()))
        .badInput(shortV.toString());
    Path twoD = dir.resolve("twod.npy");
    ArrayFiles.writeNpy(twoD, NdArray.of("v", new double[n], n, 1));
    Cli.run(concat(concat(new String[] {"hvp"}, args), "--vector", twoD.toString(), "--out", out.toString()))
        .badInput(twoD.toString());
    double[] nan = new double[n];
    nan[n - 1] = Double.NaN;
    Path nanV = dir.resolve("nan.npy");
    ArrayFiles.writeNpy(nanV, NdArray.of("v", nan, n));
    Cli.run(concat(concat(new String[] {"hvp"}, args), "--vector", nanV.toString(), "--out", out.toString()))
        .badInput(nanV + " [nan]");
    Path missing = dir.resolve("missing.npy");
    Cli.run(concat(concat(new String[] {"hvp"}, args), "--vector", missing.toString(), "--out", out.toString()))
        .badInput(missing.toString());
    Path good = dir.resolve("good.npy");
    ArrayFiles.writeNpy(good, NdArray.of("v", new double[n], n));
    Path npz = dir.resolve("hv.npz");
    Cli.run(concat(concat(new String[] {"hvp"}, args), "--vector", good.toString(), "--out", npz.toString()))
        .badInput(npz.toString());
    // huge v: H v overflows to infinity, reported as a non-finite result, nothing written
    double[] huge = new double[n];
    java.util.Arrays.fill(huge, 1e308);
    Path hugeV = dir.resolve("huge.npy");
    ArrayFiles.writeNpy(hugeV, NdArray.of("v", huge, n));
    Cli.Result r = Cli.run(concat(concat(new String[] {"hvp"}, args), "--vector", hugeV.toString(), "--out",
        out.toString()));
    assertEquals(Main.BAD_INPUT, r.code(), r.err());
    r.noStackTrace();
    assertEquals("old", java.nio.file.Files.readString(out));
    assertTrue(!java.nio.file.Files.exists(npz));
    Cli.run("hvp", "--net", "x.npz").usage();
    assertTrue(Cli.run("hvp", "--help").ok().out().contains("--vector"));
  }
}
