package dev.basin.bounds;

import dev.basin.kernel.Activation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BOUND-VC-PL: the VC bound L ≤ L̂ + √(2 d ln(em/d)/m) + √(ln(1/δ)/(2m)) (Mohri et al. 2018, Cor.
 * 3.19) with d an upper bound on the VC dimension of the sign classifiers of this 2-layer
 * piecewise-linear architecture, found by the counting argument of Bartlett, Harvey, Liaw &amp;
 * Mehrabian (JMLR 2019) made explicit for one hidden layer (spec BOUND-VC-PL-DIM): the growth
 * function satisfies log₂Π(m') ≤ h·d'·log₂(e m'/d') + 1 + N·log₂(4e m'/N) for m' ≥ max(N, d'),
 * and any m' where this is &lt; m' proves d_VC &lt; m'.
 */
public final class VcPiecewiseLinear implements Bound {

  /** The instance. */
  public static final VcPiecewiseLinear INSTANCE = new VcPiecewiseLinear();

  private VcPiecewiseLinear() {}

  @Override
  public String id() {
    return "BOUND-VC-PL";
  }

  @Override
  public String title() {
    return "VC bound, VC dimension of the piecewise-linear net (BHLM counting)";
  }

  @Override
  public Kind kind() {
    return Kind.RISK_BOUND;
  }

  @Override
  public <N extends Num<N>> BoundResult<N> evaluate(Ingredients<N> in) {
    int kind = in.in.net().activation().kind();
    if (kind != Activation.RELU && kind != Activation.LEAKY_RELU && kind != Activation.IDENTITY) {
      return BoundResult.notApplicable(this, "needs a piecewise-linear activation (relu, leaky_relu, identity); the net uses "
          + in.activationName());
    }
    if (in.k > 2) {
      return BoundResult.notApplicable(this, "VC dimension of binary classifiers: k = " + in.k + " outputs (basin applies it"
          + " to k = 1 and to k = 2 through sign(f_1 - f_0))");
    }
    boolean partitions = kind != Activation.IDENTITY;
    long dvc = vcUpper(in.ar, in.h, in.dAug, in.numParams, partitions);
    N v = value(in.ar, in.trainError, dvc, in.m, in.in.delta());
    Map<String, Object> ing = new LinkedHashMap<>();
    ing.put("train_error", in.trainError);
    ing.put("vc_dimension_upper", dvc);
    ing.put("N", in.numParams);
    ing.put("h", in.h);
    ing.put("d_augmented", in.dAug);
    ing.put("m", in.m);
    ing.put("delta", in.in.delta());
    return BoundResult.of(this, v, null, ing, 1.0 - in.in.delta());
  }

  /**
   * An upper bound on the VC dimension: m' − 1 for the first certified m' with log₂Π(m') &lt; m'
   * (spec BOUND-VC-PL-DIM). partitions: whether σ has a kink (relu-like) or is the identity.
   */
  /*@ public normal_behavior
    @ requires h >= 1 && dAug >= 1 && numParams >= 1;
    @ ensures \result >= Math.max(numParams, dAug) - 1;
    @ ensures proves(ar, \result + 1, h, dAug, numParams, partitions);
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> long vcUpper(Arithmetic<N> ar, int h, int dAug, long numParams, boolean partitions) {
    long lo = Math.max(numParams, dAug);
    if (proves(ar, lo, h, dAug, numParams, partitions)) {
      return lo - 1;
    }
    long hi = lo;
    while (!proves(ar, hi, h, dAug, numParams, partitions)) {
      if (hi > (1L << 50)) {
        throw new IllegalStateException("VC search did not terminate");
      }
      hi *= 2;
    }
    // binary search for a smaller certified m' in (lo, hi]; validity never depends on monotonicity
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      if (proves(ar, mid, h, dAug, numParams, partitions)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi - 1;
  }

  /** Whether log₂Π(m') &lt; m' is certain. */
  static <N extends Num<N>> boolean proves(Arithmetic<N> ar, long mp, int h, int dAug, long numParams, boolean partitions) {
    N mpN = ar.count(mp);
    N log2 = ar.ln2();
    N e = ar.e();
    N out = ar.exact(1.0).add(ar.count(numParams).mul(ar.exact(4.0).mul(e).mul(mpN).div(ar.count(numParams)).log().div(log2)));
    N total = out;
    if (partitions) {
      N hid = ar.count((long) h * dAug).mul(e.mul(mpN).div(ar.count(dAug)).log().div(log2));
      total = total.add(hid);
    }
    return total.hi() < mp;
  }

  /** L̂ + √(2 min(d ln(em/d), m ln 2)/m) + √(ln(1/δ)/(2m)). */
  /*@ public behavior
    @ requires trainError.lo() >= 0.0 && dvc >= 0;
    @ ensures \result.lo() >= trainError.lo();
    @ ensures (\forall long m2; m <= m2; !(value(ar, trainError, dvc, m2, delta).lo() > \result.hi()));
    @ ensures (\forall double d2; delta <= d2 && d2 < 1; !(value(ar, trainError, dvc, m, d2).lo() > \result.hi()));
    @ ensures ar.certified() ==> Num.encloses(\result, the formula over the reals of the arguments);
    @ signals (InvalidInputException) m < 1 || !(0 < delta && delta < 1);
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> N value(Arithmetic<N> ar, N trainError, long dvc, long m, double delta) {
    BoundChecks.samples(m);
    dev.basin.model.Checks.openUnit("delta", delta);
    N mN = ar.count(m);
    N lnGrowth = mN.mul(ar.ln2());
    if (dvc == 0) {
      lnGrowth = ar.exact(0.0);
    } else if (dvc <= m) {
      N dN = ar.count(dvc);
      lnGrowth = lnGrowth.min(dN.mul(ar.e().mul(mN).div(dN).log()));
    }
    N rad = ar.exact(2.0).mul(lnGrowth).div(mN).sqrt();
    N conf = ar.exact(delta).log().neg().div(ar.exact(2.0).mul(mN)).sqrt();
    return trainError.add(rad).add(conf);
  }
}
