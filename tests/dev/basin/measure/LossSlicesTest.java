package dev.basin.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.kernel.ParameterLayout;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import org.junit.jupiter.api.Test;

/** spec FLAT-SLICE-FILTER and FLAT-SLICE. */
class LossSlicesTest {

  private static TwoLayerNet net() {
    return Synthetic.randomNet(3, 4, 2, true, true, Activation.of(Activation.RELU), 1.0, Rng.of(1));
  }

  private static double norm(double[] v, int from, int len, int extra) {
    double s = 0.0;
    for (int q = from; q < from + len; q++) {
      s += v[q] * v[q];
    }
    if (extra >= 0) {
      s += v[extra] * v[extra];
    }
    return Math.sqrt(s);
  }

  /** Every filter of the direction has the norm of θ's filter (to rounding, 1e-14 relative). */
  @Test
  void filtersHaveTheNormsOfTheWeights() {
    TwoLayerNet n = net();
    ParameterLayout l = n.layout();
    double[] theta = n.parameters();
    for (boolean ignore : new boolean[] {false, true}) {
      double[] d = LossSlices.filterNormalizedDirection(l, theta, Rng.of(2), ignore);
      for (int j = 0; j < 4; j++) {
        int extra = ignore ? -1 : l.offsetB1() + j;
        assertEquals(norm(theta, j * 3, 3, extra), norm(d, j * 3, 3, extra), 1e-14 * norm(theta, j * 3, 3, extra));
        if (ignore) {
          assertEquals(0.0, d[l.offsetB1() + j], 0.0);
        }
      }
      for (int o = 0; o < 2; o++) {
        int extra = ignore ? -1 : l.offsetB2() + o;
        int from = l.offsetW2() + o * 4;
        assertEquals(norm(theta, from, 4, extra), norm(d, from, 4, extra), 1e-14 * norm(theta, from, 4, extra));
      }
    }
  }

  @Test
  void slicesEvaluateTheLossExactly() {
    TwoLayerNet n = net();
    Dataset data = Synthetic.teacherClassification(n, 20, Rng.of(3));
    Objective obj = Objective.of(n, new Loss(Loss.CE, Loss.MEAN), data);
    double[] theta = n.parameters();
    double[] d1 = LossSlices.filterNormalizedDirection(n.layout(), theta, Rng.of(4), false);
    double[] d2 = LossSlices.filterNormalizedDirection(n.layout(), theta, Rng.of(5), false);
    double[] grid = LossSlices.grid(-1, 1, 5);
    LossSlices.Line line = LossSlices.line(obj, theta, d1, grid);
    assertEquals(obj.loss(theta), line.losses()[2], 0.0);
    assertNotNull(line.accuracies());
    assertEquals(1.0, line.accuracies()[2], 0.0);
    LossSlices.Plane plane = LossSlices.plane(obj, theta, d1, d2, grid, grid);
    assertEquals(obj.loss(theta), plane.losses()[2 * 5 + 2], 0.0);
    double[] p = theta.clone();
    for (int q = 0; q < p.length; q++) {
      p[q] += -1 * d1[q] + 0.5 * d2[q];
    }
    assertEquals(obj.loss(p), plane.losses()[0 * 5 + 3], 1e-14);
    double[] other = Synthetic.randomNet(3, 4, 2, true, true, Activation.of(Activation.RELU), 1.0, Rng.of(9)).parameters();
    LossSlices.Line seg = LossSlices.segment(obj, theta, other, LossSlices.grid(0, 1, 3));
    assertEquals(obj.loss(theta), seg.losses()[0], 0.0);
    assertEquals(obj.loss(other), seg.losses()[2], 0.0);
    String csv = LossSlices.csv(plane);
    assertTrue(csv.startsWith("alpha,beta,loss,accuracy\n"));
    assertEquals(26, csv.split("\n").length);
  }
}
