package dev.basin.cli;

import dev.basin.measure.EigenCertificate;
import dev.basin.measure.Estimate;
import dev.basin.measure.HessianOperator;
import dev.basin.measure.Lanczos;
import dev.basin.model.Point;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * JSON shapes shared by the measure, symmetry and hessian commands. Every number says what it is
 * through its "kind": {@code exact}, {@code certified_enclosure}, {@code certified_lower_bound},
 * {@code estimate} (with its interval and level); and which spec entry defines it.
 */
final class MeasureJson {

  private MeasureJson() {}

  /** An exact value (a closed form evaluated in binary64). */
  static Map<String, Object> exact(double value, String spec, String method) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "exact");
    m.put("value", value);
    m.put("method", method);
    m.put("spec", spec);
    return m;
  }

  /** A certified lower bound on a maximum (e.g. a sharpness found by ascent). */
  static Map<String, Object> lowerBound(double value, String spec, String method) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "certified_lower_bound");
    m.put("value", value);
    m.put("method", method);
    m.put("spec", spec);
    return m;
  }

  /** A Monte-Carlo estimate with its interval (FLAT-CI). */
  static Map<String, Object> estimate(Estimate e, String spec, String method) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "estimate");
    m.put("value", e.value());
    m.put("ci_low", e.low());
    m.put("ci_high", e.high());
    m.put("level", e.level());
    m.put("standard_error", e.standardError());
    m.put("samples", e.samples());
    m.put("interval", "Student-t, asymptotic (FLAT-CI)");
    m.put("method", method);
    m.put("spec", spec);
    return m;
  }

  /**
   * A Lanczos Ritz value with its certificate (FLAT-CERT-EIG): for the top of the spectrum the
   * Rayleigh bound is a lower bound on λ_max, for the bottom an upper bound on λ_min.
   */
  static Map<String, Object> eigen(Lanczos.RitzPair p, boolean top) {
    Map<String, Object> m = new LinkedHashMap<>();
    EigenCertificate c = p.certificate();
    m.put("value", p.value());
    if (c != null) {
      m.put("kind", "certified_enclosure");
      m.put("enclosure", List.of(c.low(), c.high()));
      if (top) {
        m.put("certified_lower_bound", c.lowerBoundOnLargest());
      } else {
        m.put("certified_upper_bound", c.upperBoundOnSmallest());
      }
      m.put("residual_norm", c.residualNorm());
      m.put("hvp_error_bound", c.errorBoundNorm());
      m.put("rounding_limited", Lanczos.roundingLimited(c));
      m.put("note", "the enclosure certainly contains an eigenvalue of H; that it is the extreme one is what"
          + " Lanczos from a random start finds, not certified");
    } else {
      m.put("kind", "estimate");
      m.put("estimated_residual", p.estimatedResidual());
    }
    m.put("ritz_value", p.ritzValue());
    m.put("spec", "FLAT-CERT-EIG, FLAT-LANCZOS");
    return m;
  }

  /** The run summary of a Lanczos result. */
  static Map<String, Object> lanczos(Lanczos.Result r, double tol) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("iterations", r.iterations());
    m.put("products", r.products());
    m.put("converged", r.converged());
    m.put("tolerance", tol);
    m.put("max_iterations", r.maxIterations());
    return m;
  }

  /**
   * ‖H‖₂ = max(λ_max, −λ_min) from the two extreme certificates: value, the enclosure implied by
   * the two enclosures (conditional on their being the extreme eigenvalues) and the certified lower
   * bound max(ρ_max − e, −(ρ_min + e)).
   */
  static Map<String, Object> spectralNorm(Lanczos.RitzPair top, Lanczos.RitzPair bottom) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", Math.max(Math.abs(top.value()), Math.abs(bottom.value())));
    EigenCertificate a = top.certificate();
    EigenCertificate b = bottom.certificate();
    if (a != null && b != null) {
      m.put("kind", "certified_enclosure");
      m.put("enclosure", List.of(Math.max(0.0, Math.max(a.low(), -b.high())), Math.max(Math.abs(a.high()),
          Math.abs(b.low()))));
      m.put("certified_lower_bound", Math.max(a.lowerBoundOnLargest(), -b.upperBoundOnSmallest()));
    } else {
      m.put("kind", "estimate");
    }
    m.put("spec", "FLAT-CERT-EIG");
    return m;
  }

  /** Scalars of a nested report as "a.b.c" keys (lists and arrays are left to the JSON). */
  static Map<String, Object> flatten(Map<String, Object> report) {
    Map<String, Object> out = new LinkedHashMap<>();
    flatten("", report, out);
    return out;
  }

  private static void flatten(String prefix, Map<?, ?> m, Map<String, Object> out) {
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String key = prefix + e.getKey();
      Object v = e.getValue();
      if (v instanceof Map<?, ?> sub) {
        flatten(key + ".", sub, out);
      } else if (v instanceof Number || v instanceof Boolean || v instanceof String) {
        if (!"note".equals(e.getKey()) && !"interval".equals(e.getKey())) {
          out.put(key, v);
        }
      }
    }
  }

  /**
   * Certified Lanczos for the extreme eigenvalues of H at a point (FLAT-LANCZOS), reported as
   * lambda_max, lambda_min, spectral_norm, the top/bottom lists, the run summary and the number of
   * relu-type kinks whose side is uncertain (FLAT-HVP-ERROR; they widen the certificates).
   */
  static Map<String, Object> extremes(Point p, int top, int bottom, double tol, int maxIter, long seed) {
    HessianOperator op = HessianOperator.at(p);
    Lanczos.Result r = Lanczos.run(op, new Lanczos.Options(Math.max(1, top), Math.max(1, bottom), tol, maxIter, seed));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lambda_max", eigen(r.largest().get(0), true));
    m.put("lambda_min", eigen(r.smallest().get(0), false));
    m.put("spectral_norm", spectralNorm(r.largest().get(0), r.smallest().get(0)));
    List<Object> tops = new java.util.ArrayList<>();
    for (Lanczos.RitzPair q : r.largest().subList(0, Math.min(top, r.largest().size()))) {
      tops.add(eigen(q, true));
    }
    List<Object> bottoms = new java.util.ArrayList<>();
    for (Lanczos.RitzPair q : r.smallest().subList(0, Math.min(bottom, r.smallest().size()))) {
      bottoms.add(eigen(q, false));
    }
    m.put("top", tops);
    m.put("bottom", bottoms);
    m.put("lanczos", lanczos(r, tol));
    m.put("ambiguous_kinks", op.errorBound().ambiguousKinks());
    m.put("certified_products", op.certifiedBackend());
    return m;
  }
}
