package dev.basin.bounds;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BOUND-FINITE-FLOAT64: the finite-class bound (Hoeffding + union bound) for the class of all
 * nets of this architecture with IEEE double weights, |H| ≤ 2^{64 N}: with probability ≥ 1 − δ,
 * L(h) ≤ L̂(h) + √((64 N ln 2 + ln(1/δ))/(2m)) for every h.
 */
public final class FiniteClassFloat64 implements Bound {

  /** The instance. */
  public static final FiniteClassFloat64 INSTANCE = new FiniteClassFloat64();
  /** Bits per parameter. */
  public static final int BITS = 64;

  private FiniteClassFloat64() {}

  @Override
  public String id() {
    return "BOUND-FINITE-FLOAT64";
  }

  @Override
  public String title() {
    return "finite class: all float64 nets of this architecture";
  }

  @Override
  public Kind kind() {
    return Kind.RISK_BOUND;
  }

  @Override
  public <N extends Num<N>> BoundResult<N> evaluate(Ingredients<N> in) {
    N v = value(in.ar, in.trainError, in.numParams, in.m, in.in.delta());
    Map<String, Object> ing = new LinkedHashMap<>();
    ing.put("train_error", in.trainError);
    ing.put("N", in.numParams);
    ing.put("bits_per_parameter", BITS);
    ing.put("m", in.m);
    ing.put("delta", in.in.delta());
    return BoundResult.of(this, v, null, ing, 1.0 - in.in.delta());
  }

  /** L̂ + √((64 N ln 2 + ln(1/δ))/(2m)). */
  /*@ public behavior
    @ requires trainError.lo() >= 0.0 && numParams >= 1;
    @ ensures \result.lo() >= trainError.lo();
    @ ensures (\forall long m2; m <= m2; !(value(ar, trainError, numParams, m2, delta).lo() > \result.hi()));
    @ ensures (\forall double d2; delta <= d2 && d2 < 1; !(value(ar, trainError, numParams, m, d2).lo() > \result.hi()));
    @ ensures ar.certified() ==> Num.encloses(\result, the formula over the reals of the arguments);
    @ signals (InvalidInputException) m < 1 || !(0 < delta && delta < 1);
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> N value(Arithmetic<N> ar, N trainError, long numParams, long m, double delta) {
    BoundChecks.samples(m);
    dev.basin.model.Checks.openUnit("delta", delta);
    N lnH = ar.count(BITS).mul(ar.count(numParams)).mul(ar.ln2());
    N eps = lnH.sub(ar.exact(delta).log()).div(ar.exact(2.0).mul(ar.count(m))).sqrt();
    return trainError.add(eps);
  }
}
