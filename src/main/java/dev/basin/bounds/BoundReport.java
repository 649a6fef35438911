package dev.basin.bounds;

import dev.basin.model.Conventions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON-ready form of an evaluation (spec BOUND-REPORT): every number is a double (plain
 * arithmetic) or an enclosure {"lo": …, "hi": …} (interval arithmetic), every entry carries its
 * spec ID, kind, vacuity and confidence, and the report states the conventions.
 */
public final class BoundReport {

  private BoundReport() {}

  /** A number for JSON: a double or {lo, hi}. */
  /*@ public normal_behavior
    @ ensures n instanceof Plain ==> \result.equals(((Plain) n).v());
    @ ensures n instanceof Interval ==> \result.equals(Map.of("lo", n.lo(), "hi", n.hi())) (in that order);
    @ assignable \nothing;
    @*/
  public static Object number(Num<?> n) {
    if (n instanceof Plain p) {
      return p.v();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lo", n.lo());
    m.put("hi", n.hi());
    return m;
  }

  /** A number as text: %.10g, or [lo, hi] with all 17 significant digits (so the ends differ). */
  /*@ public normal_behavior
    @ ensures n instanceof Plain ==> \result.equals(format("%.10g", v));
    @ ensures n instanceof Interval ==> \result.equals(format("[%.17g, %.17g]", lo, hi));
    @ assignable \nothing;
    @*/
  public static String text(Num<?> n) {
    if (n instanceof Plain p) {
      return String.format(Locale.ROOT, "%.10g", p.v());
    }
    return String.format(Locale.ROOT, "[%.17g, %.17g]", n.lo(), n.hi());
  }

  /** One result as a map. */
  /*@ public normal_behavior
    @ ensures \result.get("id").equals(r.id()) && \result.get("applicable").equals(r.applicable());
    @ ensures r.applicable() <==> \result.containsKey("value") && \result.containsKey("vacuous");
    @ ensures !r.applicable() ==> \result.containsKey("not_applicable");
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> Map<String, Object> result(BoundResult<N> r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("title", r.title());
    m.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
    m.put("applicable", r.applicable());
    N v = r.value();
    if (v == null) {
      String why = r.notApplicable();
      m.put("not_applicable", why == null ? "" : why);
      return m;
    }
    m.put("value", number(v));
    N p = r.paperForm();
    if (p != null) {
      m.put("paper_form", number(p));
    }
    m.put("vacuous", r.vacuity().name().toLowerCase(Locale.ROOT));
    if (r.confidence() != null) {
      m.put("confidence", r.confidence());
    }
    Map<String, Object> ing = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : r.ingredients().entrySet()) {
      ing.put(e.getKey(), e.getValue() instanceof Num<?> n ? number(n) : e.getValue());
    }
    m.put("ingredients", ing);
    return m;
  }

  /** The whole report. */
  /*@ public normal_behavior
    @ ensures \result.get("results") is results mapped by result(..), in order;
    @ ensures \result.containsKey("arithmetic") && \result.containsKey("conventions") && \result.containsKey("inputs");
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> Map<String, Object> of(Ingredients<N> in, List<BoundResult<N>> results) {
    Arithmetic<N> ar = in.ar;
    BoundInputs inputs = in.in;
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("arithmetic", ar.certified()
        ? "interval: every value is a certified enclosure [lo, hi] of the exact real value (spec BOUND-ARITH)"
        : "plain IEEE float64, round to nearest (use --audit for certified enclosures)");
    report.put("conventions", conventions(inputs));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("m", in.m);
    data.put("N", in.numParams);
    data.put("d", in.d);
    data.put("h", in.h);
    data.put("k", in.k);
    data.put("delta", inputs.delta());
    data.put("margin", number(in.gamma));
    data.put("margin_rule", in.gammaRule);
    data.put("margin_loss", number(in.marginLoss));
    data.put("train_error", number(in.trainError));
    report.put("inputs", data);
    List<Map<String, Object>> rs = new ArrayList<>();
    for (BoundResult<N> r : results) {
      rs.add(result(r));
    }
    report.put("results", rs);
    return report;
  }

  /** The conventions every number is computed under. */
  /*@ public normal_behavior
    @ ensures \result.containsKey("activation") && \result.containsKey("margin_definition") && \result.get("spec").equals("spec/bounds.md");
    @ assignable \nothing;
    @*/
  public static Map<String, Object> conventions(BoundInputs in) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("activation", Conventions.name(in.net().activation()));
    c.put("classifier", in.net().outputs() == 1 ? "binary: class 1 iff f(x) > 0, labels {0, 1}"
        : "multi-class: argmax_j f(x)_j, labels {0..k-1}");
    c.put("margin_definition", in.net().outputs() == 1 ? "(2y - 1) f(x)" : "f(x)_y - max_{j != y} f(x)_j");
    c.put("zero_one_loss", "margin <= 0 counts as an error (ties are errors)");
    c.put("hidden_bias", "b1 absorbed as an extra input coordinate 1 (x' = (x, 1), A1 = [W1 | b1]), spec BOUND-BIAS-AUGMENT");
    c.put("rigorous_value", "value = the bound with basin's union over a 2^(j/4) grid of norm budgets and margins"
        + " (holds for every net and margin at once); paper_form = the paper's expression at the net's own norms"
        + " and margin (holds only if these were fixed before seeing the data), spec BOUND-UNION-GRID");
    c.put("spec", "spec/bounds.md");
    return c;
  }
}
