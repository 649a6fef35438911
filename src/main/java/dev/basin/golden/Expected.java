package dev.basin.golden;

import dev.basin.base.Reported;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The certified answer to one quantity of one case (spec GOLDEN-CERT), componentwise: basin's value,
 * a certified enclosure [lo, hi] of the exact value, and the tolerance a tool in each precision is
 * held to (GOLDEN-TOL), kept apart from the enclosure's width. A scalar quantity has one
 * component. Every component is validated as a {@link Reported.Enclosure} (finite, value inside
 * its interval) when built.
 *
 * @param quantity the quantity's name (GOLDEN-QUANTITIES, e.g. "loss", "hvp_0")
 * @param spec the spec ID of the certificate
 * @param method how the value and its enclosure were computed
 * @param scalar whether the quantity is a single number (else a vector)
 * @param value basin's values (do not modify)
 * @param lo lower ends (do not modify)
 * @param hi upper ends (do not modify)
 * @param tolerances per {@link Precision} (by ordinal), the tolerance of each component (do not modify)
 * @param facts further facts a scorer or reader needs (JSON-able values; e.g. whether the order of
 *     eigenvalues is certified)
 */
public record Expected(String quantity, String spec, String method, boolean scalar, double[] value, double[] lo,
    double[] hi, double[][] tolerances, Map<String, Object> facts) {

  /** Validated: equal lengths, finite numbers, value in [lo, hi], finite non-negative tolerances. */
  public Expected {
    int n = value.length;
    if (lo.length != n || hi.length != n || tolerances.length != Precision.values().length || (scalar && n != 1)) {
      throw new IllegalArgumentException(quantity + ": inconsistent lengths");
    }
    for (int i = 0; i < n; i++) {
      Reported.enclosure(value[i], lo[i], hi[i], spec, method);
    }
    for (double[] t : tolerances) {
      if (t.length != n) {
        throw new IllegalArgumentException(quantity + ": tolerance length " + t.length + " != " + n);
      }
      for (double x : t) {
        if (!(x >= 0.0 && x < Double.POSITIVE_INFINITY)) {
          throw new IllegalArgumentException(quantity + ": tolerance " + x);
        }
      }
    }
    // sorted: the suite's JSON must not depend on a map's iteration order (GOLDEN-REPRO)
    facts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(facts));
  }

  /** What every answer in the suite is: a certified enclosure (GOLDEN-CERT). */
  public Reported.Kind kind() {
    return Reported.Kind.ENCLOSURE;
  }

  /** The number of components. */
  public int size() {
    return value.length;
  }

  /** Component i as a reported number. */
  public Reported.Enclosure component(int i) {
    return Reported.enclosure(value[i], lo[i], hi[i], spec, method);
  }

  /** The tolerances of a precision (do not modify). */
  public double[] tolerance(Precision p) {
    return tolerances[p.ordinal()];
  }

  /**
   * The quantity's own model violations in precision p (a bound's decisions or range, spec
   * GOLDEN-TOL-BOUNDS), from facts.model_violations; the case's apply besides.
   */
  public List<String> violations(Precision p) {
    List<String> out = new ArrayList<>();
    if (facts.get(BoundTruth.VIOLATIONS) instanceof Map<?, ?> m && m.get(p.label()) instanceof List<?> l) {
      for (Object o : l) {
        out.add(String.valueOf(o));
      }
    }
    return List.copyOf(out);
  }

  /** A scalar's certified answer from its enclosure and its tolerance per precision (float64, float32). */
  static Expected scalar(String quantity, Reported.Enclosure e, double tol64, double tol32, Map<String, Object> facts) {
    return new Expected(quantity, e.spec(), e.method(), true, new double[] {e.value()}, new double[] {e.lo()},
        new double[] {e.hi()}, new double[][] {{tol64}, {tol32}}, facts);
  }
}
