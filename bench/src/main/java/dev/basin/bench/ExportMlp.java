package dev.basin.bench;

import dev.basin.compute.Evaluation;
import dev.basin.io.DataFiles;
import dev.basin.io.NetFiles;
import dev.basin.compute.ReferenceBackend;
import dev.basin.compute.SimdBackend;
import dev.basin.compute.SimdEvaluation;
import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the MLP benchmark problem ({@link Problems#mlp()}) and basin's results on it for the
 * PyTorch peer (bench/peer/mlp_torch.py), which times the same computation on the same numbers
 * and checks that it gets the same values: X.bin (n×d), y.bin (int32), W1/b1/W2/b2.bin, v.bin,
 * and loss, gradient and H·v of both backends (little-endian binary), with sizes in problem.json;
 * and net.npz, data.npz for basin's own command line (bench/e2e.sh).
 *
 * <p>Usage: java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar:target/basin.jar
 * dev.basin.bench.ExportMlp DIR
 */
public final class ExportMlp {

  private ExportMlp() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    Problems.Setup s = Problems.mlp();
    Problem p = s.objective().problem();
    ParameterLayout l = p.layout();
    double[] theta = s.theta();
    write(dir.resolve("X.bin"), p.inputs(), 0, p.inputs().length);
    ByteBuffer yb = ByteBuffer.allocate(4 * p.samples()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < p.samples(); i++) {
      yb.putInt(p.label(i));
    }
    Files.write(dir.resolve("y.bin"), yb.array());
    write(dir.resolve("W1.bin"), theta, 0, l.offsetB1());
    write(dir.resolve("b1.bin"), theta, l.offsetB1(), l.hidden());
    write(dir.resolve("W2.bin"), theta, l.offsetW2(), l.outputs() * l.hidden());
    write(dir.resolve("b2.bin"), theta, l.offsetB2(), l.outputs());
    write(dir.resolve("v.bin"), s.v(), 0, theta.length);
    int nn = theta.length;
    double[] g = new double[nn];
    double[] hv = new double[nn];
    double simdLoss;
    try (SimdBackend b = SimdBackend.create(1); SimdEvaluation e = b.evaluate(p, theta)) {
      simdLoss = e.loss();
      e.gradient(g);
      e.hvp(s.v(), hv);
    }
    write(dir.resolve("grad_simd.bin"), g, 0, nn);
    write(dir.resolve("hv_simd.bin"), hv, 0, nn);
    Evaluation ref = ReferenceBackend.INSTANCE.evaluate(p, theta);
    ref.gradient(g);
    ref.hvp(s.v(), hv);
    write(dir.resolve("grad_ref.bin"), g, 0, nn);
    write(dir.resolve("hv_ref.bin"), hv, 0, nn);
    // the same problem as basin's command line reads it (bench/e2e.sh times whole commands on these)
    NetFiles.write(dir.resolve("net.npz"), s.objective().net(theta));
    DataFiles.write(dir.resolve("data.npz"), s.objective().data());
    Files.writeString(dir.resolve("problem.json"), String.format(Locale.ROOT,
        "{\"n\": %d, \"d\": %d, \"h\": %d, \"k\": %d, \"seed\": %d, \"loss_simd\": %.17g, \"loss_ref\": %.17g}%n",
        p.samples(), l.inputs(), l.hidden(), l.outputs(), Problems.SEED, simdLoss, ref.loss()));
  }

  private static void write(Path file, double[] a, int off, int len) throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(8 * len).order(ByteOrder.LITTLE_ENDIAN);
    for (int q = 0; q < len; q++) {
      bb.putDouble(a[off + q]);
    }
    Files.write(file, bb.array());
  }
}
