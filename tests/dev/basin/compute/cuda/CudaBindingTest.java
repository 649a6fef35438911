package dev.basin.compute.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.basin.base.InvalidInputException;
import dev.basin.compute.BackendProvider;
import dev.basin.compute.Backends;
import dev.basin.compute.Evaluation;
import dev.basin.compute.Prepared;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The java.lang.foreign binding to the CUDA driver API (spec COMPUTE-CUDA "Binding"), against the
 * CPU stub of the driver (tests/native/fakecuda.cpp; not a GPU): availability without a driver is
 * an answer, not an error; device memory is released on close; out-of-memory is refused as input
 * with the figure; a closed backend refuses work.
 */
class CudaBindingTest {

  private static Path stub() {
    assumeTrue(FakeCuda.library().isPresent(), "g++ could not build the CPU stub of the CUDA driver");
    return FakeCuda.library().orElseThrow();
  }

  /** A function of the stub's test interface (fakecuda_*). */
  private static MethodHandle stubFunction(String name, FunctionDescriptor fd) {
    SymbolLookup lib = SymbolLookup.libraryLookup(stub(), Arena.global());
    return Linker.nativeLinker().downcallHandle(lib.find(name).orElseThrow(), fd);
  }

  @Test
  void withoutADriverTheBackendIsUnavailableWithTheReason() {
    BackendProvider.Availability a = CudaProvider.probe("/nonexistent/libcuda.so.1");
    assertFalse(a.available());
    assertTrue(a.detail().contains("not found"), a.detail());
    // a library that is not a CUDA driver: also an answer, naming the missing entry point
    BackendProvider.Availability m = CudaProvider.probe("libm.so.6");
    assertFalse(m.available());
    assertTrue(m.detail().contains("cuInit"), m.detail());
  }

  @Test
  void theRegistryListsCudaAndRefusesItInOneLineWhereUnavailable() {
    assertTrue(Backends.describe().contains("cuda"), Backends.describe());
    assumeTrue(!new CudaProvider().availability().available(), "this machine has a GPU");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Backends.open("cuda", Backends.Guarantee.DECLARED, 10, 1));
    assertEquals("--backend", e.input());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    // auto never picks an unavailable backend, even for a huge net
    assertFalse(Backends.choose("auto", Backends.Guarantee.DECLARED, Long.MAX_VALUE).name().equals("cuda"));
  }

  @Test
  void theStubIsAvailableAndNamesItself() {
    BackendProvider.Availability a = CudaProvider.probe(stub().toString());
    assertTrue(a.available(), a.detail());
    assertTrue(a.detail().contains("not a GPU"), a.detail());
  }

  @Test
  void closingReleasesEveryDeviceBuffer() throws Throwable {
    MethodHandle allocated = stubFunction("fakecuda_allocated", FunctionDescriptor.of(ValueLayout.JAVA_LONG));
    long before = (long) allocated.invokeExact();
    Case c = Cases.sized(11, Activation.of(Activation.TANH), Loss.CE, Loss.MEAN, true, true, 5, 7, 3, 9);
    try (DeviceBackend b = CudaProvider.open(stub().toString())) {
      Prepared p = b.prepare(c.objective().problem());
      Evaluation e = p.evaluate(c.theta());
      double[] hv = new double[c.theta().length];
      e.hvpBatch(new double[][] {c.theta(), c.theta()}, new double[][] {hv, hv.clone()});
      e.forwardQuantities();
      assertTrue((long) allocated.invokeExact() > before, "nothing allocated on the stub");
      // the evaluation and the prepared problem are left open: closing the backend frees them
    }
    assertEquals(before, (long) allocated.invokeExact(), "device memory left allocated after close");
  }

  @Test
  void outOfDeviceMemoryIsRefusedWithTheFigure() throws Throwable {
    MethodHandle limit = stubFunction("fakecuda_set_limit", FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG));
    Case c = Cases.sized(12, Activation.of(Activation.RELU), Loss.HALFSQ, Loss.MEAN, true, true, 40, 50, 3, 200);
    try (DeviceBackend b = CudaProvider.open(stub().toString())) {
      limit.invokeExact(100_000L);
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
        try (Prepared p = b.prepare(c.objective().problem()); Evaluation ev = p.evaluate(c.theta())) {
          ev.loss();
        }
      });
      assertEquals("cuda", e.input());
      assertTrue(e.getMessage().contains("needs") && e.getMessage().contains("free"), e.getMessage());
    } finally {
      limit.invokeExact(1L << 31);
    }
  }

  @Test
  void aClosedBackendRefusesWork() {
    Case c = Cases.random(2);
    DeviceBackend b = CudaProvider.open(stub().toString());
    b.close();
    b.close();
    assertThrows(IllegalStateException.class, () -> b.prepare(c.objective().problem()));
  }
}
