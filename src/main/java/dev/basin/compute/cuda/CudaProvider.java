package dev.basin.compute.cuda;

import dev.basin.base.InvalidInputException;
import dev.basin.compute.Backend;
import dev.basin.compute.BackendProvider;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The registry's entry for the CUDA backend (spec COMPUTE-CUDA): available where the driver library
 * loads, cuInit succeeds and device 0 has compute capability ≥ 7.5 (the PTX's target). Where
 * libcuda.so.1 is absent it is simply unavailable, with the reason, never an error. The probe runs
 * once per JVM.
 */
public final class CudaProvider implements BackendProvider {

  /** Its name. */
  public static final String NAME = "cuda";

  /**
   * The parameter count from which auto prefers the GPU: below it, launches and copies outweigh
   * the products (a guess until a GPU run measures it; bench/REPORT.md).
   */
  public static final long AUTO_MIN_PARAMS = 1_000_000;

  private static @Nullable Availability probed;

  /** The driver library this JVM uses ({@code -Dbasin.cuda.library}, default libcuda.so.1). */
  static String library() {
    return System.getProperty(CudaDriver.LIBRARY_PROPERTY, CudaDriver.DEFAULT_LIBRARY);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "FP64 kernels on an NVIDIA GPU via the CUDA driver API (java.lang.foreign), bit for bit the"
        + " cuda-emulator's results";
  }

  @Override
  public Availability availability() {
    return probeOnce();
  }

  private static synchronized Availability probeOnce() {
    Availability a = probed;
    if (a == null) {
      a = probe(library());
      probed = a;
    }
    return a;
  }

  /** Whether the library loads and device 0 can run the kernels; never throws. */
  static Availability probe(String library) {
    CudaDriver driver;
    try {
      driver = new CudaDriver(library);
    } catch (IllegalArgumentException e) {
      return Availability.no(library + " not found (no NVIDIA driver on this machine)");
    } catch (RuntimeException e) {
      return Availability.no(library + " is not a usable CUDA driver: " + String.valueOf(e.getMessage()));
    }
    try {
      int r = driver.tryInit();
      if (r != 0) {
        return Availability.no("cuInit: " + driver.errorName(r));
      }
      if (driver.deviceCount() < 1) {
        return Availability.no("no CUDA device");
      }
      int dev = driver.device(0);
      int major = driver.attribute(CudaDriver.ATTRIBUTE_MAJOR, dev);
      int minor = driver.attribute(CudaDriver.ATTRIBUTE_MINOR, dev);
      String name = driver.deviceName(dev);
      if (major < CudaKernels.MIN_MAJOR || major == CudaKernels.MIN_MAJOR && minor < CudaKernels.MIN_MINOR) {
        return Availability.no(name + " has compute capability " + major + "." + minor + "; the kernels' PTX needs "
            + CudaKernels.MIN_MAJOR + "." + CudaKernels.MIN_MINOR + " or newer");
      }
      return Availability.yes(name);
    } catch (RuntimeException e) {
      return Availability.no(String.valueOf(e.getMessage()));
    }
  }

  @Override
  public int autoRank() {
    return 2;
  }

  @Override
  public long autoMinParams() {
    return AUTO_MIN_PARAMS;
  }

  /**
   * The CUDA backend on device 0.
   *
   * @throws InvalidInputException if it is not available here
   */
  @Override
  public Backend create(int threads) {
    Availability a = availability();
    if (!a.available()) {
      throw new InvalidInputException("--backend", NAME + " is not available on this machine: " + a.detail());
    }
    return open(library());
  }

  /** The CUDA backend on device 0 of the given driver library (tests point it at the CPU stub). */
  static DeviceBackend open(String library) {
    return new DeviceBackend(NAME, new CudaKernels(new CudaDriver(library)));
  }
}
