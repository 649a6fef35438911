package dev.basin.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.InvalidInputException;
import dev.basin.base.Progress;
import dev.basin.kernel.Problem;
import dev.basin.model.Objective;
import dev.basin.testing.BigHvp;
import dev.basin.testing.Float32Eval;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spec GOLDEN-REPRO, GOLDEN-CERT, GOLDEN-TOL and GOLDEN-SCORE on the smoke preset: the suite is
 * byte-identical across runs and thread counts; its enclosures contain the 60-digit values; a
 * float32 evaluation written independently of basin ({@link Float32Eval}) passes every case whose
 * float32 model holds and fails every case where it does not; scores are distances in units of
 * the tolerance; malformed answers are refused.
 */
class GoldenSuiteTest {

  @TempDir
  static Path tmp;

  private static Path suiteDir;
  private static Suite suite;
  private static List<CaseSpec> specs;

  @BeforeAll
  static void writeOnce() {
    suiteDir = tmp.resolve("one-thread");
    SuiteWriter.write(suiteDir, "smoke", 0, 1, Progress.NONE);
    suite = Suite.read(suiteDir);
    specs = Presets.of("smoke", 0);
  }

  /** Every file, by relative path, with its bytes. */
  private static Map<String, byte[]> tree(Path dir) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  @Test
  void suiteIsByteIdenticalAcrossRunsAndThreadCounts() {
    Path again = tmp.resolve("three-threads");
    SuiteWriter.write(again, "smoke", 0, 3, Progress.NONE);
    Map<String, byte[]> a = tree(suiteDir);
    Map<String, byte[]> b = tree(again);
    assertEquals(a.keySet(), b.keySet());
    assertEquals(specs.size() * 6 + 1, a.size(), "six files per case and the manifest");
    for (String f : a.keySet()) {
      assertArrayEquals(a.get(f), b.get(f), f + " differs between 1 and 3 threads");
    }
  }

  @Test
  void otherSeedGivesOtherData() {
    List<CaseSpec> other = Presets.of("smoke", 1);
    assertFalse(java.util.Arrays.equals(other.get(0).net().parameters(), specs.get(0).net().parameters()));
  }

  /** The wiring: each quantity's enclosure holds the 60-digit value of that quantity for that case. */
  @Test
  void enclosuresHoldTheExactValues() {
    for (CaseSpec c : specs) {
      Problem p = Objective.of(c.net(), c.loss(), c.data()).problem();
      double[] theta = c.net().parameters();
      Map<String, Expected> ex = expected(c.id());
      contains(ex.get(GroundTruth.LOSS), new BigDecimal[] {BigHvp.loss(p, theta)}, c.id());
      contains(ex.get(GroundTruth.GRADIENT), BigHvp.gradient(p, theta), c.id());
      for (int j = 0; j < c.probes().length; j++) {
        contains(ex.get(GroundTruth.HVP + j), BigHvp.hvp(p, theta, c.probes()[j]), c.id());
      }
      BigDecimal[] diag = BigHvp.diagonal(p, theta);
      contains(ex.get(GroundTruth.DIAGONAL), diag, c.id());
      BigDecimal tr = BigDecimal.ZERO;
      for (BigDecimal x : diag) {
        tr = tr.add(x);
      }
      contains(ex.get(GroundTruth.TRACE), new BigDecimal[] {tr}, c.id());
    }
  }

  private static Map<String, Expected> expected(String id) {
    Map<String, Expected> m = new LinkedHashMap<>();
    for (Expected e : suite.expected(suite.cases().get(id))) {
      m.put(e.quantity(), e);
    }
    return m;
  }

  private static void contains(Expected e, BigDecimal[] exact, String id) {
    assertEquals(e.size(), exact.length, id + " " + e.quantity());
    for (int i = 0; i < exact.length; i++) {
      int ii = i;
      assertTrue(new BigDecimal(e.lo()[i]).compareTo(exact[i]) <= 0 && exact[i].compareTo(new BigDecimal(e.hi()[i])) <= 0,
          () -> id + " " + e.quantity() + "[" + ii + "]: exact " + exact[ii] + " outside [" + e.lo()[ii] + ", "
              + e.hi()[ii] + "]");
    }
  }

  @Test
  void violationsAreWhereFloat32CannotHold() {
    Map<String, Suite.CaseInfo> cs = suite.cases();
    for (Suite.CaseInfo c : cs.values()) {
      assertTrue(c.violations().get(Precision.FLOAT64.ordinal()).isEmpty(), c.id() + ": float64 holds everywhere here");
    }
    assertFalse(cs.get("kink-near-relu").violations().get(Precision.FLOAT32.ordinal()).isEmpty());
    assertFalse(cs.get("scale-tiny").violations().get(Precision.FLOAT32.ordinal()).isEmpty());
    assertTrue(cs.get("kink-exact-relu").violations().get(Precision.FLOAT32.ordinal()).isEmpty(),
        "exact zeros are computed exactly in float32 too: the convention decides, not the precision");
    assertTrue(cs.get("relu-halfsq-mean").violations().get(Precision.FLOAT32.ordinal()).isEmpty());
  }

  /** basin's own values, as a float64 tool's answers: every one passes with score 0. */
  @Test
  void basinsOwnValuesPass() {
    List<AnswerFile.Answer> answers = new ArrayList<>();
    for (Suite.CaseInfo c : suite.cases().values()) {
      for (Expected e : suite.expected(c)) {
        answers.add(new AnswerFile.Answer(c.id(), e.quantity(), e.value(), Precision.FLOAT64, null));
      }
    }
    Scorer.Result r = Scorer.score(suite, new AnswerFile.Answers("basin", answers));
    assertEquals(answers.size(), r.passed());
    assertTrue(r.notAnswered().isEmpty());
    for (Scorer.Row row : r.rows()) {
      assertEquals(0.0, row.score(), row.caseId() + "/" + row.quantity());
    }
  }

  /**
   * GOLDEN-TOL on a float32 tool: Float32Eval's loss, gradient, HVPs and diagonal pass every case
   * whose float32 model holds and fail at least one quantity of every case where it does not.
   */
  @Test
  void float32EvaluationPassesWhereItsModelHolds() {
    List<AnswerFile.Answer> answers = new ArrayList<>();
    for (CaseSpec c : specs) {
      Problem p = Objective.of(c.net(), c.loss(), c.data()).problem();
      double[] theta = c.net().parameters();
      answers.add(new AnswerFile.Answer(c.id(), GroundTruth.LOSS, new double[] {Float32Eval.loss(p, theta)},
          Precision.FLOAT32, null));
      answers.add(new AnswerFile.Answer(c.id(), GroundTruth.GRADIENT, Float32Eval.gradient(p, theta), Precision.FLOAT32,
          null));
      for (int j = 0; j < c.probes().length; j++) {
        answers.add(new AnswerFile.Answer(c.id(), GroundTruth.HVP + j, Float32Eval.hvp(p, theta, c.probes()[j]),
            Precision.FLOAT32, null));
      }
      answers.add(new AnswerFile.Answer(c.id(), GroundTruth.DIAGONAL, Float32Eval.diagonal(p, theta), Precision.FLOAT32,
          null));
    }
    Scorer.Result r = Scorer.score(suite, new AnswerFile.Answers("float32", answers));
    assertEquals(0, r.unexpectedFailures(), () -> "float32 fails where its model holds: " + r.rows().stream()
        .filter(x -> !x.pass() && x.violations().isEmpty()).map(x -> x.caseId() + "/" + x.quantity()).toList());
    for (Suite.CaseInfo c : suite.cases().values()) {
      if (!c.violations().get(Precision.FLOAT32.ordinal()).isEmpty()) {
        assertTrue(r.rows().stream().anyMatch(x -> x.caseId().equals(c.id()) && !x.pass()),
            c.id() + ": float32's model does not hold, yet every answer passes");
      }
    }
  }

  /** The score is dist(answer, [lo, hi]) / tolerance: 2 at two tolerances beyond hi, a pass at half of one. */
  @Test
  void scoreIsTheDistanceInToleranceUnits() {
    Expected loss = expected("relu-halfsq-mean").get(GroundTruth.LOSS);
    double t = loss.tolerance(Precision.FLOAT32)[0];
    Scorer.Row far = single(GroundTruth.LOSS, new double[] {loss.hi()[0] + 2.0 * t});
    assertFalse(far.pass());
    assertEquals(2.0, far.score(), 1e-6);
    Scorer.Row near = single(GroundTruth.LOSS, new double[] {loss.lo()[0] - 0.5 * t});
    assertTrue(near.pass());
    assertEquals(0.5, near.score(), 1e-6);
    Scorer.Row nan = single(GroundTruth.LOSS, new double[] {Double.NaN});
    assertFalse(nan.pass());
    assertEquals(Double.MAX_VALUE, nan.score());
  }

  private static Scorer.Row single(String quantity, double[] values) {
    return Scorer.score(suite, new AnswerFile.Answers("t", List.of(new AnswerFile.Answer("relu-halfsq-mean", quantity,
        values, Precision.FLOAT32, null)))).rows().get(0);
  }

  /** Partial answers: a prefix of the top eigenvalues is scored, the rest listed as not answered. */
  @Test
  void partialAnswersAreScored() {
    Expected top = expected("tanh-ce-mean").get(GroundTruth.TOP);
    Scorer.Result r = Scorer.score(suite, new AnswerFile.Answers("t", List.of(new AnswerFile.Answer("tanh-ce-mean",
        GroundTruth.TOP, new double[] {top.value()[0]}, Precision.FLOAT64, null))));
    assertEquals(1, r.rows().size());
    assertTrue(r.rows().get(0).pass());
    assertTrue(r.notAnswered().contains("tanh-ce-mean/" + GroundTruth.GRADIENT));
  }

  /**
   * GOLDEN-TOL estimators: a Hutchinson trace is allowed √(V/m)/√α beyond the deterministic
   * tolerance (V the certified per-probe variance bound), an iterative eigenvalue its stated
   * relative tolerance.
   */
  @Test
  void estimatorTolerances() {
    Expected tr = expected("saddle").get(GroundTruth.TRACE);
    double v = ((Number) tr.facts().get("rademacher_sample_variance_bound")).doubleValue();
    Policy.Estimator h = new Policy.Estimator(Policy.HUTCHINSON, 25, false, 0.0);
    assertEquals(tr.tolerance(Precision.FLOAT64)[0] + Math.sqrt(v / 25) * 10.0,
        Policy.tolerance(tr, 0, Precision.FLOAT64, h), 1e-12 * Math.sqrt(v));
    Expected top = expected("saddle").get(GroundTruth.TOP);
    Policy.Estimator it = new Policy.Estimator(Policy.ITERATIVE, 0, false, 1e-3);
    double want = top.tolerance(Precision.FLOAT64)[0] + 1e-3 * Math.max(Math.abs(top.lo()[0]), Math.abs(top.hi()[0]));
    assertEquals(want, Policy.tolerance(top, 0, Precision.FLOAT64, it), 1e-15 * want);
  }

  @Test
  void malformedAnswersAreRefused() {
    double[] one = {1.0};
    assertThrows(InvalidInputException.class, () -> Scorer.score(suite, new AnswerFile.Answers("t",
        List.of(new AnswerFile.Answer("no-such-case", GroundTruth.LOSS, one, Precision.FLOAT64, null)))));
    assertThrows(InvalidInputException.class, () -> Scorer.score(suite, new AnswerFile.Answers("t",
        List.of(new AnswerFile.Answer("saddle", "hessian_determinant", one, Precision.FLOAT64, null)))));
    assertThrows(InvalidInputException.class, () -> Scorer.score(suite, new AnswerFile.Answers("t",
        List.of(new AnswerFile.Answer("saddle", GroundTruth.GRADIENT, one, Precision.FLOAT64, null)))));
    assertThrows(InvalidInputException.class, () -> Scorer.score(suite, new AnswerFile.Answers("t", List.of(
        new AnswerFile.Answer("saddle", GroundTruth.LOSS, one, Precision.FLOAT64, null),
        new AnswerFile.Answer("saddle", GroundTruth.LOSS, one, Precision.FLOAT64, null)))));
    assertThrows(InvalidInputException.class, () -> Scorer.score(suite, new AnswerFile.Answers("t", List.of())));
  }

  /** A changed expected file is refused (its sha256 no longer matches the manifest). */
  @Test
  void tamperedSuiteIsRefused() throws IOException {
    Path copy = tmp.resolve("tampered");
    SuiteWriter.write(copy, "smoke", 0, 2, Progress.NONE);
    Path ex = copy.resolve(SuiteFiles.caseDir("saddle")).resolve(SuiteFiles.EXPECTED);
    Files.writeString(ex, Files.readString(ex).replace("\"value\" : ", "\"value\" : 1"));
    Suite s = Suite.read(copy);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> s.expected(s.cases().get("saddle")));
    assertTrue(e.getMessage().contains("sha256"), e.getMessage());
  }
}
