package dev.basin.measure;

import dev.basin.base.Finding;
import java.util.List;
import java.util.Set;

/**
 * One measure of the registry (spec MEASURE-REGISTRY, the pattern of bounds/Catalogue): an ID, the
 * spec IDs it computes, the options it reads (with named default constants), what it needs, what
 * it costs, and its computation at a point. Implementations are stateless singletons; their class
 * documentation names the spec IDs. Adding a measure is one class, one line in {@link Measures}
 * and its spec entry.
 */
public interface Measure {

  /** What a measure needs from the point. */
  enum Need {
    /** The forward pass at θ (shared by every measure of one run). */
    FORWARD_PASS,
    /** Hessian-vector products (through the shared operator). */
    HVP,
    /** The explicit N×N Hessian (only for N ≤ --max-exact; shared). */
    EXPLICIT_HESSIAN,
    /** Losses and gradients at other points (ascent, perturbations, descent). */
    OTHER_POINTS
  }

  /** The name in --measures and in the report, lower-case with dashes (e.g. "spectral-norm"). */
  String id();

  /** What it computes, in a few words (for --help). */
  String title();

  /** The spec IDs of what it computes. */
  String spec();

  /** The options it reads (shared ones, like --seed, included). */
  List<MeasureOption<?>> options();

  /** What it needs. */
  Set<Need> needs();

  /** Its cost in passes (one pass ≈ one forward-backward pass over the data), as a formula with its value at the defaults. */
  String cost();

  /** Whether it runs when --measures is not given (cheap measures only: spec MEASURE-REGISTRY's budget). */
  boolean byDefault();

  /** Declares, before any measure runs, what this one will ask of the shared context (e.g. which Lanczos sides). */
  default void plan(MeasureContext.Plan plan, MeasureSettings settings) {}

  /** Computes the measure at the context's point. */
  Finding run(MeasureContext context);
}
