package dev.basin.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.testing.Cases;
import dev.basin.testing.Doubles;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * The floating-point postconditions of Loss and its package-private helpers, evaluated exactly
 * as written in their JML on inputs that satisfy the preconditions: outputs and targets from
 * {@link Doubles} (IEEE specials, random bit patterns, moderate values) at random offsets. A
 * failure names the clause, the inputs and the seed.
 */
class LossContractsTest {

  private static final long SEED = 4242L;
  private static final int CASES = 40_000;

  private static String show(double[] a, int off, int k) {
    return Arrays.toString(Arrays.copyOfRange(a, off, off + k));
  }

  @Test
  void scale() {
    UniformRandomProvider r = Cases.rng(SEED);
    int[][] edges = {{1, 1}, {1, Integer.MAX_VALUE}, {Integer.MAX_VALUE, 1}, {46340, 46340}, {3, 7}};
    for (int i = 0; i < edges.length + CASES; i++) {
      int n = i < edges.length ? edges[i][0] : 1 + r.nextInt(Integer.MAX_VALUE);
      int k = i < edges.length ? edges[i][1] : 1 + r.nextInt(Math.max(1, Integer.MAX_VALUE / n));
      if ((long) n * k > Integer.MAX_VALUE) {
        continue; // outside the precondition
      }
      for (int kind = Loss.HALFSQ; kind <= Loss.LOGISTIC; kind++) {
        for (int red : new int[] {Loss.MEAN, Loss.SUM}) {
          double c = new Loss(kind, red).scale(n, k);
          int nn = n;
          int kk = k;
          int kd = kind;
          assertTrue(c > 0.0 && c <= 1.0, () -> "\\result > 0.0 && \\result <= 1.0 fails: kind=" + kd + " n=" + nn
              + " k=" + kk + " -> " + c + ", seed " + SEED);
        }
      }
    }
  }

  @Test
  void sampleIsNeverNegative() {
    UniformRandomProvider r = Cases.rng(SEED + 1);
    for (int i = 0; i < CASES; i++) {
      int kind = r.nextInt(4);
      int k = kind == Loss.LOGISTIC ? 1 : 1 + r.nextInt(6);
      int off = r.nextInt(4);
      double[] out = Doubles.array(r, off + k + r.nextInt(3));
      double[] targets = Doubles.array(r, off + k + r.nextInt(3));
      int label = kind == Loss.LOGISTIC ? r.nextInt(2) : r.nextInt(k);
      double v = new Loss(kind, r.nextInt(2)).sample(out, off, k, targets, label);
      int kd = kind;
      assertTrue(!(v < 0.0), () -> "!(\\result < 0.0) fails: kind=" + kd + " o=" + show(out, off, k) + " y="
          + show(targets, off, k) + " label=" + label + " -> " + v + ", seed " + SEED);
    }
  }

  @Test
  void squaredDistanceIsNeverNegative() {
    UniformRandomProvider r = Cases.rng(SEED + 2);
    for (int i = 0; i < CASES; i++) {
      int k = r.nextInt(6);
      int off = r.nextInt(4);
      double[] out = Doubles.array(r, off + k);
      double[] targets = Doubles.array(r, off + k);
      double v = Loss.squaredDistance(out, off, k, targets);
      assertTrue(!(v < 0.0), () -> "!(\\result < 0.0) fails: o=" + show(out, off, k) + " y=" + show(targets, off, k)
          + " -> " + v + ", seed " + SEED);
    }
  }

  @Test
  void crossEntropyIsNeverNegative() {
    UniformRandomProvider r = Cases.rng(SEED + 3);
    for (int i = 0; i < CASES; i++) {
      int k = 1 + r.nextInt(6);
      int off = r.nextInt(4);
      double[] out = Doubles.array(r, off + k);
      int label = r.nextInt(k);
      double v = Loss.crossEntropy(out, off, k, label);
      assertTrue(!(v < 0.0), () -> "!(\\result < 0.0) fails: o=" + show(out, off, k) + " label=" + label + " -> " + v
          + ", seed " + SEED);
    }
  }

  @Test
  void sumExpIsAtLeastOneOrNaN() {
    UniformRandomProvider r = Cases.rng(SEED + 4);
    for (int i = 0; i < CASES; i++) {
      int k = 1 + r.nextInt(6);
      int off = r.nextInt(4);
      double[] out = Doubles.array(r, off + k);
      int top = r.nextInt(k);
      double v = Loss.sumExp(out, off, k, top);
      assertTrue(v >= 1.0 || v != v, () -> "\\result >= 1.0 || \\result != \\result fails: o=" + show(out, off, k)
          + " top=" + top + " -> " + v + ", seed " + SEED);
    }
  }

  @Test
  void argmaxIsNotExceeded() {
    UniformRandomProvider r = Cases.rng(SEED + 5);
    for (int i = 0; i < CASES; i++) {
      int k = 1 + r.nextInt(6);
      int off = r.nextInt(4);
      double[] out = Doubles.array(r, off + k);
      int top = Loss.argmax(out, off, k);
      boolean ok = top >= 0 && top < k;
      for (int j = 0; ok && j < k; j++) {
        ok = !(out[j + off] > out[top + off]);
      }
      boolean result = ok;
      assertTrue(result, () -> "0 <= \\result < k && (\\forall j; !(out[j + off] > out[\\result + off])) fails: o="
          + show(out, off, k) + " -> " + top + ", seed " + SEED);
    }
  }
}
