package dev.basin.bounds;

/**
 * One catalogue entry of spec/bounds.md: its ID, what its number is, and its evaluation in either
 * arithmetic. Implementations are stateless singletons; their class documentation names the spec
 * ID.
 */
public interface Bound {

  /** The spec ID, e.g. {@code BOUND-BFT-SPECTRAL}. */
  /*@ public normal_behavior
    @ ensures \result.matches("[A-Z][A-Z0-9-]+") && spec/bounds.md defines \result;
    @*/
  String id();

  /** A short human-readable name. */
  /*@ public normal_behavior
    @ ensures !\result.isEmpty();
    @*/
  String title();

  /** What the number is. */
  /*@ public normal_behavior
    @ ensures \result != null;
    @*/
  Kind kind();

  /** Evaluates the entry (or explains why it does not apply). */
  /*@ public normal_behavior
    @ ensures \result.id().equals(id()) && \result.kind() == kind();
    @ ensures \result.applicable() <==> \result.notApplicable() == null;
    @ ensures \result.applicable() && kind() != Kind.MEASURE ==> \result.value().lo() >= 0.0;
    @ ensures \result.applicable() && kind().boundsZeroOneRisk() ==> (\result.vacuity() == Vacuity.YES <==> \result.value().lo() >= 1.0);
    @ ensures \result.applicable() && kind().boundsZeroOneRisk() ==> (\result.vacuity() == Vacuity.NO <==> \result.value().hi() < 1.0);
    @ ensures in.ar.certified() && \result.applicable() ==> Num.encloses(\result.value(), evaluate(new Ingredients<>(PLAIN, in.in)).value().lo())
    @   || (the plain and certified grid_levels differ (a union-grid tie) && \result.value().lo() >= the plain value);
    @ ensures kind() == Kind.RISK_BOUND && \result.applicable() ==> \result.confidence() == 1 - in.in.delta();
    @ ensures kind() == Kind.RISK_BOUND && \result.applicable() ==> (\forall double d2; in.in.delta() < d2 && d2 < 1; !(evaluate at delta d2).value().lo() > \result.value().hi());
    @ assignable \nothing;
    @*/
  <N extends Num<N>> BoundResult<N> evaluate(Ingredients<N> in);
}
