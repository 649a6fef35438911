package dev.basin.bench;

import dev.basin.compute.SimdBackend;
import dev.basin.compute.SimdEvaluation;
import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.FullHessian;
import dev.basin.kernel.Problem;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The explicit Hessian of a 50-50-10 relu net (N = 3,060, n = 500) and its full spectrum
 * (bench/REPORT.md §Hessian): the kernel's closed form (FullHessian, single-threaded) against
 * SimdEvaluation.hessian() (batched HVPs of unit vectors), each including its forward pass; and
 * Hessian + all eigenvalues with SymmetricEigen.DEFAULT.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:-UsePerfData"})
public class HessianBenchmark {

  /** "kernel" (FullHessian) or "simd" (batched HVPs). */
  @Param({"kernel", "simd"})
  public String method;

  /** Threads of the SIMD backend (the kernel is single-threaded). */
  @Param({"1", "2"})
  public int threads;

  private Problem problem;
  private double[] theta;
  private SimdBackend simd;

  @Setup(Level.Trial)
  public void setUp() {
    Problems.Setup s = Problems.hessian();
    problem = s.objective().problem();
    theta = s.theta();
    simd = SimdBackend.create(threads);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    simd.close();
  }

  private double[] hessianMatrix() {
    if (method.equals("kernel")) {
      return FullHessian.compute(problem, ForwardPass.compute(problem, theta), theta, FullHessian.FULL);
    }
    try (SimdEvaluation e = simd.evaluate(problem, theta)) {
      return e.hessian();
    }
  }

  @Benchmark
  public double hessian() {
    return hessianMatrix()[0];
  }

  @Benchmark
  public double hessianAndSpectrum() {
    double[] hm = hessianMatrix();
    return SymmetricEigen.of(hm, theta.length, false).values()[0];
  }
}
