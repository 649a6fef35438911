package dev.basin.symmetry;

import dev.basin.base.Findings;
import dev.basin.base.InvalidInputException;
import dev.basin.base.Memory;
import dev.basin.base.Reported;
import dev.basin.kernel.ParameterLayout;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.measure.EigenCertificate;
import dev.basin.measure.HessianOperator;
import dev.basin.measure.Lanczos;
import dev.basin.measure.Rounding;
import dev.basin.model.Checks;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.model.TwoLayerNet;
import java.util.ArrayList;
import java.util.List;

/**
 * Dinh et al.'s Theorem 4 for the 2-layer rectifier net, made executable (spec SYM-EIGENCOUNT):
 * given a minimum θ and M &gt; 0, the equivalent net T_αθ (same function) whose Hessian has at
 * least q* = r − min(n₁, n₂) − n_b eigenvalues above M, r the rank of ∇²L(θ), shown by pairwise
 * disjoint certified Lanczos enclosures (FLAT-CERT-EIG) whose lower ends exceed M. Needs the dense
 * Hessian (the rank), so N is limited by memory.
 */
public final class EigenCount {

  /** The chosen block's q-th eigenvalue is scaled to MARGIN·M, so the certified enclosures clear M with room. */
  static final double MARGIN = 2.0;
  /** Relative tolerance of the certified Lanczos radii. */
  static final double LANCZOS_TOLERANCE = 1e-10;

  private EigenCount() {}

  /**
   * The outcome.
   *
   * @param target M
   * @param alpha the α of T_α
   * @param block which diagonal block was scaled past M: "in" (W1, b1; α &lt; 1) or "out" (W2; α &gt; 1)
   * @param rank r, the number of eigenvalues of the computed Hessian at θ above the tolerance
   * @param tolerance τ of SYM-EIGENCOUNT (rounding, and the symmetry directions' eigenvalues away from a critical point)
   * @param minEigenvalue the smallest computed eigenvalue at θ (a minimum has it ≥ −τ)
   * @param nIn n₁ = h·(d + [b1])
   * @param nOut n₂ = k·h
   * @param nBias n_b = k·[b2]
   * @param theoremCount q* = max(0, r − min(n₁, n₂) − n_b)
   * @param certifiedCount pairwise disjoint certified enclosures with lower end &gt; M
   * @param enclosures the counted enclosures, {lo, hi} each, largest first (fresh)
   * @param net T_α(net)
   */
  public record Result(double target, double alpha, String block, int rank, double tolerance, double minEigenvalue, int nIn,
      int nOut, int nBias, int theoremCount, int certifiedCount, List<double[]> enclosures, TwoLayerNet net) {

    /** Whether the computed Hessian at θ is positive semidefinite up to τ (θ is a minimum to that tolerance). */
    public boolean minimum() {
      return minEigenvalue >= -tolerance;
    }

    /** Whether the certified count reaches the theorem's count. */
    public boolean reached() {
      return certifiedCount >= theoremCount;
    }

    /**
     * The result as findings (REPORT-FINDINGS), with {@code same}, the invariance check of T_α at
     * θ (SYM-INVARIANCE): the function is the same when its output deviation is within the
     * rounding budget.
     */
    public Findings findings(SymmetryCheck same) {
      String spec = "SYM-EIGENCOUNT";
      Findings.Builder b = Findings.builder()
          .text("measure", "eigencount")
          .setting("target", target)
          .setting("alpha", alpha)
          .text("scaled_block", block.equals("in") ? "in-weights and hidden biases (W1, b1) up, alpha < 1"
              : "out-weights (W2) up, alpha > 1")
          .count("rank", rank)
          .setting("rank_tolerance", tolerance)
          .put("min_eigenvalue_before", Reported.exact(minEigenvalue, spec,
              "smallest eigenvalue of the dense Hessian at the input net (LINALG-EIGEN), within rank_tolerance"))
          .flag("minimum_to_tolerance", minimum())
          .count("n1_in_weights", nIn)
          .count("n2_out_weights", nOut)
          .count("n_output_bias", nBias)
          .count("theorem_count", theoremCount)
          .count("certified_count", certifiedCount)
          .text("certified_count_kind", "certified lower bound on the number of eigenvalues above the target (pairwise "
              + "disjoint certified enclosures with lower end > target)")
          .flag("reached", reached());
      if (!enclosures.isEmpty()) {
        double[] e = enclosures.get(enclosures.size() - 1);
        b.put("smallest_counted_enclosure", Reported.enclosure(e[0], e[0], e[1], "FLAT-CERT-EIG",
            "certified Lanczos enclosure of an eigenvalue of the Hessian at T_alpha(net); value = its lower end"));
      }
      return b.put("max_output_deviation", Reported.exact(same.maxOutputDeviation(), "SYM-INVARIANCE",
              "max |f'(x_i)_o - f(x_i)_o| over the data"))
          .put("output_deviation_over_budget", Reported.exact(same.outputs(), "SYM-INVARIANCE",
              "deviation / rounding budget (the same function when <= 1)"))
          .flag("same_function", same.outputs() <= 1.0)
          .text("spec", spec)
          .build();
    }
  }

  /** SYM-EIGENCOUNT at a net (relu, leaky_relu or identity) for M &gt; 0; Lanczos seeded with seed. */
  public static Result sharpen(Objective obj, TwoLayerNet net, double target, long seed) {
    Checks.positive("target", target);
    Rescaling.requireHomogeneous(net.activation());
    ParameterLayout l = net.layout();
    int n = l.size();
    Memory.require("net", Memory.doubles(3L * n, n), "the dense Hessian and its eigenvalues (SYM-EIGENCOUNT needs the rank)",
        "use a smaller net");
    Point p = obj.at(net);
    double[] h = p.hessian();
    double[] ev = SymmetricEigen.of(h.clone(), n, false).values();
    double tau = tolerance(l, p, h);
    int rank = 0;
    for (double v : ev) {
      rank += v > tau ? 1 : 0;
    }
    int nIn = l.hidden() * (l.inputs() + (l.hasHiddenBias() ? 1 : 0));
    int nOut = l.outputs() * l.hidden();
    int nBias = l.hasOutputBias() ? l.outputs() : 0;
    int q = Math.max(0, rank - Math.min(nIn, nOut) - nBias);
    double[] in = descending(block(h, n, inIndices(l)));
    double[] out = descending(block(h, n, outIndices(l)));
    // the block whose q-th eigenvalue is certainly positive; of two, the one with the smaller spread above it
    boolean useOut;
    if (q == 0) {
      useOut = true;
    } else {
      boolean inOk = in.length >= q && in[q - 1] > tau;
      boolean outOk = out.length >= q && out[q - 1] > tau;
      if (!inOk && !outOk) {
        throw new InvalidInputException("net", "neither diagonal block has " + q + " eigenvalues above the tolerance " + tau
            + " (SYM-EIGENCOUNT): is the net a minimum?");
      }
      useOut = outOk && (!inOk || out[q - 1] / out[0] >= in[q - 1] / in[0]);
    }
    double alpha = 1.0;
    if (q > 0) {
      double x = useOut ? out[q - 1] : in[q - 1];
      alpha = useOut ? Math.sqrt(MARGIN * target / x) : Math.sqrt(x / (MARGIN * target));
    }
    TwoLayerNet sharp = Rescaling.uniform(l.hidden(), alpha).apply(net);
    List<double[]> counted = new ArrayList<>();
    if (q > 0) {
      Lanczos.Result r = Lanczos.run(HessianOperator.at(obj.at(sharp)), new Lanczos.Options(q, 0, LANCZOS_TOLERANCE, n, seed));
      List<double[]> enc = new ArrayList<>();
      for (Lanczos.RitzPair pair : r.largest()) {
        EigenCertificate c = pair.certificate();
        if (c != null && c.low() > target) {
          enc.add(new double[] {c.low(), c.high()});
        }
      }
      enc.sort((a, b) -> Double.compare(b[0], a[0]));
      double floor = Double.POSITIVE_INFINITY;
      for (double[] e : enc) {
        if (e[1] < floor) { // disjoint from every enclosure counted so far: a distinct eigenvalue
          counted.add(e);
          floor = e[0];
        }
      }
    }
    return new Result(target, alpha, useOut ? "out" : "in", rank, tau, ev[0], nIn, nOut, nBias, q, counted.size(),
        List.copyOf(counted), sharp);
  }

  /**
   * τ = max(N·u·‖Ĥ‖_F, 2·(Σ_j ‖J_j∇L‖² / ‖n_j‖²)^½) over units with non-zero weights (spec
   * SYM-EIGENCOUNT): the a priori error of the dense eigenvalues (FLAT-EIG-EXACT), and twice
   * ‖HQ‖_F for the orthonormal symmetry directions Q = [n_j/‖n_j‖] (H n_j = −J_j∇L, SYM-NULL), within
   * which of 0 the residual theorem puts as many eigenvalues as there are such units.
   */
  static double tolerance(ParameterLayout l, Point p, double[] h) {
    double fro = 0.0;
    for (double v : h) {
      fro += v * v;
    }
    double[] theta = p.theta();
    double[] grad = p.gradient();
    double hq = 0.0;
    for (int j = 0; j < l.hidden(); j++) {
      double[] s = SymmetryCheck.unitSigns(l, j);
      double nn = 0.0;
      double gg = 0.0;
      for (int q = 0; q < theta.length; q++) {
        nn += s[q] * s[q] * theta[q] * theta[q];
        gg += s[q] * s[q] * grad[q] * grad[q];
      }
      if (nn > 0.0) {
        hq += gg / nn;
      }
    }
    return Math.max(theta.length * Rounding.U * Math.sqrt(fro), 2.0 * Math.sqrt(hq));
  }

  /** Indices of θ₁ = (W1, b1), the parameters T_α multiplies by α. */
  static int[] inIndices(ParameterLayout l) {
    int[] idx = new int[l.hidden() * (l.inputs() + (l.hasHiddenBias() ? 1 : 0))];
    int c = 0;
    for (int q = 0; q < l.offsetW2(); q++) {
      idx[c++] = q;
    }
    return idx;
  }

  /** Indices of θ₂ = W2, the parameters T_α divides by α. */
  static int[] outIndices(ParameterLayout l) {
    int[] idx = new int[l.outputs() * l.hidden()];
    for (int q = 0; q < idx.length; q++) {
      idx[q] = l.offsetW2() + q;
    }
    return idx;
  }

  /** The principal submatrix of h (n×n row-major, not modified) on the indices. */
  private static double[] block(double[] h, int n, int[] idx) {
    int m = idx.length;
    double[] b = new double[m * m];
    for (int a = 0; a < m; a++) {
      for (int c = 0; c < m; c++) {
        b[a * m + c] = h[idx[a] * n + idx[c]];
      }
    }
    return b;
  }

  /** The eigenvalues of a symmetric m×m matrix (consumed), largest first. */
  private static double[] descending(double[] b) {
    int m = (int) Math.round(Math.sqrt(b.length));
    double[] v = SymmetricEigen.of(b, m, false).values();
    double[] d = new double[m];
    for (int i = 0; i < m; i++) {
      d[i] = v[m - 1 - i];
    }
    return d;
  }
}
