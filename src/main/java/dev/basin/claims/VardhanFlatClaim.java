package dev.basin.claims;

import dev.basin.data.IndexModels;
import dev.basin.base.Rng;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import dev.basin.report.Plot;
import dev.basin.symmetry.OrbitFlatness;
import dev.basin.symmetry.Rescaling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CLAIM-VARDHAN-FLAT (spec/claims.md; reconstructed): on sums of single-index targets the flattest
 * interpolators found generalize, while memorizing interpolators are sharper even at their
 * symmetry-minimized flatness F_min (spec SYM-FMIN).
 */
final class VardhanFlatClaim implements Claim {

  static final String ID = "CLAIM-VARDHAN-FLAT";
  static final int D = 10;
  static final int DIRECTIONS = 2;

  @Override
  public ClaimInfo info() {
    return new ClaimInfo(ID, "Vardhan, Taheri, Mazumdar (arXiv:2606.04429, 2026), abstract",
        "For data from a sum of single-index models with low noise, any flattest interpolator (minimum Hessian trace among "
            + "interpolators, up to the rescaling symmetry) has small population loss, while a natural class of "
            + "non-generalizing interpolators cannot be made as flat even using symmetries.",
        "y = (relu(u1·x) + relu(u2·x))/√2 + noise, x ~ N(0, I_10) (DATA-SINGLE-INDEX-SUM), for several n and noise levels: the "
            + "flattest of R gradient-descent interpolators (each moved to its F_min point on the rescaling orbit) against the "
            + "memorizing interpolator that fits each point with its own triangle of 3 relu units (spec/claims.md); F_min of "
            + "both; their test mean squared error on fresh samples (95 % CI)",
        "in every setting F_min(memorizer) > F_min(flat) and the flat interpolator's test MSE interval lies below the "
            + "memorizer's; at noise 0 the flat interpolator's test MSE at the largest n is below its value at the smallest n",
        "reconstructed (the paper's classes and bounds were not retrieved; papers.md §5.4–5.5)", 4.0);
  }

  /** One setting's outcome. */
  private record Setting(int n, double noise, double fminFlat, double fminMem, double[] mseFlat, double[] mseMem,
      double residualFlat, double residualMem, TwoLayerNet flat, TwoLayerNet mem, String recipe) {}

  @Override
  public ClaimResult run(ClaimContext ctx) {
    int[] ns = ctx.quick() ? new int[] {30, 120} : new int[] {40, 80, 160};
    double[] noises = ctx.quick() ? new double[] {0.0} : new double[] {0.0, 0.1};
    int h = ctx.size(32, 64);
    int inits = ctx.size(1, 3);
    int nTest = ctx.size(1000, 5000);
    double[] u = IndexModels.orthonormalDirections(D, DIRECTIONS, ctx.rng(ID, "directions"));
    Loss loss = new Loss(Loss.HALFSQ, Loss.MEAN);
    List<Setting> out = new ArrayList<>();
    for (double noise : noises) {
      for (int n : ns) {
        ctx.progress().detail(ID + String.format(Locale.ROOT, " n=%d noise=%.2g", n, noise));
        long tag = 1000L * n + Math.round(1000 * noise);
        Dataset train = IndexModels.singleIndexSum(n, D, u, DIRECTIONS, IndexModels.ScalarLink.RELU, noise,
            Rng.of(ctx.seed(ID, "train", tag)));
        Dataset test = IndexModels.singleIndexSum(nTest, D, u, DIRECTIONS, IndexModels.ScalarLink.RELU, noise,
            Rng.of(ctx.seed(ID, "test", tag)));
        TwoLayerNet bestFlat = null;
        double bestF = Double.POSITIVE_INFINITY;
        String recipe = "";
        for (int r = 0; r < inits; r++) {
          Training.Trained t = Training.train(Training.student(D, h, 1, Activation.of(Activation.RELU), ctx.seed(ID, "init",
              tag * 10 + r)), loss, train, new Training.Recipe(0.05, 0.9, 0, ctx.size(6000, 20000), Double.NaN, Double.NaN, true),
              ctx.seed(ID, "gd", tag * 10 + r));
          OrbitFlatness f = OrbitFlatness.of(Objective.of(t.net(), loss, train).at(t.net()));
          if (f.fmin() < bestF) {
            bestF = f.fmin();
            bestFlat = Rescaling.of(f.factors()).apply(t.net());
            recipe = t.recipe();
          }
        }
        if (bestFlat == null) {
          throw new IllegalStateException("no interpolator trained");
        }
        TwoLayerNet mem = memorizer(train, Rng.of(ctx.seed(ID, "memorizer", tag)));
        double fMem = OrbitFlatness.of(Objective.of(mem, loss, train).at(mem)).fmin();
        out.add(new Setting(n, noise, bestF, fMem, mse(bestFlat, test), mse(mem, test), Training.fit(bestFlat, train),
            Training.fit(mem, train), bestFlat, mem, recipe));
      }
    }
    List<Measurement> m = new ArrayList<>();
    List<Decision> parts = new ArrayList<>();
    for (Setting s : out) {
      String at = String.format(Locale.ROOT, "n = %d, noise = %.2g", s.n, s.noise);
      Measurement ff = Measurement.exact("F_min, flattest GD interpolator, " + at, s.fminFlat, "SYM-FMIN");
      Measurement fm = Measurement.exact("F_min, memorizing interpolator, " + at, s.fminMem, "SYM-FMIN");
      Measurement ef = Measurement.estimate("test MSE, flattest GD interpolator, " + at, s.mseFlat[0], s.mseFlat[1], s.mseFlat[2],
          "DATA-SINGLE-INDEX-SUM");
      Measurement em = Measurement.estimate("test MSE, memorizing interpolator, " + at, s.mseMem[0], s.mseMem[1], s.mseMem[2],
          "DATA-SINGLE-INDEX-SUM");
      m.add(ff);
      m.add(fm);
      m.add(ef);
      m.add(em);
      m.add(Measurement.exact("max training residual, flattest GD interpolator, " + at, s.residualFlat, "DYN-FIT"));
      m.add(Measurement.exact("max training residual, memorizing interpolator, " + at, s.residualMem, "DYN-FIT"));
      parts.add(Criteria.greater(fm, ff));
      parts.add(Criteria.greater(em, ef));
    }
    Setting small = out.get(0);
    Setting large = out.get(ns.length - 1);
    parts.add(Criteria.holds(large.mseFlat[0] < small.mseFlat[0], String.format(Locale.ROOT,
        "noise 0: flat interpolator's test MSE %.4g at n = %d below %.4g at n = %d", large.mseFlat[0], large.n, small.mseFlat[0],
        small.n)));
    Decision d = Decision.all(parts.toArray(new Decision[0]));
    double[] xs = new double[ns.length];
    double[] fFlat = new double[ns.length];
    double[] fMem = new double[ns.length];
    double[] eFlat = new double[ns.length];
    double[] eMem = new double[ns.length];
    double[][] ci = new double[4][ns.length];
    for (int i = 0; i < ns.length; i++) {
      Setting s = out.get(i);
      xs[i] = s.n;
      fFlat[i] = s.fminFlat;
      fMem[i] = s.fminMem;
      eFlat[i] = s.mseFlat[0];
      eMem[i] = s.mseMem[0];
      ci[0][i] = s.mseFlat[1];
      ci[1][i] = s.mseFlat[2];
      ci[2][i] = s.mseMem[1];
      ci[3][i] = s.mseMem[2];
    }
    Plot pf = Plot.of("fmin", "Symmetry-minimized flatness F_min of the interpolators (noise 0)", "n", "F_min").log(true, true)
        .with(Plot.Series.of("flattest GD interpolator", xs, fFlat, Plot.Style.LINE))
        .with(Plot.Series.of("memorizing interpolator", xs, fMem, Plot.Style.LINE));
    Plot pe = Plot.of("test", "Flatness vs test error: population MSE of the interpolators (noise 0, 95% CI)", "n", "test MSE")
        .with(new Plot.Series("flattest GD interpolator", xs, eFlat, ci[0], ci[1], Plot.Style.LINE))
        .with(new Plot.Series("memorizing interpolator", xs, eMem, ci[2], ci[3], Plot.Style.LINE));
    Map<String, String> art = new LinkedHashMap<>();
    art.put("flattest interpolator (largest n, noise 0)", ctx.saveNet(ID, "flat-n" + large.n, large.flat));
    art.put("memorizing interpolator (largest n, noise 0)", ctx.saveNet(ID, "memorizer-n" + large.n, large.mem));
    List<String> notes = List.of(
        String.format(Locale.ROOT, "Directions u1, u2: DATA-ORTHONORMAL in R^%d; %d fresh test samples per setting; n in %s, noise in %s.",
            D, nTest, java.util.Arrays.toString(ns), java.util.Arrays.toString(noises)),
        String.format(Locale.ROOT, "Flattest: the smallest F_min among %d GD interpolators (10-%d-1 relu with biases, halfsq; %s), "
            + "moved to its F_min point by the per-unit rescaling (trace = F_min there up to the residual part).", inits, h,
            small.recipe),
        "Memorizer: for each training point x_i a random unit direction w, t = w.x_i, delta = half the smallest gap |w.x_j - t|, "
            + "and three units relu(w.x - t + delta), relu(w.x - t), relu(w.x - t - delta) with output weights y_i/delta (1, -2, 1): "
            + "a triangle of height y_i at x_i that vanishes at every other training point.",
        "A flatness-seeking method in the weak sense of the issue (selection among interpolators plus orbit minimization); the "
            + "paper's exact classes and rates were not retrieved.");
    return new ClaimResult(info(), d.verdict(), d.reason(), m, List.of(pf, pe), notes, art, null);
  }

  /** The memorizing interpolator of the notes: 3 relu units per training point, no output bias. */
  static TwoLayerNet memorizer(Dataset train, Rng rng) {
    int n = train.size();
    int d = train.inputs();
    double[] x = train.x();
    double[] y = train.targets();
    int h = 3 * n;
    double[] w1 = new double[h * d];
    double[] b1 = new double[h];
    double[] w2 = new double[h];
    for (int i = 0; i < n; i++) {
      double[] w = rng.gaussians(d, 1.0);
      double norm = 0.0;
      for (double v : w) {
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      double t = 0.0;
      for (int q = 0; q < d; q++) {
        w[q] /= norm;
        t += w[q] * x[i * d + q];
      }
      double gap = Double.POSITIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        if (j != i) {
          double s = 0.0;
          for (int q = 0; q < d; q++) {
            s += w[q] * x[j * d + q];
          }
          gap = Math.min(gap, Math.abs(s - t));
        }
      }
      double delta = 0.5 * gap;
      if (!(delta > 0.0)) {
        throw new IllegalStateException("training points " + i + " and another coincide along a random direction");
      }
      double[] shift = {delta, 0.0, -delta};
      double[] out = {1.0, -2.0, 1.0};
      for (int u = 0; u < 3; u++) {
        int j = 3 * i + u;
        System.arraycopy(w, 0, w1, j * d, d);
        b1[j] = -t + shift[u];
        w2[j] = y[i] / delta * out[u];
      }
    }
    return TwoLayerNet.of(Activation.of(Activation.RELU), d, h, 1, w1, b1, w2, null);
  }

  /** Mean squared error on data with a normal-approximation 95 % interval: {mean, lo, hi}. */
  static double[] mse(TwoLayerNet net, Dataset data) {
    double[] out = net.outputs(data.x(), data.size());
    double[] y = data.targets();
    int n = y.length;
    double s = 0.0;
    double s2 = 0.0;
    for (int i = 0; i < n; i++) {
      double e = (out[i] - y[i]) * (out[i] - y[i]);
      s += e;
      s2 += e * e;
    }
    double mean = s / n;
    double var = Math.max(0.0, (s2 / n - mean * mean) * n / (n - 1.0));
    double half = 1.959963984540054 * Math.sqrt(var / n);
    return new double[] {mean, mean - half, mean + half};
  }
}
