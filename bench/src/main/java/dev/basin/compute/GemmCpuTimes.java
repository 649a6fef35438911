package dev.basin.compute;

import dev.basin.bench.CpuTimes;
import dev.basin.base.Rng;
import java.util.Arrays;
import java.util.Locale;

/**
 * GFLOP/s per CPU-second of PackedGemm on the shapes of {@link GemmBenchmark}, the figure that
 * bench/peer/blas_peak.py prints for OpenBLAS ("per cpu-second"): robust to waiting for a core on a
 * shared machine. Median and best of 41 timed runs after 20 warm-up runs. Usage: java --add-modules
 * jdk.incubator.vector -cp bench/target/benchmarks.jar:target/basin.jar dev.basin.compute.GemmCpuTimes THREADS
 */
public final class GemmCpuTimes {

  private GemmCpuTimes() {}

  public static void main(String[] args) {
    int threads = Integer.parseInt(args[0]);
    Rng rng = Rng.of(1);
    double[] a = rng.gaussians(1024 * 1024, 1.0);
    double[] b = rng.gaussians(1024 * 1024, 1.0);
    double[] c = new double[1024 * 1024];
    double[] x = rng.gaussians(1000 * 784, 1.0);
    double[] v1 = rng.gaussians(512 * 784, 1.0);
    double[] delta = rng.gaussians(1000 * 512, 1.0);
    double[] rz = new double[1000 * 512];
    double[] hw1 = new double[512 * 784];
    PackedGemm.Packed xLeft = PackedGemm.packA(Operand.rows(x, 0, 784), 1000, 784);
    PackedGemm.Packed xRight = PackedGemm.packB(Operand.rows(x, 0, 784), 1000, 784);
    PackedGemm.Packed deltaT = PackedGemm.packA(Operand.transposeOf(delta, 0, 512), 512, 1000);
    try (Parallel team = new Parallel(threads)) {
      PackedGemm gemm = new PackedGemm(team);
      Object[][] cases = {
          {"square 1024^3", 2.0 * 1024 * 1024 * 1024, (Runnable) () -> gemm.multiply(1024, 1024, 1024,
              Operand.rows(a, 0, 1024), Operand.rows(b, 0, 1024), c, 0, 1024, false)},
          {"X V1^T (1000x512x784)", 2.0 * 1000 * 512 * 784, (Runnable) () -> gemm.multiply(1000, 512, 784, xLeft,
              Operand.transposeOf(v1, 0, 784), rz, 0, 512, false)},
          {"RD^T X (512x784x1000)", 2.0 * 1000 * 512 * 784, (Runnable) () -> gemm.multiply(512, 784, 1000, deltaT,
              xRight, hw1, 0, 784, false)}};
      System.out.printf(Locale.ROOT, "java %s, PackedGemm, threads=%d, species %s%n", System.getProperty("java.version"),
          threads, PackedGemm.SPECIES);
      for (Object[] cs : cases) {
        double flop = (Double) cs[1];
        Runnable body = (Runnable) cs[2];
        for (int w = 0; w < 20; w++) {
          body.run();
        }
        double[] wall = new double[41];
        double[] cpu = new double[41];
        for (int r = 0; r < wall.length; r++) {
          long c0 = CpuTimes.cpuNanos();
          long w0 = System.nanoTime();
          body.run();
          wall[r] = flop / (System.nanoTime() - w0);
          cpu[r] = flop / (CpuTimes.cpuNanos() - c0);
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%-24s wall median %6.1f best %6.1f GFLOP/s | per cpu-second median %6.1f best %6.1f%n",
            cs[0], wall[20], wall[40], cpu[20], cpu[40]);
      }
    }
  }
}
