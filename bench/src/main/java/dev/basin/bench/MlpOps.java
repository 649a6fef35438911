package dev.basin.bench;

import dev.basin.compute.Backend;
import dev.basin.compute.Evaluation;
import dev.basin.compute.ReferenceBackend;
import dev.basin.compute.SimdBackend;
import dev.basin.compute.Prepared;
import dev.basin.kernel.Problem;

/**
 * The four MLP operations that {@link MlpBenchmark} (JMH, wall time) and {@link CpuTimes} (CPU time)
 * measure, on {@link Problems#mlp()}: loss + gradient, an HVP with the forward pass cached, an HVP
 * from scratch, and 20 power iterations. Not thread-safe; close after use.
 */
final class MlpOps implements AutoCloseable {

  private final Problem problem;
  private final double[] theta;
  private final double[] v;
  private final double[] out;
  private final Backend impl;
  private final Prepared prepared;
  private final Evaluation cached;

  /** backend "simd" (with the given threads) or "reference". */
  MlpOps(String backend, int threads) {
    Problems.Setup s = Problems.mlp();
    problem = s.objective().problem();
    theta = s.theta();
    v = s.v();
    out = new double[theta.length];
    impl = backend.equals("simd") ? SimdBackend.create(threads) : ReferenceBackend.INSTANCE;
    prepared = impl.prepare(problem);
    cached = prepared.evaluate(theta);
  }

  /** Releases an evaluation's buffers (SIMD recycles them for the next one). */
  private static void release(Evaluation e) {
    e.close();
  }

  double lossAndGradient() {
    Evaluation e = prepared.evaluate(theta);
    e.gradient(out);
    double l = e.loss();
    release(e);
    return l + out[0];
  }

  double hvpCached() {
    cached.hvp(v, out);
    return out[0];
  }

  double hvpFromScratch() {
    Evaluation e = prepared.evaluate(theta);
    e.hvp(v, out);
    release(e);
    return out[0];
  }

  /** Forward once, then 20 × (HVP, Rayleigh quotient, normalization); returns the last quotient. */
  double powerIteration20() {
    Evaluation e = prepared.evaluate(theta);
    double[] x = v.clone();
    double lambda = 0.0;
    for (int it = 0; it < 20; it++) {
      e.hvp(x, out);
      double dot = 0.0;
      double sq = 0.0;
      for (int q = 0; q < x.length; q++) {
        dot += x[q] * out[q];
        sq += out[q] * out[q];
      }
      lambda = dot;
      double inv = 1.0 / Math.sqrt(sq);
      for (int q = 0; q < x.length; q++) {
        x[q] = out[q] * inv;
      }
    }
    release(e);
    return lambda;
  }

  @Override
  public void close() {
    release(cached);
    prepared.close();
    impl.close();
  }
}
