package dev.basin.compute.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.compute.Backend;
import dev.basin.compute.BackendConformance;
import dev.basin.compute.Evaluation;
import dev.basin.compute.ForwardQuantities;
import dev.basin.compute.MatrixProducts;
import dev.basin.compute.Prepared;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Problem;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A CUDA device's results equal the Java emulator's bit for bit (spec COMPUTE-CUDA "Emulator"):
 * every product of every problem — loss, outputs, the forward quantities, gradient, single and
 * batched HVPs — and every matrix-product pass, on both GEMM kernels (tiled and thin). The
 * expected values are the emulator's, which the conformance kit checks against the reference kernel
 * and exact values; equality is of the bits (assertArrayEquals on doubles compares
 * doubleToLongBits, so −0 ≠ +0).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeviceMatchesEmulator {

  private Backend device = DeviceBackend.emulator();
  private final Backend emulator = DeviceBackend.emulator();

  /** The device backend under test. */
  protected abstract Backend open();

  /** Extra (larger) problems for a real GPU. */
  protected List<Case> extraCases() {
    return List.of();
  }

  @BeforeAll
  final void start() {
    device = open();
  }

  @AfterAll
  final void stop() {
    device.close();
    emulator.close();
  }

  public final Stream<Case> cases() {
    Activation[] acts = Cases.activations();
    List<Case> cases = new ArrayList<>();
    LongStream.rangeClosed(1, 40).mapToObj(Cases::random).forEach(cases::add);
    int[][] shapes = {{29, 23, 7, 37}, {70, 130, 3, 150}, {13, 17, 1, 31}, {3, 129, 2, 65}, {65, 64, 10, 64}};
    for (int s = 0; s < 20; s++) {
      int[] sh = shapes[s % shapes.length];
      cases.add(Cases.sized(8000 + s, acts[s % 6], s % 4, (s / 4) % 2, s % 3 != 0, s % 2 == 0, sh[0], sh[1], sh[2],
          sh[3]));
    }
    cases.addAll(extraCases());
    return cases.stream();
  }

  private static double[][] run(Backend b, Case c, double[][] vs) {
    Problem p = c.objective().problem();
    int nn = c.theta().length;
    try (Prepared pr = b.prepare(p); Evaluation e = pr.evaluate(c.theta())) {
      ForwardQuantities f = e.forwardQuantities();
      double[] g = new double[nn];
      e.gradient(g);
      double[] single = new double[nn];
      e.hvp(vs[0], single);
      double[][] batch = new double[vs.length][nn];
      e.hvpBatch(vs, batch);
      List<double[]> all = new ArrayList<>(List.of(new double[] {e.loss()}, e.outputs(), f.preActivations(),
          f.activations(), f.firstDerivatives(), f.secondDerivatives(), f.outputGradients(), f.backpropagated(), g,
          single));
      all.addAll(List.of(batch));
      return all.toArray(new double[0][]);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  public void everyProductEqualsTheEmulatorsBitForBit(Case c) {
    int nn = c.theta().length;
    double[][] vs = new double[5][];
    for (int j = 0; j < vs.length; j++) {
      vs[j] = Cases.gaussians(Cases.rng(c.seed() * 31 + j), nn, 1.0);
    }
    double[][] want = run(emulator, c, vs);
    double[][] got = run(device, c, vs);
    String[] names = {"loss", "outputs", "z", "sigma(z)", "sigma'(z)", "sigma''(z)", "g", "W2^T g", "gradient", "Hv"};
    assertEquals(want.length, got.length);
    for (int q = 0; q < want.length; q++) {
      String what = q < names.length ? names[q] : "batched Hv " + (q - names.length);
      assertArrayEquals(want[q], got[q], c + ": " + what + " differs from the emulator's");
    }
  }

  public final Stream<BackendConformance.GemmCase> gemmCases() {
    List<BackendConformance.GemmCase> cases = new ArrayList<>();
    int[][] shapes = {{1, 1, 1}, {64, 64, 1}, {130, 129, 17}, {7, 300, 257}, {200, 64, 9}, {128, 256, 8}, {65, 70, 0}};
    int s = 0;
    for (int[] sh : shapes) {
      for (int t = 0; t < 4; t++) {
        cases.add(new BackendConformance.GemmCase(sh[0], sh[1], sh[2], t % 2 == 1, t >= 2, s % 3 == 0, 0, 600 + s));
        s++;
      }
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("gemmCases")
  public void matrixProductsEqualTheEmulatorsBitForBit(BackendConformance.GemmCase g) {
    int m = g.m();
    int n = g.n();
    int k = g.k();
    double[] a = Cases.gaussians(Cases.rng(g.seed()), m * k + 5, 1.0);
    double[] b = Cases.gaussians(Cases.rng(g.seed() + 1), k * n + 3, 1.0);
    double[] c0 = Cases.gaussians(Cases.rng(g.seed() + 2), m * n + 2, 1.0);
    double[] want = c0.clone();
    double[] got = c0.clone();
    Case any = Cases.random(1);
    for (Backend be : new Backend[] {emulator, device}) {
      try (Prepared p = be.prepare(any.objective().problem())) {
        MatrixProducts mp = p.products();
        mp.multiply(m, n, k, a, 5, g.transA() ? m : k, g.transA(), b, 3, g.transB() ? k : n, g.transB(),
            be == emulator ? want : got, 2, g.accumulate());
      }
    }
    assertArrayEquals(want, got, g + ": differs from the emulator's");
  }
}
