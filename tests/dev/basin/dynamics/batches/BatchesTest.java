package dev.basin.dynamics.batches;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.dynamics.BatchPartition;
import dev.basin.dynamics.Sampling;
import dev.basin.dynamics.StopRule;
import dev.basin.dynamics.Trainer;
import dev.basin.dynamics.noise.GradientNoise;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-batch landscapes (spec BATCH-*). */
class BatchesTest {

  /** Agreement of sums of the same terms in another order: rounding of O(n) O(1) terms. */
  private static final double ROUNDING = 1e-12;

  /** Data made of two identical copies of m rows: rows i and i + m coincide. */
  private static Objective duplicated(int m, int red, long seed) {
    Rng rng = Rng.of(seed);
    TwoLayerNet teacher = Synthetic.randomNet(2, 3, 1, true, true, Activation.of(Activation.TANH), 1.0, rng);
    Dataset half = Synthetic.teacherRegression(teacher, m, 0.5, rng);
    double[] x = new double[4 * m];
    double[] y = new double[2 * m];
    System.arraycopy(half.x(), 0, x, 0, 2 * m);
    System.arraycopy(half.x(), 0, x, 2 * m, 2 * m);
    System.arraycopy(half.targets(), 0, y, 0, m);
    System.arraycopy(half.targets(), 0, y, m, m);
    TwoLayerNet student = Synthetic.randomNet(2, 3, 1, true, true, Activation.of(Activation.TANH), 1.0, rng);
    return Objective.of(student, new Loss(Loss.HALFSQ, red), Dataset.withTargets(2 * m, 2, x, 1, y));
  }

  /** The partition {0..m−1}, {m..2m−1} of a duplicated data set, built through the public API. */
  private static BatchPartition halves(int m) {
    // a partition with b = m drawn until it is the split into the two copies (up to order)
    for (long s = 0; ; s++) {
      BatchPartition p = BatchPartition.random(2 * m, m, Rng.of(s));
      int[] a = p.batch(0);
      java.util.Arrays.sort(a);
      if (a[0] == 0 && a[m - 1] == m - 1 || a[0] == m && a[m - 1] == 2 * m - 1) {
        return p;
      }
    }
  }

  @Test
  void partitionCoversEveryRowOnceAndIsSeeded() {
    BatchPartition p = BatchPartition.random(23, 5, Rng.of(4));
    assertEquals(5, p.count());
    int[] seen = new int[23];
    for (int c = 0; c < p.count(); c++) {
      assertEquals(c < 4 ? 5 : 3, p.batch(c).length);
      for (int i : p.batch(c)) {
        seen[i]++;
      }
    }
    for (int s : seen) {
      assertEquals(1, s);
    }
    assertArrayEquals(p.batch(2), BatchPartition.random(23, 5, Rng.of(4)).batch(2));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> BatchPartition.random(3, 4, Rng.of(1)));
    assertTrue(e.getMessage().startsWith("batch"));
  }

  @Test
  void batchHessiansAverageToTheFullHessian() {
    // H = sum_b (|b|/n) H_b for both reductions (the sum reduction's batches are rescaled by n/|b|)
    for (int red : new int[] {Loss.MEAN, Loss.SUM}) {
      Objective o = duplicated(5, red, 3);
      double[] theta = Synthetic.randomNet(2, 3, 1, true, true, Activation.of(Activation.TANH), 1.0, Rng.of(8)).parameters();
      BatchPartition p = BatchPartition.random(10, 4, Rng.of(2));
      double[] h = o.at(theta).hessian();
      double[] sum = new double[h.length];
      for (int c = 0; c < p.count(); c++) {
        double[] hb = BatchAlignment.batchHessian(o, theta, p.batch(c));
        for (int q = 0; q < h.length; q++) {
          sum[q] += p.batch(c).length / 10.0 * hb[q];
        }
      }
      for (int q = 0; q < h.length; q++) {
        assertEquals(h[q], sum[q], ROUNDING * Math.max(1, Math.abs(h[q])), "reduction " + red + " entry " + q);
      }
    }
  }

  @Test
  void identicalBatchesAreFullyAligned() {
    int m = 6;
    Objective o = duplicated(m, Loss.MEAN, 5);
    double[] theta = Synthetic.randomNet(2, 3, 1, true, true, Activation.of(Activation.TANH), 1.0, Rng.of(9)).parameters();
    BatchAlignment.Result r = BatchAlignment.at(o, theta, halves(m), true);
    assertEquals(2, r.batches().size());
    for (BatchAlignment.Batch b : r.batches()) {
      assertEquals(1.0, b.gradCosine(), ROUNDING);
      assertEquals(1.0, b.hessFrobenius(), ROUNDING);
      assertEquals(1.0, b.topOverlap(), 1e-9, "well separated top eigenvalue (gap " + b.eigengap() + ")");
      assertEquals(r.lambdaMax(), b.lambdaMax(), ROUNDING * Math.abs(r.lambdaMax()));
      assertEquals(r.loss(), b.loss(), ROUNDING);
    }
    // and without Hessians the Hessian fields are absent, not NaN
    BatchAlignment.Batch g = BatchAlignment.at(o, theta, halves(m), false).batches().get(0);
    assertNull(g.hessFrobenius());
    assertNull(g.topOverlap());
  }

  @Test
  void distinctBatchesAreNotAligned() {
    // two batches with independent noise targets: gradient directions and curvature differ
    Rng rng = Rng.of(17);
    Dataset data = Dataset.withTargets(12, 3, Synthetic.gaussianInputs(12, 3, rng), 1, rng.gaussians(12, 1.0));
    TwoLayerNet net = Synthetic.randomNet(3, 4, 1, true, true, Activation.of(Activation.TANH), 1.0, rng);
    Objective o = Objective.of(net, new Loss(Loss.HALFSQ, Loss.MEAN), data);
    BatchAlignment.Result r = BatchAlignment.at(o, net.parameters(), BatchPartition.random(12, 3, Rng.of(1)), true);
    double minCos = 1;
    for (BatchAlignment.Batch b : r.batches()) {
      minCos = Math.min(minCos, b.gradCosine());
      assertTrue(b.hessFrobenius() < 1 - 1e-6);
    }
    assertTrue(minCos < 0.99, "some batch gradient points elsewhere: " + minCos);
  }

  @Test
  void minimizersOfIdenticalBatchesCoincideWithTheFullMinimizer() {
    int m = 6;
    Objective o = duplicated(m, Loss.MEAN, 5);
    double[] theta = Synthetic.randomNet(2, 3, 1, true, true, Activation.of(Activation.TANH), 1.0, Rng.of(9)).parameters();
    BatchMinimizers.Settings s = new BatchMinimizers.Settings(0.2, 20000, 1e-7, 1e-6);
    BatchMinimizers.Result r = BatchMinimizers.from(o, theta, halves(m), s);
    assertTrue(r.fullConverged());
    assertEquals(1.0, r.smallFraction());
    for (BatchMinimizers.Batch b : r.batches()) {
      assertTrue(b.converged());
      assertTrue(b.distanceToFull() < 1e-6, "distance " + b.distanceToFull());
      assertTrue(b.nextGradNorm() <= 1e-6);
      assertTrue(b.distanceFromStart() > 1e-3, "the minimization moved");
    }
  }

  @Test
  void minimizersOfDisagreeingBatchesHaveLargeNextBatchGradients() {
    Rng rng = Rng.of(21);
    Dataset data = Dataset.withTargets(8, 1, Synthetic.gaussianInputs(8, 1, rng), 1, rng.gaussians(8, 1.0));
    TwoLayerNet net = Synthetic.randomNet(1, 2, 1, true, true, Activation.of(Activation.TANH), 1.0, rng);
    Objective o = Objective.of(net, new Loss(Loss.HALFSQ, Loss.MEAN), data);
    BatchMinimizers.Result r = BatchMinimizers.from(o, net.parameters(), BatchPartition.random(8, 4, Rng.of(3)),
        new BatchMinimizers.Settings(0.1, 3000, 1e-6, 1e-3));
    assertEquals(0.0, r.smallFraction());
    for (BatchMinimizers.Batch b : r.batches()) {
      assertTrue(b.nextGradNorm() > 1e-2, "next gradient " + b.nextGradNorm());
      assertTrue(b.distanceToFull() > 1e-2);
    }
  }

  @Test
  void alongTrainingKeepsTheRequestedCheckpointsReproducibly() {
    Objective o = duplicated(6, Loss.MEAN, 5);
    double[] theta0 = Synthetic.randomNet(2, 3, 1, true, true, Activation.of(Activation.TANH), 1.0, Rng.of(9)).parameters();
    Trainer.Settings t = new Trainer.Settings(0.1, 0.0, Sampling.WITH_REPLACEMENT, 3, GradientNoise.NONE,
        StopRule.steps(20), 0, 11);
    BatchPartition p = BatchPartition.random(12, 4, Rng.of(1));
    List<AlongTraining.Checkpoint> a = AlongTraining.run(o, theta0, t, new long[] {20, 0, 10, 10}, p, true, null);
    assertEquals(List.of(0L, 10L, 20L), a.stream().map(AlongTraining.Checkpoint::step).toList());
    assertEquals(BatchAlignment.at(o, theta0, p, true), a.get(0).alignment());
    assertEquals(a, AlongTraining.run(o, theta0, t, new long[] {0, 10, 20}, p, true, null));
    assertNull(a.get(1).minimizers());
    List<AlongTraining.Checkpoint> b = AlongTraining.run(o, theta0, t, new long[] {20}, p, false,
        new BatchMinimizers.Settings(0.1, 50, 1e-9, 1e-3));
    assertNotNull(b.get(0).minimizers());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> AlongTraining.run(o, theta0, t, new long[] {21}, p, false, null));
    assertTrue(e.getMessage().startsWith("checkpoints"));
  }
}
