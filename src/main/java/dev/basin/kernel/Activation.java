package dev.basin.kernel;

import dev.basin.trusted.TrustedMath;

/**
 * The hidden-layer activation σ with its first and second derivatives (spec NET-ACT).
 *
 * <p>Conventions at the kink of the piecewise-linear activations: relu'(0) = 0 and
 * leaky_relu'(0) = slope (the left derivative, as PyTorch), and σ'' = 0 everywhere for them (the
 * distributional part at 0 is ignored, as every autodiff tool does).
 */
public final class Activation {

  /** max(z, 0). */
  public static final int RELU = 0;
  /** z for z > 0, slope·z otherwise. */
  public static final int LEAKY_RELU = 1;
  /** tanh z. */
  public static final int TANH = 2;
  /** 1 / (1 + e^-z). */
  public static final int SIGMOID = 3;
  /** ln(1 + e^z). */
  public static final int SOFTPLUS = 4;
  /** z. */
  public static final int IDENTITY = 5;

  /*@ spec_public @*/ private final int kind;
  /*@ spec_public @*/ private final double slope;

  /*@ public invariant kind >= RELU && kind <= IDENTITY;
    @ public invariant slope == slope && slope > -1.0e300 && slope < 1.0e300;
    @*/

  /*@ private normal_behavior
    @ requires kind >= RELU && kind <= IDENTITY;
    @ requires slope == slope && slope > -1.0e300 && slope < 1.0e300;
    @ ensures this.kind == kind && this.slope == slope;
    @ assignable \nothing;
    @*/
  private Activation(int kind, double slope) {
    this.kind = kind;
    this.slope = slope;
  }

  /** An activation of one of the kinds without a parameter (every kind but LEAKY_RELU). */
  /*@ public normal_behavior
    @ requires kind >= RELU && kind <= IDENTITY && kind != LEAKY_RELU;
    @ ensures \result.kind == kind && \result.slope == 0.0 && \fresh(\result);
    @ assignable \nothing;
    @*/
  public static Activation of(int kind) {
    return new Activation(kind, 0.0);
  }

  /** Leaky ReLU with the given negative-side slope (any finite value with |slope| < 1e300). */
  /*@ public normal_behavior
    @ requires slope == slope && slope > -1.0e300 && slope < 1.0e300;
    @ ensures \result.kind == LEAKY_RELU && \result.slope == slope && \fresh(\result);
    @ assignable \nothing;
    @*/
  public static Activation leakyRelu(double slope) {
    return new Activation(LEAKY_RELU, slope);
  }

  /** The kind code (RELU ... IDENTITY). */
  /*@ public normal_behavior
    @ ensures \result == kind;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ int kind() {
    return kind;
  }

  /** The negative-side slope of LEAKY_RELU (0 for the other kinds). */
  /*@ public normal_behavior
    @ ensures \result == slope;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ double slope() {
    return slope;
  }

  /**
   * Whether σ(c·z) = c·σ(z) for every c &gt; 0 (spec SYM-HOMOGENEOUS): true for relu, leaky relu
   * and identity. This is the condition for the Dinh rescaling symmetry.
   */
  /*@ public normal_behavior
    @ ensures \result == (kind == RELU || kind == LEAKY_RELU || kind == IDENTITY);
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ boolean isPositivelyHomogeneous() {
    return kind == RELU || kind == LEAKY_RELU || kind == IDENTITY;
  }

  /** σ(z). */
  /*@ public normal_behavior
    @ ensures kind == RELU && z == z ==> \result >= 0.0;
    @ ensures (kind == RELU || kind == LEAKY_RELU) && z > 0.0 ==> \result == z;
    @ ensures kind == TANH && z == z ==> \result >= -1.0 && \result <= 1.0;
    @ ensures kind == SIGMOID && z == z ==> \result >= 0.0 && \result <= 1.0;
    @ ensures kind == SOFTPLUS && z == z ==> \result >= 0.0;
    @ ensures kind == IDENTITY ==> \result == z || (z != z && \result != \result);
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ double value(double z) {
    if (kind == RELU) {
      return z > 0.0 ? z : 0.0;
    }
    if (kind == LEAKY_RELU) {
      return z > 0.0 ? z : slope * z;
    }
    if (kind == TANH) {
      return TrustedMath.tanh(z);
    }
    if (kind == SIGMOID) {
      return sigmoid(z);
    }
    if (kind == SOFTPLUS) {
      return softplus(z);
    }
    return z;
  }

  /** σ'(z), with relu'(0) = 0 and leaky_relu'(0) = slope. */
  /*@ public normal_behavior
    @ ensures kind == RELU ==> (\result == 0.0 || \result == 1.0);
    @ ensures kind == LEAKY_RELU ==> (\result == slope || \result == 1.0);
    @ ensures (kind == TANH || kind == SIGMOID || kind == SOFTPLUS) && z == z
    @         ==> \result >= 0.0 && \result <= 1.0;
    @ ensures kind == IDENTITY ==> \result == 1.0;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ double derivative(double z) {
    if (kind == RELU) {
      return z > 0.0 ? 1.0 : 0.0;
    }
    if (kind == LEAKY_RELU) {
      return z > 0.0 ? 1.0 : slope;
    }
    if (kind == TANH) {
      double t = TrustedMath.tanh(z);
      return 1.0 - t * t;
    }
    if (kind == SIGMOID || kind == SOFTPLUS) {
      double s = sigmoid(z);
      return kind == SIGMOID ? s * (1.0 - s) : s;
    }
    return 1.0;
  }

  /** σ''(z) (0 for the piecewise-linear kinds). */
  /*@ public normal_behavior
    @ ensures (kind == RELU || kind == LEAKY_RELU || kind == IDENTITY) ==> \result == 0.0;
    @ ensures (kind == TANH || kind == SIGMOID) && z >= 0.0 ==> \result <= 0.0;
    @ ensures (kind == TANH || kind == SIGMOID) && z <= 0.0 ==> \result >= 0.0;
    @ ensures kind == SOFTPLUS && z == z ==> \result >= 0.0;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ double secondDerivative(double z) {
    if (kind == TANH) {
      double t = TrustedMath.tanh(z);
      return -2.0 * t * (1.0 - t * t);
    }
    if (kind == SIGMOID) {
      double s = sigmoid(z);
      return s * (1.0 - s) * (1.0 - 2.0 * s);
    }
    if (kind == SOFTPLUS) {
      double p = sigmoid(z);
      return p * (1.0 - p);
    }
    return 0.0;
  }

  /**
   * sup_z |σ''(z)| (spec MEAS-WU-INPUTGRAD, the constant C_σ): 0 for the piecewise-linear kinds,
   * 4/(3√3) for tanh, 1/(6√3) for sigmoid, 1/4 for softplus.
   */
  /*@ public normal_behavior
    @ ensures \result >= 0.0;
    @ assignable \nothing;
    @*/
  public /*@ pure @*/ double secondDerivativeBound() {
    if (kind == TANH) {
      // attained at tanh z = 1/√3: 2 t (1 - t²) = 4 / (3√3)
      return 0.7698003589195010;
    }
    if (kind == SIGMOID) {
      // attained at s = 1/2 ± 1/(2√3): s(1-s)|1-2s| = 1/(6√3)
      return 0.09622504486493763;
    }
    if (kind == SOFTPLUS) {
      return 0.25;
    }
    return 0.0;
  }

  /** The logistic function, evaluated without overflow for either sign of z. */
  /*@ public normal_behavior
    @ ensures z == z ==> (\result >= 0.0 && \result <= 1.0);
    @ ensures z >= 0.0 ==> \result >= 0.5;
    @ ensures z <= 0.0 ==> \result <= 0.5;
    @ ensures z != z ==> \result != \result;
    @ assignable \nothing;
    @*/
  public static /*@ pure @*/ double sigmoid(double z) {
    if (z >= 0.0) {
      return 1.0 / (1.0 + TrustedMath.exp(-z));
    }
    double e = TrustedMath.exp(z);
    return e / (1.0 + e);
  }

  /** ln(1 + e^z) = max(z, 0) + ln(1 + e^{-|z|}), which neither overflows nor cancels. */
  /*@ public normal_behavior
    @ ensures z == z ==> \result >= 0.0;
    @ ensures z != z ==> \result != \result;
    @ assignable \nothing;
    @*/
  public static /*@ pure @*/ double softplus(double z) {
    if (z > 0.0) {
      return z + TrustedMath.log1p(TrustedMath.exp(-z));
    }
    return TrustedMath.log1p(TrustedMath.exp(z));
  }
}
