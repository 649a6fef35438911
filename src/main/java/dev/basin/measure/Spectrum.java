package dev.basin.measure;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.InvalidInputException;
import dev.basin.base.Reported;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The extreme eigenvalues of H with certified enclosures (spec FLAT-LANCZOS, FLAT-CERT-EIG): only
 * the sides asked for — {@code --top k} alone runs Lanczos for the largest only, {@code --bottom}
 * adds the smallest. Each value is a certified enclosure of an eigenvalue of H together with the
 * certified one-sided bound from its Rayleigh quotient (a lower bound on λ_max, an upper bound on
 * λ_min).
 */
public final class Spectrum extends Registered {

  /** Default number of largest eigenvalues. */
  public static final int DEFAULT_TOP = 1;
  /** Default number of smallest eigenvalues: none, since λ_min costs many more products than λ_max on a net. */
  public static final int DEFAULT_BOTTOM = 0;
  /** Default relative tolerance of the certified radii: well above the HVP rounding bound of the benchmark nets. */
  public static final double DEFAULT_TOL = 1e-8;
  /** Default largest Krylov dimension: the λ_min side of the benchmark net converges within it. */
  public static final int DEFAULT_MAX_ITER = 300;

  /** --top. */
  public static final MeasureOption<Integer> TOP = MeasureOption.atLeast("--top", DEFAULT_TOP, 0, "K",
      "Largest eigenvalues to certify.");
  /** --bottom. */
  public static final MeasureOption<Integer> BOTTOM = MeasureOption.atLeast("--bottom", DEFAULT_BOTTOM, 0, "K",
      "Smallest eigenvalues to certify (0: the smallest side is not computed).");
  /** --tol. */
  public static final MeasureOption<Double> TOL = MeasureOption.openUnit("--tol", DEFAULT_TOL, "TOL",
      "Relative tolerance of the certified Lanczos radii (spec FLAT-LANCZOS).");
  /** --max-iter. */
  public static final MeasureOption<Integer> MAX_ITER = MeasureOption.atLeast("--max-iter", DEFAULT_MAX_ITER, 1, "M",
      "Largest Krylov dimension.");

  private static final String CERTIFIED = "Lanczos Ritz vector with a residual certificate whose products are bounded"
      + " by FLAT-HVP-ERROR: the enclosure contains an eigenvalue of H; that it is the extreme one is what Lanczos"
      + " from a random start finds, not certified";

  /** The measure. */
  public static final Spectrum INSTANCE = new Spectrum();

  private Spectrum() {
    super("spectrum", "certified extreme eigenvalues of H (largest --top, smallest --bottom)", "FLAT-LANCZOS, FLAT-CERT-EIG",
        List.of(TOP, BOTTOM, TOL, MAX_ITER, CommonOptions.SEED), Set.of(Need.FORWARD_PASS, Need.HVP),
        "Lanczos steps + certificates: about 15-20 HVPs for lambda_max to 1e-8 on a net; the smallest side often 10x more",
        true);
  }

  @Override
  public void plan(MeasureContext.Plan plan, MeasureSettings s) {
    plan.extremes(s.get(TOP), s.get(BOTTOM));
  }

  @Override
  public Finding run(MeasureContext c) {
    int top = c.get(TOP);
    int bottom = c.get(BOTTOM);
    if (top + bottom == 0) {
      throw new InvalidInputException("--top/--bottom", "both are 0: ask for at least one eigenvalue");
    }
    Lanczos.Result r = c.extremes(top, bottom);
    Findings.Builder b = Findings.builder();
    if (top > 0) {
      b.put("lambda_max", ritz(r.largest().get(0), true));
    }
    if (bottom > 0) {
      b.put("lambda_min", ritz(r.smallest().get(0), false));
    }
    if (top > 1) {
      b.items("top", ritzList(r.largest().subList(0, top), true));
    }
    if (bottom > 1) {
      b.items("bottom", ritzList(r.smallest().subList(0, bottom), false));
    }
    return b.put("lanczos", c.lanczosSummary(r)).putAll(certification(c)).build();
  }

  /** The certified products' backend and the relu-type kinks whose side rounding leaves open (FLAT-HVP-ERROR). */
  static Findings certification(MeasureContext c) {
    return Findings.builder().count("ambiguous_kinks", c.operator().errorBound().ambiguousKinks())
        .text("certified_products", c.operator().certifiedBackend()).build();
  }

  private static List<Finding> ritzList(List<Lanczos.RitzPair> pairs, boolean top) {
    List<Finding> out = new ArrayList<>();
    for (Lanczos.RitzPair p : pairs) {
      out.add(ritz(p, top));
    }
    return out;
  }

  /**
   * A certified Ritz value (FLAT-CERT-EIG): the enclosure, the certified one-sided bound (on λ_max
   * for the top of the spectrum, on λ_min for the bottom), the residual, the products' rounding
   * bound and whether the radius is limited by that rounding.
   */
  public static Findings ritz(Lanczos.RitzPair p, boolean top) {
    EigenCertificate c = p.certificate();
    if (c == null) {
      throw new IllegalStateException("the Hessian operator always certifies its products");
    }
    Findings.Builder b = Findings.builder()
        .put("value", Reported.enclosure(c.value(), c.low(), c.high(), "FLAT-CERT-EIG", CERTIFIED));
    if (top) {
      b.put("lower_bound", Reported.lowerBound(c.lowerBoundOnLargest(), "FLAT-CERT-EIG",
          "Rayleigh quotient of the certified Ritz vector: lambda_max is at least this"));
    } else {
      b.put("upper_bound", Reported.upperBound(c.upperBoundOnSmallest(), "FLAT-CERT-EIG",
          "Rayleigh quotient of the certified Ritz vector: lambda_min is at most this"));
    }
    return b.put("residual_norm", Reported.exact(c.residualNorm(), "FLAT-CERT-EIG", "||Hv - rho v|| / ||v|| as computed"))
        .put("hvp_error_bound", Reported.upperBound(c.errorBoundNorm(), "FLAT-HVP-ERROR",
            "bound on the rounding of the certified product, relative to ||v||"))
        .flag("rounding_limited", Lanczos.roundingLimited(c))
        .put("ritz_value", Reported.exact(p.ritzValue(), "FLAT-LANCZOS", "eigenvalue of the Lanczos tridiagonal T"))
        .build();
  }
}
