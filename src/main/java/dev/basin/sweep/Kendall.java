package dev.basin.sweep;

import java.util.Arrays;

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
    int[] rx = ranks(x, n);
    int[] ry = ranks(y, n);
    // sort the pairs by (x, y) as one primitive key: rank_x · n + rank_y < n² fits a long
    long[] key = new long[n];
    for (int i = 0; i < n; i++) {
      key[i] = (long) rx[i] * n + ry[i];
    }
    Arrays.sort(key);
    int[] ys = new int[n];
    for (int i = 0; i < n; i++) {
      ys[i] = (int) (key[i] % n);
    }
    long tiedX = 0;
    long tiedXY = 0;
    int runX = 1;
    int runXY = 1;
    for (int i = 1; i < n; i++) {
      if (key[i] / n == key[i - 1] / n) {
        runX++;
      } else {
        tiedX += pairs(runX);
        runX = 1;
      }
      if (key[i] == key[i - 1]) {
        runXY++;
      } else {
        tiedXY += pairs(runXY);
        runXY = 1;
      }
    }
    tiedX += pairs(runX);
    tiedXY += pairs(runXY);
    long discordant = inversions(ys, new int[n], 0, n);
    long tiedY = 0;
    int run = 1;
    for (int i = 1; i < n; i++) {
      if (ys[i] == ys[i - 1]) {
        run++;
      } else {
        tiedY += pairs(run);
        run = 1;
      }
    }
    tiedY += pairs(run);
    long all = pairs(n);
    return (all - tiedX - tiedY + tiedXY - 2 * discordant) / (double) all;
  }

  private static long pairs(int m) {
    return (long) m * (m - 1) / 2;
  }

  /** Dense ranks 0.. of the first n values (equal values, −0.0 and 0.0 included, share a rank). */
  private static int[] ranks(double[] v, int n) {
    double[] sorted = new double[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = v[i] + 0.0; // −0.0 + 0.0 = 0.0: sign(x_i − x_j) does not tell them apart either
    }
    Arrays.sort(sorted);
    int u = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || sorted[i] != sorted[u - 1]) {
        sorted[u++] = sorted[i];
      }
    }
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = Arrays.binarySearch(sorted, 0, u, v[i] + 0.0);
    }
    return r;
  }

  /** Sorts a[from, to) ascending and returns the number of strict inversions (i &lt; j, a_i &gt; a_j). */
  private static long inversions(int[] a, int[] tmp, int from, int to) {
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
