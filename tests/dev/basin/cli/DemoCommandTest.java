package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.testing.BadFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code basin demo}: the fixed recipe of spec DATA-GENERATE and the report of {@code basin hessian}. */
class DemoCommandTest {

  @TempDir
  Path dir;

  @Test
  void printsTheCurvatureReportAndIsReproducible() {
    Cli.Result a = Cli.run("demo").ok();
    Cli.Result b = Cli.run("demo").ok();
    assertEquals(a.out(), b.out(), "the default seed is fixed");
    for (String field : List.of("loss", "grad_norm", "trace", "frobenius", "lambda_max", "lambda_min",
        "smallest 5 eigenvalues", "largest 5 eigenvalues", "the teacher")) {
      assertTrue(a.out().contains(field), field + " missing:\n" + a.out());
    }
    Cli.Result c = Cli.run("demo", "--seed", "2").ok();
    assertTrue(!c.out().equals(a.out()));
  }

  /**
   * With --out the demo's files are exactly those of the equivalent {@code basin generate} call,
   * and {@code basin hessian} on them reports exactly the demo's curvature.
   */
  @Test
  void filesMatchGenerateAndTheReportMatchesHessian() throws Exception {
    Path out = dir.resolve("demo");
    Cli.Result r = Cli.run("demo", "--seed", "4", "--out", out).ok();
    assertEquals(List.of("data.npz", "net.npz", "report.json"), Cli.files(out));
    Path gen = Files.createDirectories(dir.resolve("gen"));
    Cli.run("generate", "teacher-regression", "--seed", "4", "--d", "4", "--h", "6", "--k", "1", "--n", "100",
        "--activation", "tanh", "--noise", "0.1", "--net-out", gen.resolve("net.npz"), "--data-out",
        gen.resolve("data.npz")).ok();
    for (String f : List.of("net.npz", "data.npz")) {
      assertArrayEquals(BadFiles.bytes(gen.resolve(f)), BadFiles.bytes(out.resolve(f)), f);
    }
    Path json = dir.resolve("h.json");
    Cli.run("hessian", "--net", out.resolve("net.npz"), "--data", out.resolve("data.npz"), "--activation", "tanh",
        "--loss", "halfsq", "--json", json).ok();
    JsonNode demo = Cli.json(out.resolve("report.json")).get("curvature");
    JsonNode hessian = Cli.json(json);
    assertEquals(hessian, demo);
    assertTrue(r.out().contains("basin hessian --net " + out.resolve("net.npz")), r.out());
  }

  @Test
  void anUnusableOutputDirectoryIsBadInput() throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    Cli.run("demo", "--out", file).badInput(file.toString());
    assertEquals(List.of("taken"), Cli.files(dir));
    Cli.run("demo", "--seed", "abc").usage();
    assertTrue(Cli.run("demo", "--help").ok().out().contains("--out"));
  }
}
