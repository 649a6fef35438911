package dev.basin.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.kernel.Activation;
import dev.basin.testing.Cases;
import org.junit.jupiter.api.Test;

/**
 * ActivationStage gives exactly the kernel's σ, σ', σ'' (spec NET-ACT), bit for bit, for every kind,
 * including the kink conventions (relu'(0) = 0, leaky'(0) = slope), ±0, NaN and ±∞, on ranges whose
 * ends fall inside vectors (so vector body and scalar tail are both covered).
 */
class ActivationStageTest {

  @Test
  void sameBitsAsTheKernel() {
    double[] special = {0.0, -0.0, 1e-300, -1e-300, Double.MIN_VALUE, 1.0, -1.0, 40.0, -40.0, 800.0, -800.0,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
    double[] random = Cases.gaussians(Cases.rng(3), 45, 3.0);
    double[] z = new double[special.length + random.length];
    System.arraycopy(special, 0, z, 0, special.length);
    System.arraycopy(random, 0, z, special.length, random.length);
    for (Activation act : new Activation[] {Activation.of(Activation.RELU), Activation.leakyRelu(0.1),
        Activation.leakyRelu(-0.5), Activation.of(Activation.TANH), Activation.of(Activation.SIGMOID),
        Activation.of(Activation.SOFTPLUS), Activation.of(Activation.IDENTITY)}) {
      double[] a = new double[z.length];
      double[] s1 = new double[z.length];
      double[] s2 = new double[z.length];
      // two ranges split off the vector width
      ActivationStage.apply(act, z, a, s1, s2, 0, 11);
      ActivationStage.apply(act, z, a, s1, s2, 11, z.length);
      boolean curved = ActivationStage.curved(act);
      assertEquals(act.kind() == Activation.TANH || act.kind() == Activation.SIGMOID
          || act.kind() == Activation.SOFTPLUS, curved);
      for (int i = 0; i < z.length; i++) {
        String at = "kind " + act.kind() + " slope " + act.slope() + " z=" + z[i];
        assertEquals(Double.doubleToLongBits(act.value(z[i])), Double.doubleToLongBits(a[i]), at + " σ");
        assertEquals(Double.doubleToLongBits(act.derivative(z[i])), Double.doubleToLongBits(s1[i]), at + " σ'");
        if (curved) {
          assertEquals(Double.doubleToLongBits(act.secondDerivative(z[i])), Double.doubleToLongBits(s2[i]),
              at + " σ''");
        } else {
          assertEquals(0.0, act.secondDerivative(z[i]), at + " σ'' of a piecewise-linear kind");
        }
      }
    }
  }
}
