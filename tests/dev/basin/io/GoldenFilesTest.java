package dev.basin.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.kernel.Activation;
import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import dev.basin.model.TwoLayerNet;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files written by NumPy 2.4 and the safetensors library (tests/golden/make_numpy_golden.py; see
 * tests/resources/golden/README.md): every dtype basin reads, 0-d to 3-d, both byte orders, C and
 * Fortran order, .npy versions 1–3, stored and deflated .npz, bfloat16, a PyTorch state_dict.
 * Expected values are recomputed here from the generating formula (c = 7i mod 23 for C-order
 * index i), never read from the files; all are exact in every dtype, so comparisons are exact.
 */
class GoldenFilesTest {

  /** A golden file by its path under tests/resources/golden. */
  static Path golden(String relative) {
    URL u = GoldenFilesTest.class.getResource("/golden/" + relative);
    if (u == null) {
      throw new IllegalStateException("missing test resource golden/" + relative);
    }
    try {
      return Path.of(u.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One array of the manifest. */
  record Entry(String file, String array, String dtype, int[] shape, String formula, String expect) {
    @Override
    public String toString() {
      return file + " [" + array + "] " + dtype;
    }
  }

  static List<Entry> manifest() {
    JsonNode m = Json.read(golden("manifest.json"));
    List<Entry> out = new ArrayList<>();
    for (JsonNode a : m.get("arrays")) {
      int[] shape = new int[a.get("shape").size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = a.get("shape").get(i).asInt();
      }
      out.add(new Entry(a.get("file").asText(), a.get("array").asText(), a.get("dtype").asText(), shape,
          a.get("formula").asText(), a.get("expect").asText()));
    }
    return out;
  }

  /** The generating formula of make_numpy_golden.py for C-order index i. */
  static double value(String formula, int i) {
    int c = (7 * i) % 23;
    return switch (formula) {
      case "float" -> (c - 11) / 2.0;
      case "signed" -> c - 11;
      case "unsigned" -> c;
      case "bool" -> c % 2;
      case "unsigned mod k=2" -> c % 2;
      default -> throw new IllegalArgumentException(formula);
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifest")
  void readsWhatNumpyWrote(Entry e) {
    Path file = golden(e.file());
    if (e.expect().startsWith("error")) {
      InvalidInputException ex = assertThrows(InvalidInputException.class, () -> ArrayFiles.read(file));
      String detail = e.expect().substring("error: ".length());
      assertTrue(String.valueOf(ex.getMessage()).startsWith(file.toString()) && ex.getMessage().contains(detail),
          ex::getMessage);
      return;
    }
    Map<String, NdArray> arrays = ArrayFiles.read(file);
    NdArray a = arrays.get(e.array());
    assertTrue(a != null, () -> e + ": not found among " + arrays.keySet());
    assertArrayEquals(e.shape(), a.shape(), e::toString);
    double[] expected = new double[a.values().length];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = value(e.formula(), i);
    }
    assertArrayEquals(expected, a.values(), 0.0, e::toString);
    boolean integral = !e.dtype().contains("f") && !e.dtype().equals("bfloat16");
    assertEquals(integral, a.integral(), e::toString);
  }

  @Test
  void everyGoldenFileIsInTheManifest() {
    // guards against a generator change that writes files the test never reads
    Path root = golden("manifest.json").getParent();
    java.util.Set<String> onDisk = new java.util.TreeSet<>();
    for (String sub : List.of("npy", "npz", "safetensors")) {
      try (var s = java.nio.file.Files.list(root.resolve(sub))) {
        s.forEach(p -> onDisk.add(sub + "/" + p.getFileName()));
      } catch (java.io.IOException ex) {
        throw new java.io.UncheckedIOException(ex);
      }
    }
    java.util.Set<String> listed = new java.util.TreeSet<>();
    manifest().forEach(e -> listed.add(e.file()));
    assertEquals(onDisk, listed);
  }

  @Test
  void netInBasinNamesAndPytorchStateDictAreTheSameNet() {
    TwoLayerNet a = NetFiles.read(golden("npz/net.npz"), Activation.of(Activation.RELU));
    TwoLayerNet b = NetFiles.read(golden("safetensors/state_dict.safetensors"), Activation.of(Activation.RELU));
    assertEquals(3, a.inputs());
    assertEquals(4, a.hidden());
    assertEquals(2, a.outputs());
    // θ = (W1, b1, W2, b2), each filled with the formula in C order (float32 values, exact)
    double[] theta = a.parameters();
    int[] sizes = {12, 4, 8, 2};
    int q = 0;
    for (int size : sizes) {
      for (int i = 0; i < size; i++) {
        assertEquals(value("float", i), theta[q++], 0.0);
      }
    }
    assertArrayEquals(theta, b.parameters(), 0.0);
  }

  @Test
  void dataFilesWithLabelsAndTargets() {
    Dataset labels = DataFiles.read(golden("npz/data_labels.npz"));
    assertTrue(labels.hasLabels());
    assertEquals(5, labels.size());
    assertEquals(3, labels.inputs());
    Dataset targets = DataFiles.read(golden("npz/data_targets.npz"));
    assertEquals(2, targets.targetWidth());
    assertArrayEquals(labels.x(), targets.x(), 0.0);
  }
}
