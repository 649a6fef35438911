package dev.basin.compute;

import dev.basin.base.Rng;
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
 * PackedGemm alone (spec COMPUTE-SIMD, "GEMM"), to compare with the OpenBLAS dgemm floor
 * (bench/peer/blas_peak.py): a square 1024³ product of plain arrays, and the two big products of an
 * MLP HVP as SimdEvaluation runs them (X pre-packed): X·V1ᵀ (1000×512, depth 784) and RΔᵀ·X
 * (512×784, depth 1000). GFLOP/s = 2·m·n·k / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:-UsePerfData"})
public class GemmBenchmark {

  @Param({"1", "2"})
  public int threads;

  private Parallel team;
  private PackedGemm gemm;
  private double[] a;
  private double[] b;
  private double[] c;
  private double[] x;
  private double[] v1;
  private double[] delta;
  private double[] rz;
  private double[] hw1;
  private PackedGemm.Packed xLeft;
  private PackedGemm.Packed xRight;
  private PackedGemm.Packed deltaT;

  @Setup(Level.Trial)
  public void setUp() {
    Rng rng = Rng.of(1);
    team = new Parallel(threads);
    gemm = new PackedGemm(team);
    a = rng.gaussians(1024 * 1024, 1.0);
    b = rng.gaussians(1024 * 1024, 1.0);
    c = new double[1024 * 1024];
    x = rng.gaussians(1000 * 784, 1.0);
    v1 = rng.gaussians(512 * 784, 1.0);
    delta = rng.gaussians(1000 * 512, 1.0);
    rz = new double[1000 * 512];
    hw1 = new double[512 * 784];
    xLeft = PackedGemm.packA(Operand.rows(x, 0, 784), 1000, 784);
    xRight = PackedGemm.packB(Operand.rows(x, 0, 784), 1000, 784);
    deltaT = PackedGemm.packA(Operand.transposeOf(delta, 0, 512), 512, 1000);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    team.close();
  }

  @Benchmark
  public double square1024() {
    gemm.multiply(1024, 1024, 1024, Operand.rows(a, 0, 1024), Operand.rows(b, 0, 1024), c, 0, 1024, false);
    return c[0];
  }

  @Benchmark
  public double mlpInputTimesDirection() {
    gemm.multiply(1000, 512, 784, xLeft, Operand.transposeOf(v1, 0, 784), rz, 0, 512, false);
    return rz[0];
  }

  @Benchmark
  public double mlpDeltaTransposedTimesInput() {
    gemm.multiply(512, 784, 1000, deltaT, xRight, hw1, 0, 784, false);
    return hw1[0];
  }
}
