package dev.basin.sweep;

import dev.basin.base.InvalidInputException;
import dev.basin.base.Reported;
import dev.basin.bounds.Arithmetic;
import dev.basin.bounds.BoundInputs;
import dev.basin.bounds.BoundResult;
import dev.basin.bounds.Catalogue;
import dev.basin.bounds.Interval;
import dev.basin.measure.EigenCertificate;
import dev.basin.measure.HessianDiagonal;
import dev.basin.measure.HessianOperator;
import dev.basin.measure.InputGradient;
import dev.basin.measure.Lanczos;
import dev.basin.measure.Sharpness;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.model.TwoLayerNet;
import dev.basin.measure.OrbitFlatness;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The per-net measures a sweep can compute (spec SWEEP-MEASURES) and the adapter to the bound
 * catalogue. Each measure returns its number in the house result model with its spec ID and kind, or
 * says why it does not apply. This is a small adapter over the measure classes, to be replaced by
 * the Measure registry of measure/ when it lands (the names stay the sweep's column names).
 */
public final class Metrics {

  private Metrics() {}

  /** Relative tolerance of the certified λ_max radius (ample for ranking nets; Curvature uses the same). */
  static final double LAMBDA_TOLERANCE = 1e-6;
  /** Krylov dimension cap of the λ_max run. */
  static final int LAMBDA_MAX_ITER = 300;
  /** Largest N for the explicit Hessian of the Frobenius norm (as `basin measure --max-exact`'s default). */
  static final int MAX_EXACT = 2000;
  /** Keskar et al.'s box size ε (their Metric 2.1 uses 1e-3 and 5e-4). */
  static final double KESKAR_EPSILON = 1e-3;
  /** Confidence parameter δ of every bound in a sweep (as in the claims, claims/Bounds). */
  public static final double DELTA = 0.05;
  /** Margin quantile of the bounds (Jiang et al.'s 10th percentile, BOUND-MARGIN-QUANTILE). */
  public static final double MARGIN_QUANTILE = 0.1;

  /** One measure: what it is and how it is computed at a trained net. */
  interface Measure {
    /** The spec ID. */
    String spec();

    /** What the column holds, for columns.json and the report. */
    String description();

    /** The number at the net's point (training data), or a reason in {@link NotApplicable}. */
    Reported at(Point p, long seed);
  }

  /** A measure that does not apply to this net (e.g. F_min for tanh). */
  static final class NotApplicable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotApplicable(String why) {
      super(why, null, false, false);
    }
  }

  private static final Map<String, Measure> MEASURES = new LinkedHashMap<>();

  static {
    MEASURES.put("params", measure("SWEEP-PARAMS", "the number of parameters N (NET-PARAM-ORDER)",
        (p, s) -> Reported.exact(p.numParams(), "SWEEP-PARAMS", "count")));
    MEASURES.put("trace", measure("FLAT-TRACE", "exact Hessian trace of the training loss",
        (p, s) -> Reported.exact(HessianDiagonal.trace(p), "FLAT-TRACE", "closed-form diagonal")));
    MEASURES.put("fmin", measure("SYM-FMIN", "F_min: the smallest Hessian trace over the net's rescaling orbit", (p, s) -> {
      if (!p.objective().activation().isPositivelyHomogeneous()) {
        throw new NotApplicable("the activation is not positively homogeneous (SYM-RESCALE-UNIT)");
      }
      return Reported.exact(OrbitFlatness.of(p).fmin(), "SYM-FMIN", "closed form over the orbit");
    }));
    MEASURES.put("lambda_max", measure("FLAT-CERT-EIG", "largest Hessian eigenvalue, certified enclosure", Metrics::lambdaMax));
    MEASURES.put("frobenius", measure("FLAT-FROBENIUS", "Frobenius norm of the explicit Hessian", (p, s) -> {
      if (p.numParams() > MAX_EXACT) {
        throw new NotApplicable("N = " + p.numParams() + " > " + MAX_EXACT + " (explicit Hessian)");
      }
      double fro = 0.0;
      for (double v : p.hessian()) {
        fro += v * v;
      }
      return Reported.exact(Math.sqrt(fro), "FLAT-FROBENIUS", "explicit Hessian (HESS-FULL)");
    }));
    MEASURES.put("wu_complexity", measure("FLAT-WU-COMPLEXITY", "Wu et al.'s complexity (1/n) Σ ||∂f/∂x||²",
        (p, s) -> Reported.exact(InputGradient.complexity(p.objective(), p.theta()), "FLAT-WU-COMPLEXITY",
            "(1/n) sum_i ||df(x_i)/dx||_F^2")));
    MEASURES.put("sharpness_keskar", measure("FLAT-SHARP-KESKAR", "Keskar et al.'s ε-sharpness (ε = 1e-3), certified lower bound",
        (p, s) -> {
          Sharpness.Result r = Sharpness.keskar(p.objective(), p.theta(), KESKAR_EPSILON, new Sharpness.Options(3, 50, s, false));
          return Reported.lowerBound(r.lowerBound(), "FLAT-SHARP-KESKAR", "projected gradient ascent, 3 restarts x 50 steps");
        }));
  }

  private interface Compute {
    Reported at(Point p, long seed);
  }

  private static Measure measure(String spec, String description, Compute c) {
    return new Measure() {
      @Override
      public String spec() {
        return spec;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public Reported at(Point p, long seed) {
        return c.at(p, seed);
      }
    };
  }

  private static Reported lambdaMax(Point p, long seed) {
    Lanczos.Result r = Lanczos.run(HessianOperator.at(p), new Lanczos.Options(1, 0, LAMBDA_TOLERANCE, LAMBDA_MAX_ITER, seed));
    Lanczos.RitzPair top = r.largest().get(0);
    EigenCertificate c = top.certificate();
    if (c == null) {
      throw new NotApplicable("Lanczos gave no certificate within " + LAMBDA_MAX_ITER + " steps");
    }
    double lo = Math.max(c.low(), c.lowerBoundOnLargest());
    double v = Math.min(Math.max(c.value(), lo), c.high());
    return Reported.enclosure(v, lo, c.high(), "FLAT-CERT-EIG", "Lanczos, residual certificate (FLAT-LANCZOS)");
  }

  /** The measure names, in registry order. */
  public static List<String> measureNames() {
    return List.copyOf(MEASURES.keySet());
  }

  /** The measure with this name; {@code where} names the spec field in errors. */
  static Measure measure(String name, String where) {
    Measure m = MEASURES.get(name);
    if (m == null) {
      throw new InvalidInputException(where, "unknown measure '" + name + "'; known: " + String.join(", ", MEASURES.keySet()));
    }
    return m;
  }

  /** The catalogue ID of a bound named by ID or formula name; {@code where} names the spec field in errors. */
  static String bound(String name, String where) {
    try {
      return Catalogue.byName(name).id();
    } catch (InvalidInputException e) {
      throw new InvalidInputException(where, e.problem());
    }
  }

  /** The title of a catalogue entry. */
  static String boundTitle(String id) {
    return Catalogue.byName(id).title();
  }

  /**
   * The requested catalogue entries at a trained net in interval arithmetic (BOUND-ARITH): each an
   * enclosure of the bound formula's value, or the reason it does not apply. δ and the margin are
   * {@link #DELTA} and {@link #MARGIN_QUANTILE}; the reference matrices W⁰ are the initialization.
   */
  static Map<String, Cell> bounds(List<String> ids, TwoLayerNet net, TwoLayerNet init, dev.basin.model.Dataset train) {
    Map<String, Cell> out = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    BoundInputs in = new BoundInputs(net, train, init, DELTA, BoundInputs.MarginChoice.quantile(MARGIN_QUANTILE), null, null,
        null, BoundInputs.DEFAULT_MC_SAMPLES, BoundInputs.DEFAULT_MC_DELTA, 0L, null, null);
    List<BoundResult<Interval>> all = Catalogue.evaluate(Arithmetic.INTERVAL, in);
    for (String id : ids) {
      for (BoundResult<Interval> r : all) {
        if (r.id().equals(id)) {
          Interval v = r.value();
          String na = r.notApplicable();
          if (v == null) {
            out.put(id, Cell.missing(na == null ? "not applicable" : na));
          } else {
            double lo = v.lo();
            double hi = v.hi();
            out.put(id, Cell.of(Reported.enclosure(Math.min(hi, Math.max(lo, v.mid())), lo, hi, id,
                "interval arithmetic (BOUND-ARITH), delta " + DELTA + ", margin quantile " + MARGIN_QUANTILE + ", W0 = init")));
          }
        }
      }
    }
    return out;
  }

  /** Evaluates one measure, turning "does not apply" into a missing cell with its reason. */
  static Cell evaluate(String name, Point p, long seed) {
    try {
      return Cell.of(measure(name, "measure").at(p, seed));
    } catch (NotApplicable e) {
      String why = e.getMessage();
      return Cell.missing(why == null ? "not applicable" : why);
    }
  }

  /** The objective a measure sees: the trained net's loss on its training data. */
  static Point point(Objective obj, double[] theta) {
    return obj.at(theta);
  }

  /** The description of a measure or bound column. */
  static String describe(String name) {
    Measure m = MEASURES.get(name);
    return m != null ? m.description() : boundTitle(name);
  }

  /** The spec ID behind a measure or bound column. */
  static String specOf(String name) {
    Measure m = MEASURES.get(name);
    return m != null ? m.spec() : name;
  }

  /** A cell's number, for code that only ranks (null when missing). */
  static @Nullable Double number(Cell c) {
    Reported r = c.value();
    return r == null ? null : r.value();
  }
}
