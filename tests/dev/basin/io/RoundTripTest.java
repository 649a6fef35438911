package dev.basin.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.kernel.Activation;
import dev.basin.model.Dataset;
import dev.basin.model.TwoLayerNet;
import dev.basin.testing.BadFiles;
import dev.basin.testing.Cases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Write → read round trips for .npy, .npz and .safetensors (spec IO-FORMATS): float64 and int64,
 * 0-d, 1-d and 2-d, values including ±0, subnormals, extremes and integers up to ±2^53; nets and
 * data sets through NetFiles / DataFiles. Expected: bit-identical values (both sides are float64
 * or exact integers), same names, shapes, order and integral flag; byte-identical files for the
 * same arrays.
 */
class RoundTripTest {

  @TempDir
  Path dir;

  static LongStream seeds() {
    return LongStream.range(1, 41);
  }

  private static final double[] SPECIAL = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_NORMAL, Double.MAX_VALUE,
      -Double.MAX_VALUE, 1e-300, Math.PI, -1.0 / 3};

  /** Random arrays: a 0-d, a 1-d and a 2-d float64, and an int64 vector, named a0, a1, a2, ints. */
  static List<NdArray> arrays(long seed) {
    UniformRandomProvider r = Cases.rng(seed);
    int n1 = 1 + r.nextInt(9);
    int rows = 1 + r.nextInt(5);
    int cols = 1 + r.nextInt(5);
    double[] v1 = new double[n1];
    for (int i = 0; i < n1; i++) {
      v1[i] = r.nextInt(3) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : Cases.gauss(r) * Math.pow(10, r.nextInt(41) - 20);
    }
    double[] v2 = Cases.gaussians(r, rows * cols, 3.0);
    int[] ints = new int[1 + r.nextInt(6)];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = r.nextInt() / (1 + r.nextInt(1000));
    }
    List<NdArray> out = new ArrayList<>();
    out.add(NdArray.of("a0", new double[] {Cases.gauss(r)}));
    out.add(NdArray.of("a1", v1, n1));
    out.add(NdArray.of("a2", v2, rows, cols));
    out.add(NdArray.ofInts("ints", ints, ints.length));
    return out;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void containersRoundTripEveryArrayInOrder(long seed) {
    List<NdArray> in = arrays(seed);
    for (String ext : List.of("npz", "safetensors")) {
      Path p = dir.resolve("arrays." + ext);
      ArrayFiles.write(p, in);
      Map<String, NdArray> back = ArrayFiles.read(p);
      assertEquals(List.of("a0", "a1", "a2", "ints"), new ArrayList<>(back.keySet()), "seed=" + seed + " " + ext);
      for (NdArray a : in) {
        assertEquals(a, back.get(a.name()), "seed=" + seed + " " + ext + " " + a);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void npyRoundTripsEachArray(long seed) {
    for (NdArray a : arrays(seed)) {
      Path p = dir.resolve(a.name() + ".npy");
      ArrayFiles.writeNpy(p, a);
      NdArray back = ArrayFiles.readNpy(p);
      assertEquals(a, back, "seed=" + seed + " " + a);
    }
  }

  @Test
  void largestExactIntegersSurvive() {
    int big = Integer.MAX_VALUE;
    NdArray a = NdArray.ofInts("y", new int[] {big, -big, 0}, 3);
    for (String ext : List.of("npz", "safetensors", "npy")) {
      Path p = dir.resolve("y." + ext);
      ArrayFiles.write(p, List.of(a));
      assertEquals(a, ArrayFiles.read(p).get("y"), ext);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void netsAndDataRoundTrip(long seed) {
    UniformRandomProvider r = Cases.rng(seed + 100);
    Activation act = Cases.activations()[r.nextInt(6)];
    TwoLayerNet net = Synthetic.randomNet(1 + r.nextInt(5), 1 + r.nextInt(6), 1 + r.nextInt(3), r.nextBoolean(),
        r.nextBoolean(), act, 1.5, Rng.of(seed));
    Dataset targets = Synthetic.teacherRegression(net, 1 + r.nextInt(8), 0.1, Rng.of(seed + 1));
    Dataset labels = Synthetic.teacherClassification(net, 1 + r.nextInt(8), Rng.of(seed + 2));
    for (String ext : List.of("npz", "safetensors")) {
      Path n = dir.resolve("net." + ext);
      NetFiles.write(n, net);
      TwoLayerNet back = NetFiles.read(n, act);
      assertArrayEquals(net.parameters(), back.parameters(), 0.0, "seed=" + seed + " " + ext);
      assertEquals(net.layout().hasHiddenBias(), back.layout().hasHiddenBias());
      assertEquals(net.layout().hasOutputBias(), back.layout().hasOutputBias());
      for (Dataset ds : List.of(targets, labels)) {
        Path d = dir.resolve("data." + ext);
        DataFiles.write(d, ds);
        assertEquals(ds, DataFiles.read(d), "seed=" + seed + " " + ext + " " + ds);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void theSameArraysGiveByteIdenticalFiles(long seed) {
    for (String ext : List.of("npz", "safetensors")) {
      Path a = dir.resolve("a." + ext);
      Path b = dir.resolve("b." + ext);
      ArrayFiles.write(a, arrays(seed));
      ArrayFiles.write(b, arrays(seed));
      assertArrayEquals(BadFiles.bytes(a), BadFiles.bytes(b), "seed=" + seed + " " + ext);
    }
  }

  @Test
  void overwritingLeavesNoTemporaryFiles() throws Exception {
    Path p = dir.resolve("x.npz");
    ArrayFiles.write(p, arrays(1));
    ArrayFiles.write(p, arrays(2));
    assertEquals(arrays(2).get(2), ArrayFiles.read(p).get("a2"));
    try (var s = java.nio.file.Files.list(dir)) {
      assertEquals(List.of("x.npz"), s.map(q -> q.getFileName().toString()).toList());
    }
  }

  @Test
  void writerOutputIsReadableByItsOwnFormatRules() {
    // the .npy header basin writes is what NumPy writes for version 1.0: data aligned to 64 bytes
    byte[] img = BadFiles.image(dir, "npy", List.of(NdArray.of("v", new double[] {1, 2, 3}, 3)));
    int headerLen = (img[8] & 0xFF) | (img[9] & 0xFF) << 8;
    assertEquals(0, (10 + headerLen) % 64);
    assertTrue(new String(img, 10, headerLen, java.nio.charset.StandardCharsets.ISO_8859_1)
        .startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"));
  }
}
