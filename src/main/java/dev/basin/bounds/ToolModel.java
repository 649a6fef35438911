package dev.basin.bounds;

import dev.basin.base.NonFiniteResultException;
import dev.basin.model.TwoLayerNet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The floating-point precision of another tool that computes catalogued bounds (spec
 * GOLDEN-TOL-BOUNDS): its unit roundoff, range and input rounding. {@link #arithmetic} gives basin's
 * third arithmetic, in which every bound formula — written once against {@link Num} — yields an
 * enclosure of every value such a tool can compute for it: each ingredient it computes itself
 * (norms by any summation order, spectral norms by a backward-stable SVD, the forward pass within
 * the FLAT-* analysis in its precision) and each operation of the formula rounded in its
 * precision. basin's golden suite turns that enclosure into a tool's tolerance.
 */
public final class ToolModel {

  /**
   * Relative roundings charged to one library function (∛, ln, exp, pow): within 2.5 ulps of the
   * exact result (GOLDEN-TOL's assumption (b)); one ulp of a normal y is at most 2u|y|, so the
   * result is y(1 + ε) with |ε| ≤ 5u, and [1 − 5u, 1 + 5u] ⊂ [(1 − u)⁶, (1 − u)⁻⁶]: the factor is a
   * product of six (1 + δ)^{±1}, |δ| ≤ u (Higham's θ₆), so quotients and powers of it count as
   * roundings do (five would not cover 1 − 5u).
   */
  static final int LIBRARY_ROUNDINGS = 6;

  /**
   * Relative roundings charged to a tool's kl-inverse solver: within one ulp of its precision
   * (|ε| ≤ 2u, GOLDEN-TOL-BOUNDS' assumption), and [1 − 2u, 1 + 2u] ⊂ [(1 − u)³, (1 − u)⁻³].
   */
  static final int KL_INVERSE_ROUNDINGS = 3;

  /** IEEE binary64: u = 2⁻⁵³; the suite's binary64 inputs are exact. */
  public static final ToolModel BINARY64 = new ToolModel("float64", 0x1p-53, Double.MIN_NORMAL, Double.MAX_VALUE,
      Double.MIN_VALUE);
  /** IEEE binary32: u = 2⁻²⁴; inputs rounded once to binary32. */
  public static final ToolModel BINARY32 = new ToolModel("float32", 0x1p-24, Float.MIN_NORMAL, Float.MAX_VALUE, Float.MIN_VALUE);

  private final String name;
  private final double u;
  private final double minNormal;
  private final double max;
  /**
   * The smallest subnormal number: twice the largest absolute error of a product or quotient in the
   * subnormal range (Higham eq. 2.8: half the spacing there).
   */
  private final double eta;

  private ToolModel(String name, double u, double minNormal, double max, double eta) {
    this.name = name;
    this.u = u;
    this.minNormal = minNormal;
    this.max = max;
    this.eta = eta;
  }

  /** "float64" or "float32". */
  /*@ public normal_behavior
    @ ensures \result != null;
    @ assignable \nothing;
    @*/
  public String name() {
    return name;
  }

  /**
   * The arithmetic of a tool in this precision for one net and its inputs X (n·d row-major):
   * outputErrors (n·k) bounds |f̂(x_i)_o − f(x_i)_o| for the tool's forward pass (the FLAT-* analysis
   * in this precision); no array is modified, all are copied.
   */
  /*@ public normal_behavior
    @ requires outputErrors.length == (x.length / net.inputs()) * net.outputs();
    @ ensures \result.certified();
    @ assignable \nothing;
    @*/
  public Arithmetic<?> arithmetic(TwoLayerNet net, double[] x, double[] outputErrors) {
    return new ToolArithmetic(this, net, x, outputErrors);
  }

  /**
   * Why the rounding model behind a value of {@link #arithmetic} does not hold — a value on the way
   * may leave the precision's normal range — or null when it holds (also for other numbers).
   */
  /*@ public normal_behavior
    @ ensures true;
    @ assignable \nothing;
    @*/
  public static @Nullable String modelProblem(Num<?> v) {
    if (v instanceof ToolNum t && t.outside()) {
      return "a value on the way may leave the precision's normal range (overflow, or an input or ingredient"
          + " below its smallest normal number)";
    }
    return null;
  }

  /**
   * The enclosure of every value a tool computes for v: for a number of a tool arithmetic with the
   * rounding of a raw input still to charge (its lo()/hi() show the input itself, as
   * Arithmetic.exact's contract requires), that rounding included; for other numbers [lo, hi].
   */
  /*@ public normal_behavior
    @ ensures \result.lo() <= v.lo() && v.hi() <= \result.hi();
    @ ensures !(v instanceof ToolNum) ==> \result.lo() == v.lo() && \result.hi() == v.hi();
    @ assignable \nothing;
    @*/
  public static Interval enclosure(Num<?> v) {
    return v instanceof ToolNum t ? t.charged() : Interval.of(v.lo(), v.hi());
  }

  double u() {
    return u;
  }

  /** Whether the precision holds the double x exactly. */
  boolean holds(double x) {
    return u == 0x1p-53 || (double) (float) x == x;
  }

  /** Whether a nonzero x lies outside the normal range (its rounding is not relative). */
  boolean outsideNormal(double x) {
    double a = Math.abs(x);
    return a != 0.0 && (a < minNormal || a > max);
  }

  /** Whether a value in t may overflow. */
  boolean beyondRange(Interval t) {
    return t.hi() > max || t.lo() < -max;
  }

  /** Whether t holds a nonzero value below the normal range (a product there has an absolute error). */
  boolean mayUnderflow(Interval t) {
    boolean zeroOnly = t.lo() == 0.0 && t.hi() == 0.0;
    return !zeroOnly && t.lo() < minNormal && t.hi() > -minNormal;
  }

  /** t widened by steps times the underflow error. */
  Interval underflowWidened(Interval t, int steps) {
    return Arithmetic.INTERVAL.widen(t, steps * eta);
  }

  /** γ_c = cu/(1 − cu), rounded up; refused where cu ≥ 1/2 (no rounding bound). */
  double gamma(long c) {
    double cu = c * u; // exact: c < 2^53 and u a power of two
    if (!(cu < 0.5)) {
      throw new NonFiniteResultException("a tool in " + name + " may make " + c + " roundings here: c*u >= 1/2 bounds nothing");
    }
    Interval g = Interval.point(cu);
    return g.div(Interval.point(1.0).sub(g)).hi();
  }

  /**
   * The backward-error constant p(r, c) of a dense SVD of an r×c matrix: the computed σ_max is that of
   * A + ΔA with ‖ΔA‖_F ≤ p u ‖A‖_F, p = max(r, c) — the customary constant GOLDEN-TOL uses for the dense
   * eigensolver (LINALG-EIGEN: p(N) = N), not a proven one.
   */
  static long svdConstant(int rows, int cols) {
    return Math.max(rows, cols);
  }

  /** Input roundings of one entry: 1 when the precision is coarser than binary64. */
  int inputRoundings() {
    return u == 0x1p-53 ? 0 : 1;
  }

  @Override
  public String toString() {
    return name;
  }
}
