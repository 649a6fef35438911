package dev.basin.compute;

/** The conformance kit on the reference kernel (spec COMPUTE-CONFORMANCE): the oracle keeps its own declaration. */
class ReferenceConformanceTest extends BackendConformance {

  @Override
  protected Backend open() {
    return ReferenceBackend.INSTANCE;
  }
}
