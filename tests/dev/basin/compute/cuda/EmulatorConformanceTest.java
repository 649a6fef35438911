package dev.basin.compute.cuda;

import dev.basin.compute.Backend;
import dev.basin.compute.BackendConformance;

/**
 * The conformance kit on the Java emulator of the CUDA kernels (spec COMPUTE-CONFORMANCE,
 * COMPUTE-CUDA): the arithmetic a GPU must reproduce bit for bit keeps the declared error model.
 */
class EmulatorConformanceTest extends BackendConformance {

  @Override
  protected Backend open() {
    return DeviceBackend.emulator();
  }
}
