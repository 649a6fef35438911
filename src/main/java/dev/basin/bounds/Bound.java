package dev.basin.bounds;

/**
 * One catalogue entry of spec/bounds.md: its ID, what its number is, and its evaluation in either
 * arithmetic. Implementations are stateless singletons; their class documentation names the spec
 * ID.
 */
public interface Bound {

  /** The spec ID, e.g. {@code BOUND-BFT-SPECTRAL}. */
  String id();

  /** A short human-readable name. */
  String title();

  /** What the number is. */
  Kind kind();

  /** Evaluates the entry (or explains why it does not apply). */
  <N extends Num<N>> BoundResult<N> evaluate(Ingredients<N> in);
}
