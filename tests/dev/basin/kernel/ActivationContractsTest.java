package dev.basin.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.testing.Cases;
import dev.basin.testing.Doubles;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * The floating-point postconditions of Activation, evaluated clause by clause exactly as written
 * in its JML (KeY proves them from the TrustedMath stub contracts; these tests check the code
 * itself, with the real Math functions, on IEEE edge values and seeded random values). A failure
 * names the clause, the activation, the input and the seed.
 */
class ActivationContractsTest {

  private static final long SEED = 77L;
  private static final int N = 20_000;

  /** Every kind, with leaky relu at edge and random slopes inside the invariant |slope| < 1e300. */
  private static Activation[] activations(UniformRandomProvider r) {
    Activation[] acts = new Activation[5 + 8];
    int i = 0;
    for (int kind : new int[] {Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.SOFTPLUS,
        Activation.IDENTITY}) {
      acts[i++] = Activation.of(kind);
    }
    for (double slope : new double[] {0.0, -0.0, 0.01, -3.0, 9.9e299, -9.9e299}) {
      acts[i++] = Activation.leakyRelu(slope);
    }
    while (i < acts.length) {
      acts[i++] = Activation.leakyRelu((r.nextDouble() - 0.5) * 4.0);
    }
    return acts;
  }

  private static void check(boolean ok, String clause, Activation act, double z, double result) {
    assertTrue(ok, () -> clause + " fails for kind=" + act.kind() + " slope=" + act.slope() + " z=" + z
        + " result=" + result + ", seed " + SEED);
  }

  @Test
  void value() {
    UniformRandomProvider r = Cases.rng(SEED);
    for (Activation act : activations(r)) {
      int kind = act.kind();
      for (double z : Doubles.sample(r, N)) {
        double v = act.value(z);
        check(!(kind == Activation.RELU && z == z) || v >= 0.0, "kind == RELU && z == z ==> \\result >= 0.0", act,
            z, v);
        check(!((kind == Activation.RELU || kind == Activation.LEAKY_RELU) && z > 0.0) || v == z,
            "(kind == RELU || kind == LEAKY_RELU) && z > 0.0 ==> \\result == z", act, z, v);
        check(!(kind == Activation.TANH && z == z) || (v >= -1.0 && v <= 1.0),
            "kind == TANH && z == z ==> \\result >= -1.0 && \\result <= 1.0", act, z, v);
        check(!(kind == Activation.SIGMOID && z == z) || (v >= 0.0 && v <= 1.0),
            "kind == SIGMOID && z == z ==> \\result >= 0.0 && \\result <= 1.0", act, z, v);
        check(!(kind == Activation.SOFTPLUS && z == z) || v >= 0.0, "kind == SOFTPLUS && z == z ==> \\result >= 0.0",
            act, z, v);
        check(!(kind == Activation.IDENTITY) || v == z || (z != z && v != v),
            "kind == IDENTITY ==> \\result == z || (z != z && \\result != \\result)", act, z, v);
      }
    }
  }

  @Test
  void derivative() {
    UniformRandomProvider r = Cases.rng(SEED + 1);
    for (Activation act : activations(r)) {
      int kind = act.kind();
      for (double z : Doubles.sample(r, N)) {
        double v = act.derivative(z);
        check(!(kind == Activation.RELU) || v == 0.0 || v == 1.0, "kind == RELU ==> (\\result == 0.0 || \\result == 1.0)",
            act, z, v);
        check(!(kind == Activation.LEAKY_RELU) || v == act.slope() || v == 1.0,
            "kind == LEAKY_RELU ==> (\\result == slope || \\result == 1.0)", act, z, v);
        check(!((kind == Activation.TANH || kind == Activation.SIGMOID || kind == Activation.SOFTPLUS) && z == z)
            || (v >= 0.0 && v <= 1.0), "(TANH || SIGMOID || SOFTPLUS) && z == z ==> 0.0 <= \\result <= 1.0", act, z, v);
        check(!(kind == Activation.IDENTITY) || v == 1.0, "kind == IDENTITY ==> \\result == 1.0", act, z, v);
      }
    }
  }

  @Test
  void secondDerivative() {
    UniformRandomProvider r = Cases.rng(SEED + 2);
    for (Activation act : activations(r)) {
      int kind = act.kind();
      for (double z : Doubles.sample(r, N)) {
        double v = act.secondDerivative(z);
        check(!(kind == Activation.RELU || kind == Activation.LEAKY_RELU || kind == Activation.IDENTITY) || v == 0.0,
            "(RELU || LEAKY_RELU || IDENTITY) ==> \\result == 0.0", act, z, v);
        check(!((kind == Activation.TANH || kind == Activation.SIGMOID) && z >= 0.0) || v <= 0.0,
            "(TANH || SIGMOID) && z >= 0.0 ==> \\result <= 0.0", act, z, v);
        check(!((kind == Activation.TANH || kind == Activation.SIGMOID) && z <= 0.0) || v >= 0.0,
            "(TANH || SIGMOID) && z <= 0.0 ==> \\result >= 0.0", act, z, v);
        check(!(kind == Activation.SOFTPLUS && z == z) || v >= 0.0, "kind == SOFTPLUS && z == z ==> \\result >= 0.0",
            act, z, v);
      }
    }
  }

  @Test
  void secondDerivativeBound() {
    for (Activation act : activations(Cases.rng(SEED + 3))) {
      double b = act.secondDerivativeBound();
      check(b >= 0.0, "\\result >= 0.0", act, Double.NaN, b);
    }
  }

  @Test
  void sigmoid() {
    UniformRandomProvider r = Cases.rng(SEED + 4);
    Activation act = Activation.of(Activation.SIGMOID);
    for (double z : Doubles.sample(r, 10 * N)) {
      double s = Activation.sigmoid(z);
      check(!(z == z) || (s >= 0.0 && s <= 1.0), "z == z ==> (\\result >= 0.0 && \\result <= 1.0)", act, z, s);
      check(!(z >= 0.0) || s >= 0.5, "z >= 0.0 ==> \\result >= 0.5", act, z, s);
      check(!(z <= 0.0) || s <= 0.5, "z <= 0.0 ==> \\result <= 0.5", act, z, s);
      check(!(z != z) || s != s, "z != z ==> \\result != \\result", act, z, s);
    }
  }

  @Test
  void softplus() {
    UniformRandomProvider r = Cases.rng(SEED + 5);
    Activation act = Activation.of(Activation.SOFTPLUS);
    for (double z : Doubles.sample(r, 10 * N)) {
      double s = Activation.softplus(z);
      check(!(z == z) || s >= 0.0, "z == z ==> \\result >= 0.0", act, z, s);
      check(!(z != z) || s != s, "z != z ==> \\result != \\result", act, z, s);
    }
  }

  /** of(kind): \result.kind == kind && \result.slope == 0.0 (the FP part is the slope). */
  @Test
  void of() {
    for (int kind : new int[] {Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.SOFTPLUS,
        Activation.IDENTITY}) {
      Activation act = Activation.of(kind);
      check(act.kind() == kind && act.slope() == 0.0, "\\result.kind == kind && \\result.slope == 0.0", act, kind,
          act.slope());
    }
  }
}
