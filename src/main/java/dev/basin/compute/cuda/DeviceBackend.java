package dev.basin.compute.cuda;

import dev.basin.compute.Backend;
import dev.basin.compute.ErrorModel;
import dev.basin.compute.Prepared;
import dev.basin.kernel.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * A backend whose products run on a {@link Kernels} device (spec COMPUTE-CUDA): the CUDA backend
 * (a GPU through {@link CudaKernels}) or its emulator ({@link EmulatedKernels}), with the same host
 * code ({@link DeviceEvaluation}), so that the two differ only in where the pinned kernels run. The
 * error model: FMA chains in sample, feature or unit order (one rounding per term of a sum plus one
 * addition into C), the kernel's own activation and loss functions for everything transcendental
 * (evaluated on the host). Closing the backend closes every problem it prepared, then the device.
 */
public final class DeviceBackend implements Backend {

  /** The arithmetic of the CUDA kernels and of their emulator (spec COMPUTE-CUDA "Error model"). */
  public static final ErrorModel MODEL = new ErrorModel(
      "binary64, fma.rn chains in index order per element, add.rn / mul.rn elsewhere, no atomics (CUDA kernels)",
      true, ErrorModel.KERNEL_FUNCTION_ULPS);

  private final String name;
  private final Kernels kernels;
  private final List<DevicePrepared> open = new ArrayList<>();
  private boolean closed;

  DeviceBackend(String name, Kernels kernels) {
    this.name = name;
    this.kernels = kernels;
  }

  /** The Java emulator of the CUDA kernels as a backend ("cuda-emulator"). */
  public static DeviceBackend emulator() {
    return new DeviceBackend(EmulatorProvider.NAME, new EmulatedKernels());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ErrorModel errorModel() {
    return MODEL;
  }

  /** What the device is (for reports). */
  public String device() {
    return kernels.device();
  }

  /**
   * The best of {@code reps} timings, in milliseconds, of one device-resident product C ← A·B
   * (m×k times k×n, the tiled or thin kernel as the shape asks), for benchmarks: device time
   * between events on a GPU, wall time on the emulator. The operands hold repeated rows (their
   * values do not change the work).
   */
  public double gemmMillis(int m, int n, int k, int reps) {
    synchronized (kernels) {
      Buffer a = kernels.alloc((long) m * k, "a benchmark operand");
      Buffer b = kernels.alloc((long) k * n, "a benchmark operand");
      Buffer c = kernels.alloc((long) m * n, "a benchmark result");
      try {
        double[] row = new double[Math.max(k, n)];
        for (int i = 0; i < row.length; i++) {
          row[i] = 1.0 + 0x1p-20 * i;
        }
        Buffer r = kernels.alloc(row.length, "a benchmark row");
        kernels.upload(row, 0, r, 0, row.length);
        kernels.fillRows(a, 0, k, m, k, r, 0);
        kernels.fillRows(b, 0, n, k, n, r, 0);
        kernels.free(r);
        Runnable product = () -> kernels.gemm(m, n, k, a, 0, k, false, b, 0, n, false, c, 0, n, false);
        double best = Double.POSITIVE_INFINITY;
        for (int t = 0; t < reps; t++) {
          double ms;
          if (kernels instanceof CudaKernels ck) {
            ms = ck.deviceMillis(product);
          } else {
            long t0 = System.nanoTime();
            product.run();
            ms = (System.nanoTime() - t0) / 1e6;
          }
          best = Math.min(best, ms);
        }
        return best;
      } finally {
        kernels.free(a);
        kernels.free(b);
        kernels.free(c);
      }
    }
  }

  @Override
  public synchronized Prepared prepare(Problem p) {
    if (closed) {
      throw new IllegalStateException("the " + name + " backend was closed");
    }
    DevicePrepared d = new DevicePrepared(this, kernels, p);
    open.add(d);
    return d;
  }

  synchronized void forget(DevicePrepared d) {
    open.remove(d);
  }

  @Override
  public void close() {
    List<DevicePrepared> all;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(open);
    }
    for (DevicePrepared d : all) {
      d.close();
    }
    kernels.close();
  }
}
