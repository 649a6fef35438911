package dev.basin.io;

import dev.basin.base.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The IDX format of MNIST and Fashion-MNIST (spec IO-IDX; LeCun et al.'s MNIST page): a big-endian
 * magic 0x0000TTRR (TT = element type, RR = rank), RR big-endian int32 dimensions, then the
 * elements in C order. Files may be gzip-compressed (detected by the gzip magic). basin reads
 * unsigned-byte data (type 0x08), the only type MNIST-style sets use.
 */
public final class Idx {

  private Idx() {}

  /** Reads an IDX file (raw or .gz) into an array of doubles with its shape. */
  public static NdArray read(Path path) {
    String file = path.toString();
    byte[] raw = ArrayFiles.bytes(path);
    byte[] bytes = raw;
    if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B) {
      bytes = ArrayFiles.gunzip(raw, file);
    }
    if (bytes.length < 4) {
      throw new InvalidInputException(file, "truncated IDX file (" + bytes.length + " bytes)");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    int magic = buf.getInt();
    int type = (magic >>> 8) & 0xFF;
    int rank = magic & 0xFF;
    if ((magic >>> 16) != 0 || rank < 1 || rank > 4) {
      throw new InvalidInputException(file, String.format("not an IDX file (magic 0x%08x)", magic));
    }
    if (type != 0x08) {
      throw new InvalidInputException(file, String.format("IDX element type 0x%02x is not supported (basin reads unsigned bytes, 0x08)", type));
    }
    if (bytes.length < 4 + 4 * rank) {
      throw new InvalidInputException(file, "truncated IDX header");
    }
    int[] shape = new int[rank];
    long count = 1;
    for (int i = 0; i < rank; i++) {
      shape[i] = buf.getInt();
      if (shape[i] < 0) {
        throw new InvalidInputException(file, "negative IDX dimension " + shape[i]);
      }
      count *= shape[i];
      if (count > Integer.MAX_VALUE - 8) {
        throw new InvalidInputException(file, "IDX shape has more elements than a Java array can hold");
      }
    }
    long have = bytes.length - 4L - 4L * rank;
    if (have != count) {
      throw new InvalidInputException(file, (have < count ? "truncated" : "corrupt") + " IDX data: " + count
          + " elements expected, " + have + " bytes present");
    }
    dev.basin.base.Memory.require(file, dev.basin.base.Memory.doubles(count, 1), "the IDX array as float64",
        "use a smaller file");
    double[] v = new double[(int) count];
    for (int i = 0; i < v.length; i++) {
      v[i] = buf.get() & 0xFF;
    }
    return new NdArray(String.valueOf(path.getFileName()), shape, v, true);
  }
}
