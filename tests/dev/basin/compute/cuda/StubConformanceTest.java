package dev.basin.compute.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.basin.compute.Backend;
import dev.basin.compute.BackendConformance;

/**
 * The conformance kit on the CUDA backend's host code — the java.lang.foreign binding, memory
 * management, launch geometry — driving the CPU stub of the driver, which runs the kernels' CUDA
 * source compiled for the CPU (tests/native/fakecuda.cpp). Not a GPU test: it proves the binding
 * layer and the kernels' logic, nothing about a GPU's compiler or hardware (that is
 * {@link GpuConformanceTest}, on a machine with one). Skipped where g++ is missing.
 */
class StubConformanceTest extends BackendConformance {

  @Override
  protected Backend open() {
    assumeTrue(FakeCuda.library().isPresent(), "g++ could not build the CPU stub of the CUDA driver");
    return CudaProvider.open(FakeCuda.library().orElseThrow().toString());
  }

  /** The stub runs every kernel thread as a coroutine: fewer exact cases keep it to seconds. */
  @Override
  protected int smallCaseCount() {
    return 30;
  }
}
