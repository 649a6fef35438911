package dev.basin.testing;

import dev.basin.io.ArrayFiles;
import dev.basin.io.NdArray;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Malformed array files for the I/O and CLI error tests: truncated, corrupt (bad magic, bad
 * header, bad zip, bad JSON header, overlapping safetensors offsets, trailing bytes), inconsistent
 * (wrong shapes, NaN/Inf, wrong dtype, y and Y both present) and absurd (a shape claiming 10^12
 * elements). Every file is built byte by byte here, independently of basin's writers where the
 * format itself is under test.
 */
public final class BadFiles {

  private BadFiles() {}

  /**
   * One bad file.
   *
   * @param description what is wrong (for failure messages)
   * @param file the file
   * @param mustName a text the error message must contain: the file, and the array where one is at fault
   */
  public record Bad(String description, Path file, String mustName) {
    @Override
    public String toString() {
      return description;
    }
  }

  // ---- raw images -------------------------------------------------------------------------

  /** A version-1.0 .npy image with the given header dict text (padded as NumPy does) and data. */
  public static byte[] npy(String dict, byte[] data) {
    int total = 10 + dict.length() + 1;
    String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
    return b.array();
  }

  /** A '&lt;f8' .npy image of the given shape text, e.g. "(2, 3)", and values. */
  public static byte[] npyF8(String shape, double... values) {
    return npy("{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }", f8(values));
  }

  /** Little-endian float64 bytes. */
  public static byte[] f8(double... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      b.putDouble(v);
    }
    return b.array();
  }

  /** A safetensors image: 8-byte header length, the JSON header text, the buffer. */
  public static byte[] safetensors(String json, byte[] buffer) {
    byte[] h = json.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + h.length + buffer.length).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(h.length).put(h).put(buffer).array();
  }

  /** A stored zip of the members, in order (name → bytes). */
  public static byte[] zip(Map<String, byte[]> members) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bos)) {
      for (Map.Entry<String, byte[]> m : members.entrySet()) {
        ZipEntry e = new ZipEntry(m.getKey());
        e.setMethod(ZipEntry.STORED);
        e.setSize(m.getValue().length);
        CRC32 crc = new CRC32();
        crc.update(m.getValue());
        e.setCrc(crc.getValue());
        z.putNextEntry(e);
        z.write(m.getValue());
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bos.toByteArray();
  }

  /** Writes bytes to dir/name and returns the path. */
  public static Path put(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes of a file. */
  public static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The image basin writes for these arrays in the format of {@code ext}. */
  public static byte[] image(Path dir, String ext, List<NdArray> arrays) {
    Path p = dir.resolve(".image." + ext);
    ArrayFiles.write(p, arrays);
    byte[] b = bytes(p);
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b;
  }

  // ---- corruptions of any array file --------------------------------------------------------

  /**
   * Format-level corruptions of a valid file image {@code good} with extension ext: truncated,
   * empty, bad magic or bad zip, trailing bytes.
   */
  public static List<Bad> corruptions(Path dir, String stem, String ext, byte[] good) {
    List<Bad> out = new ArrayList<>();
    String f = stem + "_";
    add(out, dir, f + "truncated." + ext, Arrays.copyOf(good, good.length / 2), "truncated " + ext, "");
    add(out, dir, f + "truncated_by_one." + ext, Arrays.copyOf(good, good.length - 1), "last byte missing " + ext, "");
    add(out, dir, f + "empty." + ext, new byte[0], "empty " + ext, "");
    byte[] magic = good.clone();
    magic[0] ^= 0x5A;
    magic[1] ^= 0x5A;
    add(out, dir, f + "bad_magic." + ext, magic, "bad magic / bad header length " + ext, "");
    byte[] junk = "this is not an array file at all, just some text".getBytes(StandardCharsets.US_ASCII);
    add(out, dir, f + "text." + ext, junk, "plain text named ." + ext, "");
    if (!ext.equals("npz")) {
      byte[] trailing = Arrays.copyOf(good, good.length + 3);
      add(out, dir, f + "trailing." + ext, trailing, "trailing bytes " + ext, "");
    }
    return out;
  }

  private static void add(List<Bad> out, Path dir, String name, byte[] bytes, String description, String array) {
    Path p = put(dir, name, bytes);
    out.add(new Bad(description, p, p + (array.isEmpty() ? "" : " [" + array + "]")));
  }

  // ---- .npy headers ------------------------------------------------------------------------------

  /** Malformed or unsupported .npy files (each a single array named after the file). */
  public static List<Bad> badNpy(Path dir) {
    List<Bad> out = new ArrayList<>();
    byte[] six = f8(1, 2, 3, 4, 5, 6);
    add(out, dir, "no_shape.npy", npy("{'descr': '<f8', 'fortran_order': False, }", six), "header without shape", "");
    add(out, dir, "no_descr.npy", npy("{'fortran_order': False, 'shape': (6,), }", six), "header without descr", "");
    add(out, dir, "bad_fortran.npy", npy("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (6,), }", six),
        "fortran_order neither True nor False", "");
    add(out, dir, "bad_dim.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, x), }", six),
        "non-numeric dimension", "");
    add(out, dir, "negative_dim.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (-6,), }", six),
        "negative dimension", "");
    add(out, dir, "complex.npy", npy("{'descr': '<c16', 'fortran_order': False, 'shape': (3,), }", six),
        "complex dtype", "");
    add(out, dir, "object.npy", npy("{'descr': '|O', 'fortran_order': False, 'shape': (6,), }", six),
        "object dtype", "");
    add(out, dir, "unicode.npy", npy("{'descr': '<U3', 'fortran_order': False, 'shape': (4,), }", six),
        "string dtype", "");
    add(out, dir, "structured.npy", npy("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (6,), }", six),
        "structured dtype", "");
    add(out, dir, "absurd.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }", six),
        "shape claiming 10^12 elements", "");
    add(out, dir, "huge_dim.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,), }", six),
        "dimension beyond 64 bits", "");
    add(out, dir, "short_data.npy", npyF8("(7,)", 1, 2, 3, 4, 5, 6), "data shorter than the shape", "");
    add(out, dir, "long_data.npy", npyF8("(5,)", 1, 2, 3, 4, 5, 6), "data longer than the shape", "");
    byte[] v9 = npyF8("(6,)", 1, 2, 3, 4, 5, 6);
    v9[6] = 9;
    add(out, dir, "version9.npy", v9, "unknown .npy version", "");
    byte[] hdrLen = npyF8("(6,)", 1, 2, 3, 4, 5, 6);
    hdrLen[8] = (byte) 0xFF;
    hdrLen[9] = (byte) 0xFF;
    add(out, dir, "header_length.npy", hdrLen, "header length beyond the file", "");
    return out;
  }

  // ---- safetensors --------------------------------------------------------------------------------

  /** Malformed safetensors files. */
  public static List<Bad> badSafetensors(Path dir) {
    List<Bad> out = new ArrayList<>();
    byte[] two = f8(1, 2);
    String ok = "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}";
    add(out, dir, "st_not_json.safetensors", safetensors("{\"a\": {\"dtype\": ", two), "header is not JSON", "");
    add(out, dir, "st_json_array.safetensors", safetensors("[1, 2, 3]", two), "header is a JSON array", "");
    add(out, dir, "st_overlap.safetensors", safetensors("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
        + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", two), "overlapping offsets", "");
    add(out, dir, "st_gap.safetensors", safetensors("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", two),
        "gap before the first tensor", "");
    add(out, dir, "st_beyond.safetensors", safetensors("{\"a\":{\"dtype\":\"F64\",\"shape\":[4],\"data_offsets\":[0,32]}}", two),
        "offsets beyond the buffer", "a");
    add(out, dir, "st_negative.safetensors", safetensors("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[-16,0]}}", two),
        "negative offset", "a");
    add(out, dir, "st_span.safetensors", safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}", two),
        "offsets span does not match dtype x shape", "a");
    add(out, dir, "st_dtype.safetensors", safetensors("{\"a\":{\"dtype\":\"C64\",\"shape\":[2],\"data_offsets\":[0,16]}}", two),
        "unsupported dtype", "a");
    add(out, dir, "st_no_dtype.safetensors", safetensors("{\"a\":{\"shape\":[2],\"data_offsets\":[0,16]}}", two),
        "entry without dtype", "a");
    add(out, dir, "st_bad_shape.safetensors", safetensors("{\"a\":{\"dtype\":\"F64\",\"shape\":[-2],\"data_offsets\":[0,16]}}",
        two), "negative dimension", "a");
    add(out, dir, "st_absurd.safetensors", safetensors("{\"a\":{\"dtype\":\"F64\",\"shape\":[1000000,1000000],"
        + "\"data_offsets\":[0,8000000000000]}}", two), "shape claiming 10^12 elements", "a");
    add(out, dir, "st_trailing.safetensors", safetensors(ok, f8(1, 2, 3)), "trailing bytes after the last tensor", "");
    byte[] hugeHeader = safetensors(ok, two);
    ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 62);
    add(out, dir, "st_header_length.safetensors", hugeHeader, "header length 2^62", "");
    return out;
  }

  // ---- .npz containers ------------------------------------------------------------------------------

  /** Malformed .npz files. */
  public static List<Bad> badNpz(Path dir) {
    List<Bad> out = new ArrayList<>();
    byte[] good = npyF8("(2,)", 1, 2);
    add(out, dir, "npz_empty_zip.npz", zip(Map.of()), "zip without members", "");
    Map<String, byte[]> text = new LinkedHashMap<>();
    text.put("a.npy", good);
    text.put("notes.txt", "hello".getBytes(StandardCharsets.US_ASCII));
    add(out, dir, "npz_text_member.npz", zip(text), "a member that is not .npy", "notes.txt");
    add(out, dir, "npz_bad_member.npz", zip(Map.of("W1.npy", npyF8("(3,)", 1, 2))), "a truncated member", "W1");
    add(out, dir, "npz_absurd_member.npz", zip(Map.of("X.npy",
        npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }", f8(1)))),
        "a member claiming 10^12 elements", "X");
    byte[] crc = zip(Map.of("a.npy", good));
    // flip a data byte of the stored member: the CRC no longer matches
    crc[30 + "a.npy".length() + good.length - 1] ^= 0x01;
    add(out, dir, "npz_bad_crc.npz", crc, "member with a wrong CRC", "");
    return out;
  }

  // ---- semantic problems in net and data files -------------------------------------------------------

  /** A net file from arrays (basin's writer: the format is fine, the content is not). */
  private static void net(List<Bad> out, Path dir, String name, String description, String array, NdArray... arrays) {
    Path p = dir.resolve(name);
    ArrayFiles.write(p, List.of(arrays));
    out.add(new Bad(description, p, p + (array.isEmpty() ? "" : " [" + array + "]")));
  }

  /** Net files that are well-formed array files but not valid nets (d = 3, h = 4, k = 2 where sized). */
  public static List<Bad> badNets(Path dir) {
    List<Bad> out = new ArrayList<>();
    NdArray w1 = NdArray.of("W1", new double[12], 4, 3);
    NdArray b1 = NdArray.of("b1", new double[4], 4);
    NdArray w2 = NdArray.of("W2", new double[8], 2, 4);
    NdArray b2 = NdArray.of("b2", new double[2], 2);
    net(out, dir, "net_no_w2.npz", "missing W2", "", w1, b1);
    net(out, dir, "net_w1_1d.npz", "W1 is 1-D", "W1", NdArray.of("W1", new double[12], 12), w2);
    net(out, dir, "net_w2_mismatch.npz", "W2 columns differ from W1 rows", "W2", w1, NdArray.of("W2", new double[6], 2, 3));
    net(out, dir, "net_b1_length.npz", "b1 of the wrong length", "b1", w1, NdArray.of("b1", new double[3], 3), w2);
    net(out, dir, "net_b2_2d.npz", "b2 is 2-D", "b2", w1, w2, NdArray.of("b2", new double[2], 1, 2));
    net(out, dir, "net_extra.npz", "an unexpected array", "extra", w1, b1, w2, b2, NdArray.of("extra", new double[1], 1));
    double[] nan = new double[12];
    nan[7] = Double.NaN;
    net(out, dir, "net_nan.npz", "NaN in W1", "W1", NdArray.of("W1", nan, 4, 3), w2);
    double[] inf = {0, Double.NEGATIVE_INFINITY};
    net(out, dir, "net_inf.safetensors", "-Inf in b2", "b2", w1, w2, NdArray.of("b2", inf, 2));
    net(out, dir, "net_empty.npz", "h = 0", "", NdArray.of("W1", new double[0], 0, 3), NdArray.of("W2", new double[0], 2, 0));
    net(out, dir, "net_wrong_names.npz", "neither W1/W2 nor a state_dict", "", NdArray.of("weights", new double[12], 4, 3));
    net(out, dir, "net_state_dict_shape.safetensors", "state_dict with a mismatched 2.weight", "2.weight",
        NdArray.of("0.weight", new double[12], 4, 3), NdArray.of("2.weight", new double[10], 2, 5));
    // a 3-D W1 with the right number of entries
    net(out, dir, "net_w1_3d.npz", "W1 is 3-D", "W1", NdArray.of("W1", new double[12], 2, 2, 3), w2);
    return out;
  }

  /** Data files that are well-formed array files but not valid data sets (d = 3 where sized). */
  public static List<Bad> badData(Path dir) {
    List<Bad> out = new ArrayList<>();
    NdArray x = NdArray.of("X", new double[15], 5, 3);
    NdArray yy = NdArray.of("Y", new double[10], 5, 2);
    NdArray y = NdArray.ofInts("y", new int[] {0, 1, 1, 0, 1}, 5);
    net(out, dir, "data_no_x.npz", "missing X", "", yy);
    net(out, dir, "data_no_targets.npz", "neither y nor Y", "", x);
    net(out, dir, "data_both.npz", "both y and Y", "", x, y, yy);
    net(out, dir, "data_y_fractional.npz", "fractional label", "y", x, NdArray.of("y", new double[] {0, 1, 0.5, 0, 1}, 5));
    net(out, dir, "data_y_negative.npz", "negative label", "y", x, NdArray.ofInts("y", new int[] {0, 1, -1, 0, 1}, 5));
    net(out, dir, "data_y_length.npz", "y of the wrong length", "y", x, NdArray.ofInts("y", new int[] {0, 1, 1}, 3));
    net(out, dir, "data_y_2d.npz", "y is 2-D", "y", x, NdArray.ofInts("y", new int[] {0, 1, 1, 0, 1, 0}, 3, 2));
    net(out, dir, "data_Y_rows.npz", "Y rows differ from X rows", "Y", x, NdArray.of("Y", new double[8], 4, 2));
    double[] nan = new double[15];
    nan[4] = Double.NaN;
    net(out, dir, "data_x_nan.npz", "NaN in X", "X", NdArray.of("X", nan, 5, 3), yy);
    double[] inf = new double[10];
    inf[9] = Double.POSITIVE_INFINITY;
    net(out, dir, "data_Y_inf.safetensors", "Inf in Y", "Y", x, NdArray.of("Y", inf, 5, 2));
    net(out, dir, "data_x_3d.npz", "X is 3-D", "X", NdArray.of("X", new double[30], 5, 3, 2), yy);
    net(out, dir, "data_empty.npz", "n = 0", "X", NdArray.of("X", new double[0], 0, 3), NdArray.of("Y", new double[0], 0, 2));
    net(out, dir, "data_extra.npz", "an unexpected array", "W1", x, yy, NdArray.of("W1", new double[1], 1));
    return out;
  }
}
