package dev.basin.io;

import dev.basin.base.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The NumPy .npy format, versions 1.0–3.0 (spec IO-NPY; numpy.lib.format): the magic
 * {@code \x93NUMPY}, a version, a little-endian header length (2 bytes in 1.0, 4 bytes in 2.0+),
 * a Python dict literal {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }} and the
 * raw data. Fortran-ordered arrays are transposed to C order on reading. Writing produces version
 * 1.0 with dtype '&lt;f8' (or '&lt;i8' for integral arrays), C order.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

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
    if (bytes.length < 10) {
      throw new InvalidInputException(where, "truncated .npy: " + bytes.length + " bytes, shorter than the header");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new InvalidInputException(where, "not a .npy file (bad magic bytes)");
      }
    }
    int major = bytes[6] & 0xFF;
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerLen;
    int start;
    if (major == 1) {
      headerLen = buf.getShort(8) & 0xFFFF;
      start = 10;
    } else if (major == 2 || major == 3) {
      if (bytes.length < 12) {
        throw new InvalidInputException(where, "truncated .npy header");
      }
      headerLen = buf.getInt(8);
      start = 12;
    } else {
      throw new InvalidInputException(where, "unsupported .npy version " + major + "." + (bytes[7] & 0xFF));
    }
    if (headerLen < 0 || (long) start + headerLen > bytes.length) {
      throw new InvalidInputException(where, "truncated .npy header (claims " + headerLen + " bytes)");
    }
    String header = new String(bytes, start, headerLen,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Header h = Header.parse(header, where);
    long count = 1;
    for (int s : h.shape) {
      count *= s;
      if (count > Integer.MAX_VALUE - 8) {
        throw new InvalidInputException(where, "shape " + h.shapeString() + " has more elements than a Java array can hold");
      }
    }
    long need = count * h.dtype.bytes;
    long have = bytes.length - (long) start - headerLen;
    if (have < need) {
      throw new InvalidInputException(where, "truncated data: shape " + h.shapeString() + " of " + h.descr
          + " needs " + need + " bytes, the file has " + have);
    }
    if (have > need) {
      throw new InvalidInputException(where, "corrupt .npy: " + (have - need) + " bytes after the data of shape " + h.shapeString());
    }
    buf.position(start + headerLen);
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

    static Header parse(String text, String where) {
      String descr = stringValue(text, "descr", where);
      String fo = rawValue(text, "fortran_order", where);
      boolean fortran;
      if (fo.startsWith("True")) {
        fortran = true;
      } else if (fo.startsWith("False")) {
        fortran = false;
      } else {
        throw new InvalidInputException(where, "bad fortran_order in .npy header: " + fo);
      }
      String sh = rawValue(text, "shape", where);
      if (!sh.startsWith("(") || sh.indexOf(')') < 0) {
        throw new InvalidInputException(where, "bad shape in .npy header: " + sh);
      }
      List<Integer> dims = new ArrayList<>();
      for (String part : sh.substring(1, sh.indexOf(')')).split(",")) {
        String p = part.trim();
        if (p.isEmpty()) {
          continue;
        }
        try {
          long v = Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
          if (v < 0 || v > Integer.MAX_VALUE) {
            throw new InvalidInputException(where, "dimension " + v + " in .npy shape is negative or too large");
          }
          dims.add((int) v);
        } catch (NumberFormatException e) {
          throw new InvalidInputException(where, "bad dimension '" + p + "' in .npy shape");
        }
      }
      int[] shape = new int[dims.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = dims.get(i);
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

    private static String rawValue(String text, String key, String where) {
      int k = text.indexOf("'" + key + "'");
      if (k < 0) {
        k = text.indexOf("\"" + key + "\"");
      }
      if (k < 0) {
        throw new InvalidInputException(where, ".npy header has no '" + key + "': " + text.trim());
      }
      int colon = text.indexOf(':', k);
      if (colon < 0) {
        throw new InvalidInputException(where, "malformed .npy header: " + text.trim());
      }
      return text.substring(colon + 1).trim();
    }

    private static String stringValue(String text, String key, String where) {
      String v = rawValue(text, key, where);
      if (v.isEmpty() || (v.charAt(0) != '\'' && v.charAt(0) != '"')) {
        throw new InvalidInputException(where, "'" + key + "' in .npy header is not a string (structured dtypes are not supported)");
      }
      int end = v.indexOf(v.charAt(0), 1);
      if (end < 0) {
        throw new InvalidInputException(where, "malformed .npy header: " + text.trim());
      }
      return v.substring(1, end);
    }
  }
}
