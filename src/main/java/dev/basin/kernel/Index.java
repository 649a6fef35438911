package dev.basin.kernel;

/**
 * Size arithmetic of the kernel, each method a proved lemma carrying a nonlinear fact that
 * callers' proofs then use linearly. rowStart carries i·w + w ≤ n·w for i &lt; n, so that KeY
 * proves each loop over a row with linear arithmetic; it deliberately does not state the value
 * i·w: a product of variables in a caller's proof sends KeY's arithmetic strategy into nonlinear
 * case splits (FullHessian.addCross stayed open for 300 s with it and closes in under 30 s
 * without). The value itself is checked by every kernel test. area and product do state their
 * products, for allocations and offsets, where the caller needs the value.
 */
final class Index {

  private Index() {}

  /** Start i·w of row i of a row-major n×w array. */
  /*@ normal_behavior
    @ requires 0 <= i && i < n && w >= 0 && n * w <= Integer.MAX_VALUE;
    @ ensures \result >= 0 && \result + w <= n * w;
    @ assignable \nothing;
    @*/
  static /*@ pure @*/ int rowStart(int i, int n, int w) {
    return i * w;
  }

  /**
   * The product a·b of two sizes of at most FullHessian.MAX_PARAMS, which fits in an int (at most
   * 2^28): the one place where block sizes of the N×N matrix are multiplied.
   */
  /*@ normal_behavior
    @ requires 0 <= a && a <= FullHessian.MAX_PARAMS && 0 <= b && b <= FullHessian.MAX_PARAMS;
    @ ensures \result == a * b && \result >= 0;
    @ assignable \nothing;
    @*/
  static /*@ pure @*/ int area(int a, int b) {
    return a * b;
  }

  /**
   * The product n·w of two non-negative sizes whose product fits in an int (an array size, a
   * block offset), with its sign and its bound below by each factor: nonlinear facts that KeY
   * does not derive in a caller's proof (FullHessian.compute stayed open for 250 s without h ≤ N).
   */
  /*@ normal_behavior
    @ requires n >= 0 && w >= 0 && n * w <= Integer.MAX_VALUE;
    @ ensures \result == n * w && \result >= 0;
    @ ensures (w >= 1 ==> \result >= n) && (n >= 1 ==> \result >= w);
    @ assignable \nothing;
    @*/
  static /*@ pure @*/ int product(int n, int w) {
    return n * w;
  }
}
