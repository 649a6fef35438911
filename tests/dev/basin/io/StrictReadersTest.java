package dev.basin.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.InvalidInputException;
import dev.basin.testing.BadFiles;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The readers follow their formats' specifications exactly (issue 15 defects 3, 5, 7, 8): the
 * .npy header is the Python dict literal NumPy's format.py reads (literal_eval of a dict with
 * exactly 'descr', 'fortran_order', 'shape'); the safetensors header is what the Rust crate's
 * serde types accept (usize shapes and offsets, UTF-8, no duplicate keys); bool bytes other
 * than 0/1 are True as in NumPy; sizes are printed unsigned; a FIFO is refused, not waited on;
 * an .npz member is read only up to the size its header declares. Every case here was accepted
 * or mishandled by the readers before issue 15.
 */
class StrictReadersTest {

  @TempDir
  Path dir;

  private static final String GOOD_TAIL = "'fortran_order': False, 'shape': (2,), }";

  private static InvalidInputException refusedNpy(String dict) {
    return assertThrows(InvalidInputException.class,
        () -> Npy.parse(BadFiles.npy(dict, BadFiles.f8(1, 2)), "a.npy", "a"), dict);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), ",        // no closing brace
      "{'descr': '<f8', 'fortran_order': False, 'shape': (1+1,), }",     // an expression
      "{'descr': '<f8', 'fortran_order': False, 'shape': (__import__('os'),), }",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'shape': (2,), }", // duplicate key
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1, }",   // a fourth key
      "{'descr': '<f8', 'fortran_order': False, }",                       // a key missing
      "{'descr': '<f8', 'fortran_order': 0, 'shape': (2,), }",            // not a bool
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2), }",         // (2) is an int, not a tuple
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2.0,), }",      // a float dimension
      "{'descr': '<f8', 'fortran_order': False, 'shape': (-2,), }",       // a negative dimension
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), } junk",   // text after the dict
      "{'descr': '<f8' 'fortran_order': False, 'shape': (2,), }",         // a missing comma
      "['descr', '<f8']",
  })
  void npyHeadersOutsideTheFormatAreRefused(String dict) {
    InvalidInputException e = refusedNpy(dict);
    assertTrue(e.getMessage().startsWith("a.npy: "), e.getMessage());
  }

  @Test
  void npyHeadersNumPyWritesAreRead() {
    // NumPy 1.x/2.x's own spellings, and Python 2's long suffix (format.py _filter_header)
    for (String dict : List.of("{'descr': '<f8', " + GOOD_TAIL, "{\"descr\": \"<f8\", " + GOOD_TAIL.replace('\'', '"'),
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2L,)}", "{'shape': (2,), 'fortran_order': False, 'descr': '<f8'}")) {
      assertArrayEquals(new double[] {1, 2}, Npy.parse(BadFiles.npy(dict, BadFiles.f8(1, 2)), "a.npy", "a").values(), dict);
    }
  }

  @Test
  void headerLengthsArePrintedUnsigned() {
    byte[] img = new byte[16];
    ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN).put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0})
        .putInt(-1);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Npy.parse(img, "a.npy", "a"));
    assertTrue(e.getMessage().contains("4294967295") && !e.getMessage().contains("-1"), e.getMessage());
  }

  @Test
  void boolBytesOtherThanZeroAreTrue() {
    byte[] img = BadFiles.npy("{'descr': '|b1', 'fortran_order': False, 'shape': (4,), }", new byte[] {0, 1, 2, (byte) 0xFF});
    // numpy.frombuffer(b'\x00\x01\x02\xff', dtype=bool) == [False, True, True, True]
    assertArrayEquals(new double[] {0, 1, 1, 1}, Npy.parse(img, "b.npy", "b").values());
  }

  @Test
  void largeIntegersAreRefusedWithTheRightRule() {
    byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 62).array();
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Npy.parse(BadFiles.npy("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", data), "i.npy", "i"));
    // 2^62 is exactly representable; the rule basin applies is |x| > 2^53
    assertTrue(e.getMessage().contains("2^53") && !e.getMessage().contains("not exactly representable"), e.getMessage());
  }

  private static InvalidInputException refusedSafetensors(byte[] header, byte[] buffer) {
    ByteBuffer b = ByteBuffer.allocate(8 + header.length + buffer.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length).put(header).put(buffer);
    return assertThrows(InvalidInputException.class, () -> Safetensors.parse(b.array(), "t.safetensors"),
        new String(header, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"a\":{\"dtype\":\"F64\",\"shape\":[2.0],\"data_offsets\":[0,16]}}",      // float dimension
      "{\"a\":{\"dtype\":\"F64\",\"shape\":[\"2\"],\"data_offsets\":[0,16]}}",    // string dimension
      "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0.0,16]}}",      // float offset
      "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}",
      "{\"a\":{\"dtype\":\"F64\",\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}",
      "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}x",        // trailing text
      " {\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}",       // does not start with '{'
      "{\"__metadata__\":{\"k\":1},\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}",
  })
  void safetensorsHeadersOutsideTheCrateAreRefused(String json) {
    refusedSafetensors(json.getBytes(StandardCharsets.UTF_8), BadFiles.f8(1, 2));
  }

  @Test
  void invalidUtf8InASafetensorsHeaderIsRefused() {
    byte[] h = "{\"a?\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}".getBytes(StandardCharsets.US_ASCII);
    h[3] = (byte) 0xC3; // a lead byte without its continuation
    InvalidInputException e = refusedSafetensors(h, BadFiles.f8(1, 2));
    assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
  }

  @Test
  void aFifoIsRefusedNotWaitedOn() throws Exception {
    Path fifo = dir.resolve("net.npz");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(InvalidInputException.class, () -> ArrayFiles.read(fifo)));
    assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
  }

  @Test
  void anNpzMemberIsReadOnlyAsFarAsItsHeaderDeclares() throws Exception {
    // a deflated member whose header declares 2 doubles but which expands to 64 MiB of data
    byte[] head = BadFiles.npyF8("(2,)", 1, 2);
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bos)) {
      z.putNextEntry(new ZipEntry("X.npy"));
      z.write(head);
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        z.write(zeros);
      }
      z.closeEntry();
    }
    Path bomb = BadFiles.put(dir, "bomb.npz", bos.toByteArray());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ArrayFiles.read(bomb));
    assertTrue(e.getMessage().startsWith(bomb + " [X]"), e.getMessage());
    assertTrue(e.getMessage().contains("bytes") && e.getMessage().contains("header"), e.getMessage());
  }

  @Test
  void requiredArraysAreCheckedBeforeAnyDataIsRead() {
    // an unexpected member whose data is damaged: the name is reported, so its data was never read
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put("X.npy", BadFiles.npyF8("(2, 1)", 1, 2));
    members.put("Z.npy", new byte[] {1, 2, 3});
    Path p = BadFiles.put(dir, "data.npz", BadFiles.zip(members));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> DataFiles.read(p));
    assertTrue(e.getMessage().contains("[Z]") && e.getMessage().contains("unexpected array"), e.getMessage());
    members.remove("X.npy");
    Path q = BadFiles.put(dir, "net.npz", BadFiles.zip(members));
    e = assertThrows(InvalidInputException.class, () -> NetFiles.read(q, dev.basin.kernel.Activation.of(0)));
    assertTrue(e.getMessage().contains("expected arrays W1"), e.getMessage());
  }

  @Test
  void namesFromFilesCannotBreakTheErrorLine() {
    // found by the datasets fuzz target: a member name with a line break made a two-line error
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put("X.npy", BadFiles.npyF8("(2, 1)", 1, 2));
    members.put("y\nnpy\u001b[2J.npy", BadFiles.npyF8("(2,)", 0, 1));
    Path p = BadFiles.put(dir, "ctl.npz", BadFiles.zip(members));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> DataFiles.read(p));
    assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\u001b"), e.getMessage());
    assertTrue(e.getMessage().contains("y\\u000anpy\\u001b[2J"), e.getMessage());
  }

  @Test
  void duplicateKeysInJsonInputsAreRefused() throws Exception {
    Path p = dir.resolve("claims.json");
    Files.writeString(p, "{\"a\": 1, \"a\": 2}");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Json.read(p));
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    Files.writeString(p, "{\"a\": 1} {\"b\": 2}");
    assertThrows(InvalidInputException.class, () -> Json.read(p));
    Files.writeString(p, "{\"a\": 1}\n");
    assertFalse(Json.read(p).isMissingNode());
  }
}
