package dev.basin.dynamics.rank1;

import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;

/**
 * The shape of the convolution-plus-readout model of spec RANK1-CONV: images of C channels and
 * H×W pixels (flattened channel-major, x[(c·H + y)·W + x]), F filters of C×kh×kw (a 3-D filter:
 * I = C, J = kh, K = kw), valid convolution with stride 1 (Ho = H − kh + 1, Wo = W − kw + 1
 * positions), and k outputs.
 *
 * @param channels C
 * @param height H
 * @param width W
 * @param filters F
 * @param kernelHeight kh
 * @param kernelWidth kw
 * @param outputs k
 */
public record ConvShape(int channels, int height, int width, int filters, int kernelHeight, int kernelWidth, int outputs) {

  /** Largest parameter count accepted. */
  public static final int MAX_PARAMS = 50_000_000;

  /** Validates the sizes. */
  public ConvShape {
    Checks.atLeast("channels", channels, 1);
    Checks.atLeast("height", height, 1);
    Checks.atLeast("width", width, 1);
    Checks.atLeast("filters", filters, 1);
    Checks.atLeast("kernel height", kernelHeight, 1);
    Checks.atLeast("kernel width", kernelWidth, 1);
    Checks.atLeast("outputs", outputs, 1);
    if (kernelHeight > height || kernelWidth > width) {
      throw new InvalidInputException("kernel", kernelHeight + "x" + kernelWidth + " is larger than the image " + height
          + "x" + width);
    }
    long dense = (long) filters * channels * kernelHeight * kernelWidth + filters
        + (long) outputs * filters * (height - kernelHeight + 1) * (width - kernelWidth + 1) + outputs;
    if ((long) channels * height * width > MAX_PARAMS || dense > MAX_PARAMS) {
      throw new InvalidInputException("conv shape", "more than " + MAX_PARAMS + " inputs or parameters");
    }
  }

  /** d = C·H·W. */
  public int inputs() {
    return channels * height * width;
  }

  /** Positions per filter Ho·Wo. */
  public int positions() {
    return (height - kernelHeight + 1) * (width - kernelWidth + 1);
  }

  /** Output width Wo. */
  public int outWidth() {
    return width - kernelWidth + 1;
  }

  /** Entries of one filter, I·J·K = C·kh·kw. */
  public int filterSize() {
    return channels * kernelHeight * kernelWidth;
  }

  /** Factors of one rank-1 filter, I + J + K = C + kh + kw. */
  public int factorSize() {
    return channels + kernelHeight + kernelWidth;
  }

  /** Parameters outside the filters: filter biases F, readout k·F·P, output bias k. */
  public int headSize() {
    return filters + outputs * filters * positions() + outputs;
  }

  /** N of the model with dense filters. */
  public int denseParams() {
    return filters * filterSize() + headSize();
  }

  /** N of the model with rank-1 filters. */
  public int factoredParams() {
    return filters * factorSize() + headSize();
  }
}
