package dev.basin.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hand-computed values of spec BOUND-EXAMPLE (arithmetic written out in spec/bounds.md,
 * evaluated independently to 20 digits by spec/bounds/tiny_example.py with mpmath). Plain values
 * must agree to 1e-13 relative (each formula has fewer than ~50 roundings of ≤ 2^-53 each, plus
 * ≤ 1 ulp per library call); the interval enclosures must contain the 17-digit reference values
 * (a 17-significant-digit decimal is within 5e-17 relative of the real, covered by a slack of
 * 1e-16 relative).
 */
class TinyExampleTest {

  private static final double PLAIN_TOL = 1e-13;
  private static final double DECIMAL_SLACK = 1e-16;

  /** Expected paper forms (and values for entries without a grid) from spec BOUND-EXAMPLE. */
  private static final Map<String, Double> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("BOUND-PARAMCOUNT-LEELEE", 1.2247448713915890);
    EXPECTED.put("BOUND-FINITE-FLOAT64", 5.8004768080797999);
    EXPECTED.put("BOUND-RAD-L1L2", 22.037152273610929);
    EXPECTED.put("BOUND-RAD-PATH-EMW", 24.376936739965134);
    EXPECTED.put("BOUND-RAD-FRO-GRS", 35.748413696157721);
    EXPECTED.put("BOUND-BFT-SPECTRAL", 1722.0282847991150);
    EXPECTED.put("BOUND-PACBAYES-NBS", 2006.9639699505543);
    EXPECTED.put("BOUND-VC-PL", 1.7893467301856788);
  }

  private static <N extends Num<N>> N compared(BoundResult<N> r) {
    N v = r.paperForm() != null ? r.paperForm() : r.value();
    assertNotNull(v, r.id() + " must apply to the tiny net: " + r.notApplicable());
    return v;
  }

  @Test
  void plainValuesMatchTheHandComputation() {
    List<BoundResult<Plain>> rs = Catalogue.evaluate(Arithmetic.PLAIN, Fixtures.tiny());
    int seen = 0;
    for (BoundResult<Plain> r : rs) {
      Double e = EXPECTED.get(r.id());
      if (e != null) {
        assertEquals(e, compared(r).v(), PLAIN_TOL * e, r.id());
        seen++;
      }
    }
    assertEquals(EXPECTED.size(), seen);
  }

  @Test
  void enclosuresContainTheHandComputation() {
    List<BoundResult<Interval>> rs = Catalogue.evaluate(Arithmetic.INTERVAL, Fixtures.tiny());
    for (BoundResult<Interval> r : rs) {
      Double e = EXPECTED.get(r.id());
      if (e != null) {
        Interval v = compared(r);
        assertTrue(v.lo() <= e * (1 + DECIMAL_SLACK) && e * (1 - DECIMAL_SLACK) <= v.hi(), r.id() + " " + v + " vs " + e);
      }
    }
  }

  @Test
  void nbsSigmaAndBftComplexityMatchTheirIngredients() {
    Ingredients<Plain> in = new Ingredients<>(Arithmetic.PLAIN, Fixtures.tiny());
    BoundResult<Plain> bft = BartlettSpectral.INSTANCE.evaluate(in);
    assertEquals(9.932704035781329296, ((Plain) bft.ingredients().get("spectral_complexity")).v(), PLAIN_TOL * 10,
        "R of spec BOUND-EXAMPLE");
    assertEquals(3.0, ((Plain) bft.ingredients().get("l21_A1_minus_M1")).v(), 1e-15);
    assertEquals(69L, VcPiecewiseLinear.vcUpper(Arithmetic.INTERVAL, 2, 2, 6, true), "first certified m' is 70");
  }

  @Test
  void rigorousValueWithTheUnionGridMatchesTheHandComputation() {
    double expected = 24.220173376658283; // spec BOUND-EXAMPLE, RAD-L1L2 rigorous value
    Plain p = RademacherL1L2.INSTANCE.evaluate(new Ingredients<>(Arithmetic.PLAIN, Fixtures.tiny())).value();
    Interval i = RademacherL1L2.INSTANCE.evaluate(new Ingredients<>(Arithmetic.INTERVAL, Fixtures.tiny())).value();
    assertNotNull(p);
    assertNotNull(i);
    assertEquals(expected, p.v(), PLAIN_TOL * expected);
    assertTrue(i.lo() <= expected * (1 + DECIMAL_SLACK) && expected * (1 - DECIMAL_SLACK) <= i.hi(), i.toString());
  }

  @Test
  void rigorousValuesAreAtLeastThePaperForms() {
    // the grid rounds budgets up and margins down and adds union terms: never smaller (BOUND-UNION-GRID)
    for (BoundResult<Plain> r : Catalogue.evaluate(Arithmetic.PLAIN, Fixtures.tiny())) {
      Plain p = r.paperForm();
      Plain v = r.value();
      if (p != null && v != null) {
        assertTrue(v.v() >= p.v(), r.id() + " value " + v + " < paper form " + p);
      }
    }
  }
}
