package dev.basin.golden;

import dev.basin.base.Reported;
import dev.basin.bounds.Interval;
import dev.basin.compute.ForwardQuantities;
import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.Gradient;
import dev.basin.kernel.HessianVector;
import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;
import dev.basin.linalg.VerifiedEigen;
import dev.basin.measure.CertifiedHessian;
import dev.basin.measure.FloatModel;
import dev.basin.measure.HessianDiagonal;
import dev.basin.measure.HessianOperator;
import dev.basin.measure.HvpErrorBound;
import dev.basin.measure.Lanczos;
import dev.basin.measure.Rounding;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The certified answers of one case and their tolerances (spec GOLDEN-CERT, GOLDEN-TOL). Everything
 * is evaluated on the reference kernel at the case's θ; every enclosure is rigorous (FLAT-LOSS-ERROR,
 * FLAT-GRAD-ERROR, FLAT-HVP-ERROR, FLAT-DIAG-ERROR, FLAT-EIG-VERIFIED, FLAT-CERT-EIG), every tolerance
 * is the same analysis in the tool's precision (FloatModel). Deterministic: no clock, no thread
 * count, no iteration over unordered maps.
 */
public final class GroundTruth {

  /** Quantity names (spec GOLDEN-QUANTITIES), in the order they are written. */
  public static final String LOSS = "loss";
  public static final String GRADIENT = "gradient";
  public static final String HVP = "hvp_";
  public static final String DIAGONAL = "diagonal";
  public static final String TRACE = "trace";
  public static final String BLOCK_TRACES = "block_traces";
  public static final String TOP = "top_eigenvalues";
  public static final String BOTTOM = "bottom_eigenvalues";
  public static final String SPECTRUM = "spectrum";
  public static final String FROBENIUS = "frobenius";
  public static final String DENSITY = "density";
  public static final String FMIN = "fmin";

  /** Points of the density grid (GOLDEN-DENSITY). */
  static final int DENSITY_POINTS = 101;
  /** Kernel width of the density as a fraction of the spectrum's range (as `basin measure`'s default). */
  static final double DENSITY_WIDTH = 0.01;
  /** Relative tolerance asked of the Lanczos certificates of large cases (FLAT-LANCZOS). */
  static final double LANCZOS_TOL = 1e-10;
  /** Krylov dimension cap of large cases (a basis of 80 vectors of N ≈ 10⁶ doubles is 650 MB). */
  static final int LANCZOS_MAX_ITER = 80;

  private static final Precision[] PRECISIONS = Precision.values();

  /**
   * The certified answers of a case.
   *
   * @param spec the case
   * @param expected its quantities in order
   * @param facts facts about the case (sizes, definiteness, kinks)
   * @param violations per precision (by ordinal), where the precision's rounding model cannot hold,
   *     so a tool in it is expected to fail (GOLDEN-TOL "Where the model fails")
   */
  public record CaseTruth(CaseSpec spec, List<Expected> expected, Map<String, Object> facts,
      List<List<String>> violations, double[] densityGrid, double densityWidth) {}

  private final CaseSpec c;
  private final Problem p;
  private final double[] theta;
  private final ForwardPass f;
  private final HvpErrorBound own;
  private final HvpErrorBound[] tol;
  private final Objective obj;
  private final List<Expected> out = new ArrayList<>();
  private final Map<String, Object> facts = new LinkedHashMap<>();
  /** The grid of the density (set by {@link #density}; empty unless the case is explicit). */
  private double[] densityGrid = new double[0];
  private double densityWidth;

  private GroundTruth(CaseSpec c) {
    this.c = c;
    this.obj = Objective.of(c.net(), c.loss(), c.data());
    this.p = obj.problem();
    this.theta = c.net().parameters();
    this.f = ForwardPass.compute(p, theta);
    this.own = HvpErrorBound.of(p, theta, f);
    ForwardQuantities fq = ForwardQuantities.of(f);
    this.tol = new HvpErrorBound[PRECISIONS.length];
    for (Precision pr : PRECISIONS) {
      tol[pr.ordinal()] = HvpErrorBound.of(p, theta, fq, pr.model());
    }
  }

  /** Certifies every quantity of a case. */
  public static CaseTruth of(CaseSpec c) {
    return new GroundTruth(c).run();
  }

  private CaseTruth run() {
    int nn = theta.length;
    out.add(Expected.scalar(LOSS, enclose(f.loss(), own.lossErrorBound(), "FLAT-LOSS-ERROR",
        "reference kernel (NET-RISK), rounding bound FLAT-LOSS-ERROR"), tol[0].lossErrorBound(), tol[1].lossErrorBound(),
        Map.of()));
    double[] g = new double[nn];
    Gradient.compute(p, f, g);
    out.add(vector(GRADIENT, "FLAT-GRAD-ERROR", "reference kernel (NET-GRAD), rounding bound FLAT-GRAD-ERROR", g,
        own.gradientBound(), tol[0].gradientBound(), tol[1].gradientBound(), Map.of()));
    for (int j = 0; j < c.probes().length; j++) {
      double[] v = c.probes()[j];
      double[] hv = new double[nn];
      HessianVector.apply(p, theta, f, v, hv);
      out.add(vector(HVP + j, "FLAT-HVP-ERROR", "reference kernel (HESS-HVP) along probe v" + j + ", rounding bound"
          + " FLAT-HVP-ERROR", hv, own.bound(v), tol[0].bound(v), tol[1].bound(v), Map.of("probe", "v" + j)));
    }
    Point point = obj.at(theta);
    double[] diag = HessianDiagonal.diagonal(point);
    double[] db = own.diagonalBound();
    double[][] dt = {tol[0].diagonalBound(), tol[1].diagonalBound()};
    out.add(vector(DIAGONAL, "FLAT-DIAG-ERROR", "closed form FLAT-DIAG on the reference forward pass, rounding bound"
        + " FLAT-DIAG-ERROR", diag, db, dt[0], dt[1], Map.of()));
    int[] all = range(0, nn);
    Sum trace = sum(diag, db, dt, all);
    out.add(Expected.scalar(TRACE, trace.enclosure("FLAT-TRACE", "sum of the certified diagonal (FLAT-DIAG-ERROR)"),
        trace.tolerance[0], trace.tolerance[1], Map.of()));
    blockTraces(diag, db, dt);
    if (c.explicit()) {
      explicit();
    } else {
      lanczos(point);
    }
    if (c.net().activation().isPositivelyHomogeneous()) {
      fmin(diag, db, dt);
    }
    List<List<String>> violations = new ArrayList<>();
    for (Precision pr : PRECISIONS) {
      violations.add(violations(pr));
    }
    if (BoundTruth.applies(c)) {
      // after the case's violations: a bound's own (its decisions, its range) are the quantity's (GOLDEN-TOL-BOUNDS)
      double[][] outputErrors = new double[PRECISIONS.length][];
      for (Precision pr : PRECISIONS) {
        outputErrors[pr.ordinal()] = tol[pr.ordinal()].outputErrorBounds();
      }
      BoundTruth.Result b = BoundTruth.of(c, outputErrors);
      out.addAll(b.expected());
      facts.put("bounds", b.facts());
    }
    return new CaseTruth(c, List.copyOf(out), facts, violations, densityGrid, densityWidth);
  }

  /** [v − e, v + e] rounded outwards (e a rigorous bound on |v − exact|). */
  private static Reported.Enclosure enclose(double v, double e, String spec, String method) {
    return Reported.enclosure(v, Math.nextDown(v - e), Math.nextUp(v + e), spec, method);
  }

  private static Expected vector(String name, String spec, String method, double[] v, double[] b, double[] t64,
      double[] t32, Map<String, Object> facts) {
    double[] lo = new double[v.length];
    double[] hi = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      lo[i] = Math.nextDown(v[i] - b[i]);
      hi[i] = Math.nextUp(v[i] + b[i]);
    }
    return new Expected(name, spec, method, false, v, lo, hi, new double[][] {t64, t32}, facts);
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  /**
   * A sum of diagonal entries with a rigorous bound and per-precision tolerances.
   *
   * @param value the computed sum
   * @param bound a rigorous bound on |value − exact sum|
   * @param tolerance per precision: the tool's entries' tolerances plus its own summation
   */
  private record Sum(double value, double bound, double[] tolerance) {
    Reported.Enclosure enclosure(String spec, String method) {
      return enclose(value, bound, spec, method);
    }

    Interval interval() {
      return Interval.of(Math.nextDown(value - bound), Math.nextUp(value + bound));
    }

    /** The interval of values a tool in precision pr may report for the sum. */
    Interval toolInterval(Precision pr) {
      double t = tolerance[pr.ordinal()];
      return Interval.of(Math.nextDown(value - bound - t), Math.nextUp(value + bound + t));
    }
  }

  /**
   * Σ_{q∈idx} d_q: |fl(Σ d̂) − Σ d| ≤ Σ b_q + γ_{L−1}Σ|d̂_q| (L = |idx|), every non-negative sum rounded
   * up by (1 + 2γ_L); a tool in precision p: Σ τ_q + γ_{L−1}(u_p)Σ(|d̂_q| + b_q + τ_q).
   */
  private static Sum sum(double[] d, double[] b, double[][] t, int[] idx) {
    int len = idx.length;
    double s = 0.0;
    double sb = 0.0;
    double sa = 0.0;
    double[] st = new double[t.length];
    double[] sm = new double[t.length];
    for (int q : idx) {
      s += d[q];
      sb += b[q];
      sa += Math.abs(d[q]);
      for (int r = 0; r < t.length; r++) {
        st[r] += t[r][q];
        sm[r] += Math.abs(d[q]) + b[q] + t[r][q];
      }
    }
    double up = 1.0 + 2.0 * FloatModel.BASIN.gamma(len + 1.0);
    double bound = (sb + FloatModel.BASIN.gamma(Math.max(1, len - 1)) * sa) * up * up;
    double[] tolerance = new double[t.length];
    for (Precision pr : PRECISIONS) {
      int r = pr.ordinal();
      tolerance[r] = (st[r] + pr.model().gamma(Math.max(1, len - 1)) * sm[r]) * up * up;
    }
    return new Sum(s, bound, tolerance);
  }

  /** The traces of the parameter tensors 0.weight (W1), 0.bias (b1), 2.weight (W2), 2.bias (b2) present. */
  private void blockTraces(double[] diag, double[] db, double[][] dt) {
    ParameterLayout l = p.layout();
    List<String> names = new ArrayList<>();
    List<int[]> blocks = new ArrayList<>();
    names.add(SuiteFiles.W1);
    blocks.add(range(0, l.offsetB1()));
    if (l.hasHiddenBias()) {
      names.add(SuiteFiles.B1);
      blocks.add(range(l.offsetB1(), l.offsetW2()));
    }
    names.add(SuiteFiles.W2);
    blocks.add(range(l.offsetW2(), l.offsetW2() + l.outputs() * l.hidden()));
    if (l.hasOutputBias()) {
      names.add(SuiteFiles.B2);
      blocks.add(range(l.offsetB2(), l.size()));
    }
    int m = names.size();
    double[] v = new double[m];
    double[] b = new double[m];
    double[][] t = new double[PRECISIONS.length][m];
    for (int i = 0; i < m; i++) {
      Sum s = sum(diag, db, dt, blocks.get(i));
      v[i] = s.value();
      b[i] = s.bound();
      for (Precision pr : PRECISIONS) {
        t[pr.ordinal()][i] = s.tolerance()[pr.ordinal()];
      }
    }
    out.add(vector(BLOCK_TRACES, "FLAT-TRACE", "sums of the certified diagonal over each parameter tensor", v, b, t[0],
        t[1], Map.of("blocks", names)));
  }

  /**
   * Small N: the certified explicit Hessian gives every eigenvalue in order, the Frobenius norm and
   * the density (FLAT-EIG-VERIFIED); a tool's eigenvalue tolerance is the Frobenius norm of its
   * explicit Hessian's column bounds plus N·u_p·‖H‖_F for its dense solver (LINALG-EIGEN's constant).
   */
  private void explicit() {
    int nn = theta.length;
    CertifiedHessian ch = CertifiedHessian.of(p, theta);
    VerifiedEigen.Result sp = ch.spectrum();
    double[] fro = ch.frobenius();
    ForwardQuantities fq = ForwardQuantities.of(f);
    double[] colFro = new double[PRECISIONS.length];
    double[] eigTol = new double[PRECISIONS.length];
    double[] froTol = new double[PRECISIONS.length];
    for (Precision pr : PRECISIONS) {
      int r = pr.ordinal();
      colFro[r] = CertifiedHessian.columnBoundFrobenius(p, theta, fq, pr.model());
      eigTol[r] = colFro[r] + nn * pr.unitRoundoff() * fro[2];
      froTol[r] = colFro[r] + pr.model().gamma((double) nn * nn + 3.0) * fro[2];
    }
    Map<String, Object> ordered = Map.of("order", "certified (FLAT-EIG-VERIFIED: the i-th enclosure holds the i-th"
        + " eigenvalue)");
    out.add(extremes(TOP, sp, c.top(), true, eigTol, ordered));
    out.add(extremes(BOTTOM, sp, c.bottom(), false, eigTol, ordered));
    out.add(extremes(SPECTRUM, sp, nn, false, eigTol, ordered));
    out.add(Expected.scalar(FROBENIUS, Reported.enclosure(fro[0], fro[1], fro[2], "FLAT-EIG-VERIFIED",
        "explicit Hessian from N certified products, ||S||_F +- ||E||_F"), froTol[0], froTol[1], Map.of()));
    density(sp, eigTol);
    definiteness(sp.lo()[0], sp.hi()[0], sp.lo()[nn - 1], sp.hi()[nn - 1]);
    if (nn >= 2) {
      facts.put("top_gap", new double[] {Math.max(0.0, sp.lo()[nn - 1] - sp.hi()[nn - 2]),
          sp.hi()[nn - 1] - sp.lo()[nn - 2]});
    }
    // Var(vᵀHv) = 2(‖H‖_F² − Σ H_ii²) for Rademacher v (FLAT-HUTCHINSON): an upper bound from the enclosures
    double dmin = 0.0;
    for (Expected e : out) {
      if (e.quantity().equals(DIAGONAL)) {
        for (int q = 0; q < nn; q++) {
          double lo = e.lo()[q];
          double hi = e.hi()[q];
          double m = lo > 0.0 ? lo : hi < 0.0 ? -hi : 0.0;
          dmin += m * m * (1.0 - 4.0 * FloatModel.BASIN.u());
        }
      }
    }
    double var = Math.nextUp(2.0 * Math.max(0.0, fro[2] * fro[2] * (1.0 + 4.0 * FloatModel.BASIN.u()) - dmin));
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).quantity().equals(TRACE)) {
        Expected e = out.get(i);
        out.set(i, new Expected(e.quantity(), e.spec(), e.method(), true, e.value(), e.lo(), e.hi(), e.tolerances(),
            Map.of("rademacher_sample_variance_bound", var, "gaussian_sample_variance_bound",
                Math.nextUp(2.0 * fro[2] * fro[2] * (1.0 + 4.0 * FloatModel.BASIN.u())))));
      }
    }
  }

  private static Expected extremes(String name, VerifiedEigen.Result sp, int count, boolean top, double[] eigTol,
      Map<String, Object> facts) {
    int nn = sp.values().length;
    double[] v = new double[count];
    double[] lo = new double[count];
    double[] hi = new double[count];
    double[][] t = new double[PRECISIONS.length][count];
    for (int i = 0; i < count; i++) {
      int at = top ? nn - 1 - i : i;
      v[i] = sp.values()[at];
      lo[i] = sp.lo()[at];
      hi[i] = sp.hi()[at];
      for (Precision pr : PRECISIONS) {
        t[pr.ordinal()][i] = eigTol[pr.ordinal()];
      }
    }
    String what = name.equals(SPECTRUM) ? "all eigenvalues, ascending" : top ? "largest first" : "smallest first";
    return new Expected(name, "FLAT-EIG-VERIFIED", "certified explicit Hessian, verified dense spectrum (" + what + ")",
        false, v, lo, hi, t, facts);
  }

  private void definiteness(double minLo, double minHi, double maxLo, double maxHi) {
    facts.put("lambda_min_enclosure", new double[] {minLo, minHi});
    facts.put("lambda_max_enclosure", new double[] {maxLo, maxHi});
    String dominant = -minHi > maxHi ? "negative" : maxLo > -minLo ? "positive" : "uncertain";
    facts.put("dominant_eigenvalue", dominant);
    facts.put("definiteness", minLo > 0.0 ? "positive definite" : minHi < 0.0 ? "indefinite"
        : "lambda_min's enclosure contains 0 (positive semidefinite up to its width)");
  }

  /**
   * The density φ(t) = (1/N) Σ_j g_s(t − λ_j) on a grid (spec GOLDEN-DENSITY), g_s the Gaussian of
   * width s: enclosed through its Lipschitz constant 1/(s²√(2πe)) in each λ_j plus its evaluation
   * rounding; a tool's tolerance the same with its eigenvalue tolerance and its precision.
   */
  private void density(VerifiedEigen.Result sp, double[] eigTol) {
    double[] lam = sp.values();
    int nn = lam.length;
    double range = lam[nn - 1] - lam[0];
    double s = range > 0.0 ? DENSITY_WIDTH * range : DENSITY_WIDTH * Math.max(1.0, Math.abs(lam[0]));
    double[] grid = new double[DENSITY_POINTS];
    for (int g = 0; g < DENSITY_POINTS; g++) {
      grid[g] = lam[0] - 3.0 * s + (range + 6.0 * s) * g / (DENSITY_POINTS - 1);
    }
    double dev = 0.0;
    for (int j = 0; j < nn; j++) {
      dev = Math.max(dev, Math.max(sp.hi()[j] - lam[j], lam[j] - sp.lo()[j]));
    }
    double norm = 1.0 / (s * Math.sqrt(2.0 * Math.PI));
    double lip = norm / s * Math.exp(-0.5);
    double[] phi = new double[DENSITY_POINTS];
    double[] b = new double[DENSITY_POINTS];
    double[][] t = new double[PRECISIONS.length][DENSITY_POINTS];
    for (int g = 0; g < DENSITY_POINTS; g++) {
      double sum = 0.0;
      for (double l : lam) {
        double z = (grid[g] - l) / s;
        sum += norm * Math.exp(-0.5 * z * z);
      }
      phi[g] = sum / nn;
      b[g] = Math.nextUp(lip * dev * (1.0 + 4.0 * FloatModel.BASIN.u()) + densityError(FloatModel.BASIN, norm, phi[g], nn));
      for (Precision pr : PRECISIONS) {
        FloatModel m = pr.model();
        // a rounded grid point t moves every z by u|t|/s: the Lipschitz bound once more
        double shift = m.inputRoundings() * m.u() * Math.abs(grid[g]);
        t[pr.ordinal()][g] = lip * (eigTol[pr.ordinal()] + shift) * (1.0 + 4.0 * FloatModel.BASIN.u())
            + densityError(m, norm, phi[g], nn);
      }
    }
    Map<String, Object> df = new LinkedHashMap<>();
    df.put("kernel_width", s);
    df.put("grid", "probes.npz array density_grid");
    out.add(new Expected(DENSITY, "GOLDEN-DENSITY", "phi(t) = (1/N) sum_j exp(-((t - lambda_j)/s)^2/2)/(s sqrt(2 pi))"
        + " over the certified spectrum", false, phi, lo(phi, b), hi(phi, b), t, df));
    densityGrid = grid;
    densityWidth = s;
  }


  /**
   * The rounding of φ̂(t) in model m (spec GOLDEN-DENSITY): each term norm·exp(−ẑ²/2) is within
   * norm·(γ_5/e + 8u) + 3u·term of the exact one (z's two roundings and its square give γ_5·z²/2 in
   * the exponent, and z²/2·e^{−z²/2} ≤ 1/e; exp within FLAT-FP's 8u; norm's and the product's
   * roundings), and the mean of N terms adds γ_{N+1}.
   */
  private static double densityError(FloatModel m, double norm, double phi, int nn) {
    double term = norm * (m.gamma(5) / Math.E + Rounding.FUNCTION_ULPS * m.u());
    return Math.nextUp((term + m.gamma(nn + 4.0) * (phi + term)) * (1.0 + 4.0 * FloatModel.BASIN.u()));
  }

  private static double[] lo(double[] v, double[] b) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = Math.nextDown(v[i] - b[i]);
    }
    return r;
  }

  private static double[] hi(double[] v, double[] b) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = Math.nextUp(v[i] + b[i]);
    }
    return r;
  }

  /**
   * Large N: certified Lanczos enclosures of the top eigenvalues (FLAT-CERT-EIG; their order is not
   * certified). A tool's tolerance per value: the first-order change |x|ᵀT_p|x| of a simple
   * eigenvalue under its product errors (T_p x the FLAT-HVP-ERROR bound in p at basin's unit Ritz
   * vector x), plus γ_{N+3}(u_p)·|x|ᵀ|Ĥx| for its Rayleigh quotient.
   */
  private void lanczos(Point point) {
    HessianOperator op = HessianOperator.at(point);
    Lanczos.Result r = Lanczos.run(op, new Lanczos.Options(c.top(), 0, LANCZOS_TOL, LANCZOS_MAX_ITER,
        c.id().hashCode()));
    int m = r.largest().size();
    double[] v = new double[m];
    double[] lo = new double[m];
    double[] hi = new double[m];
    double[][] t = new double[PRECISIONS.length][m];
    int nn = theta.length;
    for (int i = 0; i < m; i++) {
      Lanczos.RitzPair pair = r.largest().get(i);
      var cert = pair.certificate();
      if (cert == null) {
        throw new IllegalStateException("the Hessian operator certifies its products");
      }
      v[i] = cert.value();
      lo[i] = cert.low();
      hi[i] = cert.high();
      double[] x = pair.vector();
      double[] hx = point.hvp(x);
      double xx = 0.0;
      double xhx = 0.0;
      for (int q = 0; q < nn; q++) {
        xx += x[q] * x[q];
        xhx += Math.abs(x[q] * hx[q]);
      }
      for (Precision pr : PRECISIONS) {
        double[] b = tol[pr.ordinal()].bound(x);
        double xbx = 0.0;
        for (int q = 0; q < nn; q++) {
          xbx += Math.abs(x[q]) * b[q];
        }
        t[pr.ordinal()][i] = (xbx + pr.model().gamma(nn + 3.0) * xhx) / xx * (1.0 + 4.0 * FloatModel.BASIN.gamma(nn));
      }
    }
    Map<String, Object> ef = new LinkedHashMap<>();
    ef.put("order", "not certified: each enclosure holds an eigenvalue (FLAT-CERT-EIG); Lanczos from a seeded start"
        + " finds the largest except with a probability that vanishes with the start's component along them");
    ef.put("lanczos_iterations", r.iterations());
    ef.put("converged", r.converged());
    out.add(new Expected(TOP, "FLAT-CERT-EIG", "Lanczos (FLAT-LANCZOS) with residual certificates from certified"
        + " products", false, v, lo, hi, t, ef));
    facts.put("lambda_max_enclosure", new double[] {lo[0], hi[0]});
  }

  /**
   * F_min = C + Σ_j 2√(A_j B_j) (SYM-FMIN) from the certified unit traces A_j (unit j's W1 row and
   * b1_j), B_j (its W2 column) and C (b2), in outward-rounded interval arithmetic (A, B ≥ 0 for a
   * positively homogeneous activation); a tool's tolerance the same over its widened unit traces
   * plus γ_{3h+2}(u_p)·F for its own evaluation.
   */
  private void fmin(double[] diag, double[] db, double[][] dt) {
    ParameterLayout l = p.layout();
    int d = l.inputs();
    int h = l.hidden();
    int k = l.outputs();
    Interval total = Interval.point(0.0);
    Interval[] toolTotal = new Interval[PRECISIONS.length];
    double value = 0.0;
    for (Precision pr : PRECISIONS) {
      toolTotal[pr.ordinal()] = Interval.point(0.0);
    }
    if (l.hasOutputBias()) {
      Sum cs = sum(diag, db, dt, range(l.offsetB2(), l.size()));
      total = total.add(nonNegative(cs.interval()));
      value += cs.value();
      for (Precision pr : PRECISIONS) {
        toolTotal[pr.ordinal()] = toolTotal[pr.ordinal()].add(nonNegative(cs.toolInterval(pr)));
      }
    }
    Interval two = Interval.point(2.0);
    for (int j = 0; j < h; j++) {
      int[] in = new int[d + (l.hasHiddenBias() ? 1 : 0)];
      for (int m = 0; m < d; m++) {
        in[m] = j * d + m;
      }
      if (l.hasHiddenBias()) {
        in[d] = l.offsetB1() + j;
      }
      int[] outIdx = new int[k];
      for (int o = 0; o < k; o++) {
        outIdx[o] = l.offsetW2() + o * h + j;
      }
      Sum a = sum(diag, db, dt, in);
      Sum b = sum(diag, db, dt, outIdx);
      total = total.add(two.mul(nonNegative(a.interval()).mul(nonNegative(b.interval())).sqrt()));
      value += 2.0 * Math.sqrt(Math.max(0.0, a.value()) * Math.max(0.0, b.value()));
      for (Precision pr : PRECISIONS) {
        Interval ti = two.mul(nonNegative(a.toolInterval(pr)).mul(nonNegative(b.toolInterval(pr))).sqrt());
        toolTotal[pr.ordinal()] = toolTotal[pr.ordinal()].add(ti);
      }
    }
    double v = Math.min(Math.max(value, total.lo()), total.hi());
    double[] t = new double[PRECISIONS.length];
    for (Precision pr : PRECISIONS) {
      Interval ti = toolTotal[pr.ordinal()];
      t[pr.ordinal()] = Math.nextUp(Math.max(ti.hi() - v, v - ti.lo()) + pr.model().gamma(3.0 * h + 2.0) * ti.hi());
    }
    out.add(Expected.scalar(FMIN, Reported.enclosure(v, total.lo(), total.hi(), "SYM-FMIN",
        "C + sum_j 2 sqrt(A_j B_j) in interval arithmetic over the certified unit traces"), t[0], t[1],
        Map.of("minimized", "trace of the Hessian over the per-unit rescaling orbit (same function)")));
  }

  /** x ∩ [0, ∞) (the exact value is known to be ≥ 0). */
  private static Interval nonNegative(Interval x) {
    return Interval.of(Math.max(0.0, x.lo()), Math.max(0.0, x.hi()));
  }

  /** Where precision pr's rounding model cannot hold for this case (empty: it holds). */
  private List<String> violations(Precision pr) {
    List<String> v = new ArrayList<>();
    int undecided = 0;
    ParameterLayout l = p.layout();
    int h = l.hidden();
    for (int q : tol[pr.ordinal()].nearKinkPairs()) {
      if (!exactZeroAt(pr, q / h, q % h)) {
        undecided++;
      }
    }
    if (undecided > 0) {
      v.add(undecided + " pre-activation(s) within " + pr.label() + " rounding of the kink: a " + pr.label()
          + " evaluation cannot tell their side");
    }
    double worst = 0.0;
    double smallest = Double.POSITIVE_INFINITY;
    String where = "";
    for (Expected e : out) {
      if (e.quantity().equals(DENSITY) || e.quantity().equals(FMIN)) {
        continue; // derived from quantities checked here
      }
      for (double x : e.value()) {
        double a = Math.abs(x);
        if (a > worst) {
          worst = a;
        }
        if (a != 0.0 && a < smallest) {
          smallest = a;
          where = e.quantity();
        }
      }
    }
    for (double[] arr : new double[][] {theta, p.inputs(), f.preActivations(), f.activations(), f.outputs()}) {
      for (double x : arr) {
        worst = Math.max(worst, Math.abs(x));
      }
    }
    if (worst > pr.max()) {
      v.add("a value of magnitude " + worst + " is beyond " + pr.label() + "'s largest finite number " + pr.max());
    }
    if (smallest < pr.minNormal()) {
      v.add("a nonzero " + where + " value of magnitude " + smallest + " is below " + pr.label()
          + "'s smallest normal number " + pr.minNormal());
    }
    return List.copyOf(v);
  }

  /**
   * Whether pre-activation (i, j) is exactly 0 and every evaluation in pr computes it exactly: its
   * inputs are representable in pr, and every product and partial sum is (all terms are integer
   * multiples of 2^e, and the sum of their magnitudes stays below 2^(e + significand bits)).
   */
  private boolean exactZeroAt(Precision pr, int i, int j) {
    ParameterLayout l = p.layout();
    int d = l.inputs();
    double[] x = p.inputs();
    int bits = pr == Precision.FLOAT64 ? 53 : 24;
    List<Double> terms = new ArrayList<>();
    BigDecimal exact = BigDecimal.ZERO;
    for (int m = 0; m < d; m++) {
      double w = theta[j * d + m];
      double xv = x[i * d + m];
      if (!representable(pr, w) || !representable(pr, xv)) {
        return false;
      }
      BigDecimal prod = new BigDecimal(w).multiply(new BigDecimal(xv));
      double fp = w * xv;
      if (new BigDecimal(fp).compareTo(prod) != 0 || !representable(pr, fp)) {
        return false;
      }
      terms.add(fp);
      exact = exact.add(prod);
    }
    if (l.hasHiddenBias()) {
      double b = theta[l.offsetB1() + j];
      if (!representable(pr, b)) {
        return false;
      }
      terms.add(b);
      exact = exact.add(new BigDecimal(b));
    }
    if (exact.signum() != 0) {
      return false;
    }
    int low = Integer.MAX_VALUE;
    BigDecimal mag = BigDecimal.ZERO;
    for (double t : terms) {
      if (t != 0.0) {
        low = Math.min(low, lowestBit(t));
        mag = mag.add(new BigDecimal(Math.abs(t)));
      }
    }
    return low == Integer.MAX_VALUE || mag.compareTo(new BigDecimal(2).pow(bits).multiply(pow2(low))) < 0;
  }

  private static BigDecimal pow2(int e) {
    return e >= 0 ? new BigDecimal(2).pow(e) : BigDecimal.ONE.divide(new BigDecimal(2).pow(-e));
  }

  private static boolean representable(Precision pr, double v) {
    return pr == Precision.FLOAT64 || (double) (float) v == v;
  }

  /** The exponent of the lowest set bit of a nonzero finite double. */
  private static int lowestBit(double v) {
    long bits = Double.doubleToRawLongBits(Math.abs(v));
    int exp = (int) (bits >>> 52);
    long mant = bits & 0x000fffffffffffffL;
    if (exp == 0) {
      return -1074 + Long.numberOfTrailingZeros(mant);
    }
    return exp - 1075 + Long.numberOfTrailingZeros(mant | 0x0010000000000000L);
  }

}
