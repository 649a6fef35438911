package dev.basin.property;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of test values: random values built from {@link Draws} (so that they shrink, see
 * Draws), plus a finite list of edge cases that {@link Property} tries before any random value.
 * Generators are immutable and may be shared.
 *
 * @param <T> the generated type
 */
public interface Gen<T> {

  /** A value built from the draws; smaller draws must give simpler values. */
  T generate(Draws d);

  /** Edge cases, tried first and in this order (none by default). */
  default List<T> edges() {
    return List.of();
  }

  /** A generator from a draw function and explicit edge cases. */
  static <T> Gen<T> of(Function<Draws, T> f, List<T> edges) {
    List<T> e = List.copyOf(edges);
    return new Gen<>() {
      @Override
      public T generate(Draws d) {
        return f.apply(d);
      }

      @Override
      public List<T> edges() {
        return e;
      }
    };
  }

  /** The image under f (edges mapped too). */
  default <R> Gen<R> map(Function<T, R> f) {
    Gen<T> self = this;
    List<R> e = new ArrayList<>();
    for (T t : self.edges()) {
      e.add(f.apply(t));
    }
    return of(d -> f.apply(self.generate(d)), e);
  }

  /**
   * A dependent generator: draw t, then a value of f(t). Edges: for each edge of this one, the
   * edges of f(edge) (or one value drawn from all-zero draws, the simplest, if it has none).
   */
  default <R> Gen<R> flatMap(Function<T, Gen<R>> f) {
    Gen<T> self = this;
    List<R> e = new ArrayList<>();
    for (T t : self.edges()) {
      Gen<R> inner = f.apply(t);
      if (inner.edges().isEmpty()) {
        e.add(inner.generate(Draws.replay(new long[0])));
      } else {
        e.addAll(inner.edges());
      }
    }
    return of(d -> f.apply(self.generate(d)).generate(d), e);
  }

  /**
   * Only values satisfying p: redraws (up to 100 times, then fails: a filter that rejects most
   * values is a generator bug). Edges that fail p are dropped.
   */
  default Gen<T> filter(Predicate<T> p) {
    Gen<T> self = this;
    List<T> e = new ArrayList<>();
    for (T t : self.edges()) {
      if (p.test(t)) {
        e.add(t);
      }
    }
    return of(d -> {
      for (int i = 0; i < 100; i++) {
        T t = self.generate(d);
        if (p.test(t)) {
          return t;
        }
      }
      throw new IllegalStateException("filter rejected 100 values in a row");
    }, e);
  }

  /** The same generator with more edge cases appended. */
  default Gen<T> withEdges(List<T> more) {
    List<T> e = new ArrayList<>(edges());
    e.addAll(more);
    return of(this::generate, e);
  }

  /**
   * Pairs (a, b) combined by f; edges: every pair of edges (a's first), capped at 400 so that a
   * pair of large edge lists stays cheap.
   */
  static <A, B, R> Gen<R> zip(Gen<A> a, Gen<B> b, BiFunction<A, B, R> f) {
    List<R> e = new ArrayList<>();
    for (A x : a.edges()) {
      for (B y : b.edges()) {
        if (e.size() < 400) {
          e.add(f.apply(x, y));
        }
      }
    }
    return of(d -> {
      A x = a.generate(d);
      return f.apply(x, b.generate(d));
    }, e);
  }
}
