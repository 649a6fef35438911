package dev.basin.compute.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.basin.base.InvalidInputException;
import dev.basin.base.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The CUDA driver API (libcuda.so.1) through java.lang.foreign (spec COMPUTE-CUDA "Binding"): no
 * JNI library, no JCuda. About twenty entry points: initialization, the primary context, modules
 * loaded from PTX text (JIT-compiled by the driver), kernel launches with a kernelParams array,
 * memory and copies (heap arrays passed in place to critical downcalls), events. The library is
 * {@code -Dbasin.cuda.library} (default libcuda.so.1): CI points it at a C stub of these entry points
 * (tests/native/fakecuda.c) to test this layer, which proves nothing about a GPU.
 *
 * <p>Every call returns a CUresult; a non-zero one becomes an {@link IllegalStateException} naming
 * the call and the error (a driver failure is not the user's input), except out-of-memory, which is
 * refused as input with the figure. Thread-safe as the driver is; callers serialize launches.
 */
@SuppressWarnings("restricted") // the one native binding of basin; the jar enables native access (manifest)
final class CudaDriver {

  /** The system property naming the driver library. */
  static final String LIBRARY_PROPERTY = "basin.cuda.library";
  /** The driver's library name on Linux. */
  static final String DEFAULT_LIBRARY = "libcuda.so.1";
  /** CUDA_ERROR_OUT_OF_MEMORY. */
  private static final int OUT_OF_MEMORY = 2;
  /** CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR / _MINOR, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT. */
  static final int ATTRIBUTE_MAJOR = 75;
  static final int ATTRIBUTE_MINOR = 76;
  static final int ATTRIBUTE_SMS = 16;

  private final String library;
  private final Arena arena = Arena.ofShared();
  private final MethodHandle cuInit;
  private final MethodHandle cuDriverGetVersion;
  private final MethodHandle cuDeviceGetCount;
  private final MethodHandle cuDeviceGet;
  private final MethodHandle cuDeviceGetName;
  private final MethodHandle cuDeviceGetAttribute;
  private final MethodHandle cuDevicePrimaryCtxRetain;
  private final MethodHandle cuDevicePrimaryCtxRelease;
  private final MethodHandle cuCtxSetCurrent;
  private final MethodHandle cuCtxSynchronize;
  private final MethodHandle cuModuleLoadData;
  private final MethodHandle cuModuleUnload;
  private final MethodHandle cuModuleGetFunction;
  private final MethodHandle cuMemGetInfo;
  private final MethodHandle cuMemAlloc;
  private final MethodHandle cuMemFree;
  private final MethodHandle cuMemcpyHtoD;
  private final MethodHandle cuMemcpyDtoH;
  private final MethodHandle cuLaunchKernel;
  private final MethodHandle cuEventCreate;
  private final MethodHandle cuEventRecord;
  private final MethodHandle cuEventSynchronize;
  private final MethodHandle cuEventElapsedTime;
  private final MethodHandle cuEventDestroy;
  private final MethodHandle cuGetErrorName;

  /**
   * Binds the entry points of the library.
   *
   * @throws IllegalArgumentException if the library cannot be loaded (not installed)
   * @throws IllegalStateException if an entry point is missing
   */
  CudaDriver(String library) {
    this.library = library;
    SymbolLookup lib = SymbolLookup.libraryLookup(library, arena);
    cuInit = bind(lib, library, "cuInit", JAVA_INT);
    cuDriverGetVersion = bind(lib, library, "cuDriverGetVersion", ADDRESS);
    cuDeviceGetCount = bind(lib, library, "cuDeviceGetCount", ADDRESS);
    cuDeviceGet = bind(lib, library, "cuDeviceGet", ADDRESS, JAVA_INT);
    cuDeviceGetName = bind(lib, library, "cuDeviceGetName", ADDRESS, JAVA_INT, JAVA_INT);
    cuDeviceGetAttribute = bind(lib, library, "cuDeviceGetAttribute", ADDRESS, JAVA_INT, JAVA_INT);
    cuDevicePrimaryCtxRetain = bind(lib, library, "cuDevicePrimaryCtxRetain", ADDRESS, JAVA_INT);
    cuDevicePrimaryCtxRelease = bind(lib, library, "cuDevicePrimaryCtxRelease_v2", JAVA_INT);
    cuCtxSetCurrent = bind(lib, library, "cuCtxSetCurrent", ADDRESS);
    cuCtxSynchronize = bind(lib, library, "cuCtxSynchronize");
    cuModuleLoadData = bind(lib, library, "cuModuleLoadData", ADDRESS, ADDRESS);
    cuModuleUnload = bind(lib, library, "cuModuleUnload", ADDRESS);
    cuModuleGetFunction = bind(lib, library, "cuModuleGetFunction", ADDRESS, ADDRESS, ADDRESS);
    cuMemGetInfo = bind(lib, library, "cuMemGetInfo_v2", ADDRESS, ADDRESS);
    cuMemAlloc = bind(lib, library, "cuMemAlloc_v2", ADDRESS, JAVA_LONG);
    cuMemFree = bind(lib, library, "cuMemFree_v2", JAVA_LONG);
    // heap arrays go to the copies in place (critical: no GC while the copy runs)
    cuMemcpyHtoD = bindCritical(lib, library, "cuMemcpyHtoD_v2", JAVA_LONG, ADDRESS, JAVA_LONG);
    cuMemcpyDtoH = bindCritical(lib, library, "cuMemcpyDtoH_v2", ADDRESS, JAVA_LONG, JAVA_LONG);
    cuLaunchKernel = bind(lib, library, "cuLaunchKernel", ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
        JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    cuEventCreate = bind(lib, library, "cuEventCreate", ADDRESS, JAVA_INT);
    cuEventRecord = bind(lib, library, "cuEventRecord", ADDRESS, ADDRESS);
    cuEventSynchronize = bind(lib, library, "cuEventSynchronize", ADDRESS);
    // CUDA 13 headers map cuEventElapsedTime to _v2; older drivers only have the first
    cuEventElapsedTime = bindEither(lib, library, "cuEventElapsedTime_v2", "cuEventElapsedTime", ADDRESS, ADDRESS, ADDRESS);
    cuEventDestroy = bind(lib, library, "cuEventDestroy_v2", ADDRESS);
    cuGetErrorName = bind(lib, library, "cuGetErrorName", JAVA_INT, ADDRESS);
  }

  /** The library loaded. */
  String library() {
    return library;
  }

  private static MemorySegment symbol(SymbolLookup lib, String library, String name) {
    return lib.find(name).orElseThrow(() -> new IllegalStateException(library + " has no entry point " + name));
  }

  private static MethodHandle bind(SymbolLookup lib, String library, String name, MemoryLayout... args) {
    return Linker.nativeLinker().downcallHandle(symbol(lib, library, name), FunctionDescriptor.of(JAVA_INT, args));
  }

  private static MethodHandle bindCritical(SymbolLookup lib, String library, String name, MemoryLayout... args) {
    return Linker.nativeLinker().downcallHandle(symbol(lib, library, name), FunctionDescriptor.of(JAVA_INT, args),
        Linker.Option.critical(true));
  }

  private static MethodHandle bindEither(SymbolLookup lib, String library, String name, String fallback,
      MemoryLayout... args) {
    Optional<MemorySegment> s = lib.find(name);
    return Linker.nativeLinker().downcallHandle(s.isPresent() ? s.get() : symbol(lib, library, fallback),
        FunctionDescriptor.of(JAVA_INT, args));
  }

  /**
   * Calls a downcall handle and returns its CUresult. (invokeWithArguments rather than the
   * signature-polymorphic invokeExact, which the Checker Framework cannot type; a driver call costs
   * microseconds either way.)
   */
  private static int call(MethodHandle h, Object... args) throws Throwable {
    return (Integer) h.invokeWithArguments(args);
  }

  /** The CUresult's name (e.g. CUDA_ERROR_NO_DEVICE). */
  String errorName(int result) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment p = a.allocate(ADDRESS);
      int r = call(cuGetErrorName, result, p);
      MemorySegment s = p.get(ADDRESS, 0);
      return r == 0 && !s.equals(MemorySegment.NULL) ? s.reinterpret(256).getString(0) : "CUresult " + result;
    } catch (Throwable t) {
      return "CUresult " + result;
    }
  }

  /** A CUresult that is not CUDA_SUCCESS as an exception. */
  private void check(int result, String what) {
    if (result != 0) {
      throw new IllegalStateException(what + " failed: " + errorName(result) + " (" + result + ")");
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }

  // ------------------------------------------------------------------ calls (int handles are CUdevice)

  void init() {
    try {
      check(call(cuInit, 0), "cuInit");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** The result of cuInit without throwing (for availability probes). */
  int tryInit() {
    try {
      return call(cuInit, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  int driverVersion() {
    return intOut(cuDriverGetVersion, "cuDriverGetVersion");
  }

  int deviceCount() {
    return intOut(cuDeviceGetCount, "cuDeviceGetCount");
  }

  private int intOut(MethodHandle h, String what) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(JAVA_INT);
      check(call(h, out), what);
      return out.get(JAVA_INT, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  int device(int ordinal) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(JAVA_INT);
      check(call(cuDeviceGet, out, ordinal), "cuDeviceGet");
      return out.get(JAVA_INT, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  String deviceName(int dev) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(256);
      check(call(cuDeviceGetName, out, 256, dev), "cuDeviceGetName");
      return out.getString(0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  int attribute(int attribute, int dev) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(JAVA_INT);
      check(call(cuDeviceGetAttribute, out, attribute, dev), "cuDeviceGetAttribute");
      return out.get(JAVA_INT, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** The device's primary context (retained; release with {@link #releasePrimaryContext}). */
  MemorySegment retainPrimaryContext(int dev) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(ADDRESS);
      check(call(cuDevicePrimaryCtxRetain, out, dev), "cuDevicePrimaryCtxRetain");
      return out.get(ADDRESS, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void releasePrimaryContext(int dev) {
    try {
      check(call(cuDevicePrimaryCtxRelease, dev), "cuDevicePrimaryCtxRelease");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void setCurrent(MemorySegment ctx) {
    try {
      check(call(cuCtxSetCurrent, ctx), "cuCtxSetCurrent");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void synchronize() {
    try {
      check(call(cuCtxSynchronize), "cuCtxSynchronize");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Loads a module from PTX text (the driver JIT-compiles it for the device). */
  MemorySegment loadModule(String ptx) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(ADDRESS);
      check(call(cuModuleLoadData, out, a.allocateFrom(ptx)), "cuModuleLoadData (the kernels' PTX)");
      return out.get(ADDRESS, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void unloadModule(MemorySegment module) {
    try {
      check(call(cuModuleUnload, module), "cuModuleUnload");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  MemorySegment function(MemorySegment module, String name) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(ADDRESS);
      check(call(cuModuleGetFunction, out, module, a.allocateFrom(name)), "cuModuleGetFunction " + name);
      return out.get(ADDRESS, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** {free, total} device memory in bytes. */
  long[] memoryInfo() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment free = a.allocate(JAVA_LONG);
      MemorySegment total = a.allocate(JAVA_LONG);
      check(call(cuMemGetInfo, free, total), "cuMemGetInfo");
      return new long[] {free.get(JAVA_LONG, 0), total.get(JAVA_LONG, 0)};
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /**
   * Device memory of the given size.
   *
   * @throws InvalidInputException if the device is out of memory (with the figure)
   */
  long alloc(long bytes, String what) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(JAVA_LONG);
      int r = call(cuMemAlloc, out, bytes);
      if (r == OUT_OF_MEMORY) {
        long[] info = memoryInfo();
        throw new InvalidInputException("cuda", "needs " + Memory.format(bytes) + " of device memory for " + what
            + ", the device has " + Memory.format(info[0]) + " free of " + Memory.format(info[1])
            + ": use a smaller problem or --backend simd");
      }
      check(r, "cuMemAlloc (" + what + ")");
      return out.get(JAVA_LONG, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void free(long ptr) {
    try {
      check(call(cuMemFree, ptr), "cuMemFree");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** device[dst + 8·doff …] ← src[so … so+len) (src not modified). */
  void upload(double[] src, int so, long dst, long doff, int len) {
    if (len == 0) {
      return;
    }
    MemorySegment host = MemorySegment.ofArray(src).asSlice(8L * so, 8L * len);
    try {
      check(call(cuMemcpyHtoD, dst + 8 * doff, host, 8L * len), "cuMemcpyHtoD");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** dst[doff … doff+len) ← device[src + 8·so …] (dst modified). */
  void download(long src, long so, double[] dst, int doff, int len) {
    if (len == 0) {
      return;
    }
    MemorySegment host = MemorySegment.ofArray(dst).asSlice(8L * doff, 8L * len);
    try {
      check(call(cuMemcpyDtoH, host, src + 8 * so, 8L * len), "cuMemcpyDtoH");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** A kernel argument: its bytes as the kernel's parameter type (pointer or long: 8, int: 4, double: 8). */
  sealed interface Arg permits LongArg, IntArg, DoubleArg {}

  /** A 64-bit integer or device pointer argument. */
  record LongArg(long value) implements Arg {}

  /** A 32-bit integer argument. */
  record IntArg(int value) implements Arg {}

  /** A double argument. */
  record DoubleArg(double value) implements Arg {}

  /** The argument's bytes in a segment of the arena. */
  private static MemorySegment value(Arena a, Arg arg) {
    if (arg instanceof LongArg l) {
      return a.allocateFrom(JAVA_LONG, l.value());
    }
    if (arg instanceof IntArg n) {
      return a.allocateFrom(JAVA_INT, n.value());
    }
    return a.allocateFrom(JAVA_DOUBLE, ((DoubleArg) arg).value());
  }

  /** Launches f on the grid (default stream, no dynamic shared memory); asynchronous. */
  void launch(MemorySegment f, int gx, int gy, int bx, int by, Arg... args) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment params = a.allocate(ADDRESS, Math.max(1, args.length));
      for (int i = 0; i < args.length; i++) {
        params.setAtIndex(ADDRESS, i, value(a, args[i]));
      }
      check(call(cuLaunchKernel, f, gx, gy, 1, bx, by, 1, 0, MemorySegment.NULL, params,
          MemorySegment.NULL), "cuLaunchKernel");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** A new event (default flags, timing enabled). */
  MemorySegment createEvent() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(ADDRESS);
      check(call(cuEventCreate, out, 0), "cuEventCreate");
      return out.get(ADDRESS, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void recordEvent(MemorySegment event) {
    try {
      check(call(cuEventRecord, event, MemorySegment.NULL), "cuEventRecord");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Milliseconds between two recorded events (waits for the second). */
  float elapsedMillis(MemorySegment start, MemorySegment end) {
    try (Arena a = Arena.ofConfined()) {
      check(call(cuEventSynchronize, end), "cuEventSynchronize");
      MemorySegment out = a.allocate(JAVA_FLOAT);
      check(call(cuEventElapsedTime, out, start, end), "cuEventElapsedTime");
      return out.get(JAVA_FLOAT, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void destroyEvent(MemorySegment event) {
    try {
      check(call(cuEventDestroy, event), "cuEventDestroy");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }
}
