package dev.basin.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Times the MLP operations ({@link MlpOps}) by wall clock and by process CPU time per operation.
 * CPU time is summed over all threads of the process. On a shared machine the CPU time of a single-threaded run is the contention-robust figure (wall
 * time includes waiting for a core); JMH (MlpBenchmark) gives the wall-clock figures with its
 * statistics. Usage: java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar:target/basin.jar
 * dev.basin.bench.CpuTimes BACKEND THREADS
 */
public final class CpuTimes {

  private CpuTimes() {}

  public static void main(String[] args) {
    String backend = args[0];
    int threads = Integer.parseInt(args[1]);
    boolean slow = backend.equals("reference");
    System.out.printf(Locale.ROOT, "java %s, %s, threads=%d%n", System.getProperty("java.version"), backend, threads);
    try (MlpOps ops = new MlpOps(backend, threads)) {
      Object[][] cases = {{"loss+grad", (DoubleSupplier) ops::lossAndGradient, 15},
          {"hvp (forward cached)", (DoubleSupplier) ops::hvpCached, 15},
          {"hvp (from scratch)", (DoubleSupplier) ops::hvpFromScratch, 15},
          {"power x20", (DoubleSupplier) ops::powerIteration20, 5}};
      for (Object[] c : cases) {
        DoubleSupplier body = (DoubleSupplier) c[1];
        int reps = slow ? 3 : (Integer) c[2];
        double sink = 0.0;
        for (int w = 0; w < (slow ? 1 : 5); w++) {
          sink += body.getAsDouble();
        }
        double[] wall = new double[reps];
        double[] cpu = new double[reps];
        for (int r = 0; r < reps; r++) {
          long c0 = cpuNanos();
          long w0 = System.nanoTime();
          sink += body.getAsDouble();
          wall[r] = (System.nanoTime() - w0) / 1e6;
          cpu[r] = (cpuNanos() - c0) / 1e6;
        }
        System.out.printf(Locale.ROOT, "%-22s wall median %9.2f ms min %9.2f | cpu median %9.2f ms min %9.2f  (%s)%n",
            c[0], median(wall), Arrays.stream(wall).min().orElse(0), median(cpu), Arrays.stream(cpu).min().orElse(0),
            sink == 0.0 ? "" : "ok");
      }
    }
  }

  /**
   * CPU time of all threads of this process in ns, from /proc/self/task/*&#47;schedstat (the JMX
   * process CPU time has a 10 ms granularity on Linux; this one includes GC and JIT threads too).
   */
  public static long cpuNanos() {
    long sum = 0;
    try (java.nio.file.DirectoryStream<java.nio.file.Path> tasks =
        java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
      for (java.nio.file.Path t : tasks) {
        try {
          String line = java.nio.file.Files.readString(t.resolve("schedstat"));
          sum += Long.parseLong(line.substring(0, line.indexOf(' ')));
        } catch (java.io.IOException | RuntimeException gone) {
          // the thread ended between listing and reading: its time no longer counts either way
        }
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("needs Linux /proc/self/task/*/schedstat", e);
    }
    return sum;
  }

  private static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
  }
}
