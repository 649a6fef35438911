package dev.basin.bounds;

import dev.basin.base.InvalidInputException;
import dev.basin.model.TwoLayerNet;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * Classification margins of a net on labelled data (spec BOUND-MARGIN): multi-class (k ≥ 2)
 * μ_i = f(x_i)_{y_i} − max_{j≠y_i} f(x_i)_j; binary (k = 1, labels {0, 1}, class 1 ⇔ f &gt; 0)
 * μ_i = (2y_i − 1) f(x_i). Their order statistics (BOUND-MARGIN-QUANTILE) and the margin loss
 * R̂_γ = #{i : μ_i ≤ γ}/m (BOUND-MARGIN-LOSS; ties count as errors, so R̂_0 is the training 0-1
 * error with ties counted wrong).
 */
public final class Margins {

  private Margins() {}

  /** The margins μ_i (labels validated by the caller: y_i ∈ [0, max(k, 2))). */
  /*@ public normal_behavior
    @ requires x.length == labels.length * net.inputs() && (\forall int i; 0 <= i && i < labels.length; 0 <= labels[i] && labels[i] < Math.max(2, net.outputs()));
    @ ensures \result.length == labels.length;
    @ ensures net.outputs() == 1 ==> (\forall int i; 0 <= i && i < labels.length; Num.encloses(\result[i], (2 * labels[i] - 1) * f(x_i)));
    @ ensures net.outputs() >= 2 ==> (\forall int i; 0 <= i && i < labels.length; Num.encloses(\result[i], f(x_i)[y_i] - max_{j != y_i} f(x_i)[j]));
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> N[] of(Arithmetic<N> ar, TwoLayerNet net, double[] x, int[] labels) {
    int n = labels.length;
    int k = net.outputs();
    N[] out = ar.outputs(net, x, n);
    return Arrays2.filled(out, n, i -> {
      if (k == 1) {
        return labels[i] == 1 ? out[i] : out[i].neg();
      }
      int y = labels[i];
      N best = out[i * k + (y == 0 ? 1 : 0)];
      for (int j = 0; j < k; j++) {
        if (j != y) {
          best = best.max(out[i * k + j]);
        }
      }
      return out[i * k + y].sub(best);
    });
  }

  /**
   * The rank r = ⌊q·m⌋ (1-indexed) of the q-quantile margin, computed from q's shortest decimal
   * form so that q = 0.1 gives exactly ⌊m/10⌋ (Jiang et al.'s {@code kthvalue(m // 10)}).
   */
  /*@ public behavior
    @ requires 0.0 < q && q < 1.0 && m >= 1;
    @ ensures \result == floor(decimal(q) * m) && \result >= 1 && \result <= m;
    @ signals (InvalidInputException) floor(decimal(q) * m) < 1;
    @ assignable \nothing;
    @*/
  public static int quantileRank(double q, int m) {
    int r = new BigDecimal(Double.toString(q)).multiply(BigDecimal.valueOf(m)).setScale(0, RoundingMode.FLOOR).intValueExact();
    if (r < 1) {
      throw new InvalidInputException("margin quantile", q + " of m = " + m + " samples: floor(q*m) = " + r
          + " selects no sample (needs m >= " + (int) Math.ceil(1 / q) + ")");
    }
    return r;
  }

  /** The r-th smallest margin (1-indexed); for intervals [r-th smallest lo, r-th smallest hi]. */
  /*@ public normal_behavior
    @ requires 1 <= r && r <= mu.length;
    @ ensures \result.lo() == (the r-th smallest of mu[i].lo()) && \result.hi() == (the r-th smallest of mu[i].hi());
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> N kthSmallest(Arithmetic<N> ar, N[] mu, int r) {
    double[] lo = new double[mu.length];
    double[] hi = new double[mu.length];
    for (int i = 0; i < mu.length; i++) {
      lo[i] = mu[i].lo();
      hi[i] = mu[i].hi();
    }
    Arrays.sort(lo);
    Arrays.sort(hi);
    return ar.fromEnds(lo[r - 1], hi[r - 1]);
  }

  /** R̂_γ = #{i : μ_i ≤ γ}/m, enclosed: certain counts below, possible counts above. */
  /*@ public normal_behavior
    @ requires mu.length >= 1;
    @ ensures 0.0 <= \result.lo() && \result.hi() <= 1.0;
    @ ensures Num.encloses(\result, #{i : mu_i <= gamma} / mu.length) for every reals mu_i, gamma in the enclosures;
    @ ensures (\forall N g2; g2.lo() >= gamma.hi(); loss(ar, mu, g2).hi() >= \result.lo());
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> N loss(Arithmetic<N> ar, N[] mu, N gamma) {
    return loss(ar, mu, gamma, 0);
  }

  /**
   * R̂_γ when γ is known to be the r-th smallest margin, so at least r margins are ≤ γ (interval
   * arithmetic cannot see that the r-th margin's enclosure and γ's are the same real).
   */
  /*@ public normal_behavior
    @ requires mu.length >= 1 && 0 <= atLeast && atLeast <= mu.length;
    @ ensures 0.0 <= \result.lo() && \result.hi() <= 1.0;
    @ ensures \result.lo() >= loss(ar, mu, gamma).lo() && \result.hi() == loss(ar, mu, gamma).hi();
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> N loss(Arithmetic<N> ar, N[] mu, N gamma, int atLeast) {
    long certain = 0;
    long possible = 0;
    for (N v : mu) {
      if (v.hi() <= gamma.lo()) {
        certain++;
      }
      if (v.lo() <= gamma.hi()) {
        possible++;
      }
    }
    return ar.fromEnds(Math.max(certain, Math.min(atLeast, possible)), possible).div(ar.count(mu.length));
  }
}
