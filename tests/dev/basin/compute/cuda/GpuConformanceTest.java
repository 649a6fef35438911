package dev.basin.compute.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.basin.compute.Backend;
import dev.basin.compute.BackendConformance;
import dev.basin.compute.BackendProvider;

/**
 * The conformance kit on the CUDA backend on a real GPU (spec COMPUTE-CONFORMANCE): run by
 * bin/gpu-check on a machine with an NVIDIA GPU; skipped (with the reason) where the CUDA backend is
 * unavailable, e.g. in CI.
 */
class GpuConformanceTest extends BackendConformance {

  @Override
  protected Backend open() {
    BackendProvider.Availability a = new CudaProvider().availability();
    assumeTrue(a.available(), () -> "no GPU: " + a.detail());
    return new CudaProvider().create(1);
  }
}
