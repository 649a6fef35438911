package dev.basin.property;

import dev.basin.kernel.Activation;
import dev.basin.model.Conventions;
import dev.basin.model.Dataset;
import dev.basin.model.TwoLayerNet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generators of 2-layer nets and labelled data sets. Sizes are drawn first and shrink toward 1,
 * so a shrunk counterexample is a net with as few inputs, units, outputs and samples as the
 * failure allows, and weights shrink toward 0 and toward multiples of 1/4. Weights mix a grid of
 * quarter-integers (exact products, tied margins), uniform values and values scaled by 2^±20.
 */
public final class Nets {

  private Nets() {}

  /**
   * The ranges drawn from.
   *
   * @param maxD largest input dimension d
   * @param maxH largest hidden width h
   * @param maxK largest number of outputs k
   * @param maxN largest number of samples n
   * @param activations the activations drawn from (the first is the simplest)
   * @param minN smallest number of samples
   */
  public record Shape(int maxD, int maxH, int maxK, int maxN, Activation[] activations, int minN) {

    /** Small nets and data (d ≤ 4, h ≤ 5, k ≤ 3, n in [1, 12]) with every activation. */
    public static Shape small() {
      return new Shape(4, 5, 3, 12, all(), 1);
    }

    /** The same shape with other activations. */
    public Shape with(Activation... acts) {
      return new Shape(maxD, maxH, maxK, maxN, acts, minN);
    }

    /** The same shape with k ≤ maxOutputs. */
    public Shape outputs(int maxOutputs) {
      return new Shape(maxD, maxH, maxOutputs, maxN, activations, minN);
    }

    /** The same shape with n in [lo, hi]. */
    public Shape samples(int lo, int hi) {
      return new Shape(maxD, maxH, maxK, hi, activations, lo);
    }
  }

  /** Every activation, relu first (the simplest to read in a counterexample). */
  public static Activation[] all() {
    return new Activation[] {Activation.of(Activation.RELU), Activation.of(Activation.IDENTITY), Activation.leakyRelu(0.25),
      Activation.of(Activation.TANH), Activation.of(Activation.SIGMOID), Activation.of(Activation.SOFTPLUS)};
  }

  /**
   * A net with its labelled training set.
   *
   * @param net the classifier
   * @param data inputs and labels in [0, max(k, 2))
   */
  public record Labelled(TwoLayerNet net, Dataset data) {
    @Override
    public String toString() {
      return describe(net) + "; X=" + Arrays.toString(data.x()) + " y=" + Arrays.toString(data.labels()) + " (n="
          + data.size() + ")";
    }
  }

  /** The net written out in full (for counterexamples). */
  public static String describe(TwoLayerNet net) {
    return Conventions.name(net.activation()) + " d=" + net.inputs() + " h=" + net.hidden() + " k=" + net.outputs()
        + " W1=" + Arrays.toString(net.w1()) + " b1=" + (net.b1() == null ? "none" : Arrays.toString(net.b1()))
        + " W2=" + Arrays.toString(net.w2()) + " b2=" + (net.b2() == null ? "none" : Arrays.toString(net.b2()));
  }

  /** One weight: shrinks toward 0. */
  static double weight(Draws d) {
    double sign = d.bool() ? -1.0 : 1.0;
    switch ((int) d.draw(3)) {
      case 0:
        return sign * d.draw(9) / 4.0; // 0, ±1/4, …, ±2: exact, ties likely
      case 1:
        return sign * 2.0 * d.unit();
      default:
        return sign * (1 + d.unit()) * Math.scalb(1.0, d.between(-20, 20));
    }
  }

  /** Nets of the shape's sizes and activations (biases drawn independently). */
  public static Gen<TwoLayerNet> nets(Shape s) {
    return Gen.of(d -> net(d, s), edgeNets(s));
  }

  private static TwoLayerNet net(Draws d, Shape s) {
    int dd = d.between(1, s.maxD());
    int h = d.between(1, s.maxH());
    int k = d.between(1, s.maxK());
    Activation act = s.activations()[(int) d.draw(s.activations().length)];
    boolean hasB1 = d.bool();
    boolean hasB2 = d.bool();
    double[] w1 = values(d, h * dd);
    double[] b1 = hasB1 ? values(d, h) : null;
    double[] w2 = values(d, k * h);
    double[] b2 = hasB2 ? values(d, k) : null;
    return TwoLayerNet.of(act, dd, h, k, w1, b1, w2, b2);
  }

  private static double[] values(Draws d, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = weight(d);
    }
    return v;
  }

  private static List<TwoLayerNet> edgeNets(Shape s) {
    Activation a = s.activations()[0];
    List<TwoLayerNet> e = new ArrayList<>();
    e.add(TwoLayerNet.of(a, 1, 1, 1, new double[] {1}, null, new double[] {1}, null)); // the smallest net
    e.add(TwoLayerNet.of(a, 1, 1, 1, new double[] {0}, null, new double[] {0}, null)); // the zero net: every margin 0
    if (s.maxK() >= 2 && s.maxH() >= 2) {
      // two equal output rows: every multi-class margin is exactly 0 (ties)
      e.add(TwoLayerNet.of(a, 1, 2, 2, new double[] {1, -1}, null, new double[] {1, 1, 1, 1}, null));
      e.add(TwoLayerNet.of(a, 2, 2, 2, new double[] {1, 0, 0, 1}, new double[] {0.5, -0.5}, new double[] {1, -1, -1, 1},
          new double[] {0.25, 0.25}));
    }
    e.add(TwoLayerNet.of(a, 1, 1, 1, new double[] {1e6}, new double[] {-1e-6}, new double[] {1e-6}, new double[] {0})); // scales
    return e;
  }

  /**
   * Labelled data for a net: n in [minN, maxN] samples with entries like weights. teacher: labels
   * are the net's own predictions (k = 1: f &gt; 0; else argmax), so most margins are ≥ 0; else
   * uniform labels in [0, max(k, 2)).
   */
  public static Gen<Labelled> labelled(Shape s, boolean teacher) {
    return nets(s).flatMap(net -> data(net, s, teacher));
  }

  /** Data sets for one net (see {@link #labelled}). */
  public static Gen<Labelled> data(TwoLayerNet net, Shape s, boolean teacher) {
    int dd = net.inputs();
    List<Labelled> e = new ArrayList<>();
    e.add(make(net, new double[dd], null, teacher)); // one sample at the origin
    double[] two = new double[2 * dd];
    Arrays.fill(two, 1.0);
    e.add(make(net, two, null, teacher)); // a duplicated sample
    return Gen.of(d -> {
      int n = d.between(Math.max(1, s.minN()), Math.max(1, s.maxN()));
      double[] x = values(d, n * dd);
      int[] y = new int[n];
      int classes = Math.max(2, net.outputs());
      for (int i = 0; i < n; i++) {
        y[i] = (int) d.draw(classes);
      }
      return make(net, x, y, teacher);
    }, e.stream().filter(l -> l.data().size() >= s.minN() && l.data().size() <= Math.max(s.maxN(), 1)).toList());
  }

  private static Labelled make(TwoLayerNet net, double[] x, int[] drawn, boolean teacher) {
    int dd = net.inputs();
    int n = x.length / dd;
    int k = net.outputs();
    int[] y = new int[n];
    double[] out = net.outputs(x, n);
    for (int i = 0; i < n; i++) {
      if (teacher || drawn == null) {
        if (k == 1) {
          y[i] = out[i] > 0.0 ? 1 : 0;
        } else {
          int best = 0;
          for (int o = 1; o < k; o++) {
            if (out[i * k + o] > out[i * k + best]) {
              best = o;
            }
          }
          y[i] = best;
        }
      } else {
        y[i] = drawn[i];
      }
    }
    return new Labelled(net, Dataset.withLabels(n, dd, x, y));
  }
}
