package dev.basin.compute.cuda;

import dev.basin.compute.ErrorModel;
import dev.basin.compute.Evaluation;
import dev.basin.compute.ForwardQuantities;
import dev.basin.compute.MatrixProducts;
import dev.basin.compute.OutputCurvature;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;
import org.checkerframework.checker.nullness.qual.MonotonicNonNull;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A problem evaluated at one θ on a {@link Kernels} device (spec COMPUTE-CUDA): the quantities of
 * NET-FORWARD, NET-GRAD and HESS-HVP for all samples at once, as in COMPUTE-SIMD, with every matrix
 * product a {@link Kernels#gemm} and every element-wise step a pinned kernel. What cannot be pinned
 * on a GPU — σ, σ', σ'' of the smooth activations, the per-sample losses, their gradients and the
 * softmax — runs on the host with the kernel's own code ({@link Activation}, {@link Loss}, {@link
 * OutputCurvature}), on the device's pre-activations and outputs; so these values are the kernel's
 * bit for bit and only O(n·h) (smooth activations) or O(n·k) values cross the bus per forward pass.
 * The forward pass stays on the device: Z, A, σ'(Z), σ''(Z), O, G, c·G, the softmax (or s(1 − s))
 * and W2ᵀg once needed. An HVP pass uploads b directions side by side (R{z} is n×(b·h)) and
 * downloads b products.
 *
 * <p>Used by one thread at a time; device calls are serialized on the device. {@link #close()}
 * frees the buffers; later calls throw.
 */
final class DeviceEvaluation implements Evaluation {

  /** Largest number of directions multiplied in one pass. */
  static final int MAX_BATCH = 16;
  /** Share of the device's free memory that one pass's scratch may take. */
  private static final double SCRATCH_SHARE = 0.8;

  private final DevicePrepared prepared;
  private final Kernels kernels;
  private final Problem p;
  private final double[] theta;
  private final Activation act;
  private final Loss lossFn;
  private final int n;
  private final int d;
  private final int h;
  private final int k;
  private final int nn;
  private final int ob1;
  private final int ow2;
  private final int ob2;
  private final boolean hasB1;
  private final boolean hasB2;
  private final boolean curved;
  private final double c;
  private final double loss;
  private final double[] outputs;
  private final double[] gradients;

  private @Nullable Buffer dTheta;
  private @Nullable Buffer z;
  private @Nullable Buffer a;
  private @Nullable Buffer s1;
  private @Nullable Buffer s2;
  private @Nullable Buffer out;
  private @Nullable Buffer g;
  private @Nullable Buffer gc;
  private @Nullable Buffer curvature;
  private @Nullable Buffer back;
  private @MonotonicNonNull ForwardQuantities quantities;
  /** Scratch of a pass of {@link #capacity} directions. */
  private Scratch scratch = Scratch.NONE;
  private boolean closed;

  /** The scratch of an HVP pass of b directions (see {@link #product}). */
  private record Scratch(int capacity, Buffer[] buffers) {
    static final Scratch NONE = new Scratch(0, new Buffer[0]);

    Buffer v1() {
      return buffers[0];
    }

    Buffer vb1() {
      return buffers[1];
    }

    Buffer v2() {
      return buffers[2];
    }

    Buffer vb2() {
      return buffers[3];
    }

    Buffer rz() {
      return buffers[4];
    }

    Buffer ra() {
      return buffers[5];
    }

    Buffer rb() {
      return buffers[6];
    }

    Buffer ro() {
      return buffers[7];
    }

    Buffer rg() {
      return buffers[8];
    }

    Buffer rgc() {
      return buffers[9];
    }

    Buffer hw1() {
      return buffers[10];
    }

    Buffer hb1() {
      return buffers[11];
    }

    Buffer hw2() {
      return buffers[12];
    }

    Buffer hb2() {
      return buffers[13];
    }
  }

  /** Runs the forward pass of p at θ (neither modified). */
  DeviceEvaluation(DevicePrepared prepared, Kernels kernels, Problem p, double[] theta) {
    this.prepared = prepared;
    this.kernels = kernels;
    this.p = p;
    this.theta = theta;
    ParameterLayout l = p.layout();
    this.act = p.activation();
    this.lossFn = p.loss();
    this.n = p.samples();
    this.d = l.inputs();
    this.h = l.hidden();
    this.k = l.outputs();
    this.nn = l.size();
    this.ob1 = l.offsetB1();
    this.ow2 = l.offsetW2();
    this.ob2 = l.offsetB2();
    this.hasB1 = l.hasHiddenBias();
    this.hasB2 = l.hasOutputBias();
    int kind = act.kind();
    this.curved = kind != Activation.RELU && kind != Activation.LEAKY_RELU && kind != Activation.IDENTITY;
    this.c = p.scale();
    this.outputs = new double[n * k];
    this.gradients = new double[n * k];
    try {
      this.loss = forward();
    } catch (RuntimeException e) {
      release();
      throw e;
    }
  }

  private static Buffer live(@Nullable Buffer b) {
    if (b == null) {
      throw new IllegalStateException("this device evaluation was closed");
    }
    return b;
  }

  /** NET-FORWARD for all samples on the device; returns L(θ) = c·Σ_i ℓ_i (sample order). */
  private double forward() {
    long nh = (long) n * h;
    Buffer x = prepared.x();
    Buffer th = kernels.alloc(nn, "theta");
    dTheta = th;
    kernels.upload(theta, 0, th, 0, nn);
    Buffer zz = kernels.alloc(nh, "the pre-activations Z (n x h)");
    z = zz;
    Buffer aa = kernels.alloc(nh, "the activations A (n x h)");
    a = aa;
    Buffer d1 = kernels.alloc(nh, "sigma'(Z) (n x h)");
    s1 = d1;
    Buffer d2 = kernels.alloc(curved ? nh : 1, "sigma''(Z) (n x h)");
    s2 = d2;
    // Z = X W1ᵀ + b1
    if (hasB1) {
      kernels.fillRows(zz, 0, h, n, h, th, ob1);
    }
    kernels.gemm(n, h, d, x, 0, d, false, th, 0, d, true, zz, 0, h, hasB1);
    if (curved) {
      int len = Math.toIntExact(nh);
      double[] hz = new double[len];
      double[] ha = new double[len];
      double[] h1 = new double[len];
      double[] h2 = new double[len];
      kernels.download(zz, 0, hz, 0, len);
      for (int q = 0; q < len; q++) {
        ha[q] = act.value(hz[q]);
        h1[q] = act.derivative(hz[q]);
        h2[q] = act.secondDerivative(hz[q]);
      }
      kernels.upload(ha, 0, aa, 0, len);
      kernels.upload(h1, 0, d1, 0, len);
      kernels.upload(h2, 0, d2, 0, len);
    } else {
      kernels.activate(act.kind(), act.slope(), zz, aa, d1, nh);
    }
    // O = A W2ᵀ + b2, then the per-sample losses on the host
    Buffer oo = kernels.alloc((long) n * k, "the outputs O (n x k)");
    out = oo;
    if (hasB2) {
      kernels.fillRows(oo, 0, k, n, k, th, ob2);
    }
    kernels.gemm(n, k, h, aa, 0, h, false, th, ow2, h, true, oo, 0, k, hasB2);
    kernels.download(oo, 0, outputs, 0, n * k);
    double[] targets = p.targets();
    double[] scaled = new double[n * k];
    double total = 0.0;
    for (int i = 0; i < n; i++) {
      int label = p.label(i);
      total += lossFn.sample(outputs, i * k, k, targets, label);
      lossFn.sampleGradient(outputs, i * k, k, targets, label, gradients);
      for (int o = i * k; o < i * k + k; o++) {
        scaled[o] = c * gradients[o];
      }
    }
    Buffer gg = kernels.alloc((long) n * k, "the output gradients G (n x k)");
    g = gg;
    kernels.upload(gradients, 0, gg, 0, n * k);
    Buffer gs = kernels.alloc((long) n * k, "c G (n x k)");
    gc = gs;
    kernels.upload(scaled, 0, gs, 0, n * k);
    int lk = lossFn.kind();
    double[] m = lk == Loss.CE || lk == Loss.LOGISTIC ? OutputCurvature.of(lossFn, outputs, n, k).delta()
        : new double[1];
    Buffer cv = kernels.alloc(m.length, "the output curvature (softmax or s(1 - s))");
    curvature = cv;
    kernels.upload(m, 0, cv, 0, m.length);
    return c * total;
  }

  /** back = G·W2 (n×h), W2ᵀg per sample; for the gradient, the σ'' term of HVPs and the forward quantities. */
  private Buffer back() {
    Buffer b = back;
    if (b == null) {
      b = kernels.alloc((long) n * h, "W2^T g (n x h)");
      back = b;
      kernels.gemm(n, h, k, live(g), 0, k, false, live(dTheta), ow2, h, false, b, 0, h, false);
    }
    return b;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this device evaluation was closed");
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
    return outputs.clone();
  }

  /**
   * NET-GRAD: ∂L/∂W2 = (cG)ᵀA, ∂L/∂b2 = Σ_i c·g_i, ∂L/∂W1 = ΔᵀX, ∂L/∂b1 = Σ_i δ_i with
   * Δ = c·(back ⊙ σ').
   */
  @Override
  public void gradient(double[] result) {
    synchronized (kernels) {
      checkOpen();
      Buffer bk = back();
      // the scratch of one HVP direction: R{z}'s n×h holds Δ, (Hv)_W1's buffer (≥ N) the gradient
      Scratch s = reserve(1);
      Buffer delta = s.rz();
      Buffer grad = s.hw1();
      kernels.gemm(k, h, n, live(gc), 0, k, true, live(a), 0, h, false, grad, ow2, h, false);
      if (hasB2) {
        kernels.columnSums(live(gc), 0, k, n, k, grad, ob2);
      }
      kernels.gradientDelta(c, bk, live(s1), delta, (long) n * h);
      kernels.gemm(h, d, n, delta, 0, h, true, prepared.x(), 0, d, false, grad, 0, d, false);
      if (hasB1) {
        kernels.columnSums(delta, 0, h, n, h, grad, ob1);
      }
      kernels.download(grad, 0, result, 0, nn);
    }
  }

  @Override
  public void hvp(double[] v, double[] result) {
    hvpBatch(new double[][] {v}, new double[][] {result});
  }

  /** HESS-HVP for all directions, in passes of up to {@link #batch()} directions side by side. */
  @Override
  public void hvpBatch(double[][] vs, double[][] outs) {
    synchronized (kernels) {
      checkOpen();
      if (vs.length == 0) {
        return;
      }
      int b = batch(vs.length);
      for (int j0 = 0; j0 < vs.length; j0 += b) {
        product(vs, outs, j0, Math.min(b, vs.length - j0));
      }
    }
  }

  /** Doubles of device scratch per direction of a pass. */
  private long perDirection() {
    return 2L * h * d + 2L * h + 2L * k * h + 2L * k + 3L * n * h + 3L * n * k;
  }

  /** Directions per pass: up to {@link #MAX_BATCH}, as many as the device's free memory allows. */
  private int batch(int wanted) {
    int want = Math.min(wanted, MAX_BATCH);
    if (want <= scratch.capacity()) {
      return want;
    }
    // the current scratch is freed before the larger one is allocated
    double per = 8.0 * perDirection();
    double available = kernels.freeBytes() + per * scratch.capacity();
    return (int) Math.max(1, Math.min(want, (long) (SCRATCH_SHARE * available / per)));
  }

  /** Makes the scratch hold b directions (contents not kept). */
  private Scratch reserve(int b) {
    if (b <= scratch.capacity()) {
      return scratch;
    }
    freeScratch();
    long bh = (long) b * h;
    long bk = (long) b * k;
    long[] sizes = {bh * d, bh, bk * h, bk, n * bh, n * bh, n * bh, n * bk, n * bk, n * bk, Math.max(bh * d, nn), bh,
      bk * h, bk};
    Buffer[] bufs = new Buffer[sizes.length];
    try {
      for (int q = 0; q < sizes.length; q++) {
        bufs[q] = kernels.alloc(Math.max(1, sizes[q]), "the scratch of " + b + " HVP direction(s)");
      }
    } catch (RuntimeException e) {
      for (Buffer buf : bufs) {
        if (buf != null) {
          kernels.free(buf);
        }
      }
      throw e;
    }
    scratch = new Scratch(b, bufs);
    return scratch;
  }

  private void freeScratch() {
    for (Buffer buf : scratch.buffers()) {
      kernels.free(buf);
    }
    scratch = Scratch.NONE;
  }

  /**
   * outs[j0+j] = H·vs[j0+j] for j &lt; b (COMPUTE-SIMD's eight products, on the device): the
   * directions' hidden-layer quantities side by side in rows of b·h (sample i, direction j at
   * i·b·h + j·h), which the W2-side products read as (n·b)×h.
   */
  private void product(double[][] vs, double[][] outs, int j0, int b) {
    Scratch s = reserve(b);
    Buffer x = prepared.x();
    Buffer th = live(dTheta);
    int bh = b * h;
    int bk = b * k;
    // the directions' blocks, gathered on the host and uploaded
    double[] v1 = new double[bh * d];
    double[] vb1 = new double[bh];
    double[] v2 = new double[bk * h];
    double[] vb2 = new double[bk];
    for (int j = 0; j < b; j++) {
      double[] v = vs[j0 + j];
      System.arraycopy(v, 0, v1, j * h * d, h * d);
      System.arraycopy(v, ow2, v2, j * k * h, k * h);
      if (hasB1) {
        System.arraycopy(v, ob1, vb1, j * h, h);
      }
      if (hasB2) {
        System.arraycopy(v, ob2, vb2, j * k, k);
      }
    }
    kernels.upload(v1, 0, s.v1(), 0, v1.length);
    kernels.upload(v2, 0, s.v2(), 0, v2.length);
    // R{z} = X V1ᵀ + vb1; R{a} = σ' ⊙ R{z}
    if (hasB1) {
      kernels.upload(vb1, 0, s.vb1(), 0, bh);
      kernels.fillRows(s.rz(), 0, bh, n, bh, s.vb1(), 0);
    }
    kernels.gemm(n, bh, d, x, 0, d, false, s.v1(), 0, d, true, s.rz(), 0, bh, hasB1);
    kernels.timesDerivative(live(s1), s.rz(), s.ra(), n, h, b);
    // R{o} = A V2ᵀ + vb2 + R{a} W2ᵀ
    if (hasB2) {
      kernels.upload(vb2, 0, s.vb2(), 0, bk);
      kernels.fillRows(s.ro(), 0, bk, n, bk, s.vb2(), 0);
    }
    kernels.gemm(n, bk, h, live(a), 0, h, false, s.v2(), 0, h, true, s.ro(), 0, bk, hasB2);
    kernels.gemm(n * b, k, h, s.ra(), 0, h, false, th, ow2, h, true, s.ro(), 0, k, true);
    // R{g} = M R{o} and c·R{g}, per sample and direction
    kernels.lossHessian(lossFn.kind(), live(curvature), s.ro(), s.rg(), s.rgc(), c, n, b, k);
    // (Hv)_W2 = (cR{G})ᵀ A + (cG)ᵀ R{A}; (Hv)_b2 = Σ_i c·R{g}_i
    kernels.gemm(bk, h, n, s.rgc(), 0, bk, true, live(a), 0, h, false, s.hw2(), 0, h, false);
    for (int j = 0; j < b; j++) {
      kernels.gemm(k, h, n, live(gc), 0, k, true, s.ra(), (long) j * h, bh, false, s.hw2(), (long) j * k * h, h, true);
    }
    if (hasB2) {
      kernels.columnSums(s.rgc(), 0, bk, n, bk, s.hb2(), 0);
    }
    // R{back} = R{G} W2 + G V2; R{δ} = c·(R{back} ⊙ σ' + back ⊙ σ'' ⊙ R{z}), in place
    kernels.gemm(n * b, h, k, s.rg(), 0, k, false, th, ow2, h, false, s.rb(), 0, h, false);
    for (int j = 0; j < b; j++) {
      kernels.gemm(n, h, k, live(g), 0, k, false, s.v2(), (long) j * k * h, h, false, s.rb(), (long) j * h, bh, true);
    }
    Buffer bk2 = curved ? back() : s.rb();
    kernels.rDelta(curved, c, s.rb(), live(s1), bk2, live(s2), s.rz(), s.rb(), n, h, b);
    // (Hv)_W1 = R{Δ}ᵀ X; (Hv)_b1 = Σ_i R{δ}_i
    kernels.gemm(bh, d, n, s.rb(), 0, bh, true, x, 0, d, false, s.hw1(), 0, d, false);
    if (hasB1) {
      kernels.columnSums(s.rb(), 0, bh, n, bh, s.hb1(), 0);
    }
    double[] hw1 = new double[bh * d];
    double[] hw2 = new double[bk * h];
    kernels.download(s.hw1(), 0, hw1, 0, hw1.length);
    kernels.download(s.hw2(), 0, hw2, 0, hw2.length);
    double[] hb1 = new double[bh];
    double[] hb2 = new double[bk];
    if (hasB1) {
      kernels.download(s.hb1(), 0, hb1, 0, bh);
    }
    if (hasB2) {
      kernels.download(s.hb2(), 0, hb2, 0, bk);
    }
    for (int j = 0; j < b; j++) {
      double[] o = outs[j0 + j];
      System.arraycopy(hw1, j * h * d, o, 0, h * d);
      System.arraycopy(hw2, j * k * h, o, ow2, k * h);
      if (hasB1) {
        System.arraycopy(hb1, j * h, o, ob1, h);
      }
      if (hasB2) {
        System.arraycopy(hb2, j * k, o, ob2, k);
      }
    }
  }

  /** The device's forward pass, downloaded once (host copies; σ'' is all zeros for the piecewise-linear kinds). */
  @Override
  public ForwardQuantities forwardQuantities() {
    synchronized (kernels) {
      checkOpen();
      ForwardQuantities f = quantities;
      if (f == null) {
        int nh = n * h;
        double[] hz = new double[nh];
        double[] ha = new double[nh];
        double[] h1 = new double[nh];
        double[] h2 = new double[nh];
        double[] hb = new double[nh];
        kernels.download(live(z), 0, hz, 0, nh);
        kernels.download(live(a), 0, ha, 0, nh);
        kernels.download(live(s1), 0, h1, 0, nh);
        if (curved) {
          kernels.download(live(s2), 0, h2, 0, nh);
        }
        kernels.download(back(), 0, hb, 0, nh);
        f = new ForwardQuantities(hz, ha, h1, h2, outputs.clone(), gradients.clone(), hb);
        quantities = f;
      }
      return f;
    }
  }

  @Override
  public Problem problem() {
    return p;
  }

  @Override
  public ErrorModel errorModel() {
    return DeviceBackend.MODEL;
  }

  @Override
  public MatrixProducts products() {
    return prepared.products();
  }

  private void release() {
    for (Buffer b : new Buffer[] {dTheta, z, a, s1, s2, out, g, gc, curvature, back}) {
      if (b != null) {
        kernels.free(b);
      }
    }
    dTheta = null;
    z = null;
    a = null;
    s1 = null;
    s2 = null;
    out = null;
    g = null;
    gc = null;
    curvature = null;
    back = null;
    freeScratch();
  }

  /** Frees the device buffers; later calls throw. Idempotent. */
  @Override
  public void close() {
    synchronized (kernels) {
      if (closed) {
        return;
      }
      closed = true;
      release();
    }
    prepared.forget(this);
  }
}
