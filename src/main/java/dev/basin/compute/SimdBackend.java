package dev.basin.compute;

import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;
import dev.basin.base.InvalidInputException;
import java.util.ArrayDeque;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The fast CPU backend (spec COMPUTE-SIMD): loss, gradient and (batched) Hessian-vector products
 * of every activation, loss, reduction and bias combination, computing the kernel's quantities
 * as matrix products over all samples at once with a packed, register-tiled Vector API GEMM
 * ({@link PackedGemm}) on a configurable number of threads.
 *
 * <p><b>Algorithm.</b> With X (n×d), Z = X W1ᵀ + b1, A = σ(Z), O = A W2ᵀ + b2, G = ∂ℓ/∂O, the
 * forward pass is cached per {@link #evaluate evaluation} (Z, A, σ'(Z), σ''(Z), O, G, the
 * per-sample losses, and W2ᵀg once needed). The gradient is c·(GᵀA, Σg, ΔᵀX, Σδ) with
 * Δ = (G W2) ⊙ σ'(Z); an HVP is the R-operator of HESS-HVP as eight products, two of them big
 * (X V1ᵀ and RΔᵀ X, n·d·h multiply-adds each). {@link Evaluation#hvpBatch} multiplies up to
 * about 2²¹/(n·h) directions per pass side by side, so its big products are single GEMMs with
 * b·h columns or rows. Per-sample loss functions are the kernel's own {@link
 * dev.basin.kernel.Loss} methods, activations the kernel's values bit for bit.
 *
 * <p><b>Error contract</b> (against {@link ReferenceBackend}, which computes the same formulas
 * with other summation orders). Let u = 2⁻⁵³. For every returned value y — the loss, an output, a
 * gradient entry, an entry of H·v —
 *
 * <pre>  |y_simd − y_ref| ≤ 2·u·E(y)   (to first order in u)</pre>
 *
 * where E(y) is the running error magnitude of spec COMPUTE-SIMD: the same computation on
 * absolute values in which every sum of T terms adds (T + 2)·Σ|term| and every elementary function
 * adds a few units of its value (precise rules in the spec), so that u·E(y) bounds the rounding
 * error of <em>any</em> summation order, the kernel's and this backend's alike. It needs the
 * signs of relu / leaky-relu pre-activations to agree in both backends, which holds whenever
 * |z| &gt; 2·u·E(z) for every unit and sample (the derivative jumps at 0, so no method can promise
 * more there). Tests check the bound on randomized problems of all kinds
 * (tests/dev/basin/compute/SimdBackendTest).
 *
 * <p><b>Determinism.</b> Results are bit-identical for the same inputs and the same thread
 * count, and also across thread counts and vector widths: every element is computed by the same
 * sequence of operations whatever the split (see {@link PackedGemm}); loss terms are summed in
 * sample order, column sums in row order.
 *
 * <p>Evaluations hold their buffers until {@link SimdEvaluation#close()}, which recycles them for
 * the next evaluation of the same shape. {@link #close()} stops the worker threads (they are
 * daemons, so forgetting it only costs idle threads). Thread-safe: evaluations may be used from
 * different threads, each by one thread at a time.
 */
public final class SimdBackend implements Backend, AutoCloseable {

  /** Idle workspaces kept for reuse. */
  private static final int POOLED = 2;

  private final Parallel team;
  private final ArrayDeque<Workspace> idle = new ArrayDeque<>();

  private SimdBackend(int threads) {
    this.team = new Parallel(threads);
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

  /**
   * Runs the forward pass of p at θ. θ (length N) is not modified and must not be modified while
   * the evaluation is in use.
   *
   * @throws InvalidInputException if θ does not have length N
   */
  @Override
  public SimdEvaluation evaluate(Problem p, double[] theta) {
    ParameterLayout l = p.layout();
    if (theta.length != l.size()) {
      throw new InvalidInputException("theta", "length " + theta.length + ", expected N = " + l.size());
    }
    boolean curved = ActivationStage.curved(p.activation());
    Workspace ws = take(p.samples(), l.inputs(), l.hidden(), l.outputs(), curved);
    if (ws == null) {
      ws = new Workspace(p.samples(), l.inputs(), l.hidden(), l.outputs(), curved, team);
    }
    return new SimdEvaluation(this, ws, team, p, theta);
  }

  private synchronized @Nullable Workspace take(int n, int d, int h, int k, boolean curved) {
    for (Workspace w : idle) {
      if (w.fits(n, d, h, k, curved)) {
        idle.remove(w);
        return w;
      }
    }
    return null;
  }

  /** Keeps a closed evaluation's workspace for the next evaluation (the oldest is dropped). */
  synchronized void recycle(Workspace ws) {
    if (idle.size() >= POOLED) {
      idle.pollFirst();
    }
    idle.addLast(ws);
  }

  /** Stops the worker threads; evaluations still open must not be used afterwards. Idempotent. */
  @Override
  public void close() {
    team.close();
    synchronized (this) {
      idle.clear();
    }
  }
}
