package dev.basin.bounds;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One evaluated catalogue entry (spec BOUND-REPORT): its value (a double, or an enclosure [lo, hi]
 * in interval arithmetic), or the reason it does not apply; the paper's own expression where it
 * differs from basin's rigorous value (e.g. without the union bound over budgets and margins); the
 * ingredients; the confidence; and whether it is vacuous for the 0-1 loss.
 *
 * @param <N> the number type
 * @param id the spec ID
 * @param title a short name
 * @param kind what the number is
 * @param value the value, or null when not applicable
 * @param notApplicable why the entry does not apply, or null
 * @param paperForm the paper's expression at the net's own norms and margin and at δ (no union bound), or null
 * @param ingredients named ingredients (numbers of type N, integers, doubles, strings)
 * @param confidence the probability with which the bound holds, or null for heuristics and measures
 */
public record BoundResult<N extends Num<N>>(String id, String title, Kind kind, @Nullable N value,
    @Nullable String notApplicable, @Nullable N paperForm, Map<String, Object> ingredients, @Nullable Double confidence) {

  /** Vacuity of an entry for the loss it bounds. */
  public enum Vacuity {
    /** Certainly ≥ 1 (or the bound is ≥ 1 as computed). */
    YES,
    /** Certainly &lt; 1. */
    NO,
    /** The enclosure straddles 1. */
    UNDECIDED,
    /** A measure, or not applicable. */
    NOT_A_BOUND
  }

  /** Copies the ingredient map. */
  /*@ public normal_behavior
    @ ensures this.ingredients is an unmodifiable copy of the argument map in its order;
    @ assignable \nothing;
    @*/
  public BoundResult {
    ingredients = Collections.unmodifiableMap(new LinkedHashMap<>(ingredients));
  }

  /** An applicable entry. */
  static <N extends Num<N>> BoundResult<N> of(Bound b, N value, @Nullable N paperForm, Map<String, Object> ingredients,
      @Nullable Double confidence) {
    return new BoundResult<>(b.id(), b.title(), b.kind(), value, null, paperForm, ingredients, confidence);
  }

  /** An entry that does not apply, with the reason. */
  static <N extends Num<N>> BoundResult<N> notApplicable(Bound b, String reason) {
    return new BoundResult<>(b.id(), b.title(), b.kind(), null, reason, null, Map.of(), null);
  }

  /** Whether the entry was evaluated. */
  /*@ public normal_behavior
    @ ensures \result <==> value != null;
    @ assignable \nothing;
    @*/
  public boolean applicable() {
    return value != null;
  }

  /** Vacuity for the 0-1 loss: a risk bound or heuristic ≥ 1 says nothing. */
  /*@ public normal_behavior
    @ ensures value == null || !kind.boundsZeroOneRisk() <==> \result == Vacuity.NOT_A_BOUND;
    @ ensures \result == Vacuity.YES <==> value != null && kind.boundsZeroOneRisk() && value.lo() >= 1.0;
    @ ensures \result == Vacuity.NO <==> value != null && kind.boundsZeroOneRisk() && value.hi() < 1.0;
    @ assignable \nothing;
    @*/
  public Vacuity vacuity() {
    N v = value;
    if (v == null || !kind.boundsZeroOneRisk()) {
      return Vacuity.NOT_A_BOUND;
    }
    if (v.lo() >= 1.0) {
      return Vacuity.YES;
    }
    return v.hi() < 1.0 ? Vacuity.NO : Vacuity.UNDECIDED;
  }
}
