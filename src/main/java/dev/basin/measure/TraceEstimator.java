package dev.basin.measure;

import dev.basin.base.Rng;
import dev.basin.model.Checks;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Stochastic estimates of tr A and ‖A‖_F² from products only, each with a confidence interval
 * (spec FLAT-HUTCHINSON, FLAT-HUTCHPP, FLAT-FROBENIUS, FLAT-CI). Probe vector j is Rademacher
 * from the stream {@code Rng.derive(seed, j)}, so results do not depend on batching.
 */
public final class TraceEstimator {

  /** Products per batch call (lets fast backends batch HVPs). */
  static final int BATCH = 8;

  private TraceEstimator() {}

  /** Hutchinson: the mean of v_jᵀAv_j over {@code samples} (≥ 2) Rademacher probes. */
  public static Estimate hutchinson(SymmetricOperator op, int samples, long seed, double level) {
    Checks.atLeast("samples", samples, 2);
    double[] xs = new double[samples];
    forEachProduct(op, samples, seed, 0, null, (j, v, av) -> xs[j] = Krylov.dot(v, av));
    return Estimate.of(xs, level);
  }

  /** ‖A‖_F² = E‖Av‖² estimated from {@code samples} (≥ 2) Rademacher probes. */
  public static Estimate frobeniusSquared(SymmetricOperator op, int samples, long seed, double level) {
    Checks.atLeast("samples", samples, 2);
    double[] xs = new double[samples];
    forEachProduct(op, samples, seed, 0, null, (j, v, av) -> xs[j] = Krylov.dot(av, av));
    return Estimate.of(xs, level);
  }

  /**
   * Hutch++ with {@code matvecs} (≥ 9) products: s = ⌊m/3⌋ sketch vectors, Q = orth(AS), then
   * tr(QᵀAQ) + Hutchinson on (I − QQᵀ)g for the remaining m − 2s probes; the interval is that of
   * the second term, conditional on Q.
   */
  public static Estimate hutchPlusPlus(SymmetricOperator op, int matvecs, long seed, double level) {
    Checks.atLeast("matvecs", matvecs, 9);
    int n = op.dim();
    int s = matvecs / 3;
    double[][] sketch = new double[s][];
    forEachProduct(op, s, seed, 0, null, (j, v, av) -> sketch[j] = av.clone());
    double[][] q = orthonormalize(sketch);
    double trq = 0.0;
    double[] aq = new double[n];
    for (double[] qi : q) {
      op.apply(qi, aq);
      trq += Krylov.dot(qi, aq);
    }
    int rest = matvecs - s - q.length;
    double[] xs = new double[Math.max(2, rest)];
    forEachProduct(op, xs.length, seed, s, q, (j, v, av) -> xs[j] = Krylov.dot(v, av));
    return Estimate.of(xs, level).plus(trq);
  }

  /** Called with probe index j, the probe v and Av (neither may be kept). */
  interface ProductSink {
    void accept(int j, double[] v, double[] av);
  }

  /**
   * Applies op to probes first..first+count−1 (Rademacher, optionally projected off the
   * orthonormal rows of q), in batches, and hands each to sink with its index from 0.
   */
  static void forEachProduct(SymmetricOperator op, int count, long seed, int first, double @Nullable [][] q,
      ProductSink sink) {
    int n = op.dim();
    for (int start = 0; start < count; start += BATCH) {
      int b = Math.min(BATCH, count - start);
      double[][] vs = new double[b][];
      double[][] outs = new double[b][n];
      for (int t = 0; t < b; t++) {
        double[] v = rademacher(n, Rng.derive(seed, (long) first + start + t));
        if (q != null) {
          for (int pass = 0; pass < 2; pass++) {
            for (double[] qi : q) {
              Krylov.axpy(-Krylov.dot(qi, v), qi, v);
            }
          }
        }
        vs[t] = v;
      }
      op.applyBatch(vs, outs);
      for (int t = 0; t < b; t++) {
        sink.accept(start + t, vs[t], outs[t]);
      }
    }
  }

  /** A Rademacher vector from its own stream. */
  static double[] rademacher(int n, long seed) {
    Rng r = Rng.of(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.rademacher();
    }
    return v;
  }

  /** Orthonormal basis of the span of the vectors (Gram–Schmidt twice; tiny remainders dropped). */
  static double[][] orthonormalize(double[][] vs) {
    double[][] q = new double[vs.length][];
    int r = 0;
    for (double[] v0 : vs) {
      double[] v = v0.clone();
      double norm0 = Math.sqrt(Krylov.dot(v, v));
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < r; i++) {
          Krylov.axpy(-Krylov.dot(q[i], v), q[i], v);
        }
      }
      double nv = Math.sqrt(Krylov.dot(v, v));
      if (nv > 1e-10 * norm0 && nv > 0.0) {
        q[r++] = Krylov.scaled(v, 1.0 / nv);
      }
    }
    double[][] out = new double[r][];
    System.arraycopy(q, 0, out, 0, r);
    return out;
  }
}
