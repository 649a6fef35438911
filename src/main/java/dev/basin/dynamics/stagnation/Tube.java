package dev.basin.dynamics.stagnation;

import dev.basin.base.Findings;
import dev.basin.base.Reported;
import dev.basin.base.Rng;
import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;

/**
 * The tube {θ : ‖P δ‖₂ ≤ r, ‖(I − P) δ‖₂ ≤ r⊥}, δ = θ − θ*, with P the projector onto the top-k
 * eigendirections of the Hessian at θ* (spec STAG-SET-TUBE): small (r) across the sharp
 * directions, wider (r⊥) along the flat rest — the "low dimensional subspace" reading of the
 * paper's abstract.
 */
public final class Tube implements StagnationSet {

  private final Eigenbasis basis;
  private final int k;
  private final double radius;
  private final double perpRadius;

  /**
   * @param basis the Hessian's eigenbasis at θ* (descending)
   * @param k how many top eigendirections are "essential" (1 ≤ k ≤ N)
   * @param radius r &gt; 0 across them
   * @param perpRadius r⊥ &gt; 0 in their orthogonal complement
   */
  /*@ public behavior
    @ ensures basis() == basis && k() == k && radius() == radius && perpRadius() == perpRadius;
    @ signals (InvalidInputException) k < 1 || k > basis.size() || !(radius > 0) || !(perpRadius > 0);
    @*/
  public Tube(Eigenbasis basis, int k, double radius, double perpRadius) {
    if (k < 1 || k > basis.size()) {
      throw new InvalidInputException("tube k", k + " (must lie in [1, N = " + basis.size() + "])");
    }
    this.basis = basis;
    this.k = k;
    this.radius = Checks.positive("radius", radius);
    this.perpRadius = Checks.positive("tube perpendicular radius", perpRadius);
  }

  /** The eigenbasis whose top-k directions define P. */
  /*@ public normal_behavior
    @ ensures \result == basis;
    @ assignable \nothing;
    @*/
  public Eigenbasis basis() {
    return basis;
  }

  /** k. */
  /*@ public normal_behavior
    @ ensures \result == k && 1 <= \result && \result <= basis.size();
    @ assignable \nothing;
    @*/
  public int k() {
    return k;
  }

  /** r. */
  /*@ public normal_behavior
    @ ensures \result == radius && \result > 0.0;
    @ assignable \nothing;
    @*/
  public double radius() {
    return radius;
  }

  /** r⊥. */
  /*@ public normal_behavior
    @ ensures \result == perpRadius && \result > 0.0;
    @ assignable \nothing;
    @*/
  public double perpRadius() {
    return perpRadius;
  }

  /** ‖Pδ‖² and ‖(I−P)δ‖² (the latter computed from the explicit residual, not by subtraction). */
  private double[] split(double[] delta) {
    int n = basis.size();
    double[] c = new double[k];
    basis.topCoordinates(delta, k, c);
    double[] proj = new double[n];
    basis.combineTop(c, k, proj);
    double along = 0.0;
    for (double v : c) {
      along += v * v;
    }
    double perp = 0.0;
    for (int q = 0; q < n; q++) {
      double w = delta[q] - proj[q];
      perp += w * w;
    }
    return new double[] {along, perp};
  }

  @Override
  public boolean contains(double[] delta) {
    double[] s = split(delta);
    return s[0] <= radius * radius && s[1] <= perpRadius * perpRadius;
  }

  @Override
  public double essentialNormSquared(double[] delta) {
    return split(delta)[0];
  }

  /** Uniform on the product of the k-ball of radius scale·r in span(P) and the (N−k)-ball of radius scale·r⊥ in its complement. */
  @Override
  public void sample(double scale, Rng rng, double[] out) {
    int n = basis.size();
    double[] c = new double[k];
    StagnationSet.uniformInBall(k, scale * radius, rng, c);
    basis.combineTop(c, k, out);
    if (k == n) {
      return;
    }
    double[] g = rng.gaussians(n, 1.0);
    double[] gc = new double[k];
    basis.topCoordinates(g, k, gc);
    double[] gp = new double[n];
    basis.combineTop(gc, k, gp);
    double norm = 0.0;
    for (int q = 0; q < n; q++) {
      g[q] -= gp[q];
      norm += g[q] * g[q];
    }
    norm = Math.sqrt(norm);
    double rho = scale * perpRadius * Math.pow(rng.uniform01(), 1.0 / (n - k));
    double f = norm > 0.0 ? rho / norm : 0.0;
    for (int q = 0; q < n; q++) {
      out[q] += f * g[q];
    }
  }

  @Override
  public Findings describe() {
    return Findings.builder()
        .text("shape", "tube")
        .text("definition", "||P(theta - theta*)|| <= r and ||(I - P)(theta - theta*)|| <= r_perp, P = projector on the"
            + " top-k Hessian eigenvectors at theta*")
        .count("k", k)
        .setting("radius", radius)
        .setting("perp_radius", perpRadius)
        .put("lambda_k", Reported.exact(basis.value(k - 1), "STAG-SET-TUBE", "k-th largest eigenvalue of the explicit"
            + " Hessian at theta* (dense eigensolve)"))
        .text("essential_projector", "P (top-" + k + " Hessian eigendirections)")
        .text("spec", "spec/dynamics.md STAG-SET-TUBE (basin's operationalization)")
        .build();
  }
}
