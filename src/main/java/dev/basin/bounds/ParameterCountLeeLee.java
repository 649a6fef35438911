package dev.basin.bounds;

import java.util.LinkedHashMap;
import java.util.Map;

/** BOUND-PARAMCOUNT-LEELEE: the parameter-counting heuristic √(N/m) (Lee &amp; Lee, eq. 1). */
public final class ParameterCountLeeLee implements Bound {

  /** The instance. */
  public static final ParameterCountLeeLee INSTANCE = new ParameterCountLeeLee();

  private ParameterCountLeeLee() {}

  @Override
  public String id() {
    return "BOUND-PARAMCOUNT-LEELEE";
  }

  @Override
  public String title() {
    return "parameter counting sqrt(N/m) (heuristic)";
  }

  @Override
  public Kind kind() {
    return Kind.HEURISTIC;
  }

  @Override
  public <N extends Num<N>> BoundResult<N> evaluate(Ingredients<N> in) {
    N v = value(in.ar, in.numParams, in.m);
    Map<String, Object> ing = new LinkedHashMap<>();
    ing.put("N", in.numParams);
    ing.put("m", in.m);
    return BoundResult.of(this, v, null, ing, null);
  }

  /** √(N/m). */
  /*@ public behavior
    @ requires numParams >= 0;
    @ ensures \result.lo() >= 0.0;
    @ ensures (\forall long m2; m <= m2; !(value(ar, numParams, m2).lo() > \result.hi()));
    @ ensures ar.certified() ==> Num.encloses(\result, the formula over the reals of the arguments);
    @ signals (InvalidInputException) m < 1;
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> N value(Arithmetic<N> ar, long numParams, long m) {
    BoundChecks.samples(m);
    return ar.count(numParams).div(ar.count(m)).sqrt();
  }
}
