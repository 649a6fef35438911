package dev.basin.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.kernel.ParameterLayout;
import dev.basin.measure.HessianDiagonal;
import dev.basin.measure.HessianOperator;
import dev.basin.measure.Lanczos;
import dev.basin.measure.OrbitFlatness;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.model.TwoLayerNet;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import dev.basin.testing.Toy;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * spec SYM-FMIN and SYM-TRACE-LAW. Tolerances: the trace is a closed-form sum (FLAT-TRACE), so two
 * evaluations agree to ~(n + d)u relative; 1e-11 relative leaves a margin of ~100. The toy values are
 * exact (FLAT-TOY): tr = 2S(θ₁² + θ₂²), F_min = 4S|θ₁θ₂| = 60.
 */
class OrbitFlatnessTest {

  private static final double REL = 1e-11;

  static LongStream seeds() {
    return LongStream.range(1, 201);
  }

  @Test
  void dinhToyOrbit() {
    Objective obj = Toy.objective();
    double[][] rows = {{1, 75}, {Math.sqrt(2), 60}, {10, 1500.6}, {0.1, 6000.15}, {100, 150000.006}};
    for (double[] row : rows) {
      OrbitFlatness f = OrbitFlatness.of(obj.at(Toy.net(row[0])));
      assertEquals(row[1], f.trace(), REL * row[1], "trace at alpha " + row[0]);
      assertEquals(60.0, f.fmin(), REL * 60, "F_min at alpha " + row[0]);
      assertTrue(f.attained());
      // the flattest point of the orbit is theta_1 = theta_2 = sqrt 2
      TwoLayerNet flat = Rescaling.of(f.factors()).apply(Toy.net(row[0]));
      assertEquals(Math.sqrt(2), flat.parameters()[0], 1e-12);
      assertEquals(60.0, HessianDiagonal.trace(obj.at(flat)), REL * 60);
      // on the minimum set H = 2S[[θ₂², 2], [2, θ₁²]] has eigenvalues {0, tr}: λ_max = tr
      Lanczos.Result r = Lanczos.run(HessianOperator.at(obj.at(Toy.net(row[0]))), new Lanczos.Options(1, 1, 1e-10, 10, 1));
      assertTrue(r.largest().get(0).certificate().contains(row[1]), "lambda_max at alpha " + row[0]);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void traceLawMinimumAndInvariance(long seed) {
    Case c = SymmetryTest.homogeneousCase(seed);
    Objective obj = c.objective();
    ParameterLayout l = obj.layout();
    Point p = obj.at(c.theta());
    OrbitFlatness f = OrbitFlatness.of(p);
    double scale = Math.max(1.0, Math.abs(f.trace()));
    assertTrue(f.fmin() <= f.trace() + REL * scale, c + " F_min above the trace");
    for (int t = 0; t < 3; t++) {
      double[] cf = SymmetryTest.randomFactors(l.hidden(), seed * 3 + t);
      double[] moved = Rescaling.of(cf).apply(l, c.theta());
      Point q = obj.at(moved);
      double tr = HessianDiagonal.trace(q);
      OrbitFlatness g = OrbitFlatness.of(q);
      double s2 = Math.max(scale, Math.abs(tr));
      // SYM-TRACE-LAW: the trace at T_c theta is predicted exactly by A_j, B_j, C at theta
      assertEquals(f.traceAt(cf), tr, REL * s2, c + " trace law");
      assertTrue(f.fmin() <= tr + REL * s2, c + " F_min above an orbit point");
      assertEquals(f.fmin(), g.fmin(), REL * s2, c + " F_min not invariant");
    }
    // equality at the predicted rescaling (for the units where it is attained)
    double[] flat = Rescaling.of(f.factors()).apply(l, c.theta());
    double trFlat = HessianDiagonal.trace(obj.at(flat));
    double gap = 0.0;
    for (int j = 0; j < l.hidden(); j++) {
      if ((f.in()[j] > 0) != (f.out()[j] > 0)) {
        gap += Math.max(f.in()[j], 0) + Math.max(f.out()[j], 0);
      }
    }
    assertEquals(f.fmin() + gap, trFlat, REL * scale * 10, c + " trace at the flattest rescaling");
  }
}
