package dev.basin.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The element types basin reads (spec IO-FORMATS): IEEE floats of 16, 32 and 64 bits (also
 * bfloat16), signed and unsigned integers of 8–64 bits and booleans, in either byte order.
 * Everything is widened to double; integers beyond 2^53 are rejected rather than rounded.
 */
enum DType {
  F64(8, false), F32(4, false), F16(2, false), BF16(2, false),
  I64(8, true), I32(4, true), I16(2, true), I8(1, true),
  U64(8, true), U32(4, true), U16(2, true), U8(1, true), BOOL(1, true);

  final int bytes;
  final boolean integral;

  DType(int bytes, boolean integral) {
    this.bytes = bytes;
    this.integral = integral;
  }

  /** Largest integer magnitude up to which every integer is a double (2^53). */
  private static final long EXACT_INT = 1L << 53;

  /**
   * Reads count elements from buf (position advanced) into a double array.
   *
   * @throws ArithmeticException with the element index if a 64-bit integer exceeds 2^53
   */
  double[] read(ByteBuffer buf, ByteOrder order, int count) {
    buf.order(order);
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      out[i] = switch (this) {
        case F64 -> buf.getDouble();
        case F32 -> buf.getFloat();
        case F16 -> Float.float16ToFloat(buf.getShort());
        case BF16 -> Float.intBitsToFloat((buf.getShort() & 0xFFFF) << 16);
        case I64 -> exact(buf.getLong(), i);
        case I32 -> buf.getInt();
        case I16 -> buf.getShort();
        case I8 -> buf.get();
        case U64 -> exactUnsigned(buf.getLong(), i);
        case U32 -> buf.getInt() & 0xFFFFFFFFL;
        case U16 -> buf.getShort() & 0xFFFF;
        case U8 -> buf.get() & 0xFF;
        // NumPy (and safetensors' BOOL) read any non-zero byte as True
        case BOOL -> buf.get() != 0 ? 1 : 0;
      };
    }
    return out;
  }

  private static double exact(long v, int i) {
    // compared as longs: (double) v would round 2^53 + 1 down to 2^53 and let it pass
    if (v > EXACT_INT || v < -EXACT_INT) {
      throw new ArithmeticException("entry " + i + " = " + v + " exceeds 2^53 in magnitude (basin reads integers as doubles,"
          + " which hold every integer only up to 2^53)");
    }
    return v;
  }

  private static double exactUnsigned(long v, int i) {
    if (v < 0 || v > EXACT_INT) {
      throw new ArithmeticException("entry " + i + " = " + Long.toUnsignedString(v) + " exceeds 2^53 (basin reads integers as"
          + " doubles, which hold every integer only up to 2^53)");
    }
    return v;
  }
}
