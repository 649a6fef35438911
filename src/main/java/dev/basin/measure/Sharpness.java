package dev.basin.measure;

import dev.basin.base.Memory;
import dev.basin.base.Rng;
import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.Problem;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import java.util.List;

/**
 * Worst-case ε-sharpness (spec FLAT-SHARP-KESKAR, FLAT-SHARP-BALL, FLAT-SHARP-ADAPTIVE): the largest
 * loss in a perturbation set around θ, found by projected gradient ascent with seeded restarts
 * (FLAT-SHARP-ASCENT). The best value found is a certified lower bound on the maximum — its
 * witness point is checked to lie in the set — and optionally a second-order estimate
 * (FLAT-SHARP-QUAD) is given beside it.
 */
public final class Sharpness {

  /** Smallest step fraction before a restart stops. */
  static final double MIN_STEP = 0x1p-20;

  private Sharpness() {}

  /** The variants and their normalizations. */
  public enum Kind {
    /** Keskar et al. box in the full space, ×100 / (1 + L). */
    KESKAR("FLAT-SHARP-KESKAR", 100.0, true),
    /** Keskar et al. box in a random p-dimensional subspace, ×100 / (1 + L). */
    KESKAR_SUBSPACE("FLAT-SHARP-KESKAR", 100.0, true),
    /** Dinh et al. l2 ball, / (1 + L). */
    BALL("FLAT-SHARP-BALL", 1.0, true),
    /** Andriushchenko et al. adaptive l2: ‖δ/|θ|‖₂ ≤ ρ, raw loss increase. */
    ADAPTIVE_L2("FLAT-SHARP-ADAPTIVE", 1.0, false),
    /** Andriushchenko et al. adaptive l∞: |δ_i| ≤ ρ|θ_i|, raw loss increase. */
    ADAPTIVE_LINF("FLAT-SHARP-ADAPTIVE", 1.0, false);

    private final String spec;
    private final double factor;
    private final boolean relative;

    Kind(String spec, double factor, boolean relative) {
      this.spec = spec;
      this.factor = factor;
      this.relative = relative;
    }

    /** The spec ID. */
    public String spec() {
      return spec;
    }

    /** (maxLoss − L) normalized as the measure defines it. */
    public double normalize(double maxLoss, double base) {
      return (maxLoss - base) * factor / (relative ? 1.0 + base : 1.0);
    }
  }

  /**
   * Ascent options.
   *
   * @param restarts seeded restarts (≥ 1)
   * @param steps gradient steps per restart (≥ 1)
   * @param seed seed of the restarts (DATA-RNG; restart r uses {@code Rng.derive(seed, r)})
   * @param secondOrder whether to add the FLAT-SHARP-QUAD estimate (costs a Lanczos run)
   */
  public record Options(int restarts, int steps, long seed, boolean secondOrder) {
    /** Validated. */
    public Options {
      Checks.atLeast("restarts", restarts, 1);
      Checks.atLeast("steps", steps, 1);
    }

    /** 5 restarts of 100 steps, second-order estimate on. */
    public static Options defaults(long seed) {
      return new Options(5, 100, seed, true);
    }
  }

  /**
   * A sharpness value.
   *
   * @param kind the variant
   * @param radius ε (Keskar, ball) or ρ (adaptive)
   * @param dimension dimension p of the perturbation variable (N in the full space)
   * @param baseLoss L(θ)
   * @param maxLoss the largest loss found: L(witness)
   * @param lowerBound a certified lower bound on the measure (for the subspace variant, up to
   *     rounding off the subspace): the witness's normalized sharpness with the loss rounding
   *     bounds of FLAT-LOSS-ERROR at the witness and at θ counted against it, and at least 0
   * @param witness the perturbed parameters θ + S y* (fresh), inside the set
   * @param evaluations loss evaluations spent
   * @param secondOrder the FLAT-SHARP-QUAD estimate, normalized; NaN when not requested
   * @param lossRounding the two loss rounding bounds used (witness + θ)
   */
  public record Result(Kind kind, double radius, int dimension, double baseLoss, double maxLoss, double lowerBound,
      double[] witness, int evaluations, double secondOrder, double lossRounding) {}

  /** Keskar et al.'s box sharpness in the full space, box half-widths ε(|θ_i| + 1); θ not modified. */
  public static Result keskar(Objective obj, double[] theta, double eps, Options o) {
    return keskar(obj, theta, eps, o, List.of());
  }

  /** As {@link #keskar}, also starting from the given displacements z (not modified; projected). */
  public static Result keskar(Objective obj, double[] theta, double eps, Options o, List<double[]> extraStarts) {
    checkTheta(obj, theta);
    Checks.positive("epsilon", eps);
    double[] w = new double[theta.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = eps * (Math.abs(theta[i]) + 1.0);
    }
    return maximize(obj, theta, Kind.KESKAR, eps, Perturbation.box(theta, null, w), o, extraStarts);
  }

  /**
   * Keskar et al.'s box sharpness in a random p-dimensional subspace: A (N×p, iid N(0,1) from the
   * stream {@code Rng.derive(seed, -1)}), box half-widths ε(|(A⁺θ)_i| + 1); θ not modified.
   */
  public static Result keskarSubspace(Objective obj, double[] theta, double eps, int p, Options o) {
    checkTheta(obj, theta);
    Checks.positive("epsilon", eps);
    Checks.atLeast("subspace dimension p", p, 1);
    int n = theta.length;
    long bytes = 8L * n * p;
    if (!Memory.fits(bytes)) {
      throw new InvalidInputException("subspace dimension p", p + ": the N x p matrix A needs " + (bytes >> 20)
          + " MiB, more than half the free heap");
    }
    Rng r = Rng.of(Rng.derive(o.seed(), -1));
    double[][] a = new double[p][];
    for (int c = 0; c < p; c++) {
      a[c] = r.gaussians(n, 1.0);
    }
    double[] apt = pseudoInverseTimes(a, theta);
    double[] w = new double[p];
    for (int i = 0; i < p; i++) {
      w[i] = eps * (Math.abs(apt[i]) + 1.0);
    }
    return maximize(obj, theta, Kind.KESKAR_SUBSPACE, eps, Perturbation.subspace(theta, a, w), o, List.of());
  }

  /** Dinh et al.'s l2-ball sharpness of radius ε; θ not modified. */
  public static Result ball(Objective obj, double[] theta, double eps, Options o) {
    return ball(obj, theta, eps, o, List.of());
  }

  /** As {@link #ball}, also starting from the given displacements z (not modified; projected). */
  public static Result ball(Objective obj, double[] theta, double eps, Options o, List<double[]> extraStarts) {
    checkTheta(obj, theta);
    Checks.positive("epsilon", eps);
    return maximize(obj, theta, Kind.BALL, eps, Perturbation.ball(theta, null, eps), o, extraStarts);
  }

  /** Andriushchenko et al.'s adaptive sharpness: δ = |θ| ⊙ y, ‖y‖₂ ≤ ρ (l2) or ‖y‖_∞ ≤ ρ (linf); θ not modified. */
  public static Result adaptive(Objective obj, double[] theta, double rho, boolean linf, Options o) {
    checkTheta(obj, theta);
    Checks.positive("rho", rho);
    double[] s = new double[theta.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = Math.abs(theta[i]);
    }
    if (linf) {
      double[] w = new double[s.length];
      java.util.Arrays.fill(w, rho);
      return maximize(obj, theta, Kind.ADAPTIVE_LINF, rho, Perturbation.box(theta, s, w), o, List.of());
    }
    return maximize(obj, theta, Kind.ADAPTIVE_L2, rho, Perturbation.ball(theta, s, rho), o, List.of());
  }

  /** A⁺θ for A given by its columns (not modified), via the eigen-decomposition of AᵀA. */
  static double[] pseudoInverseTimes(double[][] a, double[] theta) {
    int p = a.length;
    double[] gram = new double[p * p];
    double[] atb = new double[p];
    for (int i = 0; i < p; i++) {
      atb[i] = Krylov.dot(a[i], theta);
      for (int j = 0; j <= i; j++) {
        double g = Krylov.dot(a[i], a[j]);
        gram[i * p + j] = g;
        gram[j * p + i] = g;
      }
    }
    SymmetricEigen.Result e = SymmetricEigen.of(gram, p, true);
    double[] lam = e.values();
    double cut = p * Rounding.U * Math.max(lam[p - 1], 0.0);
    double[] out = new double[p];
    for (int c = 0; c < p; c++) {
      if (!(lam[c] > cut)) {
        continue;
      }
      double[] v = e.vector(c);
      double coef = Krylov.dot(v, atb) / lam[c];
      Krylov.axpy(coef, v, out);
    }
    return out;
  }

  private static void checkTheta(Objective obj, double[] theta) {
    Checks.length("theta", theta, obj.numParams(), "N");
    Checks.finite("theta", theta);
  }

  static Result maximize(Objective obj, double[] theta, Kind kind, double radius, Perturbation set, Options o,
      List<double[]> extraStarts) {
    for (double[] z : extraStarts) {
      Checks.length("extra start", z, theta.length, "N");
      Checks.finite("extra start", z);
    }
    Point base = obj.at(theta);
    double l0 = base.loss();
    int p = set.dim();
    double bestF = l0;
    double[] bestPoint = theta.clone();
    boolean improved = false;
    int evals = 1;
    int starts = o.restarts() + extraStarts.size();
    for (int r = 0; r < starts; r++) {
      double[] y;
      if (r < o.restarts()) {
        y = set.randomStart(Rng.of(Rng.derive(o.seed(), r)));
      } else {
        y = set.fromDisplacement(extraStarts.get(r - o.restarts()));
        set.project(y);
      }
      double[] pt = set.point(y);
      Point at = obj.at(pt);
      evals++;
      double f = at.loss();
      double eta = 0.5;
      double[] grad = new double[p];
      for (int s = 0; s < o.steps() && eta >= MIN_STEP; s++) {
        set.adjoint(at.gradient(), grad);
        double[] cand = set.step(y, grad, eta);
        if (cand == null) {
          break;
        }
        double[] cpt = set.point(cand);
        Point cp = obj.at(cpt);
        evals++;
        if (cp.loss() > f) {
          y = cand;
          pt = cpt;
          at = cp;
          f = cp.loss();
        } else {
          eta *= 0.5;
        }
      }
      if (f > bestF && set.contains(pt)) {
        bestF = f;
        bestPoint = pt;
        improved = true;
      }
    }
    double second = Double.NaN;
    if (o.secondOrder()) {
      second = kind.normalize(l0 + set.quadraticBound(base, o.seed()), l0);
    }
    // (max − base)/(1 + base) decreases in base and increases in max: use max ≥ L̂(w) − e_w, base ≤ L̂(θ) + e_θ
    double eBase = lossError(obj, theta);
    double eBest = improved ? lossError(obj, bestPoint) : eBase;
    double lower = Math.max(0.0, kind.normalize(bestF - eBest, l0 + eBase));
    return new Result(kind, radius, p, l0, bestF, lower, bestPoint.clone(), evals, second, eBase + eBest);
  }

  /** The FLAT-LOSS-ERROR bound on the rounding of L̂ at θ (not modified). */
  static double lossError(Objective obj, double[] theta) {
    Problem pr = obj.problem();
    return HvpErrorBound.of(pr, theta, ForwardPass.compute(pr, theta)).lossErrorBound();
  }
}
