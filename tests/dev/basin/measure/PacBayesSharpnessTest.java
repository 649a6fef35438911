package dev.basin.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import dev.basin.testing.Toy;
import org.junit.jupiter.api.Test;

/** spec FLAT-PACBAYES-SIGMA and FLAT-PACBAYES-MAG. */
class PacBayesSharpnessTest {

  /**
   * The toy at its minimum with the LOSS deviation: for u ~ N(0, σ²I),
   * E[L(θ + u)] − L(θ) = S·E(θ₂u₁ + θ₁u₂ + u₁u₂)² = S(σ²(θ₁² + θ₂²) + σ⁴) (FLAT-TOY; u₁, u₂
   * independent). With 4000 draws the Monte-Carlo mean at the returned σ must lie within 5 standard
   * errors of that (false-failure probability ~6e-7); if σ were used as a variance the expectation at
   * the returned σ would be S(σ⁴·5 + σ⁸), far outside.
   */
  @Test
  void sigmaIsAStandardDeviation() {
    Objective obj = Toy.objective();
    double[] theta = Toy.net(1.0).parameters();
    PacBayesSharpness.Options o = new PacBayesSharpness.Options(2.0, 40, 4000, 1e-3,
        PacBayesSharpness.Deviation.LOSS, 7);
    PacBayesSharpness.SigmaSearch s = PacBayesSharpness.sigma(obj, theta, 0.1, o);
    double sg = s.sigma();
    double expected = Toy.S * (sg * sg * 5.0 + sg * sg * sg * sg);
    assertEquals(expected, s.deviation(), 5 * s.standardError(), "sigma " + sg);
    assertTrue(s.reached());
    assertEquals(0.1, s.deviation(), 1e-3);
  }

  /** The magnitude-aware std is √(σ²θ² + ε²): a variance σ²θ² + ε², not the reimplementation's std. */
  @Test
  void magnitudeAwarePerturbationHasThePapersVariance() {
    double[] theta = {0.0, 2.0, -3.0};
    double[] std = PacBayesSharpness.perturbationStd(theta, 0.5, 1e-3);
    assertEquals(1e-3, std[0], 1e-18);
    assertEquals(Math.sqrt(0.25 * 4 + 1e-6), std[1], 1e-15);
    assertEquals(Math.sqrt(0.25 * 9 + 1e-6), std[2], 1e-15);
    double[] plain = PacBayesSharpness.perturbationStd(theta, 0.5, Double.NaN);
    assertEquals(0.5, plain[2], 0.0);
  }

  private static Objective classifier() {
    Rng r = Rng.of(5);
    TwoLayerNet teacher = Synthetic.randomNet(4, 6, 3, true, true, Activation.of(Activation.RELU), 1.0, r);
    Dataset data = Synthetic.teacherClassification(teacher, 60, r);
    return Objective.of(teacher, new Loss(Loss.CE, Loss.MEAN), data);
  }

  /** Jiang's search on a teacher (accuracy 1): reproducible, bisection bookkeeping consistent. */
  @Test
  void accuracySearchIsReproducibleAndConsistent() {
    Objective obj = classifier();
    double[] theta = Synthetic.randomNet(4, 6, 3, true, true, Activation.of(Activation.RELU), 1.0, Rng.of(5)).parameters();
    assertEquals(1.0, PacBayesSharpness.accuracy(obj, theta), 0.0);
    PacBayesSharpness.Options o = PacBayesSharpness.Options.jiang(PacBayesSharpness.Deviation.ACCURACY, 3);
    PacBayesSharpness.SigmaSearch a = PacBayesSharpness.sigma(obj, theta, 0.1, o);
    PacBayesSharpness.SigmaSearch b = PacBayesSharpness.sigma(obj, theta, 0.1, o);
    assertEquals(a, b);
    // every step moved the bracket toward the target: later sigmas are between earlier brackets
    double lo = 0.0;
    double hi = 2.0;
    for (PacBayesSharpness.Step st : a.steps()) {
      assertEquals(0.5 * (lo + hi), st.sigma(), 1e-15);
      if (st.deviation() > 0.1) {
        hi = st.sigma();
      } else {
        lo = st.sigma();
      }
    }
    PacBayesSharpness.SigmaSearch m = PacBayesSharpness.magnitudeSigma(obj, theta, 0.1, 1e-3, o);
    assertTrue(m.sigma() > 0.0 && m.magnitudeEpsilon() == 1e-3);
  }

  @Test
  void accuracyNeedsLabels() {
    Objective obj = Toy.objective();
    assertThrows(InvalidInputException.class, () -> PacBayesSharpness.sigma(obj, Toy.net(1).parameters(), 0.1,
        PacBayesSharpness.Options.jiang(PacBayesSharpness.Deviation.ACCURACY, 1)));
  }
}
