package dev.basin.model;

import dev.basin.base.InvalidInputException;
import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An immutable data set: inputs X (n×d, row-major) and either integer class labels y (n) or real
 * targets Y (n×k). Validated on construction: n ≥ 1, d ≥ 1, every value finite, labels ≥ 0.
 */
public final class Dataset {

  private final int n;
  private final int d;
  private final double[] x;
  private final int @Nullable [] labels;
  private final double @Nullable [] targets;
  private final int k;

  private Dataset(int n, int d, double[] x, int @Nullable [] labels, double @Nullable [] targets, int k) {
    this.n = n;
    this.d = d;
    this.x = x;
    this.labels = labels;
    this.targets = targets;
    this.k = k;
  }

  /** Inputs with integer labels (copied; not modified). */
  public static Dataset withLabels(int n, int d, double[] x, int[] labels) {
    checkInputs(n, d, x);
    if (labels.length != n) {
      throw new InvalidInputException("y", "length " + labels.length + ", expected n = " + n + " (rows of X)");
    }
    int max = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0) {
        throw new InvalidInputException("y", "label " + labels[i] + " at row " + i + " is negative");
      }
      max = Math.max(max, labels[i]);
    }
    return new Dataset(n, d, x.clone(), labels.clone(), null, max + 1);
  }

  /** Inputs with real targets Y (n×k row-major; copied; not modified). */
  public static Dataset withTargets(int n, int d, double[] x, int k, double[] targets) {
    checkInputs(n, d, x);
    Checks.atLeast("Y columns", k, 1);
    int nk = Checks.product("Y", n, k);
    if (targets.length != nk) {
      throw new InvalidInputException("Y", "length " + targets.length + ", expected n*k = " + n + "*" + k);
    }
    Checks.finite("Y", targets);
    return new Dataset(n, d, x.clone(), null, targets.clone(), k);
  }

  private static void checkInputs(int n, int d, double[] x) {
    Checks.atLeast("X rows (n)", n, 1);
    Checks.atLeast("X columns (d)", d, 1);
    int nd = Checks.product("X", n, d);
    if (x.length != nd) {
      throw new InvalidInputException("X", "length " + x.length + ", expected n*d = " + n + "*" + d);
    }
    Checks.finite("X", x);
  }

  /** Number of samples n. */
  public int size() {
    return n;
  }

  /** Input dimension d. */
  public int inputs() {
    return d;
  }

  /** Whether the targets are integer labels. */
  public boolean hasLabels() {
    return labels != null;
  }

  /**
   * Width of the targets: k of Y, or (largest label + 1) for labels — the smallest output
   * dimension a classifier for these labels can have.
   */
  public int targetWidth() {
    return k;
  }

  /** A copy of X (n·d). */
  public double[] x() {
    return x.clone();
  }

  /** X_{i,m}. */
  public double x(int i, int m) {
    return x[i * d + m];
  }

  /** A copy of the labels; throws if the data set has real targets. */
  public int[] labels() {
    if (labels == null) {
      throw new InvalidInputException("data", "has real targets Y, not integer labels y");
    }
    return labels.clone();
  }

  /** A copy of Y (n·k); throws if the data set has labels. */
  public double[] targets() {
    if (targets == null) {
      throw new InvalidInputException("data", "has integer labels y, not real targets Y");
    }
    return targets.clone();
  }

  /** Shared internal arrays for {@link Objective}; never exposed to callers. */
  double[] xShared() {
    return x;
  }

  int @Nullable [] labelsShared() {
    return labels;
  }

  double @Nullable [] targetsShared() {
    return targets;
  }

  /** The rows in [from, to) as a new data set. */
  public Dataset rows(int from, int to) {
    if (from < 0 || to > n || from >= to) {
      throw new InvalidInputException("rows", "[" + from + ", " + to + ") is not a non-empty range of [0, " + n + ")");
    }
    int[] idx = new int[to - from];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = from + i;
    }
    return select(idx);
  }

  /** The rows with the given indices (in that order) as a new data set. */
  public Dataset select(int[] rows) {
    if (rows.length == 0) {
      throw new InvalidInputException("rows", "empty selection");
    }
    double[] xs = new double[Checks.product("rows", rows.length, d)];
    for (int r = 0; r < rows.length; r++) {
      int i = rows[r];
      if (i < 0 || i >= n) {
        throw new InvalidInputException("rows", "index " + i + " outside [0, " + n + ")");
      }
      System.arraycopy(x, i * d, xs, r * d, d);
    }
    if (labels != null) {
      int[] ys = new int[rows.length];
      for (int r = 0; r < rows.length; r++) {
        ys[r] = labels[rows[r]];
      }
      return new Dataset(rows.length, d, xs, ys, null, k);
    }
    double[] t = targets;
    if (t == null) {
      throw new IllegalStateException("a data set has labels or targets");
    }
    double[] ts = new double[rows.length * k];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(t, rows[r] * k, ts, r * k, k);
    }
    return new Dataset(rows.length, d, xs, null, ts, k);
  }

  @Override
  public String toString() {
    return "Dataset(n=" + n + ", d=" + d + (labels != null ? ", labels, classes<=" + k : ", targets k=" + k) + ")";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Dataset other && n == other.n && d == other.d && k == other.k
        && Arrays.equals(x, other.x) && Arrays.equals(labels, other.labels)
        && Arrays.equals(targets, other.targets);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(x) + n;
  }
}
