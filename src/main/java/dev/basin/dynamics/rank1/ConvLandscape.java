package dev.basin.dynamics.rank1;

import dev.basin.dynamics.Fit;
import dev.basin.dynamics.Landscape;

/** The conv model with dense filters as a {@link Landscape} (parameters: the dense θ of {@link ConvNet}). */
public final class ConvLandscape implements Landscape {

  private final ConvNet net;

  /** The landscape of a model. */
  public ConvLandscape(ConvNet net) {
    this.net = net;
  }

  @Override
  public int dimension() {
    return net.shape().denseParams();
  }

  @Override
  public int samples() {
    return net.data().size();
  }

  @Override
  public double lossAndGradient(double[] theta, double[] grad) {
    return net.lossAndGradient(theta, null, grad);
  }

  @Override
  public double batchLossAndGradient(double[] theta, int[] rows, double[] grad) {
    return net.lossAndGradient(theta, rows, grad);
  }

  @Override
  public Fit fit(double[] theta, double residualTol) {
    return Fit.of(net.data(), net.shape().outputs(), net.outputs(theta), residualTol);
  }
}
