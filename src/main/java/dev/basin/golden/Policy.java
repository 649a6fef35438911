package dev.basin.golden;

import dev.basin.base.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The tolerance policy (spec GOLDEN-TOL): how far from basin's certified enclosure a tool's answer may
 * be. A deterministic answer in a precision gets the tolerance stored with each component (the
 * rounding analysis of the quantity's formula at that precision's unit roundoff). A declared
 * estimator adds the error its method is allowed: Hutchinson's trace the Chebyshev bound of its
 * variance, an iterative eigensolver its own stated relative tolerance.
 */
public final class Policy {

  /**
   * The false-failure probability allowed a correct Hutchinson estimate: Chebyshev's inequality
   * P(|X̄ − tr H| ≥ t·σ/√m) ≤ 1/t² holds for every distribution with that variance, so t = 1/√α.
   */
  static final double HUTCHINSON_ALPHA = 0.01;

  /** Estimator kinds an answer may declare (GOLDEN-ANSWERS). */
  public static final String HUTCHINSON = "hutchinson";
  public static final String ITERATIVE = "iterative";

  private Policy() {}

  /**
   * An estimator an answer declares.
   *
   * @param kind {@link #HUTCHINSON} or {@link #ITERATIVE}
   * @param samples Hutchinson's probe count m (≥ 1), else 0
   * @param gaussian whether Hutchinson's probes are Gaussian (else Rademacher)
   * @param relativeTolerance the iterative solver's stated relative accuracy in (0, 1), else 0
   */
  public record Estimator(String kind, int samples, boolean gaussian, double relativeTolerance) {

    /** A short description for reports. */
    public String describe() {
      return kind.equals(HUTCHINSON) ? "hutchinson, " + samples + (gaussian ? " gaussian" : " rademacher") + " probes"
          : "iterative, relative tolerance " + relativeTolerance;
    }
  }

  /** Which quantities an estimator applies to. */
  static void requireApplicable(String where, Estimator e, String quantity) {
    boolean ok = e.kind().equals(HUTCHINSON) ? quantity.equals(GroundTruth.TRACE)
        : quantity.equals(GroundTruth.TOP) || quantity.equals(GroundTruth.BOTTOM) || quantity.equals(GroundTruth.SPECTRUM);
    if (!ok) {
      throw new InvalidInputException(where, "estimator '" + e.kind() + "' does not apply to quantity '" + quantity
          + "' (hutchinson: trace; iterative: top_eigenvalues, bottom_eigenvalues, spectrum)");
    }
  }

  /**
   * The tolerance of component i of an answer in precision pr with an optional estimator, or NaN
   * when the estimator's tolerance cannot be derived for this case (no certified variance bound).
   */
  static double tolerance(Expected e, int i, Precision pr, @Nullable Estimator est) {
    double t = e.tolerance(pr)[i];
    if (est == null) {
      return t;
    }
    if (est.kind().equals(HUTCHINSON)) {
      Object v = e.facts().get(est.gaussian() ? "gaussian_sample_variance_bound" : "rademacher_sample_variance_bound");
      if (!(v instanceof Number n)) {
        return Double.NaN;
      }
      return t + Math.sqrt(n.doubleValue() / est.samples()) / Math.sqrt(HUTCHINSON_ALPHA);
    }
    return t + est.relativeTolerance() * Math.max(Math.abs(e.lo()[i]), Math.abs(e.hi()[i]));
  }

  /** The policy as written into the manifest. */
  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("spec", "GOLDEN-TOL");
    m.put("rule", "an answer passes when every component a_i is within its tolerance t_i of basin's certified"
        + " enclosure [lo_i, hi_i]: dist(a_i, [lo_i, hi_i]) <= t_i. Its score is max_i dist/t_i (<= 1 passes)."
        + " The enclosure's width (basin's own error) and the tolerance (the tool's allowed error) are separate");
    Map<String, Object> ps = new LinkedHashMap<>();
    for (Precision p : Precision.values()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("unit_roundoff", p.unitRoundoff());
      d.put("smallest_normal", p.minNormal());
      d.put("largest", p.max());
      d.put("inputs", p.model().roundedInputs() ? "rounded once to " + p.label() + " (x, theta, targets, probes)"
          : "exact (the suite's files are float64)");
      ps.put(p.label(), d);
    }
    m.put("precisions", ps);
    m.put("deterministic", "each component's tolerance is the rigorous rounding bound of the quantity's formula"
        + " (FLAT-LOSS-ERROR, FLAT-GRAD-ERROR, FLAT-HVP-ERROR, FLAT-DIAG-ERROR and sums of them) re-derived at the"
        + " precision's unit roundoff: at most K = n + d + 2h + 3k + 20 (+5 with rounded inputs) roundings per term,"
        + " library functions within 2.5 ulp, the exact side of every kink; eigenvalues add the dense solver's"
        + " N u ||H||_F (explicit cases) or use the first-order |x|^T T |x| (large cases)");
    m.put("bounds", "catalogued bounds (GOLDEN-TOL-BOUNDS): the tolerance covers every value a tool in the precision"
        + " can compute for the formula of spec/bounds.md: the same formula evaluated in basin's tool arithmetic, in"
        + " which each ingredient carries the tool's own error (raw inputs rounded once, sums of L same-sign terms"
        + " gamma_{c+L-1} in any order, spectral norms a dense SVD's backward error max(r, c) u ||A||_F, outputs the"
        + " FLAT-LOSS-ERROR forward error) and each operation of the formula one rounding (library functions 2.5"
        + " ulps, x^(2/3) also as pow); where a tool may decide a bound's applicability or its VC dimension otherwise,"
        + " or leave the range, the quantity lists it under its own model_violations");
    Map<String, Object> est = new LinkedHashMap<>();
    est.put(HUTCHINSON, "trace only: tolerance + sqrt(V/m)/sqrt(alpha), V the certified bound on the per-probe"
        + " variance (2(||H||_F^2 - sum H_ii^2) Rademacher, 2||H||_F^2 Gaussian), alpha = " + HUTCHINSON_ALPHA
        + " (Chebyshev); only where the explicit Hessian certifies ||H||_F");
    est.put(ITERATIVE, "eigenvalues: tolerance + relative_tolerance * |lambda|, the accuracy the tool states");
    m.put("estimators", est);
    m.put("model_violations", "listed per case and precision: pre-activations within that precision's rounding of a"
        + " kink (except exact zeros every evaluation computes exactly) and values outside its normal range. There"
        + " the model behind the tolerance does not hold, and a tool in that precision is expected to fail");
    return m;
  }

  /** The names of the estimator kinds. */
  static List<String> kinds() {
    return List.of(HUTCHINSON, ITERATIVE);
  }
}
