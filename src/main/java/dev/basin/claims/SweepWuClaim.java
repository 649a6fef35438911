package dev.basin.claims;

import dev.basin.base.Plot;
import dev.basin.base.Reported;
import dev.basin.sweep.Analysis;
import dev.basin.sweep.Axis;
import dev.basin.sweep.LocalEngine;
import dev.basin.sweep.Scatters;
import dev.basin.sweep.Sweep;
import dev.basin.sweep.SweepEngine;
import dev.basin.sweep.SweepSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * CLAIM-SWEEP-WU (spec/claims.md; reconstructed): across a width × label-noise sweep of trained
 * 2-layer relu nets, the rescaling-invariant Hessian trace F_min ranks the nets by generalization gap
 * better than the parameter count does, by Jiang et al.'s granulated τ with a paired bootstrap
 * interval.
 */
final class SweepWuClaim implements Claim {

  static final String ID = "CLAIM-SWEEP-WU";
  /** The judged measure and its baseline (sweep column names, SWEEP-MEASURES). */
  static final String MEASURE = "fmin";
  static final String BASELINE = "params";

  @Override
  public ClaimInfo info() {
    return ClaimInfo.of(ID, "Wu, Zhu, E (2017) abstract (b); method of Jiang et al. (ICLR 2020) §2 (eqs. 2, 4)",
        "For 2-layer nets, low-complexity solutions have a small Hessian norm: the curvature of a trained net should track how "
            + "well it generalizes, better than a plain size count does.",
        "a grid sweep (spec/sweep.md) on TEACHER-CLS data (d = 20, 2 classes, 200 / 100 training rows, held-out 2000 / 500): "
            + "relu students of widths {4, 8, 16, 32, 64} (quick {4, 16}) × label noise {0, 0.1, 0.2, 0.3} (quick {0, 0.3}) × "
            + "seeds {1, 2, 3} (quick {1, 2}), SGD (lr 0.05, batch 20, momentum 0.9) until loss < 0.01 or 3000 / 800 steps; per "
            + "net F_min (SYM-FMIN), the exact trace (FLAT-TRACE) and the parameter count N; the granulated Kendall Ψ of each "
            + "with the 0-1 generalization gap over width and label noise (SWEEP-PSI), 1000 / 200 bootstrap replicates",
        "reconstructed (Wu et al.'s statement is qualitative; the rank-correlation operationalization is basin's, with Jiang et "
            + "al.'s verified definitions of τ and Ψ)", 2.0);
  }

  /** The sweep of the claim at the run's size, seeded from the run's seed. */
  static SweepSpec spec(ClaimContext ctx) {
    boolean q = ctx.quick();
    String json = String.format(Locale.ROOT, """
        {"name": "%s", "seed": %d,
         "data": {"source": "teacher-cls", "d": 20, "classes": 2, "n_train": %d, "n_test": %d,
                  "label_noise": %s},
         "net": {"width": %s, "activation": "relu"},
         "train": {"optimizer": "sgd", "lr": 0.05, "batch": 20, "momentum": 0.9, "steps": %d, "stop_loss": 0.01,
                   "eval_every": 50, "seed": %s},
         "measures": ["%s", "trace", "%s"],
         "analysis": {"gap": "error", "bootstrap": %d, "level": 0.95}}""",
        ID, ctx.seed(ID, "sweep", 0), q ? 100 : 200, q ? 500 : 2000, q ? "[0.0, 0.3]" : "[0.0, 0.1, 0.2, 0.3]",
        q ? "[4, 16]" : "[4, 8, 16, 32, 64]", q ? 800 : 3000, q ? "[1, 2]" : "[1, 2, 3]", BASELINE, MEASURE, q ? 200 : 1000);
    return SweepSpec.parse(json, ID);
  }

  @Override
  public ClaimResult run(ClaimContext ctx) throws Exception {
    SweepSpec spec = spec(ctx);
    Path dir = ctx.outDir().resolve("sweeps").resolve(ID);
    // one worker: the claims themselves run in parallel (Reproduction); the rows do not depend on it
    Sweep.Result r = Sweep.run(spec, dir, new LocalEngine(), new SweepEngine.Options(1, null, 0), true, new Sweep.Listener() {});
    Analysis.Result a = r.analysis();
    List<Measurement> m = new ArrayList<>();
    for (String c : List.of(MEASURE, "trace", BASELINE)) {
      Analysis.ColumnStats s = a.column(c);
      add(m, "Kendall tau with the gap, " + c, s.tau());
      add(m, "granulated Psi, " + c, s.psi());
      for (Map.Entry<String, Reported.Estimate> e : s.psiByAxis().entrySet()) {
        add(m, "psi over " + e.getKey() + ", " + c, e.getValue());
      }
    }
    Reported.Estimate diff = Analysis.difference(a, MEASURE, BASELINE, "psi", spec);
    if (diff != null) {
      m.add(new Measurement("Psi(F_min) - Psi(N), paired", diff));
    }
    m.add(Measurement.count("finished tasks", a.finished(), "SWEEP-TASK"));
    m.add(Measurement.count("failed tasks", a.failed(), "SWEEP-TASK"));
    List<Axis> axes = new ArrayList<>();
    for (Axis ax : spec.varied()) {
      if (!ax.name().equals("seed")) {
        axes.add(ax);
      }
    }
    List<Plot> plots = new ArrayList<>(Scatters.of(MEASURE, a.gap(), r.rows(), axes));
    plots.addAll(Scatters.of(BASELINE, a.gap(), r.rows(), axes.subList(axes.size() - 1, axes.size())));
    List<String> notes = List.of(
        "The sweep always runs on TEACHER-CLS (its own seeded streams, spec SWEEP-SEEDS), whatever --data says.",
        "Students: d-h-1 relu with hidden bias and no output bias, logistic loss (mean); label noise replaces that fraction "
            + "of the training labels by uniform draws; the held-out rows are clean.",
        "Rows and columns: sweeps/" + ID + "/ (rows.csv, rows.parquet); `basin sweep` renders a sweep's own page.");
    Map<String, String> artifacts = new LinkedHashMap<>();
    artifacts.put("sweep rows (CSV)", "sweeps/" + ID + "/rows.csv");
    artifacts.put("sweep rows (Parquet)", "sweeps/" + ID + "/rows.parquet");
    return ClaimResult.judged(info(), v -> decide(diff), m, plots, notes, artifacts);
  }

  /**
   * The criterion (v1): the paired interval of Ψ(F_min) − Ψ(N) above 0: REPRODUCED; below 0:
   * NOT_REPRODUCED; containing 0, or Ψ undefined (too few finished tasks): INCONCLUSIVE.
   */
  static Decision decide(Reported.@Nullable Estimate diff) {
    if (diff == null) {
      return new Decision(Verdict.INCONCLUSIVE, "Psi is undefined (too few finished tasks per group)");
    }
    String nums = String.format(Locale.ROOT, "Psi(F_min) - Psi(N) = %.3f, 95 %% interval [%.3f, %.3f]", diff.value(), diff.lo(),
        diff.hi());
    return diff.lo() > 0 ? new Decision(Verdict.REPRODUCED, nums + ": above 0")
        : diff.hi() < 0 ? new Decision(Verdict.NOT_REPRODUCED, nums + ": below 0")
        : new Decision(Verdict.INCONCLUSIVE, nums + ": contains 0");
  }

  private static void add(List<Measurement> m, String name, Reported.@Nullable Estimate e) {
    if (e != null) {
      m.add(new Measurement(name, e));
    }
  }
}
