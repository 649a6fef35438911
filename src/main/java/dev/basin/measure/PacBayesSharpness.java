package dev.basin.measure;

import dev.basin.base.Findings;
import dev.basin.base.Reported;
import dev.basin.base.Rng;
import dev.basin.kernel.Loss;
import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Objective;
import java.util.ArrayList;
import java.util.List;

/**
 * Jiang et al.'s PAC-Bayes sharpness searches (spec FLAT-PACBAYES-SIGMA, FLAT-PACBAYES-MAG): the
 * largest perturbation scale σ whose Gaussian perturbations change the training accuracy (or, for
 * the squared losses, the loss) by a target deviation. σ is always a <em>standard deviation</em>:
 * plain u ~ N(0, σ²I); magnitude-aware u_i ~ N(0, σ²θ_i² + ε²) (variance). The search uses common
 * random numbers, so it is a deterministic, reproducible function of the seed.
 */
public final class PacBayesSharpness {

  private PacBayesSharpness() {}

  /** What "deviation" means. */
  public enum Deviation {
    /** |mean accuracy(θ + u) − accuracy(θ)| (Jiang et al.; needs ce or logistic). */
    ACCURACY,
    /** mean L(θ + u) − L(θ) (basin convention for the squared losses). */
    LOSS;

    /** ACCURACY for the classification losses, LOSS otherwise. */
    public static Deviation defaultFor(Loss loss) {
      return loss.usesLabels() ? ACCURACY : LOSS;
    }
  }

  /**
   * Search options; the defaults are those of the public reimplementation (papers.md §6.10).
   *
   * @param upper initial upper end of the bisection interval [0, upper] (2)
   * @param depth maximum number of bisection steps (15)
   * @param samples Monte-Carlo draws per σ (10)
   * @param tolerance stop when |deviation − target| &lt; tolerance (10⁻²)
   * @param deviation what is measured
   * @param seed draw j uses the stream {@code Rng.derive(seed, j)}
   */
  public record Options(double upper, int depth, int samples, double tolerance, Deviation deviation, long seed) {
    /** Validated. */
    public Options {
      Checks.positive("upper", upper);
      Checks.atLeast("depth", depth, 1);
      Checks.atLeast("samples", samples, 2);
      Checks.positive("tolerance", tolerance);
    }

    /** Jiang et al.'s search: [0, 2], depth 15, 10 draws, tolerance 10⁻². */
    public static Options jiang(Deviation deviation, long seed) {
      return new Options(2.0, 15, 10, 1e-2, deviation, seed);
    }
  }

  /** One bisection step: σ tried, mean deviation and its standard error. */
  public record Step(double sigma, double deviation, double standardError) {}

  /**
   * The search result.
   *
   * @param sigma the σ returned (the last one tried)
   * @param deviation the mean deviation at σ
   * @param standardError its Monte-Carlo standard error (over the draws)
   * @param target the target deviation
   * @param reached whether |deviation − target| &lt; tolerance
   * @param magnitudeEpsilon ε of the magnitude-aware search (NaN for the plain search)
   * @param steps every step, in order
   */
  public record SigmaSearch(double sigma, double deviation, double standardError, double target, boolean reached,
      double magnitudeEpsilon, List<Step> steps) {

    /** The search as findings: σ (exact given the seeded draws), the deviation there and the search's record. */
    public Findings findings(String spec) {
      return Findings.builder()
          .put("sigma", Reported.exact(sigma, spec, "the sigma returned by the bisection with the seeded common random"
              + " draws (a deterministic function of the seed)"))
          .put("deviation", Reported.exact(deviation, spec, "mean deviation over the draws at sigma (a Monte-Carlo mean;"
              + " its standard error beside it)"))
          .put("standard_error", Reported.exact(standardError, spec, "standard error of that mean over the draws"))
          .setting("target", target)
          .flag("reached", reached)
          .count("steps", steps.size())
          .build();
    }
  }

  /** The plain search (FLAT-PACBAYES-SIGMA) at θ (not modified). */
  public static SigmaSearch sigma(Objective obj, double[] theta, double target, Options o) {
    return search(obj, theta, target, Double.NaN, o);
  }

  /** The magnitude-aware search (FLAT-PACBAYES-MAG), u_i ~ N(0, σ²θ_i² + ε²), ε &gt; 0 (Jiang: 10⁻³); θ not modified. */
  public static SigmaSearch magnitudeSigma(Objective obj, double[] theta, double target, double epsilon, Options o) {
    Checks.positive("epsilon", epsilon);
    return search(obj, theta, target, epsilon, o);
  }

  /**
   * The standard deviations of one perturbation at scale σ (fresh): σ for the plain search,
   * √(σ²θ_i² + ε²) for the magnitude-aware one (the paper's variance, not the reimplementation's);
   * ε = NaN selects the plain search. θ not modified.
   */
  public static double[] perturbationStd(double[] theta, double sigma, double magnitudeEpsilon) {
    double[] s = new double[theta.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = Double.isNaN(magnitudeEpsilon) ? sigma
          : Math.sqrt(sigma * sigma * theta[i] * theta[i] + magnitudeEpsilon * magnitudeEpsilon);
    }
    return s;
  }

  private static SigmaSearch search(Objective obj, double[] theta, double target, double eps, Options o) {
    Checks.positive("target deviation", target);
    Checks.length("theta", theta, obj.numParams(), "N");
    Checks.finite("theta", theta);
    if (o.deviation() == Deviation.ACCURACY && !obj.loss().usesLabels()) {
      throw new InvalidInputException("deviation", "accuracy needs a classification loss (ce or logistic)");
    }
    int n = theta.length;
    double[][] xi = new double[o.samples()][];
    for (int j = 0; j < xi.length; j++) {
      xi[j] = Rng.of(Rng.derive(o.seed(), j)).gaussians(n, 1.0);
    }
    double base = o.deviation() == Deviation.ACCURACY ? accuracy(obj, theta) : obj.loss(theta);
    double lo = 0.0;
    double hi = o.upper();
    List<Step> steps = new ArrayList<>();
    double sigma = 0.0;
    double dev = 0.0;
    double se = 0.0;
    boolean reached = false;
    for (int it = 0; it < o.depth(); it++) {
      sigma = 0.5 * (lo + hi);
      double[] std = perturbationStd(theta, sigma, eps);
      double[] vals = new double[xi.length];
      for (int j = 0; j < xi.length; j++) {
        double[] pt = theta.clone();
        for (int i = 0; i < n; i++) {
          pt[i] += std[i] * xi[j][i];
        }
        vals[j] = o.deviation() == Deviation.ACCURACY ? accuracy(obj, pt) : obj.loss(pt);
      }
      double mean = 0.0;
      for (double v : vals) {
        mean += v;
      }
      mean /= vals.length;
      double ss = 0.0;
      for (double v : vals) {
        ss += (v - mean) * (v - mean);
      }
      se = Math.sqrt(ss / (vals.length - 1) / vals.length);
      dev = o.deviation() == Deviation.ACCURACY ? Math.abs(mean - base) : mean - base;
      steps.add(new Step(sigma, dev, se));
      if (Math.abs(dev - target) < o.tolerance()) {
        reached = true;
        break;
      }
      if (dev > target) {
        hi = sigma;
      } else {
        lo = sigma;
      }
    }
    return new SigmaSearch(sigma, dev, se, target, reached, eps, List.copyOf(steps));
  }

  /** Training accuracy at θ (not modified; FLAT-PACBAYES-SIGMA): {@link #accuracyOfOutputs} of f_θ. */
  public static double accuracy(Objective obj, double[] theta) {
    return accuracyOfOutputs(obj, obj.outputs(theta));
  }

  /**
   * Training accuracy of given outputs (n·k, not modified) against the objective's labels: argmax
   * over outputs (ties to the lowest index) for k ≥ 2, 1[o &gt; 0] for k = 1.
   */
  public static double accuracyOfOutputs(Objective obj, double[] out) {
    int[] y = obj.data().labels();
    int k = obj.layout().outputs();
    int correct = 0;
    for (int i = 0; i < y.length; i++) {
      int pred;
      if (k == 1) {
        pred = out[i] > 0.0 ? 1 : 0;
      } else {
        pred = 0;
        for (int o = 1; o < k; o++) {
          if (out[i * k + o] > out[i * k + pred]) {
            pred = o;
          }
        }
      }
      if (pred == y[i]) {
        correct++;
      }
    }
    return (double) correct / y.length;
  }
}
