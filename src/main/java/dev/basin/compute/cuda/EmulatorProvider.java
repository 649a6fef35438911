package dev.basin.compute.cuda;

import dev.basin.compute.Backend;
import dev.basin.compute.BackendProvider;

/**
 * The registry's entry for the Java emulator of the CUDA kernels: runs anywhere, slowly (plain
 * loops), never chosen by auto; the GPU's results must equal its own bit for bit.
 */
public final class EmulatorProvider implements BackendProvider {

  /** Its name. */
  public static final String NAME = "cuda-emulator";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Java emulator of the CUDA kernels (the same fma/add/mul order; slow), spec COMPUTE-CUDA";
  }

  @Override
  public Availability availability() {
    return Availability.yes("any JVM");
  }

  @Override
  public int autoRank() {
    return NEVER_AUTO;
  }

  @Override
  public long autoMinParams() {
    return Long.MAX_VALUE;
  }

  @Override
  public Backend create(int threads) {
    return DeviceBackend.emulator();
  }
}
