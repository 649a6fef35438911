package dev.basin.bench;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 784-512-10 relu MLP with softmax cross-entropy, n = 1000, float64 (bench/REPORT.md §MLP):
 * loss + gradient, one HVP with the forward pass cached, one HVP from scratch (forward pass + HVP),
 * and 20 power iterations (forward once, 20 HVPs with Rayleigh quotient and normalization), per
 * backend and thread count. The reference backend is single-threaded (run it with threads=1).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:-UsePerfData"})
public class MlpBenchmark {

  /** "simd" or "reference". */
  @Param({"simd"})
  public String backend;

  /** Threads of the SIMD backend. */
  @Param({"1", "2"})
  public int threads;

  private MlpOps ops;

  @Setup(Level.Trial)
  public void setUp() {
    ops = new MlpOps(backend, threads);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    ops.close();
  }

  @Benchmark
  public double lossAndGradient() {
    return ops.lossAndGradient();
  }

  @Benchmark
  public double hvpCached() {
    return ops.hvpCached();
  }

  @Benchmark
  public double hvpFromScratch() {
    return ops.hvpFromScratch();
  }

  @Benchmark
  public double powerIteration20() {
    return ops.powerIteration20();
  }
}
