package dev.basin.dynamics.rank1;

import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Checks;
import dev.basin.model.Conventions;
import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The model of spec RANK1-CONV on a data set: f(x) = V σ(conv(x; w) + β) + c, with F filters
 * w_f (C×kh×kw), filter biases β, readout V (k × F·P) and output bias c, and the empirical risk
 * L = c_L Σ_i ℓ(f(x_i), y_i) with the kernel's losses (spec NET-LOSS). Dense parameter vector
 * θ = (w_1 … w_F row-major, β, V row-major, c). The gradient is analytic (back-propagation,
 * written out in spec RANK1-CONV; tested against finite differences). Immutable.
 */
public final class ConvNet {

  private final ConvShape shape;
  private final Activation activation;
  private final Loss loss;
  private final Dataset data;
  private final double[] x;
  private final int @Nullable [] labels;
  private final double @Nullable [] targets;

  private ConvNet(ConvShape shape, Activation activation, Loss loss, Dataset data) {
    this.shape = shape;
    this.activation = activation;
    this.loss = loss;
    this.data = data;
    this.x = data.x();
    this.labels = data.hasLabels() ? data.labels() : null;
    this.targets = data.hasLabels() ? null : data.targets();
  }

  /** The model on data, validated: input width C·H·W, target kind and width, label range. */
  public static ConvNet of(ConvShape shape, Activation activation, Loss loss, Dataset data) {
    int k = shape.outputs();
    if (data.inputs() != shape.inputs()) {
      throw new InvalidInputException("data X", "has d = " + data.inputs() + " columns but images of " + shape.channels() + "x"
          + shape.height() + "x" + shape.width() + " need " + shape.inputs());
    }
    String name = Conventions.name(loss);
    if (loss.usesLabels()) {
      if (!data.hasLabels()) {
        throw new InvalidInputException("data", "loss " + name + " needs integer labels y");
      }
      if (loss.kind() == Loss.LOGISTIC && k != 1) {
        throw new InvalidInputException("outputs", "loss logistic needs k = 1, got " + k);
      }
      int limit = loss.kind() == Loss.LOGISTIC ? 2 : k;
      int[] y = data.labels();
      for (int i = 0; i < y.length; i++) {
        if (y[i] >= limit) {
          throw new InvalidInputException("data y", "label " + y[i] + " at row " + i + " is out of range [0, " + limit + ")");
        }
      }
    } else {
      if (data.hasLabels()) {
        throw new InvalidInputException("data", "loss " + name + " needs real targets Y");
      }
      if (data.targetWidth() != k) {
        throw new InvalidInputException("data Y", "has " + data.targetWidth() + " columns but the model has k = " + k);
      }
    }
    Checks.product("n*F*P", data.size(), shape.filters() * shape.positions());
    return new ConvNet(shape, activation, loss, data);
  }

  /** The shape. */
  public ConvShape shape() {
    return shape;
  }

  /** The data. */
  public Dataset data() {
    return data;
  }

  /** The loss. */
  public Loss loss() {
    return loss;
  }

  /** The activation. */
  public Activation activation() {
    return activation;
  }

  /** f(x_i) for every sample, n·k row-major (fresh); theta (dense, length N) not modified. */
  public double[] outputs(double[] theta) {
    int n = data.size();
    int k = shape.outputs();
    double[] out = new double[n * k];
    double[] z = new double[shape.filters() * shape.positions()];
    double[] h = new double[z.length];
    double[] o = new double[k];
    for (int i = 0; i < n; i++) {
      forward(theta, i, z, h, o);
      System.arraycopy(o, 0, out, i * k, k);
    }
    return out;
  }

  /**
   * The risk on the given rows (all when null; repeats allowed) with the DYN-BATCH scale
   * c_L(n)·n/|rows|, and its dense gradient written to grad (overwritten) when grad is not null.
   * theta (dense) and rows are not modified.
   */
  public double lossAndGradient(double[] theta, int @Nullable [] rows, double @Nullable [] grad) {
    int n = data.size();
    int k = shape.outputs();
    int m = rows == null ? n : rows.length;
    double c = rows == null ? loss.scale(n, k) : loss.scale(n, k) * (n / (double) m);
    int nf = shape.filters();
    int np = shape.positions();
    int ch = shape.channels();
    int kh = shape.kernelHeight();
    int kw = shape.kernelWidth();
    int hgt = shape.height();
    int wid = shape.width();
    int wo = shape.outWidth();
    int fs = shape.filterSize();
    int offB = nf * fs;
    int offV = offB + nf;
    int offC = offV + k * nf * np;
    double[] z = new double[nf * np];
    double[] h = new double[nf * np];
    double[] o = new double[k];
    double[] g = new double[k];
    double[] y = new double[k];
    if (grad != null) {
      java.util.Arrays.fill(grad, 0.0);
    }
    double total = 0.0;
    for (int r = 0; r < m; r++) {
      int i = rows == null ? r : rows[r];
      forward(theta, i, z, h, o);
      int label = 0;
      int[] lab = labels;
      double[] tar = targets;
      if (lab != null) {
        label = lab[i];
      } else if (tar != null) {
        System.arraycopy(tar, i * k, y, 0, k);
      }
      total += loss.sample(o, 0, k, y, label);
      if (grad == null) {
        continue;
      }
      loss.sampleGradient(o, 0, k, y, label, g);
      for (int out = 0; out < k; out++) {
        double go = c * g[out];
        grad[offC + out] += go;
        int row = offV + out * nf * np;
        for (int q = 0; q < nf * np; q++) {
          grad[row + q] += go * h[q];
        }
      }
      int xi = i * shape.inputs();
      for (int f = 0; f < nf; f++) {
        for (int u = 0; u < hgt - kh + 1; u++) {
          for (int v = 0; v < wo; v++) {
            int q = f * np + u * wo + v;
            double back = 0.0;
            for (int out = 0; out < k; out++) {
              back += theta[offV + out * nf * np + q] * g[out];
            }
            double dz = c * back * activation.derivative(z[q]);
            if (dz == 0.0) {
              continue;
            }
            grad[offB + f] += dz;
            for (int cc = 0; cc < ch; cc++) {
              for (int a = 0; a < kh; a++) {
                int wrow = f * fs + (cc * kh + a) * kw;
                int xrow = xi + (cc * hgt + u + a) * wid + v;
                for (int b = 0; b < kw; b++) {
                  grad[wrow + b] += dz * x[xrow + b];
                }
              }
            }
          }
        }
      }
    }
    return c * total;
  }

  /** z = conv + β, h = σ(z) (F·P each) and o = V h + c (k) for sample i; arrays overwritten. */
  private void forward(double[] theta, int i, double[] z, double[] h, double[] o) {
    int nf = shape.filters();
    int np = shape.positions();
    int ch = shape.channels();
    int kh = shape.kernelHeight();
    int kw = shape.kernelWidth();
    int hgt = shape.height();
    int wid = shape.width();
    int wo = shape.outWidth();
    int fs = shape.filterSize();
    int k = shape.outputs();
    int offB = nf * fs;
    int offV = offB + nf;
    int offC = offV + k * nf * np;
    int xi = i * shape.inputs();
    for (int f = 0; f < nf; f++) {
      for (int u = 0; u < hgt - kh + 1; u++) {
        for (int v = 0; v < wo; v++) {
          double s = theta[offB + f];
          for (int cc = 0; cc < ch; cc++) {
            for (int a = 0; a < kh; a++) {
              int wrow = f * fs + (cc * kh + a) * kw;
              int xrow = xi + (cc * hgt + u + a) * wid + v;
              for (int b = 0; b < kw; b++) {
                s += theta[wrow + b] * x[xrow + b];
              }
            }
          }
          int q = f * np + u * wo + v;
          z[q] = s;
          h[q] = activation.value(s);
        }
      }
    }
    for (int out = 0; out < k; out++) {
      double s = theta[offC + out];
      int row = offV + out * nf * np;
      for (int q = 0; q < nf * np; q++) {
        s += theta[row + q] * h[q];
      }
      o[out] = s;
    }
  }
}
