package dev.basin.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.Reported;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The τ analysis (spec SWEEP-TAU, SWEEP-PSI, SWEEP-BOOT) on constructed rows whose answers follow from
 * the definitions: on a 2 × 3 grid (label_noise × width) with gap = 10·noise + width, "trace" = gap
 * ranks every pair as the gap does (τ = ψ = Ψ = 1), and "fmin" = width − 10·noise agrees with the gap
 * along width and disagrees along noise (ψ_width = 1, ψ_noise = −1, Ψ = 0).
 */
class AnalysisTest {

  static final SweepSpec SPEC = SweepSpec.parse("""
      {"seed": 5, "data": {"label_noise": [0.0, 0.5]}, "net": {"width": [1, 2, 3]},
       "measures": ["trace", "fmin", "params"], "analysis": {"bootstrap": 300}}""", "analysis spec");

  static List<Row> rows() {
    Design d = new Design(SPEC);
    List<Row> rows = new ArrayList<>();
    for (long t = 0; t < d.count(); t++) {
      Map<String, Object> p = d.task(t);
      double noise = (Double) p.get("label_noise");
      double width = (Long) p.get("width");
      double gap = 10 * noise + width;
      Map<String, Cell> cells = new LinkedHashMap<>();
      cells.put("gap_error", Cell.of(Reported.exact(gap, "SWEEP-GAP", "constructed")));
      cells.put("trace", Cell.of(Reported.exact(gap, "FLAT-TRACE", "constructed")));
      cells.put("fmin", Cell.of(Reported.exact(width - 10 * noise, "SYM-FMIN", "constructed")));
      cells.put("params", t == 0 ? Cell.missing("left out") : Cell.of(Reported.exact(7, "SWEEP-PARAMS", "constructed")));
      rows.add(new Row(t, p, Row.OK, "max steps", "", cells));
    }
    return rows;
  }

  @Test
  void granulatedTauFollowsItsDefinition() {
    Analysis.Result a = Analysis.of(SPEC, rows());
    assertEquals(List.of("label_noise", "width"), a.axes());
    Analysis.ColumnStats trace = a.column("trace");
    assertEquals(1.0, trace.tau().value());
    assertEquals(1.0, trace.psi().value());
    assertEquals(1.0, trace.psi().lo(), "every group's tau is 1 in every resample");
    Analysis.ColumnStats fmin = a.column("fmin");
    assertEquals(1.0, fmin.psiByAxis().get("width").value());
    assertEquals(-1.0, fmin.psiByAxis().get("label_noise").value());
    assertEquals(0.0, fmin.psi().value());
    double[] x = {1, 2, 3, -4, -3, -2};
    double[] g = {1, 2, 3, 6, 7, 8};
    assertEquals(KendallTest.bySum(x, g), fmin.tau().value(), 1e-15);
    Reported.Estimate d = Analysis.difference(a, "trace", "fmin", "psi", SPEC);
    assertEquals(1.0, d.value());
    assertEquals(1.0, d.lo());
    assertEquals(1.0, d.hi());
  }

  @Test
  void aConstantMeasureHasTauZeroAndMissingCellsAreLeftOut() {
    Analysis.ColumnStats params = Analysis.of(SPEC, rows()).column("params");
    assertEquals(5, params.rows());
    assertEquals(0.0, params.tau().value(), "params is constant: tau 0");
    assertTrue(params.tau().lo() <= 0.0 && params.tau().hi() >= 0.0);
  }

  @Test
  void theIntervalsAreSeededAndContainTheEstimate() {
    List<Row> rows = rows();
    Analysis.Result a = Analysis.of(SPEC, rows);
    Analysis.Result b = Analysis.of(SPEC, rows);
    assertEquals(a.json(), b.json(), "same seed, same intervals");
    for (Analysis.ColumnStats c : a.columns()) {
      Reported.Estimate t = c.tau();
      assertTrue(t.lo() <= t.value() && t.value() <= t.hi());
      assertEquals(0.95, t.level());
    }
  }

  @Test
  void aRandomDesignHasNoGranulatedTau() {
    SweepSpec random = SweepSpec.parse("{\"design\": {\"random\": 5}, \"net\": {\"width\": [1, 2, 3]}, \"measures\": [\"trace\"]}", "r");
    List<Row> rows = new ArrayList<>();
    for (long t = 0; t < 5; t++) {
      Map<String, Cell> cells = new LinkedHashMap<>();
      cells.put("gap_error", Cell.of(Reported.exact(t, "SWEEP-GAP", "constructed")));
      cells.put("trace", Cell.of(Reported.exact(t * t, "FLAT-TRACE", "constructed")));
      rows.add(new Row(t, new Design(random).task(t), Row.OK, "", "", cells));
    }
    Analysis.Result a = Analysis.of(random, rows);
    assertEquals(1.0, a.column("trace").tau().value());
    assertNull(a.column("trace").psi());
  }
}
