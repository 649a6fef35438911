package dev.basin.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.basin.kernel.Activation;
import dev.basin.base.InvalidInputException;
import dev.basin.testing.BadFiles;
import dev.basin.testing.BadFiles.Bad;
import dev.basin.testing.Cases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reader fed truncated, corrupt, inconsistent and absurd files (spec IO-FORMATS, IO-NET,
 * IO-DATA): exactly one {@link InvalidInputException} whose message starts with the file name and
 * names the array at fault; never another exception type, never a silently accepted file.
 */
class CorruptFilesTest {

  @TempDir
  static Path dir;

  private static final Activation RELU = Activation.of(Activation.RELU);

  /** Asserts that reading fails with an InvalidInputException naming the file (and array). */
  private static void refused(Bad bad, Runnable read) {
    InvalidInputException e = assertThrows(InvalidInputException.class, read::run, bad::description);
    String m = String.valueOf(e.getMessage());
    assertTrue(m.startsWith(bad.file().toString()), () -> bad + ": message does not start with the file: " + m);
    assertTrue(m.contains(bad.mustName()), () -> bad + ": message does not name " + bad.mustName() + ": " + m);
    assertTrue(!m.contains("\n"), () -> bad + ": multi-line message: " + m);
  }

  static List<Bad> formatCorruptions() {
    List<Bad> all = new ArrayList<>();
    List<NdArray> arrays = List.of(NdArray.of("W1", new double[] {1, 2, 3, 4, 5, 6}, 2, 3),
        NdArray.of("W2", new double[] {1, 2}, 1, 2));
    for (String ext : List.of("npz", "safetensors")) {
      all.addAll(BadFiles.corruptions(dir, "net", ext, BadFiles.image(dir, ext, arrays)));
    }
    all.addAll(BadFiles.corruptions(dir, "vec", "npy", BadFiles.image(dir, "npy", List.of(arrays.get(0)))));
    all.addAll(BadFiles.badNpy(dir));
    all.addAll(BadFiles.badSafetensors(dir));
    all.addAll(BadFiles.badNpz(dir));
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formatCorruptions")
  void arrayReadersRefuseCorruptFiles(Bad bad) {
    refused(bad, () -> ArrayFiles.read(bad.file()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nets")
  void netReaderRefusesInvalidNets(Bad bad) {
    refused(bad, () -> NetFiles.read(bad.file(), RELU));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("data")
  void dataReaderRefusesInvalidData(Bad bad) {
    refused(bad, () -> DataFiles.read(bad.file()));
  }

  static List<Bad> nets() {
    return BadFiles.badNets(dir);
  }

  static List<Bad> data() {
    return BadFiles.badData(dir);
  }

  @Test
  void nonFiniteEntriesAreLocatedByRowAndColumn() {
    Path p = dir.resolve("nan_at.npz");
    double[] x = new double[12];
    x[7] = Double.NaN;   // C order in a 4 x 3 array: row 2, column 1
    ArrayFiles.write(p, List.of(NdArray.of("X", x, 4, 3), NdArray.of("Y", new double[4], 4)));
    refused(new Bad("NaN at (2, 1)", p, p + " [X]: entry (2, 1) is NaN"), () -> DataFiles.read(p));
  }

  @Test
  void missingFilesDirectoriesAndUnknownExtensions() {
    Path missing = dir.resolve("nope.npz");
    refused(new Bad("missing", missing, "no such file"), () -> ArrayFiles.read(missing));
    Path sub = dir.resolve("sub.npz");
    try {
      Files.createDirectories(sub);
    } catch (java.io.IOException e) {
      fail(e);
    }
    refused(new Bad("directory", sub, "directory"), () -> ArrayFiles.read(sub));
    Path csv = BadFiles.put(dir, "data.csv", "1,2\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    refused(new Bad("csv", csv, ".csv"), () -> ArrayFiles.read(csv));
    Path notNpy = BadFiles.put(dir, "v.npz", BadFiles.zip(java.util.Map.of("v.npy", BadFiles.npyF8("(1,)", 1))));
    refused(new Bad("readNpy of an npz", notNpy, ".npy"), () -> ArrayFiles.readNpy(notNpy));
  }

  /** Valid images: basin's own writers and NumPy's deflated golden file. */
  static List<Object[]> validImages() {
    List<NdArray> arrays = List.of(NdArray.of("W1", new double[] {1, 2, 3, 4, 5, 6}, 2, 3),
        NdArray.ofInts("y", new int[] {0, 1, 2}, 3));
    List<Object[]> out = new ArrayList<>();
    out.add(new Object[] {"npz", BadFiles.image(dir, "npz", arrays)});
    out.add(new Object[] {"safetensors", BadFiles.image(dir, "safetensors", arrays)});
    out.add(new Object[] {"npy", BadFiles.image(dir, "npy", List.of(arrays.get(0)))});
    out.add(new Object[] {"npz", BadFiles.bytes(GoldenFilesTest.golden("npz/deflated.npz"))});
    return out;
  }

  /** Every proper prefix of a valid file is refused with the file's name (truncation at every byte). */
  @ParameterizedTest
  @MethodSource("validImages")
  void everyTruncationIsRefused(String ext, byte[] good) {
    Path p = dir.resolve("prefix." + ext);
    for (int len = 0; len < good.length; len++) {
      BadFiles.put(dir, "prefix." + ext, Arrays.copyOf(good, len));
      refused(new Bad("prefix of length " + len + " of " + good.length, p, ""), () -> ArrayFiles.read(p));
    }
  }

  static LongStream fuzzSeeds() {
    return LongStream.range(1, 61);
  }

  /**
   * Random damage (1–4 bytes overwritten) to valid images: the reader either reads the file or
   * refuses it with an InvalidInputException naming the file; no other exception escapes.
   */
  @ParameterizedTest
  @MethodSource("fuzzSeeds")
  void randomDamageNeverEscapesAsAnotherException(long seed) {
    UniformRandomProvider r = Cases.rng(seed);
    for (Object[] img : validImages()) {
      String ext = (String) img[0];
      byte[] bytes = ((byte[]) img[1]).clone();
      int flips = 1 + r.nextInt(4);
      for (int f = 0; f < flips; f++) {
        bytes[r.nextInt(bytes.length)] = (byte) r.nextInt(256);
      }
      Path p = BadFiles.put(dir, "fuzz." + ext, bytes);
      try {
        ArrayFiles.read(p);
      } catch (InvalidInputException e) {
        assertTrue(String.valueOf(e.getMessage()).startsWith(p.toString()), () -> "seed=" + seed + ": " + e.getMessage());
      } catch (RuntimeException | OutOfMemoryError e) {
        fail("seed=" + seed + " " + ext + ": " + e, e);
      }
    }
  }
}
