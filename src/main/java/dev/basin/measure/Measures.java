package dev.basin.measure;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.InvalidInputException;
import dev.basin.base.Progress;
import dev.basin.base.Reported;
import dev.basin.model.Conventions;
import dev.basin.model.Point;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every measure basin computes at a point, in report order, with lookup by ID (spec
 * MEASURE-REGISTRY), and the run of a selection that shares one context. The command line's
 * {@code --measures}, its options and its help are generated from this list.
 */
public final class Measures {

  private static final List<Measure> ALL = List.of(GradientNorm.INSTANCE, Spectrum.INSTANCE, SpectralNorm.INSTANCE, Trace.INSTANCE,
      Fmin.INSTANCE, Frobenius.INSTANCE, InputGradientMeasure.INSTANCE, Eigenvalues.INSTANCE, Hutchinson.INSTANCE,
      Density.INSTANCE, SharpnessMeasure.INSTANCE, SubspaceSharpness.INSTANCE, AdaptiveSharpness.INSTANCE,
      PacBayes.INSTANCE, Volume.INSTANCE, Attraction.INSTANCE);

  /** The measures of {@code basin hessian} (spec CLI-HESSIAN), in report order. */
  public static final List<Measure> HESSIAN = List.of(GradientNorm.INSTANCE, Spectrum.INSTANCE, SpectralNorm.INSTANCE, Trace.INSTANCE,
      Frobenius.INSTANCE, Eigenvalues.INSTANCE);
  /**
   * {@code basin hessian}'s default --max-exact: the full spectrum up to N = 5000 (200 MB and about
   * half a minute of dense eigensolve), since that command exists to give it.
   */
  public static final int HESSIAN_MAX_EXACT = 5000;
  /** {@code basin hessian} reports both ends of the spectrum. */
  public static final int HESSIAN_BOTTOM = 1;

  private Measures() {}

  /** {@code basin hessian}'s settings: the registry's defaults with its --max-exact and --bottom. */
  public static MeasureSettings hessianDefaults() {
    return MeasureSettings.defaults().with(CommonOptions.MAX_EXACT, HESSIAN_MAX_EXACT).with(Spectrum.BOTTOM, HESSIAN_BOTTOM);
  }

  /** All measures, in report order. */
  public static List<Measure> all() {
    return ALL;
  }

  /** The measures that run when none are named, in report order. */
  public static List<Measure> defaults() {
    List<Measure> out = new ArrayList<>();
    for (Measure m : ALL) {
      if (m.byDefault()) {
        out.add(m);
      }
    }
    return out;
  }

  /** The measure with this ID (case-insensitive; '_' may stand for '-'). */
  public static Measure byId(String id) {
    String key = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Measure m : ALL) {
      if (m.id().equals(key)) {
        return m;
      }
    }
    throw new InvalidInputException("--measures", "unknown measure '" + id + "'; expected some of " + ids(ALL));
  }

  /** The named measures (blank names skipped, repeats once), in report order. */
  public static List<Measure> select(List<String> ids) {
    List<Measure> named = new ArrayList<>();
    for (String id : ids) {
      if (!id.isBlank()) {
        named.add(byId(id));
      }
    }
    if (named.isEmpty()) {
      throw new InvalidInputException("--measures", "no measure named; expected some of " + ids(ALL));
    }
    List<Measure> out = new ArrayList<>();
    for (Measure m : ALL) {
      if (named.contains(m)) {
        out.add(m);
      }
    }
    return out;
  }

  /** The IDs, comma-separated. */
  public static String ids(List<Measure> measures) {
    StringBuilder sb = new StringBuilder();
    for (Measure m : measures) {
      sb.append(sb.length() > 0 ? "," : "").append(m.id());
    }
    return sb.toString();
  }

  /** Every option of the given measures, each once, in the order first declared. */
  public static List<MeasureOption<?>> options(List<Measure> measures) {
    Map<String, MeasureOption<?>> out = new LinkedHashMap<>();
    for (Measure m : measures) {
      for (MeasureOption<?> o : m.options()) {
        MeasureOption<?> prev = out.putIfAbsent(o.name(), o);
        if (prev != null && prev != o) {
          throw new IllegalStateException("option " + o.name() + " declared twice with different meanings");
        }
      }
    }
    return List.copyOf(out.values());
  }

  /** The report key of a measure: its ID with '_' for '-'. */
  public static String key(Measure m) {
    return m.id().replace('-', '_');
  }

  /**
   * What every report at a point starts with: N, n, the loss (exact up to rounding, NET-RISK; it
   * comes with the forward pass every report makes) and the conventions. The gradient norm is a
   * measure of its own (grad-norm), computed when asked.
   */
  public static Findings problem(Point p) {
    return Findings.builder()
        .count("num_params", p.numParams())
        .count("num_samples", p.objective().data().size())
        .put("loss", Reported.exact(p.loss(), "NET-RISK", "binary64 evaluation on the point's backend"))
        .put("conventions", Conventions.findings(p.objective()))
        .build();
  }

  /** What one measure cost in a run: wall-clock seconds and Hessian-vector products. */
  public record Cost(double seconds, long products) {}

  /** Called after each measure with its ID and cost (timing). */
  public interface Listener {
    /** Measure m finished. */
    void finished(Measure m, Cost cost);

    /** Ignores every measure. */
    Listener NONE = (m, cost) -> { };
  }

  /**
   * Runs the selected measures at a point in report order, sharing one context (forward pass,
   * Hessian operator, explicit Hessian, Lanczos run), and returns one finding per measure under its
   * key, plus "hessian_vector_products": the products each measure took (products shared with an
   * earlier measure are counted there). Progress: phase "measure", one unit per measure, each
   * measure's ID as the detail.
   */
  public static Findings run(Point point, MeasureSettings settings, List<Measure> selected, Progress progress,
      Listener listener) {
    return run(MeasureContext.of(point, settings, selected), selected, progress, listener);
  }

  /** As {@link #run(Point, MeasureSettings, List, Progress, Listener)} in a given context (made for these measures). */
  public static Findings run(MeasureContext ctx, List<Measure> selected, Progress progress, Listener listener) {
    Findings.Builder out = Findings.builder();
    Findings.Builder cost = Findings.builder();
    for (int i = 0; i < selected.size(); i++) {
      Measure m = selected.get(i);
      progress.update(PHASE, i, selected.size());
      progress.detail(m.id());
      long t0 = System.nanoTime();
      long p0 = ctx.products();
      Finding f = m.run(ctx);
      long products = ctx.products() - p0;
      out.put(key(m), f);
      cost.count(key(m), products);
      listener.finished(m, new Cost((System.nanoTime() - t0) * 1e-9, products));
    }
    progress.update(PHASE, selected.size(), selected.size());
    return out.put("hessian_vector_products", cost.build()).build();
  }

  /** The progress phase of a run. */
  public static final String PHASE = "measure";
}
