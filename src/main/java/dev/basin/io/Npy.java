package dev.basin.io;

import dev.basin.base.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The NumPy .npy format, versions 1.0–3.0 (spec IO-NPY; numpy.lib.format): the magic
 * {@code \x93NUMPY}, a version, a little-endian header length (2 bytes in 1.0, 4 bytes in 2.0+),
 * a Python dict literal {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }} and the
 * raw data. Fortran-ordered arrays are transposed to C order on reading. Writing produces version
 * 1.0 with dtype '&lt;f8' (or '&lt;i8' for integral arrays), C order.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /**
   * Largest header read: NumPy's default max_header_size (format.py, NumPy ≥ 1.24), beyond which
   * numpy.load refuses a header as unsafe to evaluate.
   */
  static final int MAX_HEADER = 10_000;

  private Npy() {}

  /**
   * Parses one .npy image.
   *
   * @param bytes the whole file (not modified)
   * @param source the file (and entry) name used in error messages
   * @param name the array's name
   */
  public static NdArray parse(byte[] bytes, String source, String name) {
    String where = source;
    int end = headerEnd(bytes, where);
    Header h = header(bytes, end, where);
    long count = count(h, where);
    long need = count * h.dtype.bytes;
    long have = bytes.length - (long) end;
    if (have < need) {
      throw new InvalidInputException(where, "truncated data: shape " + h.shapeString() + " of " + h.descr
          + " needs " + need + " bytes, the file has " + have);
    }
    if (have > need) {
      throw new InvalidInputException(where, "corrupt .npy: " + (have - need) + " bytes after the data of shape " + h.shapeString());
    }
    // the values become doubles: up to 8 times the stored bytes (uint8, bool)
    dev.basin.base.Memory.require(where, dev.basin.base.Memory.doubles(count, 1), "the array as float64", "use a smaller file");
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    buf.position(end);
    double[] values;
    try {
      values = h.dtype.read(buf, h.order, (int) count);
    } catch (ArithmeticException e) {
      throw new InvalidInputException(where, String.valueOf(e.getMessage()), e);
    }
    if (h.fortran && h.shape.length > 1) {
      values = fortranToC(values, h.shape);
    }
    return new NdArray(name, h.shape, values, h.dtype.integral);
  }

  /** Bytes of the preamble (magic, version, header length) before a header of the given version. */
  static int preamble(int major) {
    return major == 1 ? 10 : 12;
  }

  /**
   * Where the header of an image ends (its data start), from its first bytes: checks the magic,
   * the version and the header length. {@code head} holds at least the preamble (12 bytes, or
   * the whole file when shorter).
   */
  static int headerEnd(byte[] head, String where) {
    if (head.length < 10) {
      throw new InvalidInputException(where, "truncated .npy: " + head.length + " bytes, shorter than the header");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (head[i] != MAGIC[i]) {
        throw new InvalidInputException(where, "not a .npy file (bad magic bytes)");
      }
    }
    int major = head[6] & 0xFF;
    if (major < 1 || major > 3 || head[7] != 0) {
      // numpy.lib.format reads only versions (1, 0), (2, 0) and (3, 0)
      throw new InvalidInputException(where, "unsupported .npy version " + major + "." + (head[7] & 0xFF));
    }
    ByteBuffer buf = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    long headerLen;
    if (major == 1) {
      headerLen = buf.getShort(8) & 0xFFFF;
    } else if (head.length < 12) {
      throw new InvalidInputException(where, "truncated .npy header");
    } else {
      headerLen = Integer.toUnsignedLong(buf.getInt(8));
    }
    if (headerLen > MAX_HEADER) {
      throw new InvalidInputException(where, ".npy header of " + headerLen + " bytes exceeds NumPy's limit of " + MAX_HEADER
          + " (max_header_size)");
    }
    return preamble(major) + (int) headerLen;
  }

  /**
   * The whole image's length as its header declares it, from its bytes up to {@code
   * headerEnd(head)} (the data need not be there): how much of an archive member to read.
   */
  static long declaredLength(byte[] head, String where) {
    int end = headerEnd(head, where);
    Header h = header(head, end, where);
    return end + count(h, where) * h.dtype.bytes;
  }

  private static Header header(byte[] bytes, int end, String where) {
    int major = bytes[6] & 0xFF;
    int start = preamble(major);
    if (end > bytes.length) {
      throw new InvalidInputException(where, "truncated .npy header (claims " + (end - start) + " bytes, the file has "
          + Math.max(0, bytes.length - start) + " after the length)");
    }
    String text;
    if (major == 3) {
      try {
        text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new InvalidInputException(where, "version 3.0 .npy header is not valid UTF-8", e);
      }
    } else {
      text = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
    }
    return Header.parse(text, where, major < 3);
  }

  private static long count(Header h, String where) {
    long count = 1;
    for (int s : h.shape) {
      count *= s;
      if (count > Integer.MAX_VALUE - 8) {
        throw new InvalidInputException(where, "shape " + h.shapeString() + " has more elements than a Java array can hold");
      }
    }
    return count;
  }

  /** The .npy image of an array: version 1.0, '&lt;f8' (or '&lt;i8' if integral), C order. */
  public static byte[] format(NdArray a) {
    StringBuilder shape = new StringBuilder("(");
    for (int i = 0; i < a.shape().length; i++) {
      shape.append(i == 0 ? "" : ", ").append(a.shape()[i]);
    }
    shape.append(a.shape().length == 1 ? ",)" : ")");
    String dict = "{'descr': '" + (a.integral() ? "<i8" : "<f8") + "', 'fortran_order': False, 'shape': " + shape + ", }";
    // header padded with spaces and a newline so that the data starts on a 64-byte boundary
    int total = 10 + dict.length() + 1;
    int pad = (64 - total % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + 8 * a.values().length).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
    for (double v : a.values()) {
      if (a.integral()) {
        buf.putLong((long) v);
      } else {
        buf.putDouble(v);
      }
    }
    return buf.array();
  }

  private static double[] fortranToC(double[] f, int[] shape) {
    int n = f.length;
    int rank = shape.length;
    double[] c = new double[n];
    int[] idx = new int[rank];
    for (int cIndex = 0; cIndex < n; cIndex++) {
      int fIndex = 0;
      int stride = 1;
      for (int ax = 0; ax < rank; ax++) {
        fIndex += idx[ax] * stride;
        stride *= shape[ax];
      }
      c[cIndex] = f[fIndex];
      for (int ax = rank - 1; ax >= 0; ax--) {
        if (++idx[ax] < shape[ax]) {
          break;
        }
        idx[ax] = 0;
      }
    }
    return c;
  }

  /** The parsed header dict. */
  private record Header(String descr, DType dtype, ByteOrder order, boolean fortran, int[] shape) {

    String shapeString() {
      return java.util.Arrays.toString(shape);
    }

    static Header parse(String text, String where, boolean oldVersion) {
      Map<String, Object> d = new DictParser(text, where, oldVersion).dict();
      if (!d.keySet().equals(KEYS)) {
        throw new InvalidInputException(where, ".npy header does not contain the keys 'descr', 'fortran_order' and 'shape' "
            + "exactly: " + new java.util.TreeSet<>(d.keySet()));
      }
      if (!(d.get("descr") instanceof String descr)) {
        throw new InvalidInputException(where, "'descr' in .npy header is not a string (structured dtypes are not supported)");
      }
      if (!(d.get("fortran_order") instanceof Boolean fortran)) {
        throw new InvalidInputException(where, "'fortran_order' in .npy header is not True or False");
      }
      if (!(d.get("shape") instanceof long[] dims)) {
        throw new InvalidInputException(where, "'shape' in .npy header is not a tuple of integers");
      }
      int[] shape = new int[dims.length];
      for (int i = 0; i < shape.length; i++) {
        if (dims[i] > Integer.MAX_VALUE) {
          throw new InvalidInputException(where, "dimension " + dims[i] + " in .npy shape is too large");
        }
        shape[i] = (int) dims[i];
      }
      if (descr.length() < 2) {
        throw new InvalidInputException(where, "bad dtype '" + descr + "'");
      }
      char bo = descr.charAt(0);
      ByteOrder order = bo == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
      String code = (bo == '<' || bo == '>' || bo == '|' || bo == '=') ? descr.substring(1) : descr;
      DType dt = switch (code) {
        case "f8" -> DType.F64;
        case "f4" -> DType.F32;
        case "f2" -> DType.F16;
        case "i8" -> DType.I64;
        case "i4" -> DType.I32;
        case "i2" -> DType.I16;
        case "i1" -> DType.I8;
        case "u8" -> DType.U64;
        case "u4" -> DType.U32;
        case "u2" -> DType.U16;
        case "u1" -> DType.U8;
        case "b1" -> DType.BOOL;
        default -> throw new InvalidInputException(where, "unsupported dtype '" + descr
            + "' (basin reads float16/32/64, signed/unsigned ints and bool)");
      };
      return new Header(descr, dt, order, fortran, shape);
    }
  }

  /** The header's keys (numpy.lib.format: EXPECTED_KEYS). */
  private static final java.util.Set<String> KEYS = java.util.Set.of("descr", "fortran_order", "shape");

  /**
   * The header dict, parsed as the Python literal NumPy reads with ast.literal_eval (format.py
   * _read_array_header), restricted to the values a header holds: string keys; values that are
   * strings, True / False, or tuples of non-negative integers ({@code ()}, {@code (3,)}, {@code (3, 4)});
   * whitespace as Python allows inside braces; nothing after the closing brace but whitespace.
   * Versions 1.0 and 2.0 may carry Python 2 long suffixes ({@code 3L}), which NumPy's
   * _filter_header drops. Anything else (a missing brace, an expression, a duplicate key, a list)
   * is refused.
   */
  private static final class DictParser {
    private final String s;
    private final String where;
    private final boolean longSuffix;
    private int i;

    DictParser(String s, String where, boolean longSuffix) {
      this.s = s;
      this.where = where;
      this.longSuffix = longSuffix;
    }

    Map<String, Object> dict() {
      Map<String, Object> d = new java.util.LinkedHashMap<>();
      ws();
      expect('{');
      ws();
      while (peek() != '}') {
        String key = string();
        ws();
        expect(':');
        ws();
        Object value = value();
        if (d.put(key, value) != null) {
          throw bad("duplicate key '" + key + "'");
        }
        ws();
        if (peek() == ',') {
          i++;
          ws();
        } else if (peek() != '}') {
          throw bad("expected ',' or '}'");
        }
      }
      i++;
      ws();
      if (i != s.length()) {
        throw bad("text after the closing brace");
      }
      return d;
    }

    private Object value() {
      char c = peek();
      if (c == '\'' || c == '"') {
        return string();
      }
      if (s.startsWith("True", i)) {
        i += 4;
        return Boolean.TRUE;
      }
      if (s.startsWith("False", i)) {
        i += 5;
        return Boolean.FALSE;
      }
      if (c == '(') {
        return tuple();
      }
      if (c == '[') {
        throw new InvalidInputException(where, "structured dtypes are not supported (a list in the .npy header)");
      }
      throw bad("expected a string, True, False or a tuple");
    }

    private long[] tuple() {
      expect('(');
      ws();
      List<Long> dims = new ArrayList<>();
      boolean comma = false;
      while (peek() != ')') {
        dims.add(integer());
        ws();
        comma = peek() == ',';
        if (comma) {
          i++;
          ws();
        } else if (peek() != ')') {
          throw bad("expected ',' or ')' in the shape");
        }
      }
      i++;
      if (dims.size() == 1 && !comma) {
        throw bad("(n) is a number, not a tuple: a 1-d shape is written (n,)");
      }
      long[] out = new long[dims.size()];
      for (int k = 0; k < out.length; k++) {
        out[k] = dims.get(k);
      }
      return out;
    }

    private long integer() {
      int start = i;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      if (i == start) {
        throw bad("expected a non-negative integer in the shape");
      }
      String digits = s.substring(start, i);
      if (digits.length() > 1 && digits.charAt(0) == '0') {
        throw bad("leading zero in '" + digits + "' (not a Python integer)");
      }
      if (longSuffix && i < s.length() && (s.charAt(i) == 'L' || s.charAt(i) == 'l')) {
        i++;
      }
      if (digits.length() > 18) {
        throw new InvalidInputException(where, "dimension " + digits + " in .npy shape is too large");
      }
      return Long.parseLong(digits);
    }

    private String string() {
      char q = peek();
      if (q != '\'' && q != '"') {
        throw bad("expected a quoted string");
      }
      int end = s.indexOf(q, i + 1);
      if (end < 0) {
        throw bad("unterminated string");
      }
      String v = s.substring(i + 1, end);
      if (v.indexOf('\\') >= 0 || v.indexOf('\n') >= 0) {
        throw bad("escape or line break in a string");
      }
      i = end + 1;
      return v;
    }

    private void ws() {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
        i++;
      }
    }

    private char peek() {
      if (i >= s.length()) {
        throw bad("header ends early");
      }
      return s.charAt(i);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw bad("expected '" + c + "'");
      }
      i++;
    }

    private InvalidInputException bad(String what) {
      return new InvalidInputException(where, "malformed .npy header at character " + i + ": " + what);
    }
  }
}
