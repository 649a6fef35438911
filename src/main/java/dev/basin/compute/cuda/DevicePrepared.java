package dev.basin.compute.cuda;

import dev.basin.base.InvalidInputException;
import dev.basin.compute.ErrorModel;
import dev.basin.compute.MatrixProducts;
import dev.basin.compute.Prepared;
import dev.basin.kernel.Problem;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A problem prepared on a {@link DeviceBackend}: the data X uploaded once; evaluations upload θ and
 * directions per call. Every device call is serialized on the device (one kernel stream). Closing
 * it frees X and the buffers of every evaluation still open.
 */
final class DevicePrepared implements Prepared {

  private final DeviceBackend backend;
  private final Kernels kernels;
  private final Problem p;
  private final List<DeviceEvaluation> open = new ArrayList<>();
  private @Nullable Buffer x;
  private final MatrixProducts products;

  DevicePrepared(DeviceBackend backend, Kernels kernels, Problem p) {
    this.backend = backend;
    this.kernels = kernels;
    this.p = p;
    double[] xs = p.inputs();
    synchronized (kernels) {
      Buffer b = kernels.alloc(xs.length, "the data X (" + p.samples() + " x " + p.layout().inputs() + ")");
      kernels.upload(xs, 0, b, 0, xs.length);
      this.x = b;
    }
    this.products = new DeviceProducts(kernels);
  }

  @Override
  public Problem problem() {
    return p;
  }

  @Override
  public DeviceBackend backend() {
    return backend;
  }

  /** X on the device. */
  Buffer x() {
    Buffer b = x;
    if (b == null) {
      throw new IllegalStateException("this prepared problem was closed");
    }
    return b;
  }

  @Override
  public DeviceEvaluation evaluate(double[] theta) {
    if (theta.length != p.layout().size()) {
      throw new InvalidInputException("theta", "length " + theta.length + ", expected N = " + p.layout().size());
    }
    synchronized (kernels) {
      DeviceEvaluation e = new DeviceEvaluation(this, kernels, p, theta);
      open.add(e);
      return e;
    }
  }

  void forget(DeviceEvaluation e) {
    synchronized (kernels) {
      open.remove(e);
    }
  }

  @Override
  public MatrixProducts products() {
    return products;
  }

  @Override
  public void close() {
    synchronized (kernels) {
      for (DeviceEvaluation e : new ArrayList<>(open)) {
        e.close();
      }
      Buffer b = x;
      if (b != null) {
        kernels.free(b);
        x = null;
      }
    }
    backend.forget(this);
  }

  /**
   * The matrix-product passes on the device: operands uploaded, one {@link Kernels#gemm}, the result
   * downloaded (COMPUTE-CUDA; chains of k FMAs plus one addition: within {@link
   * ErrorModel#gemmChain}).
   */
  static final class DeviceProducts implements MatrixProducts {
    private final Kernels kernels;

    DeviceProducts(Kernels kernels) {
      this.kernels = kernels;
    }

    /** Elements spanned by a rows×cols view with row stride ld (the last row only up to cols). */
    private static int span(int rows, int cols, int ld) {
      return rows == 0 || cols == 0 ? 0 : Math.toIntExact((long) (rows - 1) * ld + cols);
    }

    @Override
    public void multiply(int m, int n, int k, double[] a, int ao, int lda, boolean transA, double[] b, int bo,
        int ldb, boolean transB, double[] c, int co, boolean accumulate) {
      if (m == 0 || n == 0) {
        return;
      }
      int sa = transA ? span(k, m, lda) : span(m, k, lda);
      int sb = transB ? span(n, k, ldb) : span(k, n, ldb);
      synchronized (kernels) {
        Buffer da = kernels.alloc(Math.max(1, sa), "a product's left operand");
        Buffer db = kernels.alloc(Math.max(1, sb), "a product's right operand");
        Buffer dc = kernels.alloc((long) m * n, "a product's result");
        try {
          kernels.upload(a, ao, da, 0, sa);
          kernels.upload(b, bo, db, 0, sb);
          if (accumulate) {
            kernels.upload(c, co, dc, 0, m * n);
          }
          kernels.gemm(m, n, k, da, 0, lda, transA, db, 0, ldb, transB, dc, 0, n, accumulate);
          kernels.download(dc, 0, c, co, m * n);
        } finally {
          kernels.free(da);
          kernels.free(db);
          kernels.free(dc);
        }
      }
    }

    @Override
    public ErrorModel errorModel() {
      return DeviceBackend.MODEL;
    }
  }
}
