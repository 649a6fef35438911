package dev.basin.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.InvalidInputException;
import dev.basin.base.Reported;
import dev.basin.kernel.Activation;
import dev.basin.model.TwoLayerNet;
import dev.basin.property.Draws;
import dev.basin.property.Gen;
import dev.basin.property.Nets;
import dev.basin.property.Property;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contracts of Bound.evaluate, Catalogue, BoundResult, Kind, BoundInputs, BoundReport, Audit,
 * Ingredients and JiangSigma (proofs/LEDGER.md, property-tested) on randomly generated nets and
 * data from the property harness: every catalogue entry, in both arithmetics, on nets of every
 * activation with random δ, margins, initializations and σ's.
 */
class BoundContractsTest {

  /** Small nets, 10..16 samples (so a 0.1 quantile selects a sample), teacher labels (mostly positive margins). */
  static final Nets.Shape SHAPE = new Nets.Shape(3, 4, 3, 16, Nets.all(), 10);

  /** BoundInputs on a generated net: δ, margin, init, σ's, posterior std and radius drawn too. */
  static Gen<BoundInputs> inputs(Nets.Shape shape) {
    return Nets.labelled(shape, true).flatMap(l -> Gen.of(d -> build(l, d), List.of()));
  }

  private static BoundInputs build(Nets.Labelled l, Draws d) {
    double delta = d.pick(0.05, 0.01, 0.2, 0.5, 1e-6, 0.9);
    BoundInputs.MarginChoice margin = d.bool() ? BoundInputs.MarginChoice.quantile(d.pick(0.1, 0.25, 0.5))
        : BoundInputs.MarginChoice.fixed(d.pick(0.05, 0.5, 1e-3, 2.0));
    TwoLayerNet net = l.net();
    TwoLayerNet init = null;
    if (d.bool()) {
      double[] theta = net.parameters();
      for (int q = 0; q < theta.length; q++) {
        theta[q] += (d.unit() - 0.5) * 0.5;
      }
      init = net.withParameters(theta);
    }
    return BoundInputs.of(net, l.data(), delta, margin).withOptions(init, d.pick(0.05, 0.2), d.pick(0.1, 0.02),
        d.pick(0.02, 0.1), 5, 0.01, d.draw(1000), d.bool() ? Double.valueOf(d.pick(0.05, 0.0, 0.5)) : null, null);
  }

  @Test
  void everyEntryMeetsTheEvaluateContract() {
    Property.named().tries(200).check(inputs(SHAPE), (in, ctx) -> {
      boolean[] vacuous = {false};
      List<BoundResult<Plain>> plain = Catalogue.evaluate(Arithmetic.PLAIN, in);
      List<BoundResult<Interval>> cert = Catalogue.evaluate(Arithmetic.INTERVAL, in);
      List<Bound> all = Catalogue.all();
      assertEquals(all.size(), plain.size());
      int applicable = 0;
      for (int i = 0; i < all.size(); i++) {
        Bound b = all.get(i);
        BoundResult<Plain> p = plain.get(i);
        BoundResult<Interval> c = cert.get(i);
        for (BoundResult<?> r : List.of(p, c)) {
          assertEquals(b.id(), r.id());
          assertSame(b.kind(), r.kind());
          assertEquals(r.applicable(), r.notApplicable() == null, b.id());
          if (r.applicable()) {
            Num<?> v = r.value();
            if (b.kind() != Kind.MEASURE) {
              assertTrue(v.lo() >= 0.0, () -> b.id() + " value " + v + " < 0");
            }
            if (b.kind().boundsZeroOneRisk()) {
              assertEquals(v.lo() >= 1.0, r.vacuity() == BoundResult.Vacuity.YES, b.id());
              assertEquals(v.hi() < 1.0, r.vacuity() == BoundResult.Vacuity.NO, b.id());
            } else {
              assertSame(BoundResult.Vacuity.NOT_A_BOUND, r.vacuity());
            }
            Double conf = r.confidence();
            if (b.kind() == Kind.RISK_BOUND) {
              assertEquals(1.0 - in.delta(), conf, b.id());
            } else if (b.kind() == Kind.STOCHASTIC_RISK_BOUND) {
              assertEquals(1.0 - in.delta() - in.mcDelta(), conf, b.id());
            } else {
              assertNull(conf, b.id());
            }
          }
        }
        if (b == FminFlatness.INSTANCE) {
          continue; // float64 only, by design: not applicable in interval arithmetic
        }
        assertEquals(p.applicable(), c.applicable(), () -> b.id() + ": " + p.notApplicable() + " / " + c.notApplicable());
        if (p.applicable()) {
          applicable++;
          double pv = p.value().v();
          Interval cv = c.value();
          if (!cv.contains(pv)) {
            // the one allowed difference (Bound.evaluate's contract): at a union-grid tie the certified evaluation
            // takes the next grid level, a larger bound that is still valid
            Object pl = p.ingredients().get("grid_levels");
            Object cl = c.ingredients().get("grid_levels");
            assertTrue(pl != null && !pl.equals(cl) && cv.lo() >= pv, () -> b.id() + ": the audit enclosure " + cv
                + " misses the plain value " + pv + " (grid levels " + pl + " / " + cl + ")");
            ctx.classify("grid tie: certified level above the plain one");
          }
          vacuous[0] |= b.kind() != Kind.MEASURE && cv.lo() >= 1.0;
        }
      }
      ctx.classify(vacuous[0], "some risk bound vacuous");
      ctx.cover(applicable >= 20, ">= 20 entries applicable", 20);
    });
  }

  @Test
  void riskBoundsDoNotGrowWithDelta() {
    Property.named().tries(100).check(inputs(SHAPE.with(Activation.of(Activation.RELU))), (in, ctx) -> {
      double d2 = in.delta() + (1.0 - in.delta()) / 2;
      BoundInputs loose = in.withDelta(d2);
      List<BoundResult<Plain>> a = Catalogue.evaluate(Arithmetic.PLAIN, in);
      List<BoundResult<Plain>> b = Catalogue.evaluate(Arithmetic.PLAIN, loose);
      List<BoundResult<Interval>> ai = Catalogue.evaluate(Arithmetic.INTERVAL, in);
      List<BoundResult<Interval>> bi = Catalogue.evaluate(Arithmetic.INTERVAL, loose);
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i).kind() != Kind.RISK_BOUND || a.get(i).value() == null || b.get(i).value() == null) {
          continue;
        }
        String id = a.get(i).id();
        assertTrue(b.get(i).value().v() <= a.get(i).value().v(), () -> id + " grows from delta " + in.delta() + " to " + d2);
        assertTrue(!(bi.get(i).value().lo() > ai.get(i).value().hi()), () -> id + " is certainly larger at the larger delta");
        ctx.classify(id);
      }
    });
  }

  @Test
  void catalogueNamesAreUniqueAndSpecified() throws Exception {
    String spec = Files.readString(Path.of("spec/bounds.md"));
    Set<String> seen = new HashSet<>();
    for (Bound b : Catalogue.all()) {
      assertTrue(b.id().matches("[A-Z][A-Z0-9-]+"), b.id());
      assertTrue(seen.add(b.id()), "duplicate " + b.id());
      assertTrue(spec.contains(b.id()), b.id() + " is not in spec/bounds.md");
      assertTrue(!b.title().isEmpty());
      assertNotNull(b.kind());
      assertSame(b, Catalogue.byName(b.id().toLowerCase(java.util.Locale.ROOT)));
    }
    assertEquals(String.join(", ", Catalogue.all().stream().map(Bound::id).toList()), Catalogue.ids());
    assertSame(BartlettSpectral.INSTANCE, Catalogue.byName("bft_spectral"));
    assertThrows(InvalidInputException.class, () -> Catalogue.byName("no-such-bound"));
    for (Kind k : Kind.values()) {
      assertEquals(k != Kind.MEASURE, k.boundsZeroOneRisk());
    }
    List<BoundResult<Plain>> direct = Catalogue.evaluate(new Ingredients<>(Arithmetic.PLAIN, Fixtures.tiny()));
    List<BoundResult<Plain>> viaInputs = Catalogue.evaluate(Arithmetic.PLAIN, Fixtures.tiny());
    assertEquals(direct.size(), viaInputs.size());
    for (int i = 0; i < direct.size(); i++) {
      assertEquals(direct.get(i).value(), viaInputs.get(i).value());
    }
  }

  @Test
  void resultsReportsAndIngredientsHaveTheirShape() {
    Property.named().tries(40).check(inputs(SHAPE), (in, ctx) -> {
      Ingredients<Interval> ing = new Ingredients<>(Arithmetic.INTERVAL, in);
      assertEquals(in.data().size(), ing.m);
      assertEquals(in.net().inputs() + (in.net().b1() == null ? 0 : 1), ing.dAug);
      assertEquals(ing.m, ing.margins.length);
      assertTrue(0.0 <= ing.trainError.lo() && ing.trainError.hi() <= 1.0 && 0.0 <= ing.marginLoss.lo()
          && ing.marginLoss.hi() <= 1.0);
      assertTrue(ing.xFro.lo() >= 0.0 && ing.xMaxRow.lo() >= 0.0 && ing.xMaxCol.lo() >= 0.0);
      List<BoundResult<Interval>> rs = Catalogue.evaluate(ing);
      Findings report = BoundReport.of(ing, rs);
      assertTrue(report.get("arithmetic") != null && report.get("conventions") != null && report.get("inputs") != null);
      List<Finding> listed = ((Finding.Items) report.get("bounds")).items();
      assertEquals(rs.size(), listed.size());
      for (int i = 0; i < rs.size(); i++) {
        Findings m = (Findings) listed.get(i);
        BoundResult<Interval> r = rs.get(i);
        assertEquals(new Finding.Text(r.id()), m.get("id"));
        assertEquals(new Finding.Flag(r.applicable()), m.get("applicable"));
        assertEquals(r.applicable(), m.get("value") instanceof Reported && m.get("vacuous") != null);
        assertEquals(!r.applicable(), m.get("value") instanceof Finding.NotApplicable);
        if (r.applicable()) {
          Reported.Enclosure e = (Reported.Enclosure) BoundReport.reported(r.value(), r.id());
          assertEquals(e, m.get("value"));
          assertTrue(e.lo() == r.value().lo() && e.hi() == r.value().hi() && e.contains(e.value()));
          assertEquals(String.format(java.util.Locale.ROOT, "[%.17g, %.17g]", r.value().lo(), r.value().hi()),
              BoundReport.text(r.value()));
        }
      }
      assertEquals(new Finding.Text("spec/bounds.md"), BoundReport.conventions(in).get("spec"));
      Plain p = new Plain(0.25);
      assertEquals(Reported.exact(0.25, "X", "plain binary64 evaluation, round to nearest"), BoundReport.reported(p, "X"));
      assertEquals("0.2500000000", BoundReport.text(p));
      Map<String, Object> src = new LinkedHashMap<>(Map.of("a", 1));
      BoundResult<Plain> br = new BoundResult<>("X", "x", Kind.MEASURE, p, null, null, src, null);
      src.put("b", 2);
      assertEquals(Map.of("a", 1), br.ingredients(), "the ingredient map is copied");
      assertThrows(UnsupportedOperationException.class, () -> br.ingredients().put("c", 3));
    });
  }

  @Test
  void inputsAreValidatedAndCopiedFieldByField() {
    BoundInputs in = Fixtures.tiny();
    for (double bad : new double[] {0.0, 1.0, -0.5, Double.NaN, 2.0}) {
      assertThrows(InvalidInputException.class, () -> in.withDelta(bad), "delta " + bad);
      assertThrows(InvalidInputException.class, () -> BoundInputs.MarginChoice.quantile(bad), "quantile " + bad);
    }
    for (double bad : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThrows(InvalidInputException.class, () -> BoundInputs.MarginChoice.fixed(bad), "margin " + bad);
    }
    assertEquals("gamma = 0.5", BoundInputs.MarginChoice.fixed(0.5).toString());
    assertEquals("quantile 0.1", BoundInputs.MarginChoice.quantile(0.1).toString());
    BoundInputs d = in.withDelta(0.2);
    assertEquals(0.2, d.delta());
    assertEquals(in.withDelta(0.2).withDelta(in.delta()), in, "withDelta changes only delta");
    BoundInputs.MarginChoice q = BoundInputs.MarginChoice.quantile(0.25);
    assertEquals(q, in.withMargin(q).margin());
    assertEquals(in.net(), in.withNet(in.net()).net());
    BoundInputs o = in.withOptions(null, 0.1, 0.2, 0.3, 7, 0.02, 9L, 0.5, 2.0);
    assertEquals(List.of(0.1, 0.2, 0.3, 7, 0.02, 9L, 0.5, 2.0), List.of(o.sigma(), o.sigmaMag(), o.posteriorStd(), o.mcSamples(),
        o.mcDelta(), o.seed(), o.radius(), o.inputRadius()));
    assertThrows(InvalidInputException.class, () -> in.withOptions(null, -1.0, null, null, 1, 0.01, 0L, null, null));
    assertThrows(InvalidInputException.class, () -> in.withOptions(null, null, null, null, 0, 0.01, 0L, null, null));
    assertThrows(InvalidInputException.class, () -> in.withOptions(null, null, null, null, 1, 0.01, 0L, -1.0, null));
    TwoLayerNet wider = TwoLayerNet.of(Activation.of(Activation.RELU), 2, 3, 1, new double[6], null, new double[3], null);
    assertThrows(InvalidInputException.class, () -> in.withOptions(wider, null, null, null, 1, 0.01, 0L, null, null));
  }

  @Test
  void auditFindsAgreementAndExplainsDisagreement() throws Exception {
    BoundInputs in = Fixtures.tiny();
    Interval v = BartlettSpectral.INSTANCE.evaluate(new Ingredients<>(Arithmetic.INTERVAL, in)).value();
    assertNotNull(v);
    ObjectMapper om = new ObjectMapper();
    String json = "{\"defaults\": {\"delta\": 0.05, \"margin\": 0.5, \"form\": \"basin\"}, \"claims\": ["
        + "{\"id\": \"BOUND-BFT-SPECTRAL\", \"value\": " + v.mid() + "},"
        + "{\"formula\": \"bft-spectral\", \"value\": " + 2 * v.hi() + "}]}";
    List<Audit.Claim> claims = Audit.parse(om.readTree(json), "claims.json");
    assertEquals(2, claims.size());
    for (int i = 0; i < claims.size(); i++) {
      assertEquals(i, claims.get(i).index());
    }
    List<Audit.Finding> f = Audit.run(in, claims);
    assertEquals(2, f.size());
    assertTrue(f.get(0).agrees(), "basin's own value agrees");
    assertTrue(!f.get(1).agrees() && !f.get(1).diagnoses().isEmpty(), "twice the value disagrees, with a diagnosis");
    List<Finding> rendered = Audit.findings(f);
    assertEquals(f.size(), rendered.size());
    for (int i = 0; i < f.size(); i++) {
      Findings r = (Findings) rendered.get(i);
      assertEquals(r, f.get(i).findings());
      assertEquals(new Finding.Count(i), r.get("index"));
      assertEquals(new Finding.Flag(f.get(i).agrees()), r.get("agrees"));
      assertEquals(f.get(i).diagnoses().size(), ((Finding.Items) r.get("diagnoses")).items().size());
      assertTrue(r.get("basin") instanceof Reported.Enclosure);
    }
    assertThrows(InvalidInputException.class, () -> Audit.parse(om.readTree("{\"claims\": [{\"id\": \"X\", \"value\": 1}]}"), "c"));
    assertThrows(InvalidInputException.class, () -> Audit.parse(om.readTree("{\"claims\": []}"), "c"));
    assertThrows(InvalidInputException.class,
        () -> Audit.parse(om.readTree("{\"claims\": [{\"id\": \"BOUND-BFT-SPECTRAL\", \"value\": 1, \"bogus\": 2}]}"), "c"));
  }

  @Test
  void jiangSigmaKeepsGivenSigmas() {
    BoundInputs in = Fixtures.tiny().withOptions(null, 0.3, 0.4, null, 1, 0.01, 0L, null, null);
    JiangSigma.Searched s = JiangSigma.fill(in, 1L);
    assertNull(s.plain());
    assertNull(s.magnitude());
    assertEquals(0.3, s.inputs().sigma());
    assertEquals(0.4, s.inputs().sigmaMag());
  }
}
