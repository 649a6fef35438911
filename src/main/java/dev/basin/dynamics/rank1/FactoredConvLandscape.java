package dev.basin.dynamics.rank1;

import dev.basin.base.Rng;
import dev.basin.dynamics.Fit;
import dev.basin.dynamics.Landscape;
import dev.basin.model.Checks;

/**
 * The conv model with rank-1 filters w_f = p_f ⊗ q_f ⊗ t_f as a {@link Landscape} (spec
 * RANK1-CONV): parameters θ = ((p_1, q_1, t_1), …, (p_F, q_F, t_F), β, V, c). The gradient is
 * the dense gradient mapped to the factors by the chain rule ({@link Rank1Filter#factorGradients}),
 * so an SGD step on θ is exactly the factor-wise step of spec RANK1-UPDATE.
 */
public final class FactoredConvLandscape implements Landscape {

  private final ConvNet net;

  /** The factored landscape of a model. */
  public FactoredConvLandscape(ConvNet net) {
    this.net = net;
  }

  /** The model. */
  public ConvNet net() {
    return net;
  }

  @Override
  public int dimension() {
    return net.shape().factoredParams();
  }

  @Override
  public int samples() {
    return net.data().size();
  }

  /** Offset of filter f's factor block (p_f, q_f, t_f) in the factored θ. */
  public int factorOffset(int f) {
    return f * net.shape().factorSize();
  }

  /** The dense θ of the same model: each filter p ⊗ q ⊗ t, the head copied (fresh). */
  public double[] dense(double[] theta) {
    ConvShape s = net.shape();
    double[] d = new double[s.denseParams()];
    for (int f = 0; f < s.filters(); f++) {
      double[] w = filter(theta, f);
      System.arraycopy(w, 0, d, f * s.filterSize(), w.length);
    }
    System.arraycopy(theta, s.filters() * s.factorSize(), d, s.filters() * s.filterSize(), s.headSize());
    return d;
  }

  /** Filter f as a tensor p_f ⊗ q_f ⊗ t_f (fresh). */
  public double[] filter(double[] theta, int f) {
    double[][] pqt = factors(theta, f);
    return Rank1Filter.tensor(pqt[0], pqt[1], pqt[2]);
  }

  /** The factors {p_f, q_f, t_f} of filter f in a factored vector v (θ or a step vector; fresh copies). */
  public double[][] factors(double[] v, int f) {
    ConvShape s = net.shape();
    int off = factorOffset(f);
    double[] p = java.util.Arrays.copyOfRange(v, off, off + s.channels());
    double[] q = java.util.Arrays.copyOfRange(v, off + s.channels(), off + s.channels() + s.kernelHeight());
    double[] t = java.util.Arrays.copyOfRange(v, off + s.channels() + s.kernelHeight(), off + s.factorSize());
    return new double[][] {p, q, t};
  }

  @Override
  public double lossAndGradient(double[] theta, double[] grad) {
    return evaluate(theta, null, grad);
  }

  @Override
  public double batchLossAndGradient(double[] theta, int[] rows, double[] grad) {
    return evaluate(theta, rows, grad);
  }

  private double evaluate(double[] theta, int @org.checkerframework.checker.nullness.qual.Nullable [] rows, double[] grad) {
    ConvShape s = net.shape();
    double[] dense = dense(theta);
    double[] g = new double[dense.length];
    double loss = net.lossAndGradient(dense, rows, g);
    double[] gp = new double[s.channels()];
    double[] gq = new double[s.kernelHeight()];
    double[] gt = new double[s.kernelWidth()];
    for (int f = 0; f < s.filters(); f++) {
      double[][] pqt = factors(theta, f);
      double[] gw = java.util.Arrays.copyOfRange(g, f * s.filterSize(), (f + 1) * s.filterSize());
      Rank1Filter.factorGradients(gw, pqt[0], pqt[1], pqt[2], gp, gq, gt);
      int off = factorOffset(f);
      System.arraycopy(gp, 0, grad, off, gp.length);
      System.arraycopy(gq, 0, grad, off + s.channels(), gq.length);
      System.arraycopy(gt, 0, grad, off + s.channels() + s.kernelHeight(), gt.length);
    }
    System.arraycopy(g, s.filters() * s.filterSize(), grad, s.filters() * s.factorSize(), s.headSize());
    return loss;
  }

  @Override
  public Fit fit(double[] theta, double residualTol) {
    return Fit.of(net.data(), net.shape().outputs(), net.outputs(dense(theta)), residualTol);
  }

  /**
   * A random factored θ (spec RANK1-INIT): every factor entry N(0, v^{2/3}) with v = s²/(C·kh·kw),
   * so each filter entry (a product of three independent factors) has variance v, LeCun-normal
   * for s = 1; β = 0; V entries N(0, s²/(F·P)); c = 0. Draw order: factors by filter, then V.
   */
  public static double[] randomParameters(ConvShape shape, double scale, Rng rng) {
    Checks.positive("init scale", scale);
    double[] theta = new double[shape.factoredParams()];
    double v = scale * scale / shape.filterSize();
    double sf = Math.pow(v, 1.0 / 6.0); // standard deviation of a factor: variance v^{1/3}
    int nf = shape.filters() * shape.factorSize();
    for (int q = 0; q < nf; q++) {
      theta[q] = sf * rng.gaussian();
    }
    double sv = scale / Math.sqrt((double) shape.filters() * shape.positions());
    int offV = nf + shape.filters();
    for (int q = 0; q < shape.outputs() * shape.filters() * shape.positions(); q++) {
      theta[offV + q] = sv * rng.gaussian();
    }
    return theta;
  }
}
