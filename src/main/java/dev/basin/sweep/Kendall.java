package dev.basin.sweep;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Kendall's rank correlation as Jiang et al. (ICLR 2020, eq. 2) define it (spec SWEEP-TAU): over all
 * pairs i ≠ j, τ = Σ sign(x_i − x_j)·sign(y_i − y_j) / (n(n−1)), i.e. (concordant − discordant) /
 * C(n, 2), with a pair tied in x or in y counting 0 (Kendall's τ_a; τ = 0 when x or y is constant).
 * Computed in O(n log n) with Knight's (1966) merge-sort count of discordant pairs.
 */
public final class Kendall {

  private Kendall() {}

  /** τ of the first n entries of x and y (not modified; finite; n ≥ 2). */
  public static double tau(double[] x, double[] y, int n) {
    if (n < 2) {
      throw new IllegalArgumentException("tau needs two pairs, got " + n);
    }
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> x[i]).thenComparingDouble(i -> y[i]));
    long pairs = (long) n * (n - 1) / 2;
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      ys[i] = y[idx[i]];
    }
    long tiedX = 0;
    int runX = 1;
    for (int i = 1; i < n; i++) {
      if (x[idx[i]] == x[idx[i - 1]]) {
        runX++;
      } else {
        tiedX += (long) runX * (runX - 1) / 2;
        runX = 1;
      }
    }
    tiedX += (long) runX * (runX - 1) / 2;
    long tiedXY = jointTies(x, idx, ys);
    long discordant = inversions(ys, new double[n], 0, n);
    long tiedY = 0;
    int run = 1;
    for (int i = 1; i < n; i++) {
      if (ys[i] == ys[i - 1]) {
        run++;
      } else {
        tiedY += (long) run * (run - 1) / 2;
        run = 1;
      }
    }
    tiedY += (long) run * (run - 1) / 2;
    long diff = pairs - tiedX - tiedY + tiedXY - 2 * discordant;
    return diff / (double) pairs;
  }

  /** Pairs tied in both x and y: runs of equal (x, y) in the (x, y)-sorted order. */
  private static long jointTies(double[] x, Integer[] idx, double[] ys) {
    long ties = 0;
    int run = 1;
    for (int i = 1; i < idx.length; i++) {
      if (x[idx[i]] == x[idx[i - 1]] && ys[i] == ys[i - 1]) {
        run++;
      } else {
        ties += (long) run * (run - 1) / 2;
        run = 1;
      }
    }
    return ties + (long) run * (run - 1) / 2;
  }

  /** Sorts a[from, to) ascending and returns the number of strict inversions (i &lt; j, a_i &gt; a_j). */
  private static long inversions(double[] a, double[] tmp, int from, int to) {
    if (to - from < 2) {
      return 0;
    }
    int mid = (from + to) >>> 1;
    long inv = inversions(a, tmp, from, mid) + inversions(a, tmp, mid, to);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      if (a[j] < a[i]) {
        inv += mid - i;
        tmp[k++] = a[j++];
      } else {
        tmp[k++] = a[i++];
      }
    }
    while (i < mid) {
      tmp[k++] = a[i++];
    }
    while (j < to) {
      tmp[k++] = a[j++];
    }
    System.arraycopy(tmp, from, a, from, to - from);
    return inv;
  }
}
