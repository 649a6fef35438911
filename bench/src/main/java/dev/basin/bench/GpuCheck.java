package dev.basin.bench;

import dev.basin.compute.Backend;
import dev.basin.compute.Backends;
import dev.basin.compute.cuda.DeviceBackend;
import dev.basin.io.ArrayFiles;
import dev.basin.io.NdArray;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.measure.EigenCertificate;
import dev.basin.measure.HessianOperator;
import dev.basin.measure.Lanczos;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.model.TwoLayerNet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The Java part of bin/gpu-check (spec COMPUTE-CUDA "On a GPU"): timings of the CUDA backend on one
 * large problem, printed as "key value" lines (stdout and DIR/java.txt), and the problem's arrays
 * as .npy files in DIR for the PyTorch peer (bench/peer/gpu_torch.py), which times float64
 * double-backward HVPs and a 100-iteration power iteration on the same data, θ and v, and compares
 * its H·v with basin's (DIR/hv.npy).
 *
 * <p>Usage: {@code GpuCheck DIR [n d h k]} (default the problem: n = 50 000, d = 3072,
 * h = 4096, k = 10, relu, softmax cross-entropy, mean). Timings: the best-of-3 device time of two
 * device-resident GEMMs (8192³ and the n×(h)×d shape of R{z}); the prepare (upload of X), forward
 * pass, a single HVP (median of 5 after one warm-up; wall time including v's upload and Hv's
 * download) and 4 directions batched; certified λ_max to 10⁻⁸ (FLAT-LANCZOS + FLAT-CERT-EIG on the
 * GPU's products, the certificate's sums on the GPU too), whole.
 */
public final class GpuCheck {

  private GpuCheck() {}

  private static PrintStream report;

  private static void put(String key, Object value) {
    String line = key + " " + value;
    System.out.println(line);
    report.println(line);
    report.flush();
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/gpu-check");
    int n = args.length > 4 ? Integer.parseInt(args[1]) : 50_000;
    int d = args.length > 4 ? Integer.parseInt(args[2]) : 3072;
    int h = args.length > 4 ? Integer.parseInt(args[3]) : 4096;
    int k = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    Files.createDirectories(dir);
    report = new PrintStream(Files.newOutputStream(dir.resolve("java.txt")), true, "UTF-8");
    Backend b = Backends.open("cuda", Backends.Guarantee.DECLARED, Long.MAX_VALUE, 1);
    DeviceBackend cuda = (DeviceBackend) b;
    put("device", cuda.device());
    put("problem", "n=" + n + " d=" + d + " h=" + h + " k=" + k + " relu ce/mean biases");

    double g1 = cuda.gemmMillis(8192, 8192, 8192, 3);
    put("gemm_8192_ms", f(g1));
    put("gemm_8192_tflops", f(2.0 * 8192 * 8192 * 8192 / g1 / 1e9));
    double g2 = cuda.gemmMillis(n, h, d, 3);
    put("gemm_rz_shape", n + "x" + h + "x" + d);
    put("gemm_rz_ms", f(g2));
    put("gemm_rz_tflops", f(2.0 * n * h * d / g2 / 1e9));

    // the problem, seeded: X ~ N(0, 1), labels uniform, W ~ N(0, 1/fan-in), biases N(0, 0.01)
    long t0 = System.nanoTime();
    SplittableRandom r = new SplittableRandom(20261207L);
    double[] x = new double[Math.multiplyExact(n, d)];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian();
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(k);
    }
    TwoLayerNet shape = TwoLayerNet.of(Activation.of(Activation.RELU), d, h, k, new double[h * d], new double[h],
        new double[k * h], new double[k]);
    int nn = shape.layout().size();
    double[] theta = new double[nn];
    int ow2 = shape.layout().offsetW2();
    for (int q = 0; q < nn; q++) {
      boolean bias = q >= h * d && q < ow2 || q >= ow2 + k * h;
      theta[q] = bias ? 0.1 * r.nextGaussian() : r.nextGaussian() / Math.sqrt(q < ow2 ? d : h);
    }
    double[] v = new double[nn];
    for (int q = 0; q < nn; q++) {
      v[q] = r.nextGaussian();
    }
    put("generate_s", f((System.nanoTime() - t0) / 1e9));

    Dataset data = Dataset.withLabels(n, d, x, y);
    long t1 = System.nanoTime();
    Objective obj = Objective.of(shape, new Loss(Loss.CE, Loss.MEAN), data).withBackend(cuda);
    put("prepare_s", f((System.nanoTime() - t1) / 1e9));
    long t2 = System.nanoTime();
    Point pt = obj.at(theta);
    put("forward_s", f((System.nanoTime() - t2) / 1e9));
    put("loss", pt.loss());

    double[] hv = new double[nn];
    pt.hvp(v, hv);
    double[] times = new double[5];
    for (int t = 0; t < times.length; t++) {
      long s = System.nanoTime();
      pt.hvp(v, hv);
      times[t] = (System.nanoTime() - s) / 1e9;
    }
    double hvp = median(times);
    double flops = 4.0 * n * d * h + 12.0 * n * h * k;
    put("hvp_s", f(hvp));
    put("hvp_tflops", f(flops / hvp / 1e12));
    double[][] vs = new double[4][];
    double[][] outs = new double[4][nn];
    for (int j = 0; j < 4; j++) {
      vs[j] = v.clone();
      vs[j][j] += 1.0;
    }
    long t3 = System.nanoTime();
    pt.hvpBatchTrusted(vs, outs);
    double batch = (System.nanoTime() - t3) / 1e9;
    put("hvp_batch4_s", f(batch));
    put("hvp_batch4_per_direction_s", f(batch / 4));

    ArrayFiles.writeNpy(dir.resolve("dims.npy"), NdArray.ofInts("dims", new int[] {n, d, h, k}, 4));
    ArrayFiles.writeNpy(dir.resolve("X.npy"), NdArray.of("X", x, n, d));
    ArrayFiles.writeNpy(dir.resolve("y.npy"), NdArray.ofInts("y", y, n));
    ArrayFiles.writeNpy(dir.resolve("theta.npy"), NdArray.of("theta", theta, nn));
    ArrayFiles.writeNpy(dir.resolve("v.npy"), NdArray.of("v", v, nn));
    ArrayFiles.writeNpy(dir.resolve("hv.npy"), NdArray.of("hv", hv, nn));

    long t4 = System.nanoTime();
    Lanczos.Result res = Lanczos.run(HessianOperator.at(pt), new Lanczos.Options(1, 0, 1e-8, 200, 7L));
    double lam = (System.nanoTime() - t4) / 1e9;
    EigenCertificate c = res.largest().get(0).certificate();
    put("lambda_max_s", f(lam));
    put("lambda_max_iterations", res.iterations());
    put("lambda_max_products", res.products());
    put("lambda_max_converged", res.converged());
    if (c != null) {
      put("lambda_max_enclosure", "[" + c.low() + ", " + c.high() + "]");
      put("lambda_max_radius_relative", f(c.radius() / Math.abs(c.value())));
      put("lambda_max_certified_lower_bound", c.lowerBoundOnLargest());
    }
    obj.prepared().close();
    cuda.close();
    report.close();
  }
}
