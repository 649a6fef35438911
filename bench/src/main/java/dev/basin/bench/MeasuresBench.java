package dev.basin.bench;

import dev.basin.compute.ForwardQuantities;
import dev.basin.compute.SimdBackend;
import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.kernel.Activation;
import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.Loss;
import dev.basin.measure.HessianDiagonal;
import dev.basin.measure.HessianOperator;
import dev.basin.measure.Lanczos;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.model.TwoLayerNet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The issue #4 benchmarks against peers.md §5: the 784-512-10 ReLU net (N = 407,050), n = 1000
 * Gaussian inputs labelled by a 784-32-10 teacher, mean softmax cross-entropy, float64, one thread
 * unless a benchmark says two, reference or SIMD backend as named. Operations take milliseconds to
 * seconds, so single-shot timing: one warm-up, three measured runs, one fork. The student is LeCun-initialized (not trained as in peers.md §5.1):
 * times depend on shapes, the Lanczos iteration count on the spectrum, and the Lanczos benchmark
 * records its own HVP count in REPORT.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx8g", "--add-modules", "jdk.incubator.vector", "-XX:ActiveProcessorCount=1"})
public class MeasuresBench {

  private Point point;
  private Point simdPoint;
  private Point simdPoint2;
  private HessianOperator op;
  private HessianOperator simdOp;
  private double[] probe;
  private double[] out;
  private double[] theta;
  private ForwardPass pass;

  /** The benchmark problem (shared with {@link MeasuresInfo}). */
  static Point problem() {
    Rng r = Rng.of(2026);
    TwoLayerNet teacher = Synthetic.randomNet(784, 32, 10, true, true, Activation.of(Activation.RELU), 1.0, r);
    Dataset data = Synthetic.teacherClassification(teacher, 1000, r);
    TwoLayerNet student = Synthetic.randomNet(784, 512, 10, true, true, Activation.of(Activation.RELU), 1.0, r);
    return Objective.of(student, new Loss(Loss.CE, Loss.MEAN), data).at(student);
  }

  /** Builds the problem once per trial (the forward pass is part of the point). */
  @Setup(Level.Trial)
  public void setup() {
    point = problem();
    simdPoint = point.objective().withBackend(SimdBackend.create(1)).at(point.theta());
    simdPoint2 = point.objective().withBackend(SimdBackend.create(2)).at(point.theta());
    op = HessianOperator.at(point);
    simdOp = HessianOperator.at(simdPoint);
    theta = point.theta();
    pass = ForwardPass.compute(point.objective().problem(), theta);
    int nParams = point.numParams();
    Rng pr = Rng.of(7);
    probe = new double[nParams];
    for (int i = 0; i < probe.length; i++) {
      probe[i] = pr.rademacher();
    }
    out = new double[nParams];
  }

  /** λ_max to relative 1e-8 with its residual certificate (FLAT-LANCZOS, FLAT-CERT-EIG). */
  @Benchmark
  public double certifiedTopEigenvalue() {
    return certifiedLambdaMax(point);
  }

  /**
   * The same on the SIMD backend (one thread): Lanczos and the certificate both use the SIMD HVP,
   * with the FLAT-HVP-ERROR bound from the SIMD pass (HessianOperator.applyCertified).
   */
  @Benchmark
  public double certifiedTopEigenvalueSimd() {
    return certifiedLambdaMax(simdPoint);
  }

  /** The same with two SIMD threads (the JVM is told one processor; the backend's pool has two). */
  @Benchmark
  public double certifiedTopEigenvalueSimdTwoThreads() {
    return certifiedLambdaMax(simdPoint2);
  }

  private static double certifiedLambdaMax(Point at) {
    Lanczos.Result res = Lanczos.run(HessianOperator.at(at), new Lanczos.Options(1, 0, 1e-8, 200, 1));
    if (!res.converged()) {
      throw new IllegalStateException("not converged");
    }
    return res.largest().get(0).certificate().lowerBoundOnLargest();
  }

  /** The exact trace in closed form (FLAT-TRACE) at a point, from the point's cached reference pass. */
  @Benchmark
  public double exactTrace() {
    return HessianDiagonal.trace(point);
  }

  /** The same at the SIMD point (its cached pass, copied out). */
  @Benchmark
  public double exactTraceSimd() {
    return HessianDiagonal.trace(simdPoint);
  }

  /** A fresh SIMD forward pass and the trace from it: the whole cost from θ. */
  @Benchmark
  public double exactTraceFromScratchSimd() {
    return HessianDiagonal.trace(simdPoint.objective().at(theta));
  }

  /** The closed-form trace alone, given the forward pass (what a backend exposing its pass would add). */
  @Benchmark
  public double exactTraceGivenForwardPass() {
    return HessianDiagonal.unitTraces(point.objective().problem(), theta, ForwardQuantities.of(pass)).trace();
  }

  /** The reference forward pass alone (z, σ(z), σ', σ'', outputs, W2ᵀg for all samples). */
  @Benchmark
  public double forwardPass() {
    return ForwardPass.compute(point.objective().problem(), theta).loss();
  }

  /** One Hessian-vector product = one Hutchinson sample (FLAT-HUTCHINSON), reference backend. */
  @Benchmark
  public double oneHutchinsonSample() {
    return hutchinsonSample(op);
  }

  /** The same on the SIMD backend (one thread). */
  @Benchmark
  public double oneHutchinsonSampleSimd() {
    return hutchinsonSample(simdOp);
  }

  private double hutchinsonSample(HessianOperator on) {
    on.apply(probe, out);
    double s = 0.0;
    for (int i = 0; i < out.length; i++) {
      s += probe[i] * out[i];
    }
    return s;
  }
}
