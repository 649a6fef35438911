package dev.basin.symmetry;

import dev.basin.base.Findings;
import dev.basin.base.Reported;
import dev.basin.base.Vectors;
import dev.basin.kernel.ParameterLayout;
import dev.basin.measure.EigenCertificate;
import dev.basin.measure.HessianDiagonal;
import dev.basin.measure.HessianOperator;
import dev.basin.measure.Sharpness;
import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.model.TwoLayerNet;
import java.util.List;
import java.util.Locale;

/**
 * Dinh et al.'s Theorems 3 and 5 made executable (spec SYM-SHARPEN): given a net and a target M,
 * the equivalent net T_α(net) (same function) whose trace, λ_max or ε-sharpness is at least M, with
 * the evidence: an exact trace, or a certified lower bound. Theorem 4 (many eigenvalues above M) is
 * {@link EigenCount}.
 */
public final class Sharpen {

  /** Largest log₂ α tried by the sharpness search. */
  static final int MAX_DOUBLINGS = 60;

  private Sharpen() {}

  /** The sharpened quantity. */
  public enum Measure {
    /** tr ∇²L, exact (SYM-SHARPEN-TRACE). */
    TRACE,
    /** λ_max(∇²L), certified lower bound (SYM-SHARPEN-LAMBDA). */
    LAMBDA_MAX,
    /** l2-ball ε-sharpness, certified lower bound (SYM-SHARPEN-SHARPNESS). */
    BALL_SHARPNESS,
    /** Keskar box ε-sharpness (×100), certified lower bound (SYM-SHARPEN-SHARPNESS). */
    KESKAR_SHARPNESS
  }

  /**
   * A sharpened net.
   *
   * @param measure what was sharpened
   * @param target M
   * @param before the measure at the input net (exact trace, or the lower bound used)
   * @param alpha the α of T_α
   * @param net T_α(net)
   * @param achieved the evidence at T_α(net): the exact trace, or a certified lower bound, ≥ target
   * @param witness for sharpness, the perturbed parameters that attain {@code achieved}; else empty
   */
  public record Result(Measure measure, double target, double before, double alpha, TwoLayerNet net, double achieved,
      double[] witness) {

    /**
     * The result as findings (REPORT-FINDINGS): the measure before and at T_α(net) with its kind
     * (the exact trace, or a certified lower bound), and how far T_α(net)'s outputs on {@code obj}'s
     * data are from {@code input}'s (the same function up to rounding).
     */
    public Findings findings(Objective obj, TwoLayerNet input) {
      double dev = Vectors.maxAbsDifference(obj.outputs(input.parameters()), obj.outputs(net.parameters()));
      boolean trace = measure == Measure.TRACE;
      String how = trace ? "exact trace (FLAT-TRACE)" : "certified lower bound";
      return Findings.builder()
          .text("measure", measure.name().toLowerCase(Locale.ROOT))
          .setting("target", target)
          .setting("alpha", alpha)
          .put("before", trace ? Reported.exact(before, "SYM-SHARPEN", how + " at the input net")
              : Reported.lowerBound(before, "SYM-SHARPEN", how + " at the input net"))
          .put("achieved", trace ? Reported.exact(achieved, "SYM-SHARPEN", how + " at T_alpha(net)")
              : Reported.lowerBound(achieved, "SYM-SHARPEN", how + " at T_alpha(net)"))
          .put("max_output_deviation", Reported.exact(dev, "SYM-SHARPEN", "max |f'(x_i)_o - f(x_i)_o| over the data"))
          .text("spec", "SYM-SHARPEN")
          .build();
    }
  }

  /** SYM-SHARPEN-TRACE. */
  public static Result trace(Objective obj, TwoLayerNet net, double target) {
    Checks.finite("target", target);
    Point p = obj.at(net);
    HessianDiagonal.UnitTraces t = HessianDiagonal.unitTraces(p);
    double a = Math.max(0.0, t.inTotal());
    double b = Math.max(0.0, t.outTotal());
    double c = t.outputBias();
    double cur = t.trace();
    if (cur >= target) {
      return new Result(Measure.TRACE, target, cur, 1.0, net, cur, new double[0]);
    }
    boolean up = b > 0.0;
    double alpha;
    if (up) {
      double mc = target - c;
      double disc = Math.max(0.0, mc * mc - 4.0 * a * b);
      alpha = Math.sqrt((mc + Math.sqrt(disc)) / (2.0 * b));
    } else if (a > 0.0) {
      alpha = Math.sqrt(a / (target - c));
    } else {
      throw new InvalidInputException("target", target + " is unreachable: tr H = " + cur
          + " on the whole orbit (no unit has curvature in its weights)");
    }
    for (int tries = 0; tries < 200; tries++) {
      TwoLayerNet sharp = Rescaling.uniform(net.hidden(), alpha).apply(net);
      double tr = HessianDiagonal.trace(obj.at(sharp));
      if (tr >= target) {
        return new Result(Measure.TRACE, target, cur, alpha, sharp, tr, new double[0]);
      }
      alpha = up ? alpha * (1.0 + 1e-6) : alpha / (1.0 + 1e-6);
    }
    throw new ArithmeticException("sharpen trace: rounding kept the trace below the target " + target);
  }

  /** SYM-SHARPEN-LAMBDA: a W2 (or W1) diagonal entry scaled past M, certified by its Rayleigh quotient. */
  public static Result lambdaMax(Objective obj, TwoLayerNet net, double target) {
    Checks.finite("target", target);
    Point p = obj.at(net);
    ParameterLayout l = net.layout();
    double[] diag = HessianDiagonal.diagonal(p);
    int bestOut = argmax(diag, l.offsetW2(), l.offsetW2() + l.outputs() * l.hidden());
    int bestIn = argmax(diag, 0, l.offsetW2());
    double before = Math.max(diag[bestOut], diag[bestIn]);
    boolean up = diag[bestOut] > 0.0;
    int q = up ? bestOut : bestIn;
    if (!(diag[q] > 0.0)) {
      throw new InvalidInputException("target", target + " is unreachable this way: no weight has a positive"
          + " Hessian diagonal entry");
    }
    double alpha = before >= target ? 1.0 : up ? Math.sqrt(target / diag[q]) : Math.sqrt(diag[q] / target);
    for (int tries = 0; tries < 200; tries++) {
      TwoLayerNet sharp = Rescaling.uniform(net.hidden(), alpha).apply(net);
      double[] e = new double[l.size()];
      e[q] = 1.0;
      EigenCertificate c = EigenCertificate.of(HessianOperator.at(obj.at(sharp)), e);
      if (c.lowerBoundOnLargest() >= target) {
        return new Result(Measure.LAMBDA_MAX, target, before, alpha, sharp, c.lowerBoundOnLargest(), new double[0]);
      }
      alpha = up ? alpha * (1.0 + 1e-6) : alpha / (1.0 + 1e-6);
    }
    throw new ArithmeticException("sharpen lambda_max: rounding kept the bound below the target " + target);
  }

  /**
   * SYM-SHARPEN-SHARPNESS: doubles α from 1 until the ascent's certified lower bound on the ball
   * (or Keskar box) ε-sharpness reaches M; the W2 = 0 point of Dinh's Thm 5 is always tried.
   */
  public static Result sharpness(Objective obj, TwoLayerNet net, double target, double eps, boolean keskar,
      Sharpness.Options o) {
    Checks.finite("target", target);
    Checks.positive("epsilon", eps);
    Rescaling.requireHomogeneous(net.activation());
    ParameterLayout l = net.layout();
    double before = Double.NaN;
    for (int k = 0; k <= MAX_DOUBLINGS; k++) {
      double alpha = Math.scalb(1.0, k);
      TwoLayerNet sharp = k == 0 ? net : Rescaling.uniform(net.hidden(), alpha).apply(net);
      double[] theta = sharp.parameters();
      double[] zeroW2 = new double[theta.length];
      for (int q = l.offsetW2(); q < l.offsetW2() + l.outputs() * l.hidden(); q++) {
        zeroW2[q] = -theta[q];
      }
      List<double[]> extra = List.of(zeroW2);
      Sharpness.Result r = keskar ? Sharpness.keskar(obj, theta, eps, o, extra) : Sharpness.ball(obj, theta, eps, o, extra);
      if (k == 0) {
        before = r.lowerBound();
      }
      if (r.lowerBound() >= target) {
        return new Result(keskar ? Measure.KESKAR_SHARPNESS : Measure.BALL_SHARPNESS, target, before, alpha, sharp,
            r.lowerBound(), r.witness());
      }
    }
    throw new InvalidInputException("target", target + " not reached with alpha up to 2^" + MAX_DOUBLINGS
        + " (the loss may be bounded along the perturbations)");
  }

  private static int argmax(double[] v, int from, int to) {
    int best = from;
    for (int q = from; q < to; q++) {
      if (v[q] > v[best]) {
        best = q;
      }
    }
    return best;
  }
}
