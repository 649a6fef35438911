package dev.basin.measure;

import dev.basin.base.InvalidInputException;
import dev.basin.base.Vectors;
import dev.basin.base.Rng;
import dev.basin.model.Checks;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.TDistribution;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Log-volume of a star-shaped basin around θ by the radial estimator, computed in log space
 * (spec FLAT-VOLUME): vol = π^{D/2}/Γ(D/2 + 1) · E_u r(u)^D over uniform unit directions u, with
 * r(u) the first observed exit radius of the ε-sublevel set (or, FLAT-VOLUME-ATTRACTION, of the
 * set of starts from which gradient descent returns to θ).
 */
public final class BasinVolume {

  /** Relative width at which the bisection of an exit radius stops. */
  static final double RADIUS_REL_TOL = 1e-6;
  /** ESS below which the interval is flagged unreliable. */
  static final double MIN_ESS = 10.0;

  private BasinVolume() {}

  /** Membership of the basin along a ray: whether θ + t·u is inside. */
  public interface Membership {
    /** Whether the point (not modified) is inside. */
    boolean inside(double[] point);
  }

  /**
   * Options of the radial search.
   *
   * @param directions number of seeded directions M (≥ 2; direction j uses {@code Rng.derive(seed, j)})
   * @param initialRadius first radius t₀ of the geometric march (&gt; 0)
   * @param maxRadius largest radius r_max (&gt; t₀); directions that never exit are capped there
   * @param level confidence level of the interval
   * @param seed the seed
   */
  public record Options(int directions, double initialRadius, double maxRadius, double level, long seed) {
    /** Validated. */
    public Options {
      Checks.atLeast("directions", directions, 2);
      Checks.positive("initial radius", initialRadius);
      Checks.positive("max radius", maxRadius);
      if (!(maxRadius > initialRadius)) {
        throw new InvalidInputException("max radius", maxRadius + " must exceed the initial radius "
            + initialRadius);
      }
      Checks.openUnit("confidence level", level);
    }
  }

  /**
   * The estimate of log vol.
   *
   * @param logVolume the estimate of log vol Ω (natural log)
   * @param low lower end of the interval, or null when the t-interval for E r^D reaches 0
   * @param high upper end of the interval
   * @param level the interval's level
   * @param dimension D
   * @param logUnitBall log(π^{D/2}/Γ(D/2 + 1))
   * @param meanLogRadius E log r over the directions (D times it, plus logUnitBall, is a Jensen
   *     lower-bound estimate of the log-volume)
   * @param effectiveSampleSize (Σw)²/Σw² of the weights w_i ∝ r_i^D
   * @param reliable whether ESS ≥ 10 (else one direction dominates and the interval is unreliable)
   * @param capped directions that did not exit by r_max (their radius is a lower bound)
   * @param radii the exit radius of every direction (fresh)
   * @param evaluations membership tests spent
   */
  public record VolumeEstimate(double logVolume, @Nullable Double low, double high, double level, int dimension,
      double logUnitBall, double meanLogRadius, double effectiveSampleSize, boolean reliable, int capped,
      double[] radii, int evaluations) {}

  /** The ε-sublevel basin {L &lt; L(θ) + ε} (FLAT-VOLUME); θ not modified. */
  public static VolumeEstimate sublevel(Objective obj, double[] theta, double epsilon, Options o) {
    Checks.positive("epsilon", epsilon);
    double limit = obj.loss(theta) + epsilon;
    return estimate(theta, pt -> obj.loss(pt) < limit, o);
  }

  /**
   * The gradient-descent basin of attraction (FLAT-VOLUME-ATTRACTION): inside when full-batch GD
   * with step η from the point reaches ‖θ' − θ‖₂ ≤ δ within T steps. θ not modified.
   */
  public static VolumeEstimate attraction(Objective obj, double[] theta, double eta, int steps, double delta, Options o) {
    Checks.length("theta", theta, obj.numParams(), "N");
    Checks.positive("eta", eta);
    Checks.atLeast("steps", steps, 1);
    Checks.positive("delta", delta);
    return estimate(theta, pt -> returns(obj, theta, pt, eta, steps, delta), o);
  }

  private static boolean returns(Objective obj, double[] theta, double[] start, double eta, int steps, double delta) {
    double[] x = start.clone();
    for (int s = 0; s <= steps; s++) {
      if (Vectors.distance(x, theta) <= delta) {
        return true;
      }
      if (s == steps) {
        break;
      }
      Point p = obj.at(x);
      double[] g = p.gradient();
      for (int i = 0; i < x.length; i++) {
        x[i] -= eta * g[i];
      }
      if (!allFinite(x)) {
        return false;
      }
    }
    return false;
  }

  /** The radial estimator for any membership test (θ not modified). */
  public static VolumeEstimate estimate(double[] theta, Membership inside, Options o) {
    Checks.finite("theta", theta);
    int dim = theta.length;
    int m = o.directions();
    double[] radii = new double[m];
    int capped = 0;
    int[] evals = new int[1];
    for (int j = 0; j < m; j++) {
      double[] u = Rng.of(Rng.derive(o.seed(), j)).gaussians(dim, 1.0);
      double nu = Vectors.norm(u);
      for (int i = 0; i < dim; i++) {
        u[i] /= nu;
      }
      double r = exitRadius(theta, u, inside, o, evals);
      if (r >= o.maxRadius()) {
        capped++;
      }
      radii[j] = r;
    }
    double logUnit = 0.5 * dim * Math.log(Math.PI) - LogGamma.value(0.5 * dim + 1.0);
    double maxLog = Double.NEGATIVE_INFINITY;
    double meanLog = 0.0;
    for (double r : radii) {
      maxLog = Math.max(maxLog, dim * Math.log(r));
      meanLog += Math.log(r) / m;
    }
    double[] w = new double[m];
    double sw = 0.0;
    double sww = 0.0;
    for (int j = 0; j < m; j++) {
      w[j] = Math.exp(dim * Math.log(radii[j]) - maxLog);
      sw += w[j];
      sww += w[j] * w[j];
    }
    double mean = sw / m;
    double var = 0.0;
    for (double x : w) {
      var += (x - mean) * (x - mean);
    }
    double se = Math.sqrt(var / (m - 1) / m);
    double t = TDistribution.of(m - 1).inverseCumulativeProbability(0.5 + o.level() / 2.0);
    double lowMean = mean - t * se;
    double ess = sw * sw / sww;
    double base = logUnit + maxLog;
    return new VolumeEstimate(base + Math.log(mean), lowMean > 0.0 ? base + Math.log(lowMean) : null,
        base + Math.log(mean + t * se), o.level(), dim, logUnit, meanLog, ess, ess >= MIN_ESS, capped, radii, evals[0]);
  }

  /**
   * The paired log volume ratio of two basins in the radial geometric-mean form (spec
   * FLAT-VOLUME-RATIO): D·mean_j(log r_a(u_j) − log r_b(u_j)) with its Student-t interval (FLAT-CI).
   * Both estimates must come from the same options (seed, directions) in the same dimension, so that
   * direction j is the same unit vector at both points.
   */
  public static Estimate pairedLogRatio(VolumeEstimate a, VolumeEstimate b, double level) {
    if (a.dimension() != b.dimension() || a.radii().length != b.radii().length) {
      throw new InvalidInputException("volume estimates", "a paired ratio needs the same dimension and directions ("
          + a.dimension() + " / " + b.dimension() + " dimensions, " + a.radii().length + " / " + b.radii().length + " directions)");
    }
    double[] ra = a.radii();
    double[] rb = b.radii();
    double[] diff = new double[ra.length];
    for (int j = 0; j < diff.length; j++) {
      diff[j] = a.dimension() * (Math.log(ra[j]) - Math.log(rb[j]));
    }
    return Estimate.of(diff, level);
  }

  /** First observed exit radius along u: geometric march from t₀, then bisection. */
  private static double exitRadius(double[] theta, double[] u, Membership inside, Options o, int[] evals) {
    double in = 0.0;
    double t = o.initialRadius();
    while (true) {
      evals[0]++;
      if (!inside.inside(along(theta, u, t))) {
        break;
      }
      in = t;
      if (t >= o.maxRadius()) {
        return o.maxRadius();
      }
      t = Math.min(2.0 * t, o.maxRadius());
    }
    double out = t;
    while (out - in > RADIUS_REL_TOL * out) {
      double mid = 0.5 * (in + out);
      evals[0]++;
      if (inside.inside(along(theta, u, mid))) {
        in = mid;
      } else {
        out = mid;
      }
    }
    return 0.5 * (in + out);
  }

  private static boolean allFinite(double[] x) {
    for (double v : x) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private static double[] along(double[] theta, double[] u, double t) {
    double[] p = theta.clone();
    Krylov.axpy(t, u, p);
    return p;
  }
}
