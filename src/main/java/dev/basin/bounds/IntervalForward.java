package dev.basin.bounds;

import dev.basin.kernel.Activation;
import dev.basin.kernel.ParameterLayout;
import dev.basin.model.Checks;
import dev.basin.model.TwoLayerNet;

/**
 * The forward pass f(x) = W2 σ(W1 x + b1) + b2 (spec NET-FORWARD) in outward-rounded interval
 * arithmetic (spec BOUND-FORWARD-ENCLOSURE): each output is an enclosure of the exact real value
 * for the given double weights and inputs, so the forward pass's rounding error is bounded.
 */
final class IntervalForward {

  private IntervalForward() {}

  /** Enclosures of f(x_i), n·k row-major, for X n·d row-major (validated, not modified). */
  static Interval[] outputs(TwoLayerNet net, double[] x, int n) {
    ParameterLayout l = net.layout();
    int d = l.inputs();
    int h = l.hidden();
    int k = l.outputs();
    Checks.atLeast("n", n, 1);
    Checks.length("X", x, Checks.product("X", n, d), "n*d");
    Checks.finite("X", x);
    double[] theta = net.parameters();
    Activation act = net.activation();
    double[] alo = new double[h];
    double[] ahi = new double[h];
    Interval[] out = new Interval[Checks.product("outputs", n, k)];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < h; j++) {
        double b = l.hasHiddenBias() ? theta[l.offsetB1() + j] : 0.0;
        Interval z = Interval.dot(theta, j * d, 1, x, i * d, 1, d, b);
        Interval a = activation(act, z);
        alo[j] = a.lo();
        ahi[j] = a.hi();
      }
      for (int o = 0; o < k; o++) {
        double b = l.hasOutputBias() ? theta[l.offsetB2() + o] : 0.0;
        out[i * k + o] = Interval.dotMixed(theta, l.offsetW2() + o * h, 1, alo, ahi, 0, 1, h, Interval.point(b));
      }
    }
    return out;
  }

  /** An enclosure of σ([lo, hi]) (spec NET-ACT). */
  static Interval activation(Activation act, Interval z) {
    return switch (act.kind()) {
      case Activation.RELU -> Interval.of(Math.max(z.lo(), 0.0), Math.max(z.hi(), 0.0));
      case Activation.LEAKY_RELU -> leaky(act.slope(), z);
      case Activation.TANH -> z.tanh();
      case Activation.SIGMOID -> Interval.of(sigmoid(z.lo()).lo(), sigmoid(z.hi()).hi());
      case Activation.SOFTPLUS -> Interval.of(softplus(z.lo()).lo(), softplus(z.hi()).hi());
      default -> z;
    };
  }

  /** Piecewise linear: the extremes over [lo, hi] are at the ends or at the kink 0. */
  private static Interval leaky(double s, Interval z) {
    Interval atLo = piece(s, z.lo());
    Interval atHi = piece(s, z.hi());
    Interval r = atLo.hull(atHi);
    if (z.lo() < 0.0 && z.hi() > 0.0) {
      r = r.hull(Interval.point(0.0));
    }
    return r;
  }

  private static Interval piece(double s, double z) {
    return z > 0.0 ? Interval.point(z) : Interval.point(s).mul(Interval.point(z));
  }

  /** 1/(1 + e^{−z}) at a point, enclosed (sigmoid is increasing). */
  private static Interval sigmoid(double z) {
    Interval one = Interval.point(1.0);
    return one.div(one.add(Interval.point(-z).exp()));
  }

  /** max(z, 0) + ln(1 + e^{−|z|}) at a point, enclosed (softplus is increasing). */
  private static Interval softplus(double z) {
    return Interval.point(Math.max(z, 0.0)).add(Interval.point(-Math.abs(z)).exp().log1p());
  }
}
