package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.bounds.Arithmetic;
import dev.basin.bounds.BartlettSpectral;
import dev.basin.bounds.BoundInputs;
import dev.basin.bounds.Catalogue;
import dev.basin.bounds.Ingredients;
import dev.basin.bounds.JiangMeasure;
import dev.basin.bounds.NeyshaburCode;
import dev.basin.bounds.Plain;
import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.io.DataFiles;
import dev.basin.io.Json;
import dev.basin.io.NetFiles;
import dev.basin.kernel.Activation;
import dev.basin.model.Dataset;
import dev.basin.model.TwoLayerNet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin bounds} and {@code basin audit} end to end on files (spec BOUND-REPORT, BOUND-AUDIT,
 * BOUND-CLAIMS-FORMAT): exit codes 0 / 2 / 3 / 4, JSON shape, diagnoses. Expected claim values
 * are computed through the library's plain evaluation (the recomputation is in interval
 * arithmetic, so agreement checks plain-vs-certified consistency too).
 */
class BoundsCliTest {

  @TempDir
  Path dir;

  private Path net;
  private Path data;
  private Path init;
  private BoundInputs inputs;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void files() {
    Rng rng = Rng.of(11);
    TwoLayerNet n = Synthetic.randomNet(4, 6, 3, true, false, Activation.of(Activation.RELU), 1.0, rng);
    Dataset d = Synthetic.teacherClassification(n, 60, rng);
    TwoLayerNet i = Synthetic.randomNet(4, 6, 3, true, false, Activation.of(Activation.RELU), 1.0, Rng.of(12));
    net = dir.resolve("net.npz");
    data = dir.resolve("data.npz");
    init = dir.resolve("init.npz");
    NetFiles.write(net, n);
    DataFiles.write(data, d);
    NetFiles.write(init, i);
    inputs = BoundInputs.of(n, d, 0.05, BoundInputs.MarginChoice.fixed(0.1)).withOptions(i, 0.04, null, null,
        BoundInputs.DEFAULT_MC_SAMPLES, BoundInputs.DEFAULT_MC_DELTA, 0L, null, null);
  }

  @Test
  void boundsWritesEveryEntryWithIdsValuesAndVacuity() {
    Path json = dir.resolve("b.json");
    Run r = run("bounds", "--net", net.toString(), "--data", data.toString(), "--init", init.toString(), "--margin", "0.1",
        "--sigma", "0.04", "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode bounds = Cli.json(json).get("bounds");
    assertEquals(Catalogue.all().size(), bounds.size());
    for (JsonNode res : bounds) {
      assertTrue(res.get("id").asText().length() > 0);
      if (res.get("applicable").asBoolean()) {
        assertEquals("exact", res.at("/value/kind").asText(), res.toString());
        assertTrue(res.at("/value/value").isNumber(), res.toString());
        assertTrue(res.has("vacuous"));
      } else {
        assertEquals("not_applicable", res.at("/value/kind").asText(), res.toString());
        assertFalse(res.at("/value/reason").asText().isEmpty(), res.toString());
      }
    }
    assertTrue(r.out().contains("BOUND-BFT-SPECTRAL"), r.out());
    assertTrue(r.out().contains("BOUND-RAD-L1L2: not applicable: binary bound: the net has k = 3"), r.out());
  }

  @Test
  void auditModeWritesEnclosures() {
    Path json = dir.resolve("a.json");
    Run r = run("bounds", "--net", net.toString(), "--data", data.toString(), "--audit", "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode bft = null;
    for (JsonNode res : Cli.json(json).get("bounds")) {
      if (res.get("id").asText().equals("BOUND-BFT-SPECTRAL")) {
        bft = res;
      }
    }
    assertTrue(bft != null && bft.get("value").has("lo") && bft.get("value").has("hi"), String.valueOf(bft));
    assertEquals("certified_enclosure", bft.at("/value/kind").asText());
    assertTrue(bft.get("value").get("lo").asDouble() <= bft.get("value").get("hi").asDouble());
  }

  @Test
  void sameInputsGiveByteIdenticalReports() throws IOException {
    Path a = dir.resolve("1.json");
    Path b = dir.resolve("2.json");
    String[] common = {"bounds", "--net", net.toString(), "--data", data.toString(), "--posterior-std", "0.01",
        "--mc-samples", "30", "--seed", "5", "--json"};
    assertEquals(0, run(concat(common, a.toString())).code());
    assertEquals(0, run(concat(common, b.toString())).code());
    assertEquals(Files.readString(a), Files.readString(b), "seeded Monte-Carlo: bit-identical reports");
  }

  private static String[] concat(String[] a, String last) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = last;
    return out;
  }

  @Test
  void badInputsExitThreeWithOneLineAndNoFile() {
    Path json = dir.resolve("never.json");
    for (String[] bad : new String[][] {{"--delta", "1.5"}, {"--delta", "0"}, {"--margin", "0"}, {"--margin", "-1"},
        {"--margin-quantile", "0.001"}}) {
      Run r = run(concat(concat(concat(new String[] {"bounds", "--net", net.toString(), "--data", data.toString(), "--json",
          json.toString()}, bad[0]), bad[1]), "--audit"));
      assertEquals(3, r.code(), String.join(" ", bad) + ": " + r.err());
      assertTrue(r.err().startsWith("basin bounds: error: "), r.err());
      assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
      assertFalse(Files.exists(json), "no partial output");
    }
    Run both = run("bounds", "--net", net.toString(), "--data", data.toString(), "--margin", "1", "--margin-quantile", "0.1");
    assertEquals(2, both.code(), "--margin and --margin-quantile are exclusive: usage error");
  }

  private Path claims(String text) throws IOException {
    Path p = dir.resolve("claims.json");
    Files.writeString(p, text);
    return p;
  }

  private Run audit(Path claims, String... extra) {
    String[] base = {"audit", "--claims", claims.toString(), "--net", net.toString(), "--data", data.toString(), "--init",
        init.toString()};
    String[] all = base;
    for (String e : extra) {
      all = concat(all, e);
    }
    return run(all);
  }

  private <T> T bft(java.util.function.Function<Ingredients<Plain>, T> f) {
    return f.apply(new Ingredients<>(Arithmetic.PLAIN, inputs));
  }

  @Test
  void correctClaimsAgree() throws IOException {
    double bftPaper = bft(in -> BartlettSpectral.INSTANCE.evaluate(in).paperForm()).v();
    double bftValue = bft(in -> BartlettSpectral.INSTANCE.evaluate(in).value()).v();
    double pb = bft(in -> JiangMeasure.PACBAYES_INIT.evaluate(in).value()).v();
    Path c = claims(String.format(Locale.ROOT, "{\"defaults\": {\"delta\": 0.05, \"margin\": 0.1, \"tolerance\": 1e-9},"
        + " \"claims\": [{\"id\": \"BOUND-BFT-SPECTRAL\", \"value\": %.17g},"
        + " {\"formula\": \"bft_spectral\", \"value\": %.17g, \"form\": \"basin\"},"
        + " {\"formula\": \"pacbayes-init\", \"value\": %.17g, \"sigma\": 0.04}]}", bftPaper, bftValue, pb));
    Run r = audit(c);
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("all claims agree"), r.out());
  }

  @Test
  void aSpectralNormOffByThreePercentIsNamed() throws IOException {
    Ingredients<Plain> in = new Ingredients<>(Arithmetic.PLAIN, inputs);
    var res = BartlettSpectral.INSTANCE.evaluate(in);
    double s1 = ((Plain) res.ingredients().get("spectral_norm_A1")).v();
    double s2 = ((Plain) res.ingredients().get("spectral_norm_W2")).v() * 1.03;
    double b1 = ((Plain) res.ingredients().get("l21_A1_minus_M1")).v();
    double b2 = ((Plain) res.ingredients().get("l21_W2_minus_M2")).v();
    Plain rc = BartlettSpectral.complexity(Arithmetic.PLAIN, 1.0, new Plain(s1), new Plain(s2), new Plain(b1), new Plain(b2));
    double wrong = BartlettSpectral.value(Arithmetic.PLAIN, (Plain) res.ingredients().get("margin_loss"), new Plain(0.1), rc,
        (Plain) res.ingredients().get("X_frobenius"), 6, 60, new Plain(Math.log(20))).v();
    Path c = claims(String.format(Locale.ROOT, "{\"claims\": [{\"id\": \"BOUND-BFT-SPECTRAL\", \"value\": %.17g,"
        + " \"margin\": 0.1, \"ingredients\": {\"spectral_norm_W2\": %.17g, \"spectral_norm_A1\": %.17g}}]}", wrong, s2, s1));
    Run r = audit(c);
    assertEquals(AuditCommand.DISAGREEMENT, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("spectral_norm_W2 differs") && r.out().contains("+3.00 %"), r.out());
    assertFalse(r.out().contains("spectral_norm_A1 differs"), "a correct ingredient is not blamed: " + r.out());
  }

  @Test
  void sigmaReportedAsAVarianceIsDiagnosed() throws IOException {
    // the paper's sigma (a std) is 0.04; the reimplementation's search would report sqrt(0.04) = 0.2,
    // because it perturbs with std sigma^2, and evaluate the formula at 0.2
    BoundInputs slip = inputs.withOptions(inputs.init(), 0.2, null, null, 10, 0.01, 0L, null, null);
    double claimed = JiangMeasure.PACBAYES_ORIG.evaluate(new Ingredients<>(Arithmetic.PLAIN, slip)).value().v();
    Path c = claims(String.format(Locale.ROOT, "{\"claims\": [{\"id\": \"JIANG-PACBAYES-ORIG\", \"value\": %.17g,"
        + " \"sigma\": 0.2}]}", claimed));
    Run withoutOwnSigma = audit(c);
    assertEquals(0, withoutOwnSigma.code(), "without basin's own sigma only the formula is checked, and it is right");
    Run r = audit(c, "--sigma", "0.04");
    assertEquals(AuditCommand.DISAGREEMENT, r.code(), r.out());
    assertTrue(r.out().contains("sigma looks like a variance"), r.out());
  }

  @Test
  void neyshaburConstantFreeNumberIsRecognized() throws IOException {
    double code = bft(in -> NeyshaburCode.SPEC_L21.evaluate(in).value()).v();
    Path c = claims(String.format(Locale.ROOT, "{\"claims\": [{\"id\": \"BOUND-BFT-SPECTRAL\", \"value\": %.17g,"
        + " \"margin\": 0.1}]}", code));
    Run r = audit(c);
    assertEquals(AuditCommand.DISAGREEMENT, r.code(), r.out());
    assertTrue(r.out().contains("NEYSHABUR-CODE-SPEC-L21"), r.out());
  }

  @Test
  void malformedClaimsExitThree() throws IOException {
    for (String bad : new String[] {"{not json", "{\"claims\": []}", "{\"claims\": [{\"id\": \"NO-SUCH-BOUND\", \"value\": 1}]}",
        "{\"claims\": [{\"id\": \"BOUND-BFT-SPECTRAL\"}]}", "{\"claims\": [{\"id\": \"BOUND-BFT-SPECTRAL\", \"value\": 1,"
        + " \"sigmma\": 2}]}", "{\"claims\": [{\"id\": \"BOUND-BFT-SPECTRAL\", \"value\": 1, \"delta\": 3}]}"}) {
      Run r = audit(claims(bad));
      assertEquals(3, r.code(), bad + ": " + r.out() + r.err());
      assertFalse(r.err().contains("Exception"), r.err());
    }
  }

  @Test
  void sigmaFromTheSearchDiagnosesAVarianceSlip() throws IOException {
    Path json = dir.resolve("s.json");
    Run b = run("bounds", "--net", net.toString(), "--data", data.toString(), "--sigma-search", "--seed", "3", "--json",
        json.toString());
    assertEquals(0, b.code(), b.err());
    JsonNode search = Cli.json(json).get("sigma_search");
    double sigma = search.at("/sigma/sigma/value").asDouble();
    assertTrue(sigma > 0 && search.has("sigma_mag"), search.toString());
    // a claimant whose search perturbed with std sigma^2 reports sqrt(basin's sigma) and evaluates eq. 49 there
    double slipped = Math.sqrt(sigma);
    BoundInputs slip = inputs.withOptions(null, slipped, null, null, 10, 0.01, 0L, null, null);
    double claimed = JiangMeasure.PACBAYES_ORIG.evaluate(new Ingredients<>(Arithmetic.PLAIN, slip)).value().v();
    Path c = claims(String.format(Locale.ROOT, "{\"claims\": [{\"id\": \"JIANG-PACBAYES-ORIG\", \"value\": %.17g,"
        + " \"sigma\": %.17g}]}", claimed, slipped));
    Run r = audit(c, "--sigma-search", "--seed", "3");
    assertEquals(AuditCommand.DISAGREEMENT, r.code(), r.out());
    assertTrue(r.out().contains("sigma looks like a variance"), r.out());
  }
}
