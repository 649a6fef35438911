package dev.basin.sweep;

import dev.basin.base.Reported;
import dev.basin.base.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The measures-vs-generalization analysis of a sweep (spec SWEEP-TAU, SWEEP-PSI, SWEEP-BOOT): for
 * every measure and bound column, Kendall's τ with the generalization gap over all finished tasks,
 * and (for a grid) Jiang et al.'s granulated τ: ψ_i, the mean τ over the groups of tasks that differ
 * only in hyperparameter i, for every varied hyperparameter i except the training seed, and Ψ, the
 * mean of the ψ_i. Each comes with a seeded percentile-bootstrap interval: tasks are resampled for τ,
 * groups for ψ_i (Ψ's replicate is the mean of the ψ_i replicates). The resamples are the same for
 * every column, so differences between columns are paired ({@link #difference}).
 */
public final class Analysis {

  private Analysis() {}

  /** The hyperparameter whose variation is noise, not a choice: grouped on, never granulated over. */
  static final String SEED_AXIS = "seed";

  /**
   * The statistics of one column.
   *
   * @param column the measure or bound column
   * @param rows finished tasks with a number in this column
   * @param tau τ with the gap, or null with fewer than 2 rows
   * @param psi Ψ, or null (random design, or no hyperparameter with a usable group)
   * @param psiByAxis ψ_i per granulated hyperparameter that has a usable group
   */
  public record ColumnStats(String column, int rows, Reported.@Nullable Estimate tau, Reported.@Nullable Estimate psi,
      Map<String, Reported.Estimate> psiByAxis) {}

  /**
   * The analysis.
   *
   * @param gap the gap column ranked against ("gap_error" or "gap_loss")
   * @param axes the granulated hyperparameters
   * @param columns per measure and bound column
   * @param finished finished tasks
   * @param failed tasks that diverged or were invalid
   * @param replicates bootstrap replicates per column: "tau" and "psi" arrays (B each, NaN where undefined)
   */
  public record Result(String gap, List<String> axes, List<ColumnStats> columns, int finished, int failed,
      Map<String, Map<String, double[]>> replicates) {

    /** The statistics of a column. */
    public ColumnStats column(String name) {
      for (ColumnStats c : columns) {
        if (c.column().equals(name)) {
          return c;
        }
      }
      throw new IllegalArgumentException("no analysed column " + name);
    }

    /** analysis.json: everything but the replicates. */
    public Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("gap", gap);
      m.put("granulated_over", axes);
      m.put("finished_tasks", finished);
      m.put("failed_tasks", failed);
      List<Object> cols = new ArrayList<>();
      for (ColumnStats c : columns) {
        Map<String, @Nullable Object> e = new LinkedHashMap<>();
        e.put("column", c.column());
        e.put("rows", c.rows());
        Reported.Estimate tau = c.tau();
        Reported.Estimate psi = c.psi();
        e.put("tau", tau == null ? null : RowCodec.node(tau));
        e.put("psi", psi == null ? null : RowCodec.node(psi));
        Map<String, Object> by = new LinkedHashMap<>();
        c.psiByAxis().forEach((k, v) -> by.put(k, RowCodec.node(v)));
        e.put("psi_by_axis", by);
        cols.add(e);
      }
      m.put("columns", cols);
      return m;
    }
  }

  /** Analyses the rows of a spec's sweep (in task order). */
  public static Result of(dev.basin.sweep.SweepSpec spec, List<Row> rows) {
    String gap = "gap_" + spec.gap();
    List<Row> ok = new ArrayList<>();
    for (Row r : rows) {
      if (r.ok()) {
        ok.add(r);
      }
    }
    List<String> axes = new ArrayList<>();
    if (spec.grid()) {
      for (Axis a : spec.varied()) {
        if (!a.name().equals(SEED_AXIS)) {
          axes.add(a.name());
        }
      }
    }
    int n = ok.size();
    int b = spec.bootstrap();
    double[] g = column(ok, gap);
    // the resamples, shared by every column: rows for τ, groups per hyperparameter for ψ_i
    int[][] rowDraws = draws(Design.stream(spec.seed(), "bootstrap|tau"), b, n);
    Map<String, List<int[]>> groups = new LinkedHashMap<>();
    Map<String, int[][]> groupDraws = new LinkedHashMap<>();
    for (String axis : axes) {
      List<int[]> gs = groups(ok, spec, axis);
      groups.put(axis, gs);
      groupDraws.put(axis, draws(Design.stream(spec.seed(), "bootstrap|psi|" + axis), b, gs.size()));
    }
    List<String> cols = new ArrayList<>(spec.measures());
    cols.addAll(spec.bounds());
    List<ColumnStats> stats = new ArrayList<>();
    Map<String, Map<String, double[]>> reps = new LinkedHashMap<>();
    for (String c : cols) {
      double[] x = column(ok, c);
      int usable = 0;
      for (int i = 0; i < n; i++) {
        usable += Double.isNaN(x[i]) || Double.isNaN(g[i]) ? 0 : 1;
      }
      double tau = tau(x, g, identity(n));
      double[] tauReps = new double[b];
      for (int r = 0; r < b; r++) {
        tauReps[r] = tau(x, g, rowDraws[r]);
      }
      Map<String, Reported.Estimate> byAxis = new LinkedHashMap<>();
      double[] psiReps = new double[b];
      double psiSum = 0;
      int psiAxes = 0;
      for (String axis : axes) {
        List<int[]> gs = groups.getOrDefault(axis, List.of());
        double psi = psi(x, g, gs, identity(gs.size()));
        if (Double.isNaN(psi)) {
          continue;
        }
        double[] axisReps = new double[b];
        int[][] gd = groupDraws.getOrDefault(axis, new int[b][0]);
        for (int r = 0; r < b; r++) {
          axisReps[r] = psi(x, g, gs, gd[r]);
          psiReps[r] += axisReps[r];
        }
        byAxis.put(axis, estimate(psi, axisReps, spec, usableGroups(x, g, gs), "SWEEP-PSI",
            "granulated Kendall tau over " + axis + " (Jiang et al. 2020, eq. 4)"));
        psiSum += psi;
        psiAxes++;
      }
      Reported.Estimate psiEstimate = null;
      if (psiAxes > 0) {
        for (int r = 0; r < b; r++) {
          psiReps[r] /= psiAxes;
        }
        psiEstimate = estimate(psiSum / psiAxes, psiReps, spec, usable, "SWEEP-PSI",
            "granulated Kendall Psi: mean of psi over " + String.join(", ", byAxis.keySet()));
      } else {
        Arrays.fill(psiReps, Double.NaN);
      }
      Reported.Estimate tauEstimate = Double.isNaN(tau) ? null
          : estimate(tau, tauReps, spec, usable, "SWEEP-TAU", "Kendall tau with " + gap + " (Jiang et al. 2020, eq. 2)");
      stats.add(new ColumnStats(c, usable, tauEstimate, psiEstimate, byAxis));
      Map<String, double[]> rc = new LinkedHashMap<>();
      rc.put("tau", tauReps);
      rc.put("psi", psiReps);
      reps.put(c, rc);
    }
    return new Result(gap, List.copyOf(axes), List.copyOf(stats), n, rows.size() - n, reps);
  }

  /**
   * The paired difference stat(a) − stat(b) of two columns ("tau" or "psi") with its percentile
   * bootstrap interval over the shared resamples (spec SWEEP-BOOT), or null when either is undefined.
   */
  public static Reported.@Nullable Estimate difference(Result r, String a, String b, String stat, SweepSpec spec) {
    ColumnStats ca = r.column(a);
    ColumnStats cb = r.column(b);
    Reported.Estimate ea = stat.equals("tau") ? ca.tau() : ca.psi();
    Reported.Estimate eb = stat.equals("tau") ? cb.tau() : cb.psi();
    if (ea == null || eb == null) {
      return null;
    }
    double[] ra = r.replicates().getOrDefault(a, Map.of()).getOrDefault(stat, new double[0]);
    double[] rb = r.replicates().getOrDefault(b, Map.of()).getOrDefault(stat, new double[0]);
    double[] d = new double[ra.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = ra[i] - rb[i];
    }
    return estimate(ea.value() - eb.value(), d, spec, Math.min(ca.rows(), cb.rows()), stat.equals("tau") ? "SWEEP-TAU" : "SWEEP-PSI",
        stat + "(" + a + ") - " + stat + "(" + b + "), paired");
  }

  /** A column's numbers over the rows (NaN where missing). */
  static double[] column(List<Row> rows, String name) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      Cell c = rows.get(i).cells().get(name);
      Reported v = c == null ? null : c.value();
      out[i] = v == null ? Double.NaN : v.value();
    }
    return out;
  }

  /** τ over the rows listed in idx (repeats allowed) where both numbers exist; NaN with fewer than 2. */
  static double tau(double[] x, double[] y, int[] idx) {
    double[] xs = new double[idx.length];
    double[] ys = new double[idx.length];
    int m = 0;
    for (int i : idx) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        xs[m] = x[i];
        ys[m] = y[i];
        m++;
      }
    }
    return m < 2 ? Double.NaN : Kendall.tau(xs, ys, m);
  }

  /** ψ: the mean τ over the listed groups (repeats allowed) that have two usable rows; NaN if none. */
  static double psi(double[] x, double[] y, List<int[]> groups, int[] which) {
    double s = 0;
    int k = 0;
    for (int gi : which) {
      double t = tau(x, y, groups.get(gi));
      if (!Double.isNaN(t)) {
        s += t;
        k++;
      }
    }
    return k == 0 ? Double.NaN : s / k;
  }

  private static int usableGroups(double[] x, double[] y, List<int[]> groups) {
    int k = 0;
    for (int[] grp : groups) {
      k += Double.isNaN(tau(x, y, grp)) ? 0 : 1;
    }
    return k;
  }

  /** The groups of rows that agree on every hyperparameter but {@code axis}, in order of first row. */
  static List<int[]> groups(List<Row> rows, SweepSpec spec, String axis) {
    Map<String, List<Integer>> by = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      StringBuilder key = new StringBuilder();
      for (Axis a : spec.axes()) {
        if (!a.name().equals(axis)) {
          key.append(a.name()).append('=').append(Axis.key(SweepTask.get(rows.get(i).params(), a.name()))).append('|');
        }
      }
      by.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(i);
    }
    List<int[]> out = new ArrayList<>();
    for (List<Integer> l : by.values()) {
      out.add(l.stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /** B resamples of n units with replacement from one seeded stream. */
  private static int[][] draws(long seed, int b, int n) {
    int[][] out = new int[b][n];
    if (n == 0) {
      return out;
    }
    Rng rng = Rng.of(seed);
    for (int r = 0; r < b; r++) {
      for (int i = 0; i < n; i++) {
        out[r][i] = rng.nextInt(n);
      }
    }
    return out;
  }

  /**
   * The point estimate with the percentile interval of its replicates (type-7 quantiles of the
   * finite replicates), widened to contain the estimate when it falls outside (spec SWEEP-BOOT).
   */
  static Reported.Estimate estimate(double value, double[] reps, SweepSpec spec, int samples, String specId, String method) {
    double[] fin = Arrays.stream(reps).filter(Double::isFinite).sorted().toArray();
    double alpha = 1 - spec.level();
    double lo = fin.length == 0 ? value : quantile(fin, alpha / 2);
    double hi = fin.length == 0 ? value : quantile(fin, 1 - alpha / 2);
    String how = String.format(Locale.ROOT, "percentile bootstrap, %d of %d replicates defined, seeded", fin.length, reps.length);
    if (value < lo || value > hi) {
      how += ", widened to contain the estimate";
    }
    return new Reported.Estimate(value, Math.min(lo, value), Math.max(hi, value), spec.level(), how, Math.max(1, samples), specId,
        method, "");
  }

  /** Type-7 (linear) quantile of sorted values. */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
