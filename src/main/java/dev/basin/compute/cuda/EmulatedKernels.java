package dev.basin.compute.cuda;

import dev.basin.base.InvalidInputException;
import dev.basin.base.Memory;
import java.util.stream.IntStream;

/**
 * The Java emulator of src/main/cuda/kernels.cu (spec COMPUTE-CUDA "Emulator"): every kernel with
 * the same order of fma ({@link Math#fma}, correctly rounded like PTX fma.rn.f64), add and mul
 * (Java's + and * are round-to-nearest binary64 and are never contracted, like add.rn / mul.rn), so
 * that a GPU's results must equal these bit for bit. The CUDA kernels' tiling decides only which
 * thread computes an element, never its arithmetic, so a plain loop per element is the same
 * computation. Rows are spread over the common fork–join pool; each element is still computed by
 * one sequence of operations, so results do not depend on the thread count. Buffers live on the
 * heap (at most 2³¹ − 1 doubles each).
 */
final class EmulatedKernels implements Kernels {

  /** A heap buffer. */
  record Heap(double[] data) implements Buffer {
    @Override
    public long length() {
      return data.length;
    }
  }

  private static double[] of(Buffer b) {
    return ((Heap) b).data();
  }

  /** Work (multiply-adds) below which a kernel runs on the calling thread. */
  private static final long SERIAL_WORK = 1L << 15;

  private static IntStream rows(int count, long work) {
    IntStream s = IntStream.range(0, count);
    return work < SERIAL_WORK ? s : s.parallel();
  }

  @Override
  public String device() {
    return "Java emulator of the CUDA kernels (" + Runtime.getRuntime().availableProcessors() + " CPU threads)";
  }

  @Override
  public long freeBytes() {
    return (long) (Memory.FREE_SHARE * Memory.freeHeap());
  }

  @Override
  public Buffer alloc(long doubles, String what) {
    if (doubles > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException("emulator", what + " needs " + doubles + " doubles in one array, more than a Java"
          + " array holds");
    }
    Memory.require("emulator", Memory.doubles(doubles, 1), what, "use a smaller problem or batch");
    return new Heap(new double[(int) Math.max(1, doubles)]);
  }

  @Override
  public void free(Buffer b) {
    // the heap collects it
  }

  @Override
  public void upload(double[] src, int so, Buffer dst, long doff, int len) {
    System.arraycopy(src, so, of(dst), Math.toIntExact(doff), len);
  }

  @Override
  public void download(Buffer src, long so, double[] dst, int doff, int len) {
    System.arraycopy(of(src), Math.toIntExact(so), dst, doff, len);
  }

  @Override
  public void gemm(int m, int n, int k, Buffer a, long ao, int lda, boolean ta, Buffer b, long bo, int ldb, boolean tb,
      Buffer c, long co, int ldc, boolean accumulate) {
    double[] av = of(a);
    double[] bv = of(b);
    double[] cv = of(c);
    int a0 = Math.toIntExact(ao);
    int b0 = Math.toIntExact(bo);
    int c0 = Math.toIntExact(co);
    // op(A)(i, p) = av[a0 + i·ai + p·ap], op(B)(p, j) = bv[b0 + p·bp + j·bj]
    int ai = ta ? 1 : lda;
    int ap = ta ? lda : 1;
    int bp = tb ? 1 : ldb;
    int bj = tb ? ldb : 1;
    rows(m, (long) m * n * k).forEach(i -> {
      for (int j = 0; j < n; j++) {
        double acc = 0.0;
        int ia = a0 + i * ai;
        int jb = b0 + j * bj;
        for (int p = 0; p < k; p++) {
          acc = Math.fma(av[ia + p * ap], bv[jb + p * bp], acc);
        }
        int at = c0 + i * ldc + j;
        cv[at] = accumulate ? cv[at] + acc : acc;
      }
    });
  }

  @Override
  public void fillRows(Buffer c, long co, int ldc, int rows, int cols, Buffer v, long vo) {
    double[] cv = of(c);
    double[] vv = of(v);
    int c0 = Math.toIntExact(co);
    int v0 = Math.toIntExact(vo);
    for (int i = 0; i < rows; i++) {
      System.arraycopy(vv, v0, cv, c0 + i * ldc, cols);
    }
  }

  @Override
  public void activate(int kind, double slope, Buffer z, Buffer a, Buffer s1, long count) {
    double[] zv = of(z);
    double[] av = of(a);
    double[] sv = of(s1);
    int cnt = Math.toIntExact(count);
    for (int e = 0; e < cnt; e++) {
      double v = zv[e];
      if (kind == dev.basin.kernel.Activation.IDENTITY) {
        av[e] = v;
        sv[e] = 1.0;
      } else if (kind == dev.basin.kernel.Activation.RELU) {
        av[e] = v > 0.0 ? v : 0.0;
        sv[e] = v > 0.0 ? 1.0 : 0.0;
      } else {
        av[e] = v > 0.0 ? v : slope * v;
        sv[e] = v > 0.0 ? 1.0 : slope;
      }
    }
  }

  @Override
  public void scale(double f, Buffer src, Buffer dst, long count) {
    double[] s = of(src);
    double[] d = of(dst);
    int cnt = Math.toIntExact(count);
    for (int e = 0; e < cnt; e++) {
      d[e] = f * s[e];
    }
  }

  @Override
  public void timesDerivative(Buffer s1, Buffer rz, Buffer ra, int n, int h, int b) {
    double[] s = of(s1);
    double[] z = of(rz);
    double[] r = of(ra);
    int bh = b * h;
    rows(n, (long) n * bh).forEach(i -> {
      for (int j = 0; j < b; j++) {
        for (int u = 0; u < h; u++) {
          int e = i * bh + j * h + u;
          r[e] = s[i * h + u] * z[e];
        }
      }
    });
  }

  @Override
  public void lossHessian(int kind, Buffer p, Buffer ro, Buffer rg, Buffer rgc, double c, int n, int b, int k) {
    double[] pv = of(p);
    double[] o = of(ro);
    double[] g = of(rg);
    double[] gc = of(rgc);
    rows(n * b, (long) n * b * k).forEach(e -> {
      int i = e / b;
      int q = e * k;
      if (kind == dev.basin.kernel.Loss.HALFSQ || kind == dev.basin.kernel.Loss.MSE) {
        double f = kind == dev.basin.kernel.Loss.HALFSQ ? 1.0 : 2.0;
        for (int t = 0; t < k; t++) {
          g[q + t] = f * o[q + t];
        }
      } else if (kind == dev.basin.kernel.Loss.LOGISTIC) {
        g[q] = pv[i] * o[q];
      } else {
        double dot = 0.0;
        for (int t = 0; t < k; t++) {
          dot = dot + pv[i * k + t] * o[q + t];
        }
        for (int t = 0; t < k; t++) {
          g[q + t] = pv[i * k + t] * (o[q + t] - dot);
        }
      }
      for (int t = 0; t < k; t++) {
        gc[q + t] = c * g[q + t];
      }
    });
  }

  @Override
  public void columnSums(Buffer src, long so, int ld, int rows, int cols, Buffer out, long oo) {
    double[] s = of(src);
    double[] o = of(out);
    int s0 = Math.toIntExact(so);
    int o0 = Math.toIntExact(oo);
    rows(cols, (long) rows * cols).forEach(j -> {
      double sum = 0.0;
      for (int i = 0; i < rows; i++) {
        sum = sum + s[s0 + i * ld + j];
      }
      o[o0 + j] = sum;
    });
  }

  @Override
  public void gradientDelta(double c, Buffer back, Buffer s1, Buffer out, long count) {
    double[] bk = of(back);
    double[] s = of(s1);
    double[] o = of(out);
    int cnt = Math.toIntExact(count);
    for (int e = 0; e < cnt; e++) {
      o[e] = c * (bk[e] * s[e]);
    }
  }

  @Override
  public void rDelta(boolean curved, double c, Buffer rb, Buffer s1, Buffer back, Buffer s2, Buffer rz, Buffer out,
      int n, int h, int b) {
    double[] r = of(rb);
    double[] s = of(s1);
    double[] bk = of(back);
    double[] ss = of(s2);
    double[] z = of(rz);
    double[] o = of(out);
    int bh = b * h;
    rows(n, (long) n * bh).forEach(i -> {
      for (int j = 0; j < b; j++) {
        for (int u = 0; u < h; u++) {
          int e = i * bh + j * h + u;
          int g = i * h + u;
          double t = r[e] * s[g];
          if (curved) {
            t = t + (bk[g] * ss[g]) * z[e];
          }
          o[e] = c * t;
        }
      }
    });
  }

  @Override
  public void synchronize() {
    // every call above has finished when it returns
  }

  @Override
  public void close() {
    // nothing held
  }
}
