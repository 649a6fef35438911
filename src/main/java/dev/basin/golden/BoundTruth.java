package dev.basin.golden;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.InvalidInputException;
import dev.basin.base.NonFiniteResultException;
import dev.basin.base.Reported;
import dev.basin.bounds.Arithmetic;
import dev.basin.bounds.Bound;
import dev.basin.bounds.BoundInputs;
import dev.basin.bounds.BoundReport;
import dev.basin.bounds.BoundResult;
import dev.basin.bounds.Catalogue;
import dev.basin.bounds.Ingredients;
import dev.basin.bounds.Interval;
import dev.basin.bounds.JiangMeasure;
import dev.basin.bounds.Num;
import dev.basin.bounds.Plain;
import dev.basin.bounds.ToolModel;
import dev.basin.kernel.Loss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The catalogued bounds of a classifier case as audit enclosures (spec GOLDEN-BOUNDS): every entry
 * of spec/bounds.md that applies, evaluated as {@code basin audit} evaluates a claim — in
 * outward-rounded interval arithmetic, the paper's expression where the entry has one (BOUND-AUDIT)
 * — at δ = 0.05 and γ = the ⌊m/10⌋-th smallest training margin, with its kind, its ingredients'
 * enclosures, and per precision the tolerance that encloses every value a tool in that precision
 * can compute (GOLDEN-TOL-BOUNDS: the same formula in {@link ToolModel}'s arithmetic).
 */
final class BoundTruth {

  /** δ of every bound in the suite (BOUND-INPUTS' default, as basin audit's). */
  static final double DELTA = BoundInputs.DEFAULT_DELTA;
  /** γ = the ⌊q m⌋-th smallest training margin, q = 0.1 (basin audit's default, Jiang et al.'s). */
  static final double MARGIN_QUANTILE = JiangMeasure.MARGIN_QUANTILE;
  /** The fact key of a quantity's own model violations (GOLDEN-TOL "Where the model fails"). */
  static final String VIOLATIONS = "model_violations";

  /** Entries the suite leaves out, with the reason. */
  private static final Map<String, String> LEFT_OUT = Map.of("BOUND-FMIN", "basin computes it in float64 without an"
      + " enclosure; the suite's certified F_min is the quantity fmin (for the case's own loss)");

  private static final Precision[] PRECISIONS = Precision.values();

  /**
   * The bound answers of a case and the case's facts about them.
   *
   * @param expected one scalar quantity per applicable entry, named by its spec ID
   * @param facts δ, the margin and its rule, the margin loss, the training error, and why each other
   *     entry does not apply
   */
  record Result(List<Expected> expected, Map<String, Object> facts) {}

  /**
   * The value a tool in one precision can compute for an entry, or why the model cannot say.
   *
   * @param enclosure every such value lies in it (null when problem is set)
   * @param problem why no tolerance can be derived (the tool may decide applicability otherwise, or leave the range)
   * @param vcDimension the VC dimension bound it uses (BOUND-VC-PL), or null
   */
  private record ToolValue(@Nullable Interval enclosure, @Nullable String problem, @Nullable Object vcDimension) {}

  private BoundTruth() {}

  /** Whether bounds apply to a case: a classifier (ce or logistic on integer labels) with an explicit Hessian. */
  static boolean applies(CaseSpec c) {
    int kind = c.loss().kind();
    // not the large preset: its certified spectral norms (an interval Gram matrix, O(h^2 d) interval products,
    // three times) would dominate the preset's time; basin audit certifies them on demand
    return (kind == Loss.CE || kind == Loss.LOGISTIC) && c.data().hasLabels() && c.explicit();
  }

  /**
   * The bound answers of a classifier case.
   *
   * @param c the case
   * @param outputErrors per precision (by ordinal), bounds on a tool's output errors |f̂ − f| (n·k,
   *     FLAT-LOSS-ERROR's E_o in that precision; not modified)
   */
  static Result of(CaseSpec c, double[][] outputErrors) {
    BoundInputs in = BoundInputs.of(c.net(), c.data(), DELTA, BoundInputs.MarginChoice.quantile(MARGIN_QUANTILE));
    Ingredients<Interval> audit = new Ingredients<>(Arithmetic.INTERVAL, in);
    Ingredients<Plain> plain = new Ingredients<>(Arithmetic.PLAIN, in);
    List<Map<String, ToolValue>> tool = new ArrayList<>();
    for (Precision pr : PRECISIONS) {
      ToolModel tm = pr == Precision.FLOAT64 ? ToolModel.BINARY64 : ToolModel.BINARY32;
      tool.add(toolValues(tm.arithmetic(c.net(), c.data().x(), outputErrors[pr.ordinal()]), in));
    }
    List<Expected> out = new ArrayList<>();
    List<BoundResult<Interval>> all = new ArrayList<>();
    Map<String, Object> notApplicable = new LinkedHashMap<>();
    for (Bound b : Catalogue.all()) {
      if (LEFT_OUT.containsKey(b.id())) {
        continue;
      }
      BoundResult<Interval> r = b.evaluate(audit);
      all.add(r);
      if (!r.applicable()) {
        notApplicable.put(b.id(), String.valueOf(r.notApplicable()));
        continue;
      }
      out.add(expected(r, target(b.evaluate(plain)), tool));
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    Findings report = BoundReport.of(audit, all);
    facts.put("spec", "GOLDEN-BOUNDS");
    Finding inputs = report.get("inputs");
    if (inputs != null) { // BoundReport.of always writes it
      facts.put("inputs", plain(inputs));
    }
    facts.put("conventions", plain(BoundReport.conventions(in)));
    facts.put("not_applicable", notApplicable);
    facts.put("left_out", new java.util.TreeMap<>(LEFT_OUT));
    return new Result(List.copyOf(out), facts);
  }

  /** The number an audit compares a claim with: the paper's expression where the entry has one, else its value. */
  private static <N extends Num<N>> @Nullable N target(BoundResult<N> r) {
    return r.paperForm() != null ? r.paperForm() : r.value();
  }

  private static Expected expected(BoundResult<Interval> r, @Nullable Plain plainValue, List<Map<String, ToolValue>> tool) {
    Interval e = target(r);
    if (e == null) {
      throw new IllegalStateException(r.id() + " is applicable but has no value");
    }
    boolean paper = r.paperForm() != null;
    // basin's float64 value (what a careful float64 code prints), if it lies in the enclosure
    double v = plainValue != null && e.contains(plainValue.v()) ? plainValue.v() : e.mid();
    double[][] tol = new double[PRECISIONS.length][1];
    Map<String, Object> encl = new LinkedHashMap<>();
    Map<String, Object> violations = new LinkedHashMap<>();
    for (Precision pr : PRECISIONS) {
      ToolValue t = tool.get(pr.ordinal()).get(r.id());
      List<String> vs = new ArrayList<>();
      Interval te = t == null ? null : t.enclosure();
      if (t == null || te == null) {
        vs.add(r.id() + ": " + (t == null ? "a tool in " + pr.label() + " may find it not applicable (its decision"
            + " is within " + pr.label() + " rounding)" : t.problem()));
      } else {
        // dist(a, [lo, hi]) <= t holds for every a in the tool's enclosure
        double d = Math.max(0.0, Math.max(e.lo() - te.lo(), te.hi() - e.hi()));
        tol[pr.ordinal()][0] = d > 0.0 ? Math.nextUp(d) : 0.0;
        encl.put(pr.label(), plain(BoundReport.reported(te, r.id())));
        Object vc = r.ingredients().get("vc_dimension_upper");
        if (vc != null && !vc.equals(t.vcDimension())) {
          vs.add(r.id() + ": the VC-dimension search decides differently within " + pr.label() + " rounding (basin "
              + vc + ", a " + pr.label() + " evaluation may give " + t.vcDimension() + ")");
        }
        if (t.problem() != null) {
          vs.add(r.id() + ": " + t.problem());
        }
      }
      violations.put(pr.label(), vs);
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
    facts.put("title", r.title());
    facts.put("form", paper ? "paper: the paper's expression at the net's own norms and margin (no union grid), as"
        + " basin audit compares by default" : "value: the entry's value (it has no separate paper form)");
    facts.put("audit", plain(BoundReport.result(r)));
    facts.put("tool_enclosures", encl);
    facts.put(VIOLATIONS, violations);
    String method = "basin audit (BOUND-AUDIT): " + (paper ? "the paper's expression" : "the value")
        + " in outward-rounded interval arithmetic (BOUND-ARITH, BOUND-FORWARD-ENCLOSURE) at delta = " + DELTA
        + " and gamma = the floor(m/10)-th smallest training margin";
    return new Expected(r.id(), r.id(), method, true, new double[] {v}, new double[] {e.lo()}, new double[] {e.hi()},
        tol, facts);
  }

  /**
   * A finding as the plain values the suite's JSON facts hold (golden sits below report/, so it
   * cannot use ReportJson; the facts need only the numbers and texts): a reported number as
   * {kind, value, [lo, hi,] spec}, a group as an ordered map, a list as a list.
   */
  private static Object plain(Finding f) {
    return switch (f) {
      case Reported r -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", r.kind().label());
        m.put("value", r.value());
        if (r instanceof Reported.Enclosure e) {
          m.put("lo", e.lo());
          m.put("hi", e.hi());
        }
        m.put("spec", r.spec());
        yield m;
      }
      case Findings g -> {
        Map<String, Object> m = new LinkedHashMap<>();
        g.entries().forEach((k, v) -> m.put(k, plain(v)));
        yield m;
      }
      case Finding.Count c -> c.value();
      case Finding.Flag b -> b.value();
      case Finding.Text t -> t.value();
      case Finding.Setting x -> x.value();
      case Finding.Values v -> v.values();
      case Finding.NotApplicable n -> Map.of("not_applicable", n.reason());
      case Finding.Items l -> l.items().stream().map(BoundTruth::plain).toList();
    };
  }

  /** Each entry's target in a tool's arithmetic, by spec ID (absent: not applicable there). */
  private static <N extends Num<N>> Map<String, ToolValue> toolValues(Arithmetic<N> ar, BoundInputs in) {
    Map<String, ToolValue> out = new LinkedHashMap<>();
    Ingredients<N> ing;
    try {
      ing = new Ingredients<>(ar, in);
    } catch (NonFiniteResultException | InvalidInputException e) {
      for (Bound b : Catalogue.all()) {
        out.put(b.id(), new ToolValue(null, "the ingredients cannot be enclosed: " + e.getMessage(), null));
      }
      return out;
    }
    for (Bound b : Catalogue.all()) {
      if (LEFT_OUT.containsKey(b.id())) {
        continue;
      }
      try {
        BoundResult<N> r = b.evaluate(ing);
        N t = target(r);
        if (t != null) {
          out.put(b.id(), new ToolValue(ToolModel.enclosure(t), ToolModel.modelProblem(t),
              r.ingredients().get("vc_dimension_upper")));
        }
      } catch (NonFiniteResultException e) {
        out.put(b.id(), new ToolValue(null, "no enclosure of a tool's value: " + e.getMessage(), null));
      }
    }
    return out;
  }
}
