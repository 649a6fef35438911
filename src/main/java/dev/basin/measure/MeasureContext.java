package dev.basin.measure;

import dev.basin.base.Findings;
import dev.basin.base.Reported;
import dev.basin.base.Vectors;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import java.util.List;
import org.checkerframework.checker.nullness.qual.NonNull;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What the measures of one run share (spec MEASURE-REGISTRY): the point (one validated copy of θ,
 * one forward pass), one Hessian operator (its error bound and forward quantities built once), the
 * explicit Hessian and its spectrum when N ≤ --max-exact (built at most once), and one certified
 * Lanczos run covering every side the measures planned. Safe for use by one thread at a time.
 */
public final class MeasureContext {

  /** What the measures of a run will ask of the shared Lanczos run, gathered before any runs. */
  public static final class Plan {
    private int largest;
    private int smallest;

    /** Asks for at least this many of the largest and smallest eigenvalues. */
    public void extremes(int largest, int smallest) {
      this.largest = Math.max(this.largest, largest);
      this.smallest = Math.max(this.smallest, smallest);
    }
  }

  private final Point point;
  private final MeasureSettings settings;
  private final Plan plan;
  private final double[] theta;
  private @Nullable HessianOperator operator;
  private double @Nullable [] hessian;
  private double @Nullable [] eigenvalues;
  private Lanczos.@Nullable Result lanczos;

  private MeasureContext(Point point, MeasureSettings settings, Plan plan) {
    this.point = point;
    this.settings = settings;
    this.plan = plan;
    this.theta = point.thetaShared();
  }

  /** The context of the given measures at a point (each measure's plan is gathered now). */
  public static MeasureContext of(Point point, MeasureSettings settings, List<Measure> measures) {
    Plan plan = new Plan();
    for (Measure m : measures) {
      m.plan(plan, settings);
    }
    return new MeasureContext(point, settings, plan);
  }

  /** The point (forward pass done). */
  public Point point() {
    return point;
  }

  /** The objective. */
  public Objective objective() {
    return point.objective();
  }

  /** θ, validated once when the point was made (shared: do not modify). */
  public double[] theta() {
    return theta;
  }

  /** N. */
  public int numParams() {
    return theta.length;
  }

  /** The run's settings. */
  public MeasureSettings settings() {
    return settings;
  }

  /** The value of an option. */
  public <T extends @NonNull Object> T get(MeasureOption<T> o) {
    return settings.get(o);
  }

  /** Whether N ≤ --max-exact, so the explicit Hessian is used. */
  public boolean small() {
    return theta.length <= settings.get(CommonOptions.MAX_EXACT);
  }

  /** The Hessian operator at the point, shared by every measure of the run. */
  public HessianOperator operator() {
    HessianOperator op = operator;
    if (op == null) {
      op = HessianOperator.at(point);
      operator = op;
    }
    return op;
  }

  /** Hessian-vector products taken so far through the shared operator. */
  public long products() {
    HessianOperator op = operator;
    return op == null ? 0 : op.products();
  }

  /** The explicit Hessian (N×N row-major, shared: do not modify), built once; only when {@link #small}. */
  public double[] hessian() {
    double[] h = hessian;
    if (h == null) {
      if (!small()) {
        throw new IllegalStateException("explicit Hessian asked for above --max-exact");
      }
      SymmetricEigen.requireMemory(CommonOptions.MAX_EXACT.name(), theta.length, "Hessian");
      h = point.hessian();
      hessian = h;
    }
    return h;
  }

  /** The eigenvalues of the explicit Hessian, ascending (shared: do not modify), computed once. */
  public double[] eigenvalues() {
    double[] ev = eigenvalues;
    if (ev == null) {
      ev = SymmetricEigen.of(hessian(), theta.length, false).values();
      eigenvalues = ev;
    }
    return ev;
  }

  /** ‖H‖_F of the explicit Hessian. */
  public double frobenius() {
    return Vectors.norm(hessian());
  }

  /**
   * N·u·‖H‖_F with u = 2⁻⁵³ (FLAT-EIG-EXACT): the estimate of each dense eigenvalue's error from the
   * backward stability of the symmetric QR algorithm (p(N) = N is basin's choice, not a proven bound).
   */
  public Reported eigenvalueError() {
    return Reported.exact(theta.length * 0x1p-53 * frobenius(), "FLAT-EIG-EXACT",
        "N u ||H||_F, u = 2^-53: an estimate of the dense eigenvalue error, not a proven bound");
  }

  /**
   * The certified Lanczos run over every side the measures planned (at least the one asked here),
   * run once with --tol, --max-iter and --seed.
   */
  public Lanczos.Result extremes(int largest, int smallest) {
    Lanczos.Result r = lanczos;
    if (r == null || r.largest().size() < largest || r.smallest().size() < smallest) {
      plan.extremes(largest, smallest);
      r = Lanczos.run(operator(), new Lanczos.Options(plan.largest, plan.smallest, settings.get(Spectrum.TOL),
          settings.get(Spectrum.MAX_ITER), settings.get(CommonOptions.SEED)));
      lanczos = r;
    }
    return r;
  }

  /** The run summary of a Lanczos run: iterations, products, convergence. */
  public Findings lanczosSummary(Lanczos.Result r) {
    return Findings.builder().count("iterations", r.iterations()).count("products", r.products())
        .flag("converged", r.converged()).count("max_iterations", r.maxIterations())
        .setting("tolerance", settings.get(Spectrum.TOL)).build();
  }
}
