package dev.basin.bounds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.base.Findings;
import dev.basin.base.InvalidInputException;
import dev.basin.base.Reported;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Audit of bound values computed elsewhere (spec BOUND-AUDIT, BOUND-CLAIMS-FORMAT): each claim
 * names a catalogue entry and a value under the claimant's conventions (δ, margin, σ, …); basin
 * recomputes it in interval arithmetic under those conventions and reports agreement — the claimed
 * value within the stated relative tolerance of basin's certified enclosure — or the relative error
 * and its likely cause: which claimed ingredient differs, whether the claim is another form of the
 * bound (without basin's union bound, or Neyshabur's constant-free expression), whether σ looks
 * like a variance, or the margin like |γ|.
 */
public final class Audit {

  /** Default relative tolerance of an agreement. */
  public static final double DEFAULT_TOLERANCE = 1e-6;
  /**
   * Relative agreement required between a claimed σ² and basin's σ before the audit calls σ "a
   * variance": σ-searches are Monte-Carlo bisections (target accuracy change 0.1 ± 0.01), so only a
   * loose match is meaningful.
   */
  public static final double SIGMA_MATCH = 0.05;

  private static final Set<String> KEYS = Set.of("id", "formula", "value", "form", "delta", "margin", "margin_quantile",
      "sigma", "sigma_mag", "posterior_std", "tolerance", "ingredients", "conventions", "note");

  private Audit() {}

  /**
   * One claim.
   *
   * @param index position in the claims file
   * @param bound the catalogue entry
   * @param value the claimed value
   * @param form "paper" or "basin": which of basin's numbers it is compared with (null: paper form where the entry has one)
   * @param delta δ
   * @param margin the margin convention
   * @param sigma claimed σ, or null
   * @param sigmaMag claimed σ′, or null
   * @param posteriorStd claimed posterior std, or null
   * @param tolerance relative tolerance
   * @param ingredients claimed ingredients by basin's names
   */
  public record Claim(int index, Bound bound, double value, @Nullable String form, double delta,
      BoundInputs.MarginChoice margin, @Nullable Double sigma, @Nullable Double sigmaMag, @Nullable Double posteriorStd,
      double tolerance, Map<String, Double> ingredients) {}

  /**
   * The verdict on one claim.
   *
   * @param claim the claim
   * @param agrees whether the claimed value is within tolerance of basin's enclosure
   * @param basin basin's enclosure (null if not applicable)
   * @param comparedForm "paper" or "basin"
   * @param relativeError (claimed − basin midpoint)/|basin midpoint| (0 when basin's value is 0 and the claim too)
   * @param diagnoses explanations, most specific first
   */
  public record Finding(Claim claim, boolean agrees, @Nullable Interval basin, String comparedForm, double relativeError,
      List<String> diagnoses) {

    /** This verdict as findings (spec BOUND-AUDIT). */
    /*@ public normal_behavior
      @ ensures \result.get("index") is the count claim.index() && \result.get("id") is the text claim.bound().id()
      @     && \result.get("agrees") is the flag agrees;
      @ ensures basin != null <==> \result.get("basin") is BoundReport.reported(basin, claim.bound().id());
      @ ensures \result.get("diagnoses") lists diagnoses, in order;
      @ assignable \nothing;
      @*/
    public Findings findings() {
      Findings.Builder m = Findings.builder()
          .count("index", claim.index())
          .text("id", claim.bound().id())
          .setting("claimed", claim.value())
          .flag("agrees", agrees);
      Interval b = basin;
      if (b != null) {
        m.put("basin", BoundReport.reported(b, claim.bound().id())).text("compared_form", comparedForm);
      }
      if (Double.isFinite(relativeError)) {
        m.put("relative_error", Reported.exact(relativeError, "BOUND-AUDIT", "(claimed - basin midpoint) / |basin midpoint|"));
      }
      List<dev.basin.base.Finding> ds = new ArrayList<>();
      for (String d : diagnoses) {
        ds.add(new dev.basin.base.Finding.Text(d));
      }
      return m.setting("tolerance", claim.tolerance()).items("diagnoses", ds).build();
    }
  }

  /** Every verdict as findings, in order. */
  /*@ public normal_behavior
    @ ensures \result.size() == verdicts.size() && (\forall int i; 0 <= i < verdicts.size();
    @     \result.get(i).equals(verdicts.get(i).findings()));
    @ assignable \nothing;
    @*/
  public static List<dev.basin.base.Finding> findings(List<Finding> verdicts) {
    List<dev.basin.base.Finding> out = new ArrayList<>();
    for (Finding f : verdicts) {
      out.add(f.findings());
    }
    return out;
  }

  /** Parses a claims file: {"defaults": {...}, "claims": [...]} or a bare array of claims. */
  /*@ public behavior
    @ ensures \result.size() == number of claims && (\forall int i; \result.get(i).index() == i);
    @ ensures (\forall Claim c; \result.contains(c); 0 < c.delta() && c.delta() < 1 && 0 <= c.tolerance() && c.tolerance() < 1);
    @ signals (InvalidInputException) a key, ID, number or form is invalid (the message names where);
    @ assignable \nothing;
    @*/
  public static List<Claim> parse(JsonNode root, String source) {
    JsonNode defaults = root.isObject() && root.has("defaults") ? root.get("defaults") : null;
    JsonNode claims = root.isArray() ? root : root.get("claims");
    if (claims == null || !claims.isArray() || claims.isEmpty()) {
      throw new InvalidInputException(source, "expected a non-empty array \"claims\" (see spec/bounds.md BOUND-CLAIMS-FORMAT)");
    }
    if (root.isObject()) {
      for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
        String f = it.next();
        if (!f.equals("claims") && !f.equals("defaults") && !f.equals("conventions") && !f.equals("note")) {
          throw new InvalidInputException(source, "unknown top-level key '" + f + "' (expected claims, defaults, conventions, note)");
        }
      }
    }
    List<Claim> out = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      out.add(claim(claims.get(i), defaults, source + " claims[" + i + "]", i));
    }
    return out;
  }

  private static Claim claim(JsonNode c, @Nullable JsonNode defaults, String where, int index) {
    if (!c.isObject()) {
      throw new InvalidInputException(where, "a claim must be a JSON object");
    }
    for (Iterator<String> it = c.fieldNames(); it.hasNext();) {
      String f = it.next();
      if (!KEYS.contains(f)) {
        throw new InvalidInputException(where, "unknown key '" + f + "' (known: " + KEYS + ")");
      }
    }
    JsonNode name = c.has("id") ? c.get("id") : c.get("formula");
    if (name == null || !name.isTextual()) {
      throw new InvalidInputException(where, "needs \"id\" (a spec ID) or \"formula\" (a formula name) as a string");
    }
    Bound b = Catalogue.byName(name.asText());
    double value = number(c, "value", where);
    String form = text(c, defaults, "form", where);
    if (form != null && !form.equals("paper") && !form.equals("basin")) {
      throw new InvalidInputException(where + ".form", "'" + form + "' is not \"paper\" or \"basin\"");
    }
    Double delta = optNumber(c, defaults, "delta", where);
    Double margin = optNumber(c, defaults, "margin", where);
    Double quantile = optNumber(c, defaults, "margin_quantile", where);
    if (c.has("margin") && c.has("margin_quantile")) {
      throw new InvalidInputException(where, "give \"margin\" or \"margin_quantile\", not both");
    }
    BoundInputs.MarginChoice mc;
    if (c.has("margin") || c.has("margin_quantile")) {
      mc = c.has("margin") ? BoundInputs.MarginChoice.fixed(req(margin)) : BoundInputs.MarginChoice.quantile(req(quantile));
    } else if (margin != null) {
      mc = BoundInputs.MarginChoice.fixed(margin);
    } else {
      mc = BoundInputs.MarginChoice.quantile(quantile == null ? JiangMeasure.MARGIN_QUANTILE : quantile);
    }
    Double tol = optNumber(c, defaults, "tolerance", where);
    if (tol != null && !(tol >= 0.0 && tol < 1.0)) {
      throw new InvalidInputException(where + ".tolerance", tol + " (must lie in [0, 1))");
    }
    Map<String, Double> ing = new LinkedHashMap<>();
    JsonNode ingNode = c.get("ingredients");
    if (ingNode != null) {
      if (!ingNode.isObject()) {
        throw new InvalidInputException(where + ".ingredients", "must be an object of numbers");
      }
      for (Map.Entry<String, JsonNode> e : ingNode.properties()) {
        ing.put(e.getKey(), number(ingNode, e.getKey(), where + ".ingredients"));
      }
    }
    return new Claim(index, b, value, form, delta == null ? BoundInputs.DEFAULT_DELTA : delta, mc,
        optNumber(c, defaults, "sigma", where), optNumber(c, defaults, "sigma_mag", where),
        optNumber(c, defaults, "posterior_std", where), tol == null ? DEFAULT_TOLERANCE : tol, ing);
  }

  private static <T> T req(@Nullable T v) {
    if (v == null) {
      throw new IllegalStateException("checked before");
    }
    return v;
  }

  private static double number(JsonNode n, String key, String where) {
    JsonNode v = n.get(key);
    if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw new InvalidInputException(where + "." + key, "needs a finite number" + (v == null ? "" : ", got " + v));
    }
    return v.asDouble();
  }

  private static @Nullable Double optNumber(JsonNode c, @Nullable JsonNode defaults, String key, String where) {
    if (c.has(key)) {
      return number(c, key, where);
    }
    if (defaults != null && defaults.has(key)) {
      return number(defaults, key, where + " (defaults)");
    }
    return null;
  }

  private static @Nullable String text(JsonNode c, @Nullable JsonNode defaults, String key, String where) {
    JsonNode v = c.has(key) ? c.get(key) : defaults != null ? defaults.get(key) : null;
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidInputException(where + "." + key, "needs a string");
    }
    return v.asText();
  }

  /**
   * Recomputes every claim. base carries the net, data, initialization and basin's own estimates
   * (σ, σ′ from a σ-search, if given): an own estimate replaces the claimed one, so that a wrong σ
   * shows up as a disagreement with a diagnosis.
   */
  /*@ public normal_behavior
    @ ensures \result.size() == claims.size() && (\forall int i; \result.get(i).claim() == claims.get(i));
    @ ensures (\forall Finding f; \result.contains(f); f.agrees() ==> f.basin() != null && agrees(f.claim().value(), f.basin(), f.claim().tolerance()));
    @ ensures (\forall Finding f; \result.contains(f); !f.agrees() ==> !f.diagnoses().isEmpty());
    @ assignable \nothing;
    @*/
  public static List<Finding> run(BoundInputs base, List<Claim> claims) {
    List<Finding> out = new ArrayList<>();
    Map<BoundInputs, Ingredients<Interval>> cache = new java.util.HashMap<>(); // claims with equal conventions share the forward pass
    for (Claim c : claims) {
      out.add(check(base, c, cache));
    }
    return out;
  }

  private static Finding check(BoundInputs base, Claim c, Map<BoundInputs, Ingredients<Interval>> cache) {
    Double sigma = base.sigma() != null ? base.sigma() : c.sigma();
    Double sigmaMag = base.sigmaMag() != null ? base.sigmaMag() : c.sigmaMag();
    Double post = c.posteriorStd() != null ? c.posteriorStd() : base.posteriorStd();
    BoundInputs in = base.withDelta(c.delta()).withMargin(c.margin()).withOptions(base.init(), sigma, sigmaMag, post,
        base.mcSamples(), base.mcDelta(), base.seed(), base.radius(), base.inputRadius());
    Ingredients<Interval> ing = cache.computeIfAbsent(in, k -> new Ingredients<>(Arithmetic.INTERVAL, k));
    BoundResult<Interval> r = c.bound().evaluate(ing);
    List<String> diag = new ArrayList<>();
    Interval value = r.value();
    if (value == null) {
      diag.add("basin: " + c.bound().id() + " does not apply: " + r.notApplicable());
      return new Finding(c, false, null, "none", Double.NaN, diag);
    }
    Interval paper = r.paperForm();
    boolean usePaper = paper != null && !"basin".equals(c.form());
    Interval target = paper != null && usePaper ? paper : value;
    boolean agrees = agrees(c.value(), target, c.tolerance());
    double rel = relative(c.value(), target);
    if (!agrees) {
      diagnose(c, r, usePaper, ing, base, diag);
    }
    return new Finding(c, agrees, target, usePaper ? "paper" : "basin", rel, diag);
  }

  /** Whether x lies within relative tolerance tol of the enclosure e. */
  static boolean agrees(double x, Interval e, double tol) {
    double dist = e.contains(x) ? 0.0 : Math.min(Math.abs(x - e.lo()), Math.abs(x - e.hi()));
    double scale = Math.max(Math.abs(x), Math.max(Math.abs(e.lo()), Math.abs(e.hi())));
    return dist <= tol * scale;
  }

  private static double relative(double x, Interval e) {
    double mid = e.mid();
    if (mid == 0.0) {
      return x == 0.0 ? 0.0 : Double.POSITIVE_INFINITY;
    }
    return (x - mid) / Math.abs(mid);
  }

  private static void diagnose(Claim c, BoundResult<Interval> r, boolean usedPaper, Ingredients<Interval> ing,
      BoundInputs base, List<String> diag) {
    // 1. claimed ingredients that differ
    for (Map.Entry<String, Double> e : c.ingredients().entrySet()) {
      Object mine = r.ingredients().get(e.getKey());
      if (mine instanceof Interval iv) {
        if (!agrees(e.getValue(), iv, c.tolerance())) {
          diag.add(String.format(Locale.ROOT, "%s differs: claimed %.10g, basin %s (%+.3g %%)", e.getKey(), e.getValue(),
              BoundReport.text(iv), 100 * relative(e.getValue(), iv)));
        }
      } else if (mine instanceof Number num) {
        if (!agrees(e.getValue(), Interval.point(num.doubleValue()), c.tolerance())) {
          diag.add(String.format(Locale.ROOT, "%s differs: claimed %.10g, basin %s", e.getKey(), e.getValue(), num));
        }
      } else {
        diag.add("ingredient '" + e.getKey() + "' is not one of basin's for " + c.bound().id() + ": "
            + r.ingredients().keySet());
      }
    }
    // 2. σ reported as a variance (spec JIANG-SIGMA)
    sigmaDiagnosis("sigma", c.sigma(), base.sigma(), diag);
    sigmaDiagnosis("sigma'", c.sigmaMag(), base.sigmaMag(), diag);
    // 3. the margin taken as |γ|
    Double claimedMargin = c.ingredients().containsKey("margin") ? c.ingredients().get("margin")
        : c.ingredients().get("margin_10th_percentile");
    Object basinMargin = r.ingredients().containsKey("margin") ? r.ingredients().get("margin")
        : r.ingredients().get("margin_10th_percentile");
    if (claimedMargin != null && basinMargin instanceof Interval g && g.hi() < 0.0
        && agrees(claimedMargin, g.neg(), SIGMA_MATCH)) {
      diag.add("the margin looks like |gamma|: basin's margin is " + BoundReport.text(g) + " (negative), the claim uses its"
          + " absolute value (as the public Jiang et al. reimplementation does)");
    }
    // 4. another form of the same bound
    Interval other = usedPaper ? r.value() : r.paperForm();
    if (other != null && agrees(c.value(), other, c.tolerance())) {
      diag.add(usedPaper
          ? "the claim equals basin's rigorous value (with the union over norm and margin grids), not the paper's"
              + " expression; set \"form\": \"basin\""
          : "the claim equals the paper's expression at the net's own norms and margin (no union bound over budgets and"
              + " margins: valid only if these were fixed before seeing the data); set \"form\": \"paper\"");
    }
    NeyshaburCode code = c.bound() == BartlettSpectral.INSTANCE ? NeyshaburCode.SPEC_L21
        : c.bound() == NeyshaburPacBayes.INSTANCE ? NeyshaburCode.SPEC_FRO : null;
    if (code != null) {
      Interval v = code.evaluate(ing).value();
      if (v != null && agrees(c.value(), v, c.tolerance())) {
        diag.add("the claim equals " + code.id() + ", the constant-free expression of Neyshabur's public code (it omits"
            + " constants and log factors), not the bound");
      }
    }
    if (diag.isEmpty()) {
      diag.add(String.format(Locale.ROOT, "no ingredient given explains it; relative error %+.3g %% (add \"ingredients\" to"
          + " the claim to locate the difference)", 100 * relative(c.value(), req(usedPaper ? r.paperForm() : r.value()))));
    }
  }

  private static void sigmaDiagnosis(String name, @Nullable Double claimed, @Nullable Double basin, List<String> diag) {
    if (claimed == null || basin == null) {
      return;
    }
    double rel = Math.abs(claimed - basin) / basin;
    if (rel <= SIGMA_MATCH) {
      return;
    }
    double relSq = Math.abs(claimed * claimed - basin) / basin;
    diag.add(String.format(Locale.ROOT, "%s differs: claimed %.6g, basin's perturbation std %.6g (%+.3g %%)", name, claimed,
        basin, 100 * (claimed - basin) / basin));
    if (relSq <= SIGMA_MATCH) {
      diag.add(String.format(Locale.ROOT, "%s looks like a variance: the claimed %s squared (%.6g) matches basin's"
          + " perturbation std; the public Jiang et al. reimplementation passes sigma**2 as the std of torch.normal, so"
          + " its sigma is the square root of the paper's (spec JIANG-SIGMA)", name, name, claimed * claimed));
    }
  }
}
