package dev.basin.golden;

import dev.basin.base.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a tool's answers against a suite (spec GOLDEN-SCORE): per answer, the distance of each
 * component from basin's certified enclosure in units of its tolerance (GOLDEN-TOL); the answer
 * passes when no component exceeds 1. Answers for unknown cases or quantities, or of the wrong
 * length, are bad input (a typo must not pass silently).
 */
public final class Scorer {

  private Scorer() {}

  /**
   * One scored answer.
   *
   * @param caseId the case
   * @param quantity the quantity
   * @param precision the answer's precision
   * @param policy how its tolerance was set ("float32", "float64 + hutchinson, 12 rademacher probes", …)
   * @param pass whether every component is within its tolerance
   * @param score max over components of distance / tolerance (capped at the largest double)
   * @param worst the component with the largest score
   * @param answer the tool's value there
   * @param value basin's value there
   * @param lo the enclosure's lower end there
   * @param hi the enclosure's upper end there
   * @param tolerance the tolerance there
   * @param relativeError |answer − value| / |value| there (the absolute error when value is 0)
   * @param components how many components were compared
   * @param violations the precision's model violations for the case and the quantity (non-empty: a failure is
   *     expected)
   * @param note anything the reader must know (e.g. an estimator judged without its variance bound)
   */
  public record Row(String caseId, String quantity, String precision, String policy, boolean pass, double score,
      int worst, double answer, double value, double lo, double hi, double tolerance, double relativeError,
      int components, List<String> violations, String note) {}

  /**
   * The result of a check.
   *
   * @param suite the suite's folder
   * @param preset its preset
   * @param tool the tool's self-description
   * @param rows one per answer, in suite order
   * @param notAnswered "case/quantity" of every quantity the answers leave out
   */
  public record Result(String suite, String preset, String tool, List<Row> rows, List<String> notAnswered) {

    /** The number of passing answers. */
    public long passed() {
      return rows.stream().filter(Row::pass).count();
    }

    /** The number of failing answers. */
    public long failed() {
      return rows.size() - passed();
    }

    /** Failing answers on cases where the precision's model holds: the tool is wrong there. */
    public long unexpectedFailures() {
      return rows.stream().filter(r -> !r.pass() && r.violations().isEmpty()).count();
    }
  }

  /** Scores answers against a suite; refuses answers that name no case or quantity of it. */
  public static Result score(Suite suite, AnswerFile.Answers answers) {
    if (answers.answers().isEmpty()) {
      throw new InvalidInputException("answers", "holds no answers");
    }
    Map<String, Map<String, AnswerFile.Answer>> byCase = new LinkedHashMap<>();
    for (AnswerFile.Answer a : answers.answers()) {
      Suite.CaseInfo c = suite.cases().get(a.caseId());
      if (c == null) {
        throw new InvalidInputException("answers", "case '" + a.caseId() + "' is not in the suite (" + suite.dir()
            + "); its cases are listed in " + SuiteFiles.MANIFEST);
      }
      if (!c.quantities().contains(a.quantity())) {
        throw new InvalidInputException("answers", "case " + a.caseId() + " has no quantity '" + a.quantity()
            + "'; it has " + c.quantities());
      }
      if (byCase.computeIfAbsent(a.caseId(), k -> new LinkedHashMap<>()).put(a.quantity(), a) != null) {
        throw new InvalidInputException("answers", a.caseId() + "/" + a.quantity() + " is answered twice");
      }
    }
    List<Row> rows = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Suite.CaseInfo c : suite.cases().values()) {
      Map<String, AnswerFile.Answer> given = byCase.get(c.id());
      if (given == null) {
        for (String q : c.quantities()) {
          missing.add(c.id() + "/" + q);
        }
        continue;
      }
      Set<String> seen = new HashSet<>();
      for (Expected e : suite.expected(c)) {
        AnswerFile.Answer a = given.get(e.quantity());
        if (a == null) {
          missing.add(c.id() + "/" + e.quantity());
          continue;
        }
        seen.add(e.quantity());
        rows.add(row(c, e, a));
      }
      for (String q : given.keySet()) {
        if (!seen.contains(q)) {
          throw new InvalidInputException(suite.dir().toString(), "case " + c.id() + "'s expected answers lack '" + q
              + "' listed in the manifest");
        }
      }
    }
    return new Result(suite.dir().toString(), suite.preset(), answers.tool(), List.copyOf(rows), List.copyOf(missing));
  }

  private static Row row(Suite.CaseInfo c, Expected e, AnswerFile.Answer a) {
    int n = a.values().length;
    boolean prefix = e.quantity().equals(GroundTruth.TOP) || e.quantity().equals(GroundTruth.BOTTOM);
    if (prefix ? n > e.size() : n != e.size()) {
      throw new InvalidInputException("answers", c.id() + "/" + e.quantity() + " has " + n + " value(s); the suite's"
          + " has " + e.size() + (prefix ? " (give at most that many, largest/smallest first)" : ""));
    }
    Precision pr = a.precision();
    Policy.Estimator est = a.estimator();
    String note = "";
    boolean judgedWithout = false;
    double best = -1.0;
    int worst = 0;
    double[] tol = new double[n];
    for (int i = 0; i < n; i++) {
      double t = Policy.tolerance(e, i, pr, est);
      if (Double.isNaN(t)) {
        judgedWithout = true;
        t = e.tolerance(pr)[i];
      }
      tol[i] = t;
      double s = score(a.values()[i], e.lo()[i], e.hi()[i], t);
      if (s > best) {
        best = s;
        worst = i;
      }
    }
    if (judgedWithout) {
      note = "no certified variance bound for this case (no explicit Hessian): judged at the " + pr.label()
          + " tolerance";
    }
    String policy = pr.label() + (est == null || judgedWithout ? "" : " + " + est.describe());
    double x = a.values()[worst];
    double v = e.value()[worst];
    double err = Math.abs(x - v);
    double rel = v != 0.0 ? err / Math.abs(v) : err;
    List<String> violations = new ArrayList<>(c.violations().get(pr.ordinal()));
    violations.addAll(e.violations(pr));
    return new Row(c.id(), e.quantity(), pr.label(), policy, best <= 1.0, best, worst, x, v, e.lo()[worst],
        e.hi()[worst], tol[worst], Double.isFinite(rel) ? rel : Double.MAX_VALUE, n, List.copyOf(violations), note);
  }

  /**
   * dist(x, [lo, hi]) / t: 0 inside, the largest double for a non-finite x or a positive distance
   * with t = 0 (a zero tolerance admits only the exact interval).
   */
  static double score(double x, double lo, double hi, double t) {
    if (!Double.isFinite(x)) {
      return Double.MAX_VALUE;
    }
    double dist = x < lo ? lo - x : x > hi ? x - hi : 0.0;
    if (dist == 0.0) {
      return 0.0;
    }
    double s = t > 0.0 ? dist / t : Double.POSITIVE_INFINITY;
    return Double.isFinite(s) ? s : Double.MAX_VALUE;
  }
}
