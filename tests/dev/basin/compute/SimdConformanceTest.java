package dev.basin.compute;

/**
 * The conformance kit on the SIMD backend with three threads (GEMMs and row loops split among
 * them; spec COMPUTE-CONFORMANCE).
 */
class SimdConformanceTest extends BackendConformance {

  @Override
  protected Backend open() {
    return SimdBackend.create(3);
  }
}
