package dev.basin.compute;

import dev.basin.base.InvalidInputException;
import dev.basin.kernel.Problem;

/**
 * The fast CPU backend (spec COMPUTE-SIMD): loss, gradient and (batched) Hessian-vector products
 * of every activation, loss, reduction and bias combination, computing the kernel's quantities
 * as matrix products over all samples at once with a packed, register-tiled Vector API GEMM
 * ({@link PackedGemm}) on a configurable number of threads.
 *
 * <p><b>Algorithm.</b> With X (n×d), Z = X W1ᵀ + b1, A = σ(Z), O = A W2ᵀ + b2, G = ∂ℓ/∂O, the
 * forward pass is cached per {@link Prepared#evaluate evaluation} (Z, A, σ'(Z), σ''(Z), O, G, the
 * per-sample losses, and W2ᵀg once needed). The gradient is c·(GᵀA, Σg, ΔᵀX, Σδ) with
 * Δ = (G W2) ⊙ σ'(Z); an HVP is the R-operator of HESS-HVP as eight products, two of them big
 * (X V1ᵀ and RΔᵀ X, n·d·h multiply-adds each). {@link Evaluation#hvpBatch} multiplies up to
 * about 2²¹/(n·h) directions per pass side by side, so its big products are single GEMMs with
 * b·h columns or rows. Per-sample loss functions are the kernel's own {@link
 * dev.basin.kernel.Loss} methods, activations the kernel's values bit for bit.
 *
 * <p><b>Error contract</b>: {@link #MODEL} (spec COMPUTE-ERROR-MODEL), checked by the conformance
 * kit; against {@link ReferenceBackend} also the first-order running-error bound of COMPUTE-SIMD
 * (|y_simd − y_ref| ≤ 2·u·E(y)), valid where relu / leaky-relu pre-activations are clear of the kink
 * by more than their rounding error (the derivative jumps at 0, so no method can promise more there).
 *
 * <p><b>Determinism.</b> Results are bit-identical for the same inputs and the same thread
 * count, and also across thread counts and vector widths: every element is computed by the same
 * sequence of operations whatever the split (see {@link PackedGemm}); loss terms are summed in
 * sample order, column sums in row order.
 *
 * <p>{@link #close()} stops the worker threads (they are daemons, so forgetting it only costs idle
 * threads). Thread-safe: evaluations may be used from different threads, each by one thread at a
 * time.
 */
public final class SimdBackend implements Backend {

  /**
   * FMA chains over depth blocks in every sum (at most k + 1 roundings per term of a k-term sum,
   * spec COMPUTE-SIMD "GEMM"); activations and loss functions are the kernel's code.
   */
  public static final ErrorModel MODEL = new ErrorModel(
      "binary64, round to nearest, FMA chains over depth blocks (Vector API GEMM)", true, ErrorModel.KERNEL_FUNCTION_ULPS);

  private final Parallel team;
  private final MatrixProducts products;

  private SimdBackend(int threads) {
    this.team = new Parallel(threads);
    PackedGemm gemm = new PackedGemm(team);
    this.products = new MatrixProducts() {
      @Override
      public void multiply(int m, int n, int k, double[] a, int ao, int lda, boolean transA, double[] b, int bo,
          int ldb, boolean transB, double[] c, int co, boolean accumulate) {
        // one product at a time: PackedGemm keeps per-thread scratch
        synchronized (this) {
          gemm.multiply(m, n, k, new Operand(a, ao, lda, transA), new Operand(b, bo, ldb, transB), c, co, n,
              accumulate);
        }
      }

      @Override
      public ErrorModel errorModel() {
        return MODEL;
      }
    };
  }

  /**
   * A backend on the given number of threads (≥ 1; the calling thread is one of them).
   *
   * @throws InvalidInputException if threads &lt; 1
   */
  public static SimdBackend create(int threads) {
    if (threads < 1) {
      throw new InvalidInputException("threads", threads + " (must be >= 1)");
    }
    return new SimdBackend(threads);
  }

  /** The number of threads. */
  public int threads() {
    return team.threads();
  }

  @Override
  public String name() {
    return "simd";
  }

  @Override
  public ErrorModel errorModel() {
    return MODEL;
  }

  @Override
  public SimdPrepared prepare(Problem p) {
    return new SimdPrepared(this, team, p, products);
  }

  /**
   * A shortcut for prepare(p).evaluate(θ), for one evaluation of a problem (the data are packed
   * for it alone). θ (length N) is not modified and must not be modified while it is in use.
   *
   * @throws InvalidInputException if θ does not have length N
   */
  public SimdEvaluation evaluate(Problem p, double[] theta) {
    return prepare(p).evaluate(theta);
  }

  /** Stops the worker threads; evaluations still open must not be used afterwards. Idempotent. */
  @Override
  public void close() {
    team.close();
  }

  /** The registry's entry for the SIMD backend. */
  public static final class Provider implements BackendProvider {

    /** Parameter count from which auto uses the SIMD path (its packing pays off above it). */
    public static final long AUTO_MIN_PARAMS = 20_000;

    @Override
    public String name() {
      return "simd";
    }

    @Override
    public String description() {
      return "Vector API GEMMs on the CPU threads (--simd-threads), spec COMPUTE-SIMD";
    }

    @Override
    public Availability availability() {
      return Availability.yes(PackedGemm.SPECIES.vectorBitSize() + "-bit vectors");
    }

    @Override
    public int autoRank() {
      return 1;
    }

    @Override
    public long autoMinParams() {
      return AUTO_MIN_PARAMS;
    }

    @Override
    public Backend create(int threads) {
      return SimdBackend.create(threads);
    }
  }
}
