package dev.basin.bounds;

/**
 * The union-bound grid (spec BOUND-UNION-GRID) that turns a bound for a class with norm budgets
 * and a margin fixed before seeing the data into one that holds for every net and margin at once.
 * Levels are 2^{j/4}, j ∈ ℤ, and level j gets confidence weight w_j = 1/(κ (|j|+1)²) with
 * κ = Σ_{j∈ℤ} (|j|+1)^{-2} = π²/3 − 1, so Σ_j w_j = 1. A budget q is rounded up to the smallest
 * level ≥ q (at most 2^{1/4} ≈ 1.19 q), a margin down to the largest level ≤ γ; each rounded
 * quantity adds ln(1/w_j) = ln κ + 2 ln(|j|+1) to ln(1/δ).
 */
final class Grid {

  /** Levels per factor 2. */
  static final int RESOLUTION = 4;
  /** The level used for a budget that is exactly 0 (2^{-1000}). */
  private static final int ZERO_LEVEL = -1000 * RESOLUTION;

  private Grid() {}

  /** A grid level j and its value 2^{j/4}. */
  record Level<N extends Num<N>>(int j, N value) {}

  /** 2^{j/4}: exact when 4 divides j (so plain and interval choose the same level at powers of 2). */
  static <N extends Num<N>> N level(Arithmetic<N> ar, int j) {
    if (j % RESOLUTION == 0) {
      return ar.exact(Math.scalb(1.0, j / RESOLUTION));
    }
    return ar.ln2().mul(ar.exact(j)).div(ar.exact(RESOLUTION)).exp();
  }

  /** The smallest level whose value is certainly ≥ q (q ≥ 0). */
  static <N extends Num<N>> Level<N> up(Arithmetic<N> ar, N q) {
    if (q.hi() <= 0.0) {
      return new Level<>(ZERO_LEVEL, level(ar, ZERO_LEVEL));
    }
    int j = (int) Math.ceil(RESOLUTION * Math.log(q.hi()) / Math.log(2.0));
    while (level(ar, j - 1).lo() >= q.hi()) {
      j--;
    }
    while (level(ar, j).lo() < q.hi()) {
      j++;
    }
    return new Level<>(j, level(ar, j));
  }

  /** The largest level whose value is certainly ≤ γ (γ &gt; 0). */
  static <N extends Num<N>> Level<N> down(Arithmetic<N> ar, N gamma) {
    int j = (int) Math.floor(RESOLUTION * Math.log(gamma.lo()) / Math.log(2.0));
    while (level(ar, j + 1).hi() <= gamma.lo()) {
      j++;
    }
    while (level(ar, j).hi() > gamma.lo()) {
      j--;
    }
    return new Level<>(j, level(ar, j));
  }

  /** ln(1/w_j) = ln κ + 2 ln(|j| + 1), κ = π²/3 − 1. */
  static <N extends Num<N>> N logInverseWeight(Arithmetic<N> ar, int j) {
    N kappa = ar.pi().square().div(ar.exact(3.0)).sub(ar.exact(1.0));
    return kappa.log().add(ar.exact(2.0).mul(ar.exact(Math.abs((long) j) + 1.0).log()));
  }
}
