package dev.basin.compute;

import dev.basin.kernel.Activation;
import dev.basin.kernel.FullHessian;
import dev.basin.kernel.Loss;
import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;
import dev.basin.base.InvalidInputException;

/**
 * A problem evaluated at one θ by {@link SimdBackend} (spec COMPUTE-SIMD): the forward pass of all
 * samples at once as matrix products (NET-FORWARD), the gradient (NET-GRAD) and batched
 * Hessian-vector products by the R-operator (HESS-HVP) over the cached pass. The per-sample loss
 * functions (ℓ, ∂ℓ/∂o, M·v) are the kernel's own {@link Loss} methods.
 *
 * <p>Used by one thread at a time. {@link #close()} hands the buffers back to the prepared problem for the
 * next evaluation; a closed evaluation throws {@link IllegalStateException}.
 */
public final class SimdEvaluation implements Evaluation, AutoCloseable {

  /** Rows per part below which row loops are not split over threads. */
  private static final int MIN_ROWS_PER_PART = 16;

  private final SimdPrepared prepared;
  private final Workspace ws;
  private final Parallel team;
  private final Problem p;
  private final double[] theta;
  private final Activation act;
  private final Loss lossFn;
  private final int n;
  private final int d;
  private final int h;
  private final int k;
  private final int ob1;
  private final int ow2;
  private final int ob2;
  private final boolean hasB1;
  private final boolean hasB2;
  private final double c;
  private final double loss;
  private boolean backReady;
  private boolean closed;

  /** Runs the forward pass of p at θ (neither modified) in the buffers of ws. */
  SimdEvaluation(SimdPrepared prepared, Workspace ws, Parallel team, Problem p, double[] theta) {
    this.prepared = prepared;
    this.ws = ws;
    this.team = team;
    this.p = p;
    this.theta = theta;
    ParameterLayout l = p.layout();
    this.act = p.activation();
    this.lossFn = p.loss();
    this.n = p.samples();
    this.d = l.inputs();
    this.h = l.hidden();
    this.k = l.outputs();
    this.ob1 = l.offsetB1();
    this.ow2 = l.offsetW2();
    this.ob2 = l.offsetB2();
    this.hasB1 = l.hasHiddenBias();
    this.hasB2 = l.hasOutputBias();
    this.c = p.scale();
    this.loss = forward();
  }

  /** A row range [i0, i1) of a parallel loop, run as part {@code part} (&lt; the team size). */
  @FunctionalInterface
  private interface RowRange {
    void run(int part, int i0, int i1);
  }

  /**
   * Splits rows [0, rows) into contiguous parts, one per thread, each starting at a multiple of
   * {@link PackedGemm#MR} (so that parts may pack their rows into strips of their own).
   */
  private void rows(int rows, RowRange body) {
    int strips = (rows + PackedGemm.MR - 1) / PackedGemm.MR;
    int parts = Math.max(1, Math.min(team.threads(), rows / MIN_ROWS_PER_PART));
    if (parts == 1) {
      body.run(0, 0, rows);
      return;
    }
    team.run(parts, t -> body.run(t, Math.min(rows, (int) ((long) strips * t / parts) * PackedGemm.MR),
        Math.min(rows, (int) ((long) strips * (t + 1) / parts) * PackedGemm.MR)));
  }

  /** out[oo + r] = Σ_i op(A)(r, i) for the rows r &lt; m of a packed A (strips split over threads). */
  private void rowSums(PackedGemm.Packed pa, int m, double[] out, int oo) {
    int strips = (m + PackedGemm.MR - 1) / PackedGemm.MR;
    int parts = Math.max(1, Math.min(team.threads(), strips / 8));
    if (parts == 1) {
      PackedGemm.rowSums(pa, 0, m, out, oo);
      return;
    }
    team.run(parts, t -> PackedGemm.rowSums(pa, (int) ((long) strips * t / parts) * PackedGemm.MR,
        Math.min(m, (int) ((long) strips * (t + 1) / parts) * PackedGemm.MR), out, oo));
  }

  /** out[oo + j] = Σ_i src[i·ld + j] for j &lt; cols (columns split over threads). */
  private void columnSums(double[] src, int ld, int cols, double[] out, int oo) {
    int groups = (cols + PackedGemm.NR - 1) / PackedGemm.NR;
    int parts = Math.max(1, Math.min(team.threads(), groups));
    if (parts == 1 || (long) n * cols < 1 << 14) {
      Lanes.columnSums(src, 0, ld, n, 0, cols, out, oo);
      return;
    }
    team.run(parts, t -> {
      int j0 = Math.min(cols, (int) ((long) groups * t / parts) * PackedGemm.NR);
      int j1 = Math.min(cols, (int) ((long) groups * (t + 1) / parts) * PackedGemm.NR);
      Lanes.columnSums(src, 0, ld, n, j0, j1, out, oo);
    });
  }

  /** NET-FORWARD for all samples; returns L(θ) = c·Σ_i ℓ_i (summed in sample order, as the kernel). */
  private double forward() {
    double[] z = ws.z;
    double[] out = ws.out;
    if (hasB1) {
      rows(n, (t, i0, i1) -> Lanes.fillRows(z, 0, h, i0, i1, theta, ob1, h));
    }
    ws.gemm.multiply(n, h, d, prepared.xLeft(), Operand.transposeOf(theta, 0, d), z, 0, h, hasB1);
    rows(n, (t, i0, i1) -> {
      ActivationStage.apply(act, z, ws.a, ws.s1, ws.s2, i0 * h, i1 * h);
      PackedGemm.packRows(ws.aLeft, Operand.rows(ws.a, 0, h), i0, i1);
    });
    if (hasB2) {
      Lanes.fillRows(out, 0, k, 0, n, theta, ob2, k);
    }
    ws.gemm.multiply(n, k, h, ws.aLeft, Operand.transposeOf(theta, ow2, h), out, 0, k, hasB2);
    double[] targets = p.targets();
    rows(n, (t, i0, i1) -> {
      for (int i = i0; i < i1; i++) {
        int label = p.label(i);
        ws.sampleLoss[i] = lossFn.sample(out, i * k, k, targets, label);
        lossFn.sampleGradient(out, i * k, k, targets, label, ws.g);
        for (int o = i * k; o < i * k + k; o++) {
          ws.gc[o] = c * ws.g[o];
        }
      }
    });
    double total = 0.0;
    for (int i = 0; i < n; i++) {
      total += ws.sampleLoss[i];
    }
    return c * total;
  }

  /** back = G·W2 (n×h), i.e. W2ᵀg per sample; needed by the gradient and the σ'' term of HVPs. */
  private void ensureBack() {
    if (!backReady) {
      ws.gemm.multiply(n, h, k, Operand.rows(ws.g, 0, k), Operand.rows(theta, ow2, h), ws.back, 0, h, false);
      backReady = true;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this SIMD evaluation was closed");
    }
  }

  @Override
  public double loss() {
    checkOpen();
    return loss;
  }

  @Override
  public double[] outputs() {
    checkOpen();
    return ws.out.clone();
  }

  /**
   * NET-GRAD: ∂L/∂W2 = (cG)ᵀ A, ∂L/∂b2 = Σ_i c·g_i, ∂L/∂W1 = Δᵀ X, ∂L/∂b1 = Σ_i δ_i with
   * Δ = c·(back ⊙ σ') (c enters with the factors, as in the kernel).
   */
  @Override
  public void gradient(double[] out) {
    checkOpen();
    ensureBack();
    ws.reserve(1);
    ws.gemm.multiply(k, h, n, Operand.transposeOf(ws.gc, 0, k), Operand.rows(ws.a, 0, h), out, ow2, h, false);
    if (hasB2) {
      columnSums(ws.gc, k, k, out, ob2);
    }
    // Δᵀ, sample by sample, straight into the packed left operand of Δᵀ·X
    PackedGemm.Packed deltaT = PackedGemm.emptyA(h, n, ws.packed);
    rows(n, (t, i0, i1) -> {
      double[] row = ws.rowTemp[t];
      for (int i = i0; i < i1; i++) {
        Lanes.scaledProduct(c, ws.back, i * h, ws.s1, i * h, row, 0, h);
        PackedGemm.putColumn(deltaT, i, row, 0);
      }
    });
    ws.gemm.multiply(h, d, n, deltaT, prepared.xRight(), out, 0, d, false);
    if (hasB1) {
      rowSums(deltaT, h, out, ob1);
    }
  }

  /**
   * Copies of the cached pass (the buffers are recycled on {@link #close()}). The products follow
   * HESS-HVP's expression tree with sums split into FMA chains over depth blocks, which adds no
   * rounding to any term's path, so FLAT-HVP-ERROR's count K holds (spec COMPUTE-SIMD, "Certified
   * products").
   */
  @Override
  public ForwardQuantities forwardQuantities() {
    checkOpen();
    ensureBack();
    double[] s2 = ws.curved ? ws.s2.clone() : new double[n * h];
    return new ForwardQuantities(ws.z.clone(), ws.a.clone(), ws.s1.clone(), s2, ws.out.clone(), ws.g.clone(),
        ws.back.clone());
  }

  @Override
  public void hvp(double[] v, double[] out) {
    checkOpen();
    product(new double[][] {v}, new double[][] {out}, 0, 1);
  }

  /**
   * HESS-HVP for all directions, in passes of up to {@link Workspace#batch} directions, each pass
   * one set of matrix-matrix products with the directions side by side. vs not modified; outs
   * modified (each of length N, none aliasing a direction).
   */
  @Override
  public void hvpBatch(double[][] vs, double[][] outs) {
    checkOpen();
    for (int j0 = 0; j0 < vs.length; j0 += ws.batch) {
      product(vs, outs, j0, Math.min(ws.batch, vs.length - j0));
    }
  }

  /**
   * outs[j0+j] = H·vs[j0+j] for j &lt; b. The b directions' hidden-layer quantities sit side by
   * side in rows of length b·h (sample i, direction j at i·b·h + j·h), so that the big products
   * X·[V1_1; …; V1_b]ᵀ and [RΔ_1 … RΔ_b]ᵀ·X are single GEMMs; the (n·b)×h view of the same rows
   * makes the W2 products single GEMMs too.
   */
  private void product(double[][] vs, double[][] outs, int j0, int b) {
    ws.reserve(b);
    if (ws.curved) {
      ensureBack();
    }
    int hb = b * h;
    int kb = b * k;
    double[] rz = ws.rz;
    double[] ra = ws.ra;
    double[] ro = ws.ro;
    double[] rg = ws.rg;
    double[] rgc = ws.rgc;
    double[] rb = ws.rb;
    boolean single = b == 1;
    double[] out0 = outs[j0];

    // R{z} = X V1ᵀ + vb1
    Operand v1;
    if (single) {
      v1 = Operand.transposeOf(vs[j0], 0, d);
    } else {
      for (int j = 0; j < b; j++) {
        System.arraycopy(vs[j0 + j], 0, ws.v1, j * h * d, h * d);
      }
      v1 = Operand.transposeOf(ws.v1, 0, d);
    }
    if (hasB1) {
      rows(n, (t, i0, i1) -> {
        for (int j = 0; j < b; j++) {
          Lanes.fillRows(rz, j * h, hb, i0, i1, vs[j0 + j], ob1, h);
        }
      });
    }
    ws.gemm.multiply(n, hb, d, prepared.xLeft(), v1, rz, 0, hb, hasB1);
    // R{a} = σ' ⊙ R{z}, also packed as the (n·b)×h left operand of R{A}·W2ᵀ
    PackedGemm.Packed raLeft = PackedGemm.emptyA(n * b, h, ws.raLeft);
    rows(n, (t, i0, i1) -> {
      for (int i = i0; i < i1; i++) {
        for (int j = 0; j < b; j++) {
          Lanes.multiply(ws.s1, i * h, rz, i * hb + j * h, ra, i * hb + j * h, h);
        }
      }
      PackedGemm.packRows(raLeft, Operand.rows(ra, 0, h), i0 * b, i1 * b);
    });
    // R{o} = A V2ᵀ + vb2 + R{a} W2ᵀ
    Operand v2;
    if (single) {
      v2 = Operand.transposeOf(vs[j0], ow2, h);
    } else {
      for (int j = 0; j < b; j++) {
        System.arraycopy(vs[j0 + j], ow2, ws.v2, j * k * h, k * h);
      }
      v2 = Operand.transposeOf(ws.v2, 0, h);
    }
    if (hasB2) {
      for (int j = 0; j < b; j++) {
        Lanes.fillRows(ro, j * k, kb, 0, n, vs[j0 + j], ob2, k);
      }
    }
    ws.gemm.multiply(n, kb, h, ws.aLeft, v2, ro, 0, kb, hasB2);
    ws.gemm.multiply(n * b, k, h, raLeft, Operand.transposeOf(theta, ow2, h), ro, 0, k, true);
    // R{g} = M R{o}, per sample and direction, by the kernel's loss
    rows(n, (t, i0, i1) -> {
      for (int i = i0; i < i1; i++) {
        for (int j = 0; j < b; j++) {
          int q = (i * b + j) * k;
          lossFn.sampleHessianTimes(ws.out, i * k, k, ro, q, rg, q);
          for (int o = q; o < q + k; o++) {
            rgc[o] = c * rg[o];
          }
        }
      }
    });
    // (Hv)_W2 = (cR{G})ᵀ A + (cG)ᵀ R{A}, (Hv)_b2 = Σ_i c·R{g}_i
    double[] w2 = single ? out0 : ws.hw2;
    int w2o = single ? ow2 : 0;
    ws.gemm.multiply(kb, h, n, Operand.transposeOf(rgc, 0, kb), Operand.rows(ws.a, 0, h), w2, w2o, h, false);
    for (int j = 0; j < b; j++) {
      ws.gemm.multiply(k, h, n, Operand.transposeOf(ws.gc, 0, k), Operand.rows(ra, j * h, hb), w2, w2o + j * k * h,
          h, true);
    }
    if (hasB2) {
      columnSums(rgc, kb, kb, single ? out0 : ws.hb2, single ? ob2 : 0);
    }
    // R{back} = R{G} W2 + G V2, then R{δ} = c·(R{back} ⊙ σ' + back ⊙ σ'' ⊙ R{z})
    ws.gemm.multiply(n * b, h, k, Operand.rows(rg, 0, k), Operand.rows(theta, ow2, h), rb, 0, h, false);
    for (int j = 0; j < b; j++) {
      ws.gemm.multiply(n, h, k, Operand.rows(ws.g, 0, k), Operand.rows(vs[j0 + j], ow2, h), rb, j * h, hb, true);
    }
    PackedGemm.Packed rdT = PackedGemm.emptyA(hb, n, ws.packed);
    rows(n, (t, i0, i1) -> {
      double[] row = ws.rowTemp[t];
      for (int i = i0; i < i1; i++) {
        for (int j = 0; j < b; j++) {
          int q = i * hb + j * h;
          if (ws.curved) {
            Lanes.scaledProductSum(c, rb, q, ws.s1, i * h, ws.back, i * h, ws.s2, i * h, rz, q, row, j * h, h);
          } else {
            Lanes.scaledProduct(c, rb, q, ws.s1, i * h, row, j * h, h);
          }
        }
        PackedGemm.putColumn(rdT, i, row, 0);
      }
    });
    // (Hv)_W1 = R{Δ}ᵀ X, (Hv)_b1 = Σ_i R{δ}_i
    ws.gemm.multiply(hb, d, n, rdT, prepared.xRight(), single ? out0 : ws.hw1, 0, d, false);
    if (hasB1) {
      rowSums(rdT, hb, single ? out0 : ws.hb1, single ? ob1 : 0);
    }
    if (!single) {
      for (int j = 0; j < b; j++) {
        double[] o = outs[j0 + j];
        System.arraycopy(ws.hw1, j * h * d, o, 0, h * d);
        if (hasB1) {
          System.arraycopy(ws.hb1, j * h, o, ob1, h);
        }
        System.arraycopy(ws.hw2, j * k * h, o, ow2, k * h);
        if (hasB2) {
          System.arraycopy(ws.hb2, j * k, o, ob2, k);
        }
      }
    }
  }

  /**
   * The full Hessian ∇²L(θ) as a fresh row-major N×N array (spec COMPUTE-SIMD-HESSIAN): column q
   * is H·e_q from batched HVPs of unit vectors, then the matrix is symmetrized, (H + Hᵀ)/2. Every
   * entry is within the HVP bound of COMPUTE-SIMD of the same symmetrization of the reference
   * backend's H·e_q (the kernel's FullHessian is an independent closed form of the same matrix).
   *
   * @throws InvalidInputException if N &gt; {@link FullHessian#MAX_PARAMS}
   */
  public double[] hessian() {
    checkOpen();
    int nn = theta.length;
    if (nn > FullHessian.MAX_PARAMS) {
      throw new InvalidInputException("net", "N = " + nn + " parameters: an explicit Hessian needs N <= "
          + FullHessian.MAX_PARAMS + " (use HVP-based measures)");
    }
    double[] hm = new double[nn * nn];
    int chunk = Math.min(ws.batch, nn);
    double[][] units = new double[chunk][nn];
    double[][] cols = new double[chunk][nn];
    for (int q0 = 0; q0 < nn; q0 += chunk) {
      int b = Math.min(chunk, nn - q0);
      for (int j = 0; j < b; j++) {
        java.util.Arrays.fill(units[j], 0.0);
        units[j][q0 + j] = 1.0;
      }
      product(units, cols, 0, b);
      for (int j = 0; j < b; j++) {
        double[] col = cols[j];
        int q = q0 + j;
        for (int r = 0; r < nn; r++) {
          hm[r * nn + q] = col[r];
        }
      }
    }
    for (int r = 0; r < nn; r++) {
      for (int q = r + 1; q < nn; q++) {
        double avg = 0.5 * (hm[r * nn + q] + hm[q * nn + r]);
        hm[r * nn + q] = avg;
        hm[q * nn + r] = avg;
      }
    }
    return hm;
  }

  @Override
  public Problem problem() {
    return p;
  }

  @Override
  public ErrorModel errorModel() {
    return SimdBackend.MODEL;
  }

  @Override
  public MatrixProducts products() {
    return prepared.products();
  }

  /** Hands the buffers back to the prepared problem; later calls throw. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      prepared.recycle(ws);
    }
  }
}
