package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spec GOLDEN-SCORE: {@code basin golden} writes a suite; {@code basin check} exits 0 when every given
 * answer passes, 4 when one fails (with the table, check.json and a self-contained index.html), 3 on
 * bad input naming it (an unknown case, an .npz without its precision, a folder that is no suite).
 */
class GoldenCommandTest {

  @TempDir
  static Path tmp;

  private static Path suite;

  @BeforeAll
  static void golden() {
    suite = tmp.resolve("suite");
    Cli.run("golden", "--preset", "smoke", "--out", suite, "--threads", "2").ok();
  }

  /** basin's own loss of a case, from its expected.json. */
  private static double loss(String id) {
    return Cli.data(suite.resolve("cases/" + id + "/expected.json")).path("quantities").path("loss").path("value")
        .asDouble();
  }

  private static Path answers(String name, String json) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, json);
    return p;
  }

  @Test
  void passingAnswersExitZero() throws IOException {
    Path a = answers("ok.json", "{\"format\": \"basin-golden-answers/1\", \"tool\": \"test\", \"precision\": \"float64\","
        + " \"answers\": {\"saddle\": {\"loss\": " + loss("saddle") + "}}}");
    Cli.Result r = Cli.run("check", "--suite", suite, "--answers", a).ok();
    assertTrue(r.out().contains("1 answers: 1 pass, 0 fail"), r.out());
  }

  @Test
  void failingAnswersExitFourWithReports() throws IOException {
    Path a = answers("bad.json", "{\"precision\": \"float32\", \"answers\": {\"saddle\": {\"loss\": "
        + (loss("saddle") * 1.01) + "}, \"kink-near-relu\": {\"loss\": NaN}}}");
    Path rep = tmp.resolve("report");
    Cli.Result r = Cli.run("check", "--suite", suite, "--answers", a, "--report", rep);
    assertEquals(CheckCommand.FAILED, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("FAIL"), r.out());
    JsonNode j = Cli.data(rep.resolve("check.json"));
    assertEquals(2, j.path("summary").path("failed").asInt());
    assertEquals(1, j.path("summary").path("failed_where_the_model_holds").asInt());
    String html = Files.readString(rep.resolve("index.html"));
    assertTrue(html.contains("kink-near-relu") && html.contains("saddle"));
    assertFalse(html.contains("<script") || html.contains("src=\"http") || html.contains("href=\"http"),
        "the HTML report is self-contained");
  }

  @Test
  void badInputExitsThree() throws IOException {
    Cli.run("check", "--suite", suite, "--answers", answers("unknown.json",
        "{\"precision\": \"float64\", \"answers\": {\"no-such-case\": {\"loss\": 1.0}}}")).badInput("no-such-case");
    Path npz = tmp.resolve("a.npz");
    dev.basin.io.ArrayFiles.write(npz, java.util.List.of(dev.basin.io.NdArray.of("saddle/loss", new double[] {1.0}, 1)));
    Cli.run("check", "--suite", suite, "--answers", npz).badInput("--precision");
    Cli.run("check", "--suite", tmp.resolve("nothing"), "--answers", npz, "--precision", "float32").badInput("nothing");
    Cli.run("golden", "--preset", "huge", "--out", tmp.resolve("x")).badInput("--preset");
  }

  @Test
  void npzAnswersWithTheirPrecision() {
    Path npz = tmp.resolve("ok.npz");
    dev.basin.io.ArrayFiles.write(npz, java.util.List.of(dev.basin.io.NdArray.of("saddle/loss",
        new double[] {(float) loss("saddle")}, 1)));
    Cli.run("check", "--suite", suite, "--answers", npz, "--precision", "float32").ok();
  }
}
