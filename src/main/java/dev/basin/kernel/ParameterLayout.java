package dev.basin.kernel;

/**
 * Where each parameter group lives in the flat parameter vector θ (spec NET-PARAM-ORDER):
 * θ = (W1 row-major, b1, W2 row-major, b2), with absent biases taking no space.
 */
public final class ParameterLayout {

  /** Group index of W1 (h×d). */
  public static final int W1 = 0;
  /** Group index of b1 (h). */
  public static final int B1 = 1;
  /** Group index of W2 (k×h). */
  public static final int W2 = 2;
  /** Group index of b2 (k). */
  public static final int B2 = 3;

  /**
   * Largest parameter count basin accepts. It keeps every offset an {@code int} and leaves room
   * below the JVM's array size limit (Integer.MAX_VALUE - 8 on HotSpot).
   */
  public static final int MAX_PARAMS = 2000000000;

  // Package-private: kernel code reads the fields directly (no getter contracts in its proofs);
  // other packages use the accessors.
  /*@ spec_public @*/ final int d;
  /*@ spec_public @*/ final int h;
  /*@ spec_public @*/ final int k;
  /*@ spec_public @*/ final boolean hasB1;
  /*@ spec_public @*/ final boolean hasB2;

  // JML arithmetic is unbounded (KeY: overflow-checked semantics; OpenJML: math mode in specs), so
  // this bounds the true parameter count; every int product of sizes below is then overflow-free.
  /*@ public invariant d >= 1 && h >= 1 && k >= 1;
    @ public invariant d * h + h + k * h + k <= MAX_PARAMS;
    @ // implied, but nonlinear: stated so that offset proofs stay linear
    @ public invariant h * d >= 1 && k * h >= 1;
    @ // implied, but nonlinear: a linear bound on each size for callers' proofs
    @ public invariant d <= MAX_PARAMS && h <= MAX_PARAMS && k <= MAX_PARAMS;
    @*/

  /**
   * Creates a layout. The caller must have checked {@link #fits}.
   *
   * @param d input dimension
   * @param h hidden width
   * @param k output dimension
   * @param hasB1 whether the hidden bias b1 is present
   * @param hasB2 whether the output bias b2 is present
   */
  /*@ public normal_behavior
    @ requires d >= 1 && h >= 1 && k >= 1;
    @ requires d * h + h + k * h + k <= MAX_PARAMS;
    @ requires d <= MAX_PARAMS;
    @ ensures this.d == d && this.h == h && this.k == k;
    @ ensures this.hasB1 == hasB1 && this.hasB2 == hasB2;
    @ assignable \nothing;
    @*/
  public ParameterLayout(int d, int h, int k, boolean hasB1, boolean hasB2) {
    this.d = d;
    this.h = h;
    this.k = k;
    this.hasB1 = hasB1;
    this.hasB2 = hasB2;
  }

  /**
   * Whether a layout with these sizes is valid: all sizes at least 1 and the parameter count,
   * computed without overflow, at most {@link #MAX_PARAMS}.
   */
  /*@ public normal_behavior
    @ ensures \result == (d >= 1 && h >= 1 && k >= 1 && d * h + h + k * h + k <= MAX_PARAMS);
    @ assignable \nothing;
    @*/
  public static boolean fits(int d, int h, int k) {
    if (d < 1 || h < 1 || k < 1) {
      return false;
    }
    long n = (long) d * h + h + (long) k * h + k;
    return n <= MAX_PARAMS;
  }

  /** Input dimension d. */
  /*@ public normal_behavior
    @ ensures \result == d;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ int inputs() {
    return d;
  }

  /** Hidden width h. */
  /*@ public normal_behavior
    @ ensures \result == h;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ int hidden() {
    return h;
  }

  /** Output dimension k. */
  /*@ public normal_behavior
    @ ensures \result == k;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ int outputs() {
    return k;
  }

  /** Whether b1 is present. */
  /*@ public normal_behavior
    @ ensures \result == hasB1;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ boolean hasHiddenBias() {
    return hasB1;
  }

  /** Whether b2 is present. */
  /*@ public normal_behavior
    @ ensures \result == hasB2;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ boolean hasOutputBias() {
    return hasB2;
  }

  /** Offset of b1 in θ (= h·d; equals offsetW2() when b1 is absent). */
  /*@ public normal_behavior
    @ ensures \result == h * d;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ int offsetB1() {
    return h * d;
  }

  /** Offset of W2 in θ. */
  /*@ public normal_behavior
    @ ensures \result == h * d + (hasB1 ? h : 0);
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ int offsetW2() {
    return h * d + (hasB1 ? h : 0);
  }

  /** Offset of b2 in θ (equals size() when b2 is absent). */
  /*@ public normal_behavior
    @ ensures \result == h * d + (hasB1 ? h : 0) + k * h;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ int offsetB2() {
    return h * d + (hasB1 ? h : 0) + k * h;
  }

  /** Number of parameters N = |θ|. */
  /*@ public normal_behavior
    @ ensures \result == h * d + (hasB1 ? h : 0) + k * h + (hasB2 ? k : 0);
    @ ensures \result >= 1 && \result <= MAX_PARAMS;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ int size() {
    return h * d + (hasB1 ? h : 0) + k * h + (hasB2 ? k : 0);
  }

  /** Offset of a parameter group (one of W1, B1, W2, B2). */
  /*@ public normal_behavior
    @ requires group >= W1 && group <= B2;
    @ ensures group == W1 ==> \result == 0;
    @ ensures group == B1 ==> \result == h * d;
    @ ensures group == W2 ==> \result == h * d + (hasB1 ? h : 0);
    @ ensures group == B2 ==> \result == h * d + (hasB1 ? h : 0) + k * h;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ int groupOffset(int group) {
    if (group == W1) {
      return 0;
    }
    if (group == B1) {
      return offsetB1();
    }
    if (group == W2) {
      return offsetW2();
    }
    return offsetB2();
  }

  /** Length of a parameter group (0 for an absent bias). */
  /*@ public normal_behavior
    @ requires group >= W1 && group <= B2;
    @ ensures group == W1 ==> \result == h * d;
    @ ensures group == B1 ==> \result == (hasB1 ? h : 0);
    @ ensures group == W2 ==> \result == k * h;
    @ ensures group == B2 ==> \result == (hasB2 ? k : 0);
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ int groupLength(int group) {
    if (group == W1) {
      return h * d;
    }
    if (group == B1) {
      return hasB1 ? h : 0;
    }
    if (group == W2) {
      return k * h;
    }
    return hasB2 ? k : 0;
  }
}
