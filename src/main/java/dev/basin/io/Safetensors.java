package dev.basin.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.basin.base.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The safetensors format (spec IO-SAFETENSORS; huggingface/safetensors): an 8-byte little-endian
 * header length N, N bytes of UTF-8 JSON mapping each tensor name to {dtype, shape,
 * data_offsets: [begin, end)} relative to the byte buffer that follows (plus an optional
 * "__metadata__" of strings), then the buffer. Little-endian data. basin checks every offset, that
 * each tensor's byte length matches dtype × shape, that tensors do not overlap and that the buffer
 * is covered exactly.
 */
public final class Safetensors {

  /**
   * The header's JSON as the reference implementation (the Rust crate, serde_json) reads it:
   * a duplicate key and anything after the object but whitespace are errors.
   */
  private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** Largest header basin accepts (the format's reference implementation uses 100 MB). */
  static final long MAX_HEADER = 100_000_000L;

  private Safetensors() {}

  /** The tensor names of a safetensors image's header (the data need not be there). */
  static List<String> names(byte[] head, String source) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : header(head, source).properties()) {
      if (!e.getKey().equals("__metadata__")) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /** Parses a safetensors image (not modified); source names the file in errors. */
  public static Map<String, NdArray> parse(byte[] bytes, String source) {
    JsonNode header = header(bytes, source);
    return tensors(bytes, source, header, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0));
  }

  /**
   * The header of an image (only the length field and the header need be there), checked as the
   * reference implementation checks it: length within the limit and the file, starts with '{',
   * valid UTF-8, one JSON object without duplicate keys.
   */
  private static JsonNode header(byte[] bytes, String source) {
    if (bytes.length < 8) {
      throw new InvalidInputException(source, "truncated safetensors file: " + bytes.length + " bytes");
    }
    long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    if (n < 0 || n > MAX_HEADER) {
      throw new InvalidInputException(source, "safetensors header length " + Long.toUnsignedString(n) + " exceeds the format's"
          + " limit of " + MAX_HEADER + " bytes");
    }
    if (n < 2 || 8 + n > bytes.length) {
      throw new InvalidInputException(source, "corrupt safetensors header length " + n + " (file has " + bytes.length + " bytes)");
    }
    if (bytes[8] != '{') {
      throw new InvalidInputException(source, "safetensors header does not start with '{'");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 8, (int) n)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InvalidInputException(source, "safetensors header is not valid UTF-8", e);
    }
    JsonNode header;
    try {
      header = JSON.readTree(text);
    } catch (IOException e) {
      throw new InvalidInputException(source, "safetensors header is not valid JSON: " + firstLine(e.getMessage()), e);
    }
    if (header == null || !header.isObject()) {
      throw new InvalidInputException(source, "safetensors header is not a JSON object");
    }
    return header;
  }

  private static Map<String, NdArray> tensors(byte[] bytes, String source, JsonNode header, long n) {
    long base = 8 + n;
    long bufferLen = bytes.length - base;
    Map<String, NdArray> out = new LinkedHashMap<>();
    List<long[]> ranges = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : header.properties()) {
      String name = e.getKey();
      if (name.equals("__metadata__")) {
        // HashMap<String, String> in the reference implementation
        if (!e.getValue().isObject()) {
          throw new InvalidInputException(source, "safetensors __metadata__ is not an object of strings");
        }
        for (Map.Entry<String, JsonNode> m : e.getValue().properties()) {
          if (!m.getValue().isTextual()) {
            throw new InvalidInputException(source, "safetensors __metadata__ value '" + m.getKey() + "' is not a string");
          }
        }
        continue;
      }
      String where = source + " [" + name + "]";
      JsonNode t = e.getValue();
      JsonNode dt = t.get("dtype");
      JsonNode sh = t.get("shape");
      JsonNode off = t.get("data_offsets");
      if (!t.isObject() || dt == null || !dt.isTextual() || sh == null || !sh.isArray() || off == null || !off.isArray()
          || off.size() != 2) {
        throw new InvalidInputException(where, "tensor entry needs dtype, shape and data_offsets [begin, end]");
      }
      DType dtype = dtype(dt.asText(), where);
      int[] shape = new int[sh.size()];
      long count = 1;
      for (int i = 0; i < shape.length; i++) {
        JsonNode s = sh.get(i);
        // usize in the reference implementation: 2.0, "2", -1 are errors
        if (!s.isIntegralNumber() || !s.canConvertToLong() || s.asLong() < 0 || s.asLong() > Integer.MAX_VALUE) {
          throw new InvalidInputException(where, "bad dimension " + s + " in shape");
        }
        shape[i] = (int) s.asLong();
        count *= shape[i];
        if (count > Integer.MAX_VALUE - 8) {
          throw new InvalidInputException(where, "shape " + sh + " has more elements than a Java array can hold");
        }
      }
      long begin = offset(off.get(0), where);
      long end = offset(off.get(1), where);
      if (begin < 0 || end < begin || end > bufferLen) {
        throw new InvalidInputException(where, "data_offsets [" + begin + ", " + end + ") outside the " + bufferLen
            + "-byte buffer (truncated file?)");
      }
      if (end - begin != count * dtype.bytes) {
        throw new InvalidInputException(where, "data_offsets span " + (end - begin) + " bytes but " + dt.asText()
            + " shape " + sh + " needs " + count * dtype.bytes);
      }
      ranges.add(new long[] {begin, end});
      // the values become doubles: up to 8 times the stored bytes (U8, BOOL)
      dev.basin.base.Memory.require(where, dev.basin.base.Memory.doubles(count, 1), "the tensor as float64",
          "use a smaller file");
      ByteBuffer slice = ByteBuffer.wrap(bytes, (int) (base + begin), (int) (end - begin));
      double[] values;
      try {
        values = dtype.read(slice, ByteOrder.LITTLE_ENDIAN, (int) count);
      } catch (ArithmeticException ex) {
        throw new InvalidInputException(where, String.valueOf(ex.getMessage()), ex);
      }
      out.put(name, new NdArray(name, shape, values, dtype.integral));
    }
    ranges.sort((a, b) -> Long.compare(a[0], b[0]));
    long pos = 0;
    for (long[] r : ranges) {
      if (r[0] != pos) {
        throw new InvalidInputException(source, r[0] < pos ? "tensors overlap in the data buffer"
            : "gap in the data buffer at byte " + pos);
      }
      pos = r[1];
    }
    if (pos != bufferLen) {
      throw new InvalidInputException(source, (bufferLen - pos) + " bytes after the last tensor (corrupt file)");
    }
    return out;
  }

  /** The safetensors image of the arrays (F64, or I64 for integral arrays), in the given order. */
  public static byte[] format(List<NdArray> arrays) {
    ObjectNode header = JSON.createObjectNode();
    long pos = 0;
    for (NdArray a : arrays) {
      ObjectNode t = header.putObject(a.name());
      t.put("dtype", a.integral() ? "I64" : "F64");
      var shape = t.putArray("shape");
      for (int s : a.shape()) {
        shape.add(s);
      }
      var off = t.putArray("data_offsets");
      off.add(pos);
      pos += 8L * a.values().length;
      off.add(pos);
    }
    byte[] h;
    try {
      h = JSON.writeValueAsBytes(header);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialize safetensors header", e);
    }
    // pad the header with spaces to a multiple of 8 so the buffer is aligned
    int padded = (h.length + 7) / 8 * 8;
    ByteBuffer buf = ByteBuffer.allocate((int) (8 + padded + pos)).order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(padded).put(h);
    for (int i = h.length; i < padded; i++) {
      buf.put((byte) ' ');
    }
    for (NdArray a : arrays) {
      for (double v : a.values()) {
        if (a.integral()) {
          buf.putLong((long) v);
        } else {
          buf.putDouble(v);
        }
      }
    }
    return buf.array();
  }

  private static DType dtype(String s, String where) {
    return switch (s) {
      case "F64" -> DType.F64;
      case "F32" -> DType.F32;
      case "F16" -> DType.F16;
      case "BF16" -> DType.BF16;
      case "I64" -> DType.I64;
      case "I32" -> DType.I32;
      case "I16" -> DType.I16;
      case "I8" -> DType.I8;
      case "U64" -> DType.U64;
      case "U32" -> DType.U32;
      case "U16" -> DType.U16;
      case "U8" -> DType.U8;
      case "BOOL" -> DType.BOOL;
      default -> throw new InvalidInputException(where, "unsupported dtype " + s);
    };
  }

  /** A data offset: a non-negative JSON integer (usize), else an error. */
  private static long offset(JsonNode v, String where) {
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
      throw new InvalidInputException(where, "data_offsets entry " + v + " is not a non-negative integer");
    }
    return v.asLong();
  }

  static String firstLine(@Nullable String s) {
    if (s == null) {
      return "(no detail)";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
