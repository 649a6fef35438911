package dev.basin.compute;

/**
 * The buffers of one {@link SimdEvaluation}: the cached forward pass and the scratch of batched
 * Hessian-vector products, for one problem shape. Recycled by {@link SimdPrepared} when an
 * evaluation is closed, so that repeated evaluations do not allocate (and zero) tens of MiB each.
 * All arrays are row-major; their contents are owned by the evaluation that holds the workspace.
 */
final class Workspace {

  /** Scratch of the batched products is bounded to about this many doubles per buffer (16 MiB). */
  private static final long BATCH_BUDGET = 1L << 21;
  /** Largest number of directions multiplied in one pass. */
  private static final int MAX_BATCH = 64;

  final int n;
  final int d;
  final int h;
  final int k;
  final boolean curved;
  final PackedGemm gemm;

  /** Pre-activations z, activations a, σ'(z), σ''(z) (empty unless curved), W2ᵀg: n×h each. */
  final double[] z;
  final double[] a;
  final double[] s1;
  final double[] s2;
  final double[] back;
  /** A (n×h) packed as the left operand of A·Wᵀ products (the k outputs of forward and HVP). */
  final PackedGemm.Packed aLeft;
  /** Outputs and per-sample output gradients, n×k; per-sample losses, n. */
  final double[] out;
  final double[] g;
  /** c·g, the output gradients with the reduction factor (what the gradient and HVPs multiply). */
  final double[] gc;
  final double[] sampleLoss;

  /** Directions per pass of a batched product. */
  final int batch;
  private int capacity;
  /** R{z}, R{a}, R{back-propagated} for b directions: n×(b·h); R{o}, R{g}: n×(b·k). */
  double[] rz = new double[0];
  double[] ra = new double[0];
  double[] rb = new double[0];
  double[] ro = new double[0];
  double[] rg = new double[0];
  /** c·R{g}, n×(b·k). */
  double[] rgc = new double[0];
  /** R{A} of b directions as an (n·b)×h left operand, packed as it is produced. */
  double[] raLeft = new double[0];
  /** RΔᵀ (or Δᵀ), b·h×n, written straight into the packed A layout of RΔᵀ·X. */
  double[] packed = new double[0];
  /** One row of b·h values per thread, staged before it goes into {@link #packed}. */
  final double[][] rowTemp;
  /** Gathered V1 (b·h×d) and V2 (b·k×h) of b directions; results (b·h×d, b·h, b·k×h, b·k). */
  double[] v1 = new double[0];
  double[] v2 = new double[0];
  double[] hw1 = new double[0];
  double[] hb1 = new double[0];
  double[] hw2 = new double[0];
  double[] hb2 = new double[0];

  Workspace(int n, int d, int h, int k, boolean curved, Parallel team) {
    this.n = n;
    this.d = d;
    this.h = h;
    this.k = k;
    this.curved = curved;
    this.gemm = new PackedGemm(team);
    int nh = n * h;
    this.z = new double[nh];
    this.a = new double[nh];
    this.s1 = new double[nh];
    this.s2 = new double[curved ? nh : 0];
    this.back = new double[nh];
    this.aLeft = PackedGemm.emptyA(n, h, new double[Math.toIntExact(PackedGemm.packedSizeA(n, h))]);
    this.out = new double[n * k];
    this.g = new double[n * k];
    this.gc = new double[n * k];
    this.sampleLoss = new double[n];
    this.rowTemp = new double[team.threads()][0];
    long per = Math.max(Math.max((long) n * h, (long) h * d), Math.max((long) n * k, 1L));
    this.batch = (int) Math.max(1, Math.min(MAX_BATCH, BATCH_BUDGET / per));
  }

  /** Whether this workspace fits a problem of the given shape. */
  boolean fits(int n, int d, int h, int k, boolean curved) {
    return this.n == n && this.d == d && this.h == h && this.k == k && this.curved == curved;
  }

  /** Makes the batch buffers large enough for b ≤ batch directions (contents are not kept). */
  void reserve(int b) {
    if (b <= capacity) {
      return;
    }
    long nbh = (long) n * b * h;
    long nbk = (long) n * b * k;
    rz = new double[Math.toIntExact(nbh)];
    ra = new double[Math.toIntExact(nbh)];
    rb = new double[Math.toIntExact(nbh)];
    ro = new double[Math.toIntExact(nbk)];
    packed = new double[Math.toIntExact(PackedGemm.packedSizeA(b * h, n))];
    raLeft = new double[Math.toIntExact(PackedGemm.packedSizeA(n * b, h))];
    for (int t = 0; t < rowTemp.length; t++) {
      rowTemp[t] = new double[b * h];
    }
    rg = new double[Math.toIntExact(nbk)];
    rgc = new double[Math.toIntExact(nbk)];
    if (b > 1) {
      v1 = new double[Math.toIntExact((long) b * h * d)];
      v2 = new double[Math.toIntExact((long) b * k * h)];
      hw1 = new double[v1.length];
      hb1 = new double[b * h];
      hw2 = new double[v2.length];
      hb2 = new double[b * k];
    }
    capacity = b;
  }
}
