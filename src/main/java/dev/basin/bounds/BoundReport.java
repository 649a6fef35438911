package dev.basin.bounds;

import dev.basin.model.Conventions;
import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.Reported;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An evaluation as findings (spec BOUND-REPORT): every number is exact up to binary64 rounding
 * (plain arithmetic) or a certified enclosure [lo, hi] (interval arithmetic), every entry carries
 * its spec ID, bound kind, vacuity and confidence, and the report states the conventions.
 */
public final class BoundReport {

  private BoundReport() {}

  /** A number as a reported value: exact (plain binary64) or a certified enclosure (interval arithmetic). */
  /*@ public normal_behavior
    @ ensures n instanceof Plain ==> \result is Exact && \result.value() == ((Plain) n).v() && \result.spec() == spec;
    @ ensures n instanceof Interval ==> \result is Enclosure && \result.lo() == n.lo() && \result.hi() == n.hi()
    @     && n.lo() <= \result.value() <= n.hi() && \result.spec() == spec;
    @ assignable \nothing;
    @*/
  public static Reported reported(Num<?> n, String spec) {
    if (n instanceof Plain p) {
      return Reported.exact(p.v(), spec, "plain binary64 evaluation, round to nearest");
    }
    double lo = n.lo();
    double hi = n.hi();
    double mid = Math.min(hi, Math.max(lo, 0.5 * lo + 0.5 * hi));
    return Reported.enclosure(mid, lo, hi, spec, "outward-rounded interval arithmetic (BOUND-ARITH)");
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

  /** One result. */
  /*@ public normal_behavior
    @ ensures \result.get("id") is the text r.id() && \result.get("applicable") is the flag r.applicable();
    @ ensures r.applicable() <==> \result.get("value") is reported(r.value(), r.id()) && \result.get("vacuous") != null;
    @ ensures !r.applicable() ==> \result.get("value") is NotApplicable;
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> Findings result(BoundResult<N> r) {
    Findings.Builder m = Findings.builder()
        .text("id", r.id())
        .text("title", r.title())
        .text("bound_kind", r.kind().name().toLowerCase(Locale.ROOT))
        .flag("applicable", r.applicable());
    N v = r.value();
    if (v == null) {
      String why = r.notApplicable();
      return m.notApplicable("value", why == null || why.isEmpty() ? "not applicable" : why).build();
    }
    m.put("value", reported(v, r.id()));
    N p = r.paperForm();
    if (p != null) {
      m.put("paper_form", reported(p, r.id()));
    }
    m.text("vacuous", r.vacuity().name().toLowerCase(Locale.ROOT));
    Double conf = r.confidence();
    if (conf != null) {
      m.setting("confidence", conf);
    }
    Findings.Builder ing = Findings.builder();
    for (Map.Entry<String, Object> e : r.ingredients().entrySet()) {
      ing.put(e.getKey(), ingredient(e.getValue(), r.id()));
    }
    return m.put("ingredients", ing.build()).build();
  }

  private static Finding ingredient(Object o, String spec) {
    return switch (o) {
      case Num<?> n -> reported(n, spec);
      case Integer i -> new Finding.Count(i);
      case Long l -> new Finding.Count(l);
      case Double d -> Reported.exact(d, spec, "ingredient, binary64");
      case Boolean b -> new Finding.Flag(b);
      default -> new Finding.Text(String.valueOf(o));
    };
  }

  /** The whole report. */
  /*@ public normal_behavior
    @ ensures \result.get("bounds") is results mapped by result(..), in order;
    @ ensures \result.get("arithmetic") != null && \result.get("conventions") != null && \result.get("inputs") != null;
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> Findings of(Ingredients<N> in, List<BoundResult<N>> results) {
    Arithmetic<N> ar = in.ar;
    BoundInputs inputs = in.in;
    List<Finding> rs = new ArrayList<>();
    for (BoundResult<N> r : results) {
      rs.add(result(r));
    }
    return Findings.builder()
        .text("arithmetic", ar.certified()
            ? "interval: every value is a certified enclosure [lo, hi] of the exact real value (spec BOUND-ARITH)"
            : "plain IEEE float64, round to nearest (use --audit for certified enclosures)")
        .put("conventions", conventions(inputs))
        .put("inputs", Findings.builder()
            .count("m", in.m).count("N", in.numParams).count("d", in.d).count("h", in.h).count("k", in.k)
            .setting("delta", inputs.delta())
            .put("margin", reported(in.gamma, "BOUND-MARGIN"))
            .text("margin_rule", in.gammaRule)
            .put("margin_loss", reported(in.marginLoss, "BOUND-MARGIN"))
            .put("train_error", reported(in.trainError, "BOUND-MARGIN"))
            .build())
        .items("bounds", rs)
        .build();
  }

  /** The conventions every number is computed under. */
  /*@ public normal_behavior
    @ ensures \result.get("activation") != null && \result.get("margin_definition") != null
    @     && \result.get("spec") is the text "spec/bounds.md";
    @ assignable \nothing;
    @*/
  public static Findings conventions(BoundInputs in) {
    return Findings.builder()
        .text("activation", Conventions.name(in.net().activation()))
        .text("classifier", in.net().outputs() == 1 ? "binary: class 1 iff f(x) > 0, labels {0, 1}"
            : "multi-class: argmax_j f(x)_j, labels {0..k-1}")
        .text("margin_definition", in.net().outputs() == 1 ? "(2y - 1) f(x)" : "f(x)_y - max_{j != y} f(x)_j")
        .text("zero_one_loss", "margin <= 0 counts as an error (ties are errors)")
        .text("hidden_bias", "b1 absorbed as an extra input coordinate 1 (x' = (x, 1), A1 = [W1 | b1]), spec"
            + " BOUND-BIAS-AUGMENT")
        .text("rigorous_value", "value = the bound with basin's union over a 2^(j/4) grid of norm budgets and margins"
            + " (holds for every net and margin at once); paper_form = the paper's expression at the net's own norms"
            + " and margin (holds only if these were fixed before seeing the data), spec BOUND-UNION-GRID")
        .text("spec", "spec/bounds.md")
        .build();
  }
}
