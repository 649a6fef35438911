package dev.basin.compute.cuda;

/**
 * The device operations of spec COMPUTE-CUDA: buffers, copies, and the kernels of
 * src/main/cuda/kernels.cu, each with its arithmetic pinned (the order of every fma, add and mul is
 * fixed, no atomics), so that {@link CudaKernels} (the GPU) and {@link EmulatedKernels} (Java, with
 * {@link Math#fma}) return the same bits. {@link DeviceEvaluation} composes them into the forward
 * pass, gradient and HVPs; it runs unchanged on either.
 *
 * <p>Buffers are the device's own (a buffer of one device passed to another is a bug). Offsets and
 * counts are in doubles. A buffer's contents are undefined until written. Used by one thread at a
 * time (the prepared problem serializes).
 */
interface Kernels extends AutoCloseable {

  /** What it runs on, for reports (e.g. "NVIDIA H100 80GB HBM3, driver 13.0"). */
  String device();

  /** Bytes that allocations may still take (device memory, or heap for the emulator). */
  long freeBytes();

  /**
   * A buffer of the given length (contents undefined).
   *
   * @throws dev.basin.base.InvalidInputException if the device cannot hold it (with the figure)
   */
  Buffer alloc(long doubles, String what);

  /** Releases a buffer (idempotent for the same buffer is not required: once per buffer). */
  void free(Buffer b);

  /** dst[doff .. doff+len) ← src[so .. so+len). src not modified. */
  void upload(double[] src, int so, Buffer dst, long doff, int len);

  /** dst[doff .. doff+len) ← src[so .. so+len) (dst modified). */
  void download(Buffer src, long so, double[] dst, int doff, int len);

  /**
   * C ← op(A)·op(B), or C + op(A)·op(B) when accumulate: element (i, j) is the chain acc = +0,
   * acc = fma(op(A)(i, p), op(B)(p, j), acc) for p = 0 … k−1, then C + acc (one rounded addition) or
   * acc. op(A) is m×k, A row-major at a[ao …] with row stride lda, transposed when ta (A is then
   * k×m); op(B) likewise; C row-major at c[co …] with row stride ldc.
   */
  void gemm(int m, int n, int k, Buffer a, long ao, int lda, boolean ta, Buffer b, long bo, int ldb, boolean tb,
      Buffer c, long co, int ldc, boolean accumulate);

  /** C[i, j] ← v[vo + j] for i &lt; rows, j &lt; cols (C row-major at co with row stride ldc). */
  void fillRows(Buffer c, long co, int ldc, int rows, int cols, Buffer v, long vo);

  /**
   * a ← σ(z), s1 ← σ'(z) for the piecewise-linear kinds (relu, leaky relu, identity of {@link
   * dev.basin.kernel.Activation}), with the kernel's expressions.
   */
  void activate(int kind, double slope, Buffer z, Buffer a, Buffer s1, long count);

  /** dst ← f·src. */
  void scale(double f, Buffer src, Buffer dst, long count);

  /** ra[i, j·h + u] ← s1[i, u]·rz[i, j·h + u] (n samples, b directions side by side). */
  void timesDerivative(Buffer s1, Buffer rz, Buffer ra, int n, int h, int b);

  /**
   * rg ← M_i·ro per sample i and direction j (rows i·b + j of k values) with the kernel's
   * expressions of Loss.sampleHessianTimes, and rgc ← c·rg. p: the softmax (ce, n·k) or s(1 − s)
   * (logistic, n), unused for the squared losses.
   */
  void lossHessian(int kind, Buffer p, Buffer ro, Buffer rg, Buffer rgc, double c, int n, int b, int k);

  /** out[oo + j] ← Σ_i src[so + i·ld + j] for j &lt; cols, summed in row order from +0. */
  void columnSums(Buffer src, long so, int ld, int rows, int cols, Buffer out, long oo);

  /** out ← c·(back·s1). */
  void gradientDelta(double c, Buffer back, Buffer s1, Buffer out, long count);

  /**
   * out[i, j·h + u] ← c·(rb·s1 + (back·s2)·rz) (the second term only when curved), with s1, back,
   * s2 indexed [i, u]; out may be rb.
   */
  void rDelta(boolean curved, double c, Buffer rb, Buffer s1, Buffer back, Buffer s2, Buffer rz, Buffer out, int n,
      int h, int b);

  /** Waits until every launched kernel has finished (a no-op where launches are synchronous). */
  void synchronize();

  /** Releases the device (its context); buffers must have been freed. Idempotent. */
  @Override
  void close();
}
