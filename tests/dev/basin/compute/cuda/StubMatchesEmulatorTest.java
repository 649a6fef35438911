package dev.basin.compute.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.basin.compute.Backend;

/**
 * The CUDA backend's host code driving the kernels' CUDA source compiled for the CPU (the driver
 * stub, tests/native/fakecuda.cpp) gives the emulator's bits: the emulator mirrors the kernels'
 * source operation for operation, and the host code launches them with the right arguments and
 * geometry. Not a GPU test (see {@link GpuMatchesEmulatorTest}). Skipped where g++ is missing.
 */
class StubMatchesEmulatorTest extends DeviceMatchesEmulator {

  @Override
  protected Backend open() {
    assumeTrue(FakeCuda.library().isPresent(), "g++ could not build the CPU stub of the CUDA driver");
    return CudaProvider.open(FakeCuda.library().orElseThrow().toString());
  }
}
