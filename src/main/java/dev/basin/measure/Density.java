package dev.basin.measure;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.Memory;
import java.util.List;
import java.util.Set;

/**
 * The spectral density of H (spec FLAT-SLQ): exact from every eigenvalue up to --max-exact,
 * above it by stochastic Lanczos quadrature (an estimate without an interval); nodes and weights
 * unsmoothed, and the Gaussian-smoothed density on a grid.
 */
public final class Density extends Registered {

  /** Default SLQ starts (Ghorbani et al. and PyHessian use a handful). */
  public static final int DEFAULT_STARTS = 4;
  /** Default Lanczos steps per start (PyHessian's default iteration count is 100; 80 resolves the bulk). */
  public static final int DEFAULT_STEPS = 80;
  /** Default grid points of the smoothed density. */
  public static final int DEFAULT_POINTS = 201;

  /** --density-starts. */
  public static final MeasureOption<Integer> STARTS = MeasureOption.atLeast("--density-starts", DEFAULT_STARTS, 1, "S",
      "SLQ starting vectors.");
  /** --density-steps. */
  public static final MeasureOption<Integer> STEPS = MeasureOption.atLeast("--density-steps", DEFAULT_STEPS, 1, "M",
      "SLQ Lanczos steps per start.");
  /** --density-points. */
  public static final MeasureOption<Integer> POINTS = MeasureOption.atLeast("--density-points", DEFAULT_POINTS, 2, "G",
      "Grid points of the smoothed density.");
  /** --density-width (0: the default share of the node range). */
  public static final MeasureOption<Double> WIDTH = MeasureOption.nonNegative("--density-width", 0.0, "W",
      "Gaussian kernel width (0: 1% of the node range).");

  /** The measure. */
  public static final Density INSTANCE = new Density();

  private Density() {
    super("density", "spectral density of H (exact up to --max-exact, else stochastic Lanczos quadrature)", "FLAT-SLQ",
        List.of(STARTS, STEPS, POINTS, WIDTH, CommonOptions.MAX_EXACT, CommonOptions.SEED),
        Set.of(Need.FORWARD_PASS, Need.HVP, Need.EXPLICIT_HESSIAN),
        "N <= --max-exact: the explicit Hessian and a dense eigensolve; above: starts x steps HVPs (320 at the defaults)",
        false);
  }

  @Override
  public Finding run(MeasureContext c) {
    boolean exact = c.small();
    if (!exact) {
      // one start's Krylov basis (steps + 1 vectors) and the residual are held at once
      int n = c.operator().dim();
      long steps = Math.min(c.get(STEPS), n);
      Memory.require(STEPS.name(), Memory.doubles(steps + 2, n), "the SLQ Lanczos basis (" + steps + " x N = " + n + ")",
          "lower " + STEPS.name());
    }
    SpectralDensity.Quadrature q = exact ? SpectralDensity.exact(c.eigenvalues())
        : SpectralDensity.slq(c.operator(), c.get(STARTS), c.get(STEPS), c.get(CommonOptions.SEED));
    double width = c.get(WIDTH) > 0.0 ? c.get(WIDTH) : q.defaultWidth();
    double[] grid = q.grid(c.get(POINTS), width);
    String what = exact ? "exact (every eigenvalue, weight 1/N)" : "stochastic Lanczos quadrature: an estimate, no interval";
    return Findings.builder()
        .text("quadrature", what)
        .count("starts", q.starts())
        .count("steps", q.steps())
        .setting("kernel_width", width)
        .values("nodes", q.nodes(), "quadrature nodes: Ritz values, or the eigenvalues when exact; " + what, "FLAT-SLQ")
        .values("weights", q.weights(), "quadrature weights, summing to 1", "FLAT-SLQ")
        .values("grid", grid, "the grid of the smoothed density (nodes +- 3 kernel widths)", "FLAT-SLQ")
        .values("density", q.smooth(grid, width), "Gaussian-smoothed density at each grid point; " + what, "FLAT-SLQ")
        .build();
  }
}
