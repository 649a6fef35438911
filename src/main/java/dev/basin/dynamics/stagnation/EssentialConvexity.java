package dev.basin.dynamics.stagnation;

import dev.basin.base.Rng;
import dev.basin.dynamics.Landscape;
import dev.basin.model.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * The local essential convexity check of spec STAG-LEC (basin's operationalization of the
 * paper's assumption, papers.md §4.3): on points θ = θ* + δ sampled in shells s·A of the set
 * (s = j/J, j = 1..J, δ uniform in s·A), the restricted secant ratio
 * κ_sec(θ) = ⟨∇R(θ), δ⟩ / ‖Pδ‖² and the value ratio κ_val(θ) = 2(R(θ) − R(θ*)) / ‖Pδ‖². The
 * inequality ⟨∇R(θ), δ⟩ ≥ κ‖Pδ‖² holds on the samples exactly for κ ≤ min κ_sec; the minimum is
 * therefore an <b>upper estimate</b> of the best κ on the whole set (sampling can miss worse
 * points). A sample with ⟨∇R(θ), δ⟩ ≤ 0 "fails": no κ &gt; 0 holds there.
 */
public final class EssentialConvexity {

  private EssentialConvexity() {}

  /**
   * One shell.
   *
   * @param scale s
   * @param samples points drawn
   * @param minSecant min κ_sec over the shell
   * @param minValue min κ_val over the shell
   * @param failures points with ⟨∇R, δ⟩ ≤ 0
   */
  public record Shell(double scale, int samples, double minSecant, double minValue, int failures) {}

  /**
   * The result.
   *
   * @param kappaSecant min κ_sec over all samples (the largest κ consistent with them)
   * @param kappaValue min κ_val over all samples
   * @param samples points drawn (points with Pδ = 0 are skipped and not counted)
   * @param failures points where ⟨∇R, δ⟩ ≤ 0
   * @param smallestFailingScale the smallest shell scale with a failure, or 0 if none failed
   * @param shells per-shell minima, innermost first
   */
  public record Result(double kappaSecant, double kappaValue, int samples, int failures, double smallestFailingScale,
      List<Shell> shells) {}

  /**
   * Runs the check on R (the landscape's full-batch risk).
   *
   * @param landscape R
   * @param center θ* (not modified)
   * @param set A
   * @param shells J ≥ 1
   * @param perShell points per shell ≥ 1
   * @param seed the seed of the sampling stream
   */
  /*@ public behavior
    @ requires center.length == landscape.dimension() && shells >= 1 && perShell >= 1;
    @ ensures \result.samples() >= 1 && 0 <= \result.failures() && \result.failures() <= \result.samples();
    @ ensures \result.kappaSecant() == min over \result.shells() of minSecant && \result.kappaValue() == min over shells of minValue;
    @ ensures \result.failures() == 0 <==> \result.smallestFailingScale() == 0.0;
    @ ensures R quadratic with Hessian H, set a ball ==> lambda_min(H) <= kappaSecant <= lambda_max(H) (up to rounding);
    @ signals (InvalidInputException) shells < 1 || perShell < 1;
    @ assignable \nothing;
    @*/
  public static Result check(Landscape landscape, double[] center, StagnationSet set, int shells, int perShell, long seed) {
    Checks.atLeast("shells", shells, 1);
    Checks.atLeast("points per shell", perShell, 1);
    int n = landscape.dimension();
    Rng rng = Rng.of(seed);
    double[] grad = new double[n];
    double r0 = landscape.lossAndGradient(center, grad);
    double[] delta = new double[n];
    double[] theta = new double[n];
    List<Shell> out = new ArrayList<>();
    double kSec = Double.POSITIVE_INFINITY;
    double kVal = Double.POSITIVE_INFINITY;
    int total = 0;
    int fails = 0;
    double firstFail = 0.0;
    for (int j = 1; j <= shells; j++) {
      double scale = j / (double) shells;
      double shellSec = Double.POSITIVE_INFINITY;
      double shellVal = Double.POSITIVE_INFINITY;
      int shellFails = 0;
      int drawn = 0;
      for (int s = 0; s < perShell; s++) {
        set.sample(scale, rng, delta);
        double pn = set.essentialNormSquared(delta);
        if (!(pn > 0.0)) {
          continue;
        }
        for (int q = 0; q < n; q++) {
          theta[q] = center[q] + delta[q];
        }
        double r = landscape.lossAndGradient(theta, grad);
        double inner = 0.0;
        for (int q = 0; q < n; q++) {
          inner += grad[q] * delta[q];
        }
        drawn++;
        shellSec = Math.min(shellSec, inner / pn);
        shellVal = Math.min(shellVal, 2.0 * (r - r0) / pn);
        if (inner <= 0.0) {
          shellFails++;
        }
      }
      if (drawn == 0) {
        continue;
      }
      out.add(new Shell(scale, drawn, shellSec, shellVal, shellFails));
      total += drawn;
      fails += shellFails;
      if (shellFails > 0 && firstFail == 0.0) {
        firstFail = scale;
      }
      kSec = Math.min(kSec, shellSec);
      kVal = Math.min(kVal, shellVal);
    }
    if (total == 0) {
      throw new IllegalStateException("every sampled point had P delta = 0");
    }
    return new Result(kSec, kVal, total, fails, firstFail, List.copyOf(out));
  }
}
