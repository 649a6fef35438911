package dev.basin.bench;

import dev.basin.base.Rng;
import dev.basin.linalg.SymmetricEigen;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dense symmetric eigen-decomposition (spec LINALG-EIGEN), Hipparchus against EJML, values only and
 * with vectors, on a seeded random symmetric matrix (A = (G + Gᵀ)/2, G iid N(0, 1)); the faster is
 * SymmetricEigen.DEFAULT (bench/REPORT.md §Dense eigen).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-XX:-UsePerfData"})
public class EigenBenchmark {

  @Param({"1000", "3000"})
  public int n;

  @Param({"HIPPARCHUS", "EJML"})
  public SymmetricEigen.Solver solver;

  @Param({"false", "true"})
  public boolean vectors;

  private double[] a;

  @Setup(Level.Trial)
  public void setUp() {
    double[] g = Rng.of(Problems.SEED).gaussians(n * n, 1.0);
    a = new double[n * n];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        a[r * n + c] = 0.5 * (g[r * n + c] + g[c * n + r]);
      }
    }
  }

  @Benchmark
  public double decompose() {
    return SymmetricEigen.of(a, n, vectors, solver).values()[0];
  }
}
