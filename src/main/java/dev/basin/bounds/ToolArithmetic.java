package dev.basin.bounds;

import dev.basin.model.TwoLayerNet;
import java.util.Arrays;

/**
 * {@link ToolModel#arithmetic}: the arithmetic of another tool in a given precision (spec
 * GOLDEN-TOL-BOUNDS). Its numbers ({@link ToolNum}) enclose every value such a tool computes; the
 * exact values are taken from basin's interval arithmetic ({@link Arithmetic#INTERVAL}), the tool's
 * own errors are added: one input rounding per raw input the precision cannot hold, γ_{c+L−1} for a
 * sum of L same-sign terms in any order, the SVD's backward error for a spectral norm, the FLAT-*
 * forward error for the net's outputs. Results enclose the exact value too, so they are certified
 * enclosures, only wider.
 */
final class ToolArithmetic implements Arithmetic<ToolNum> {

  private final ToolModel m;
  private final double[] theta;
  private final double[] x;
  private final double[] outputErrors;

  ToolArithmetic(ToolModel m, TwoLayerNet net, double[] x, double[] outputErrors) {
    this.m = m;
    this.theta = net.parameters();
    this.x = x.clone();
    this.outputErrors = outputErrors.clone();
    if (outputErrors.length != x.length / net.inputs() * net.outputs()) {
      throw new IllegalArgumentException("output error bounds: " + outputErrors.length + " for " + x.length / net.inputs()
          + " samples of " + net.outputs() + " outputs");
    }
  }

  @Override
  public boolean certified() {
    return true;
  }

  @Override
  public ToolNum exact(double v) {
    return ToolNum.input(m, v);
  }

  @Override
  public ToolNum fromEnds(double lo, double hi) {
    return ToolNum.within(m, Interval.of(lo, hi));
  }

  /** A real within half an ulp of v (e.g. W − W⁰ rounded): the tool rounds it itself, once. */
  @Override
  public ToolNum around(double v) {
    return ToolNum.rounded(m, Interval.around(v), 1, m.outsideNormal(v));
  }

  @Override
  public ToolNum widen(ToolNum v, double err) {
    return ToolNum.within(m, Arithmetic.INTERVAL.widen(v.charged(), err));
  }

  /** The tool's π is π rounded once. */
  @Override
  public ToolNum pi() {
    return ToolNum.rounded(m, Arithmetic.INTERVAL.pi(), 1, false);
  }

  @Override
  public ToolNum e() {
    return ToolNum.rounded(m, Arithmetic.INTERVAL.e(), 1, false);
  }

  /**
   * Σ a_t b_t as a tool computes it in any order: each product of two (rounded) inputs carries
   * r_a + r_b + 1 roundings; same-sign products are a sum of len terms, otherwise the dot product's
   * error γ_{c+len−1}Σ|a_t b_t| (Higham eq. 3.5) is added to the exact enclosure.
   */
  @Override
  public ToolNum dot(double[] a, int ao, int as, double[] b, int bo, int bs, int len) {
    if (len == 0) {
      return exact(0.0);
    }
    Interval exact = Arithmetic.INTERVAL.dot(a, ao, as, b, bo, bs, len);
    int perTerm = 1;
    boolean nonNegative = true;
    boolean nonPositive = true;
    boolean outside = false;
    double[] absA = new double[len];
    double[] absB = new double[len];
    for (int t = 0; t < len; t++) {
      double av = a[ao + t * as];
      double bv = b[bo + t * bs];
      perTerm = Math.max(perTerm, 1 + (m.holds(av) ? 0 : 1) + (m.holds(bv) ? 0 : 1));
      double p = av * bv;
      nonNegative &= p >= 0.0;
      nonPositive &= p <= 0.0;
      outside |= m.outsideNormal(av) || m.outsideNormal(bv) || m.outsideNormal(p);
      absA[t] = Math.abs(av);
      absB[t] = Math.abs(bv);
    }
    if (nonNegative || nonPositive) {
      return ToolNum.sum(m, exact, perTerm, len, outside);
    }
    double mag = Arithmetic.INTERVAL.dot(absA, 0, 1, absB, 0, 1, len).hi();
    double err = Interval.point(m.gamma(perTerm + len - 1L)).mul(Interval.point(mag)).hi();
    return ToolNum.rounded(m, Arithmetic.INTERVAL.widen(exact, err), 0, outside);
  }

  /**
   * ‖A‖₂ from a backward-stable SVD: the computed σ_max is σ_max(A + ΔA), ‖ΔA‖_F ≤ p u ‖A‖_F
   * (ToolModel.svdConstant), plus ‖fl(A) − A‖_F ≤ u‖A‖_F for rounded inputs; Weyl's inequality for
   * singular values moves σ_max by at most ‖ΔA‖₂ ≤ ‖ΔA‖_F. Then σ̂ is rounded once.
   */
  @Override
  public ToolNum spectralNorm(double[] a, int rows, int cols) {
    Interval exact = Arithmetic.INTERVAL.spectralNorm(a, rows, cols);
    double fro = Arithmetic.INTERVAL.sumSquares(a, 0, 1, a.length).sqrt().hi();
    double c = ToolModel.svdConstant(rows, cols) + m.inputRoundings();
    // (1 + u) covers ‖fl(A)‖_F ≤ (1 + u)‖A‖_F in the backward error of the rounded matrix
    Interval err = Interval.point(c).mul(Interval.point(m.u())).mul(Interval.point(fro)).mul(Interval.point(1.0)
        .add(Interval.point(m.u())));
    boolean outside = false;
    for (double v : a) {
      outside |= m.outsideNormal(v);
    }
    Interval t = Arithmetic.INTERVAL.widen(exact, err.hi());
    return ToolNum.rounded(m, Interval.of(Math.max(0.0, t.lo()), t.hi()), 1, outside);
  }

  /** The exact outputs' enclosures widened by the tool's forward-error bounds (for the net and X this arithmetic was built for). */
  @Override
  public ToolNum[] outputs(TwoLayerNet net, double[] xs, int n) {
    if (!Arrays.equals(net.parameters(), theta) || !Arrays.equals(xs, 0, n * net.inputs(), x, 0, x.length)) {
      throw new IllegalArgumentException("the tool arithmetic was built for another net or inputs");
    }
    Interval[] exact = Arithmetic.INTERVAL.outputs(net, xs, n);
    ToolNum[] out = new ToolNum[exact.length];
    for (int i = 0; i < exact.length; i++) {
      out[i] = ToolNum.within(m, Arithmetic.INTERVAL.widen(exact[i], outputErrors[i]));
    }
    return out;
  }

  /**
   * kl⁻¹ over every pair of tool values (it is increasing in both), then the tool's own solver:
   * within one ulp of its precision (KL_INVERSE_ROUNDINGS), and in [q̂, 1] like every bracketing
   * solver's result.
   */
  @Override
  public ToolNum klInverse(ToolNum q, ToolNum c) {
    Interval qc = q.charged();
    Interval r = ToolNum.rounded(m, Arithmetic.INTERVAL.klInverse(qc, c.charged()), ToolModel.KL_INVERSE_ROUNDINGS,
        false).charged();
    return ToolNum.within(m, Interval.of(Math.max(r.lo(), qc.lo()), Math.min(r.hi(), 1.0))).flagged(q.outside()
        || c.outside());
  }
}
