package dev.basin.compute;

import dev.basin.kernel.Activation;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * σ(z), σ'(z) and σ''(z) over a range of pre-activations (spec NET-ACT), with exactly the kernel's
 * values: the piecewise-linear kinds (relu, leaky relu, identity) by vector blends of the same
 * expressions as {@link Activation} (so the same bits, σ'(0) conventions included), the smooth
 * kinds through {@link Activation}'s own scalar methods.
 */
final class ActivationStage {

  private static final VectorSpecies<Double> S = PackedGemm.SPECIES;
  private static final int L = S.length();

  private ActivationStage() {}

  /**
   * Whether σ'' may be non-zero, i.e. the kind is not one of the piecewise-linear kinds (whose σ'' is
   * 0 by the convention of NET-ACT). Unknown kinds count as curved, which is always correct.
   */
  static boolean curved(Activation act) {
    int kind = act.kind();
    return kind != Activation.RELU && kind != Activation.LEAKY_RELU && kind != Activation.IDENTITY;
  }

  /**
   * a[i] = σ(z[i]), s1[i] = σ'(z[i]) and, when curved(act), s2[i] = σ''(z[i]) for i in [from, to).
   * z is not modified; a, s1, s2 are modified (s2 is not touched for the piecewise-linear kinds).
   */
  static void apply(Activation act, double[] z, double[] a, double[] s1, double[] s2, int from, int to) {
    int kind = act.kind();
    if (kind == Activation.RELU || kind == Activation.LEAKY_RELU) {
      piecewiseLinear(kind == Activation.RELU ? 0.0 : act.slope(), kind == Activation.RELU, z, a, s1, from, to);
      return;
    }
    if (kind == Activation.IDENTITY) {
      System.arraycopy(z, from, a, from, to - from);
      java.util.Arrays.fill(s1, from, to, 1.0);
      return;
    }
    for (int i = from; i < to; i++) {
      a[i] = act.value(z[i]);
      s1[i] = act.derivative(z[i]);
      s2[i] = act.secondDerivative(z[i]);
    }
  }

  /**
   * relu: a = z &gt; 0 ? z : 0, s1 = z &gt; 0 ? 1 : 0. leaky: a = z &gt; 0 ? z : slope·z,
   * s1 = z &gt; 0 ? 1 : slope (the expressions of {@link Activation#value}/{@link Activation#derivative}).
   */
  private static void piecewiseLinear(double slope, boolean relu, double[] z, double[] a, double[] s1, int from,
      int to) {
    DoubleVector zero = DoubleVector.zero(S);
    DoubleVector one = DoubleVector.broadcast(S, 1.0);
    DoubleVector sl = DoubleVector.broadcast(S, slope);
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
      DoubleVector zv = DoubleVector.fromArray(S, z, i);
      VectorMask<Double> pos = zv.compare(VectorOperators.GT, 0.0);
      DoubleVector neg = relu ? zero : zv.mul(sl);
      neg.blend(zv, pos).intoArray(a, i);
      sl.blend(one, pos).intoArray(s1, i);
    }
    for (; i < to; i++) {
      double v = z[i];
      a[i] = v > 0.0 ? v : (relu ? 0.0 : slope * v);
      s1[i] = v > 0.0 ? 1.0 : slope;
    }
  }
}
