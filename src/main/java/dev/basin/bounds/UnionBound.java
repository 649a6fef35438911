package dev.basin.bounds;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulates the grid roundings of one bound (spec BOUND-UNION-GRID): each budget is rounded up,
 * the margin down, and each rounding adds its ln(1/w_j) to ln(1/δ). A local helper of one
 * evaluation (mutable, not shared).
 *
 * @param <N> the number type
 */
final class UnionBound<N extends Num<N>> {

  private final Arithmetic<N> ar;
  private N logInvDelta;
  private final Map<String, Integer> levels = new LinkedHashMap<>();

  UnionBound(Ingredients<N> in) {
    this.ar = in.ar;
    this.logInvDelta = in.logInvDelta();
  }

  /** The grid level ≥ q (a budget for a norm q ≥ 0), recorded under name. */
  N budget(String name, N q) {
    Grid.Level<N> l = Grid.up(ar, q);
    levels.put(name, l.j());
    logInvDelta = logInvDelta.add(Grid.logInverseWeight(ar, l.j()));
    return l.value();
  }

  /** The grid level ≤ γ (γ &gt; 0). */
  N margin(N gamma) {
    Grid.Level<N> l = Grid.down(ar, gamma);
    levels.put("margin", l.j());
    logInvDelta = logInvDelta.add(Grid.logInverseWeight(ar, l.j()));
    return l.value();
  }

  /** ln(1/δ') with δ' = δ · Π_t w_{j_t}. */
  N logInvDelta() {
    return logInvDelta;
  }

  /** The grid indices j (value 2^{j/4}) by name, for the report. */
  Map<String, Integer> levels() {
    return levels;
  }
}
