package dev.basin.io;

import dev.basin.base.InvalidInputException;
import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An n-dimensional array read from or written to a file: its name, its shape and its values
 * widened to double (spec IO-FORMATS). {@code integral} records whether the stored dtype was an
 * integer type, so labels can be told from real targets.
 *
 * @param name the array's name inside its file (for error messages)
 * @param shape the shape (C order); a scalar has shape []
 * @param values the values in C (row-major) order; not copied: treat as read-only
 * @param integral whether the stored dtype was an integer or boolean type
 */
public record NdArray(String name, int[] shape, double[] values, boolean integral) {

  /** A float64 array of the given shape (values not copied). */
  public static NdArray of(String name, double[] values, int... shape) {
    long n = 1;
    for (int s : shape) {
      n *= s;
    }
    if (n != values.length) {
      throw new IllegalArgumentException(name + ": " + values.length + " values for shape " + Arrays.toString(shape));
    }
    return new NdArray(name, shape.clone(), values, false);
  }

  /** An int64 array of the given shape. */
  public static NdArray ofInts(String name, int[] values, int... shape) {
    double[] v = new double[values.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = values[i];
    }
    NdArray a = of(name, v, shape);
    return new NdArray(name, a.shape(), v, true);
  }

  /** Number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /** The shape as "(a, b)" for messages. */
  public String shapeString() {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return sb.append(shape.length == 1 ? ",)" : ")").toString();
  }

  /**
   * The values as ints, or an error naming the file and array when a value is not an integer or
   * does not fit an int.
   */
  public int[] asInts(String file) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!(v == Math.rint(v) && Math.abs(v) <= Integer.MAX_VALUE)) {
        throw new InvalidInputException(file + " [" + name + "]", "entry " + i + " is " + v + ", not an integer label");
      }
      out[i] = (int) v;
    }
    return out;
  }

  /** Requires every value to be finite, naming the file and array otherwise. */
  public NdArray requireFinite(String file) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new InvalidInputException(file + " [" + name + "]", "entry " + index(i) + " is " + values[i] + " (must be finite)");
      }
    }
    return this;
  }

  /** The C-order flat index i as a NumPy-style index: "7" for 1-D, "(2, 1)" for 2-D and higher. */
  String index(int i) {
    if (shape.length <= 1) {
      return String.valueOf(i);
    }
    int[] idx = new int[shape.length];
    int rest = i;
    for (int ax = shape.length - 1; ax >= 0; ax--) {
      idx[ax] = rest % shape[ax];
      rest /= shape[ax];
    }
    StringBuilder sb = new StringBuilder("(");
    for (int ax = 0; ax < idx.length; ax++) {
      sb.append(ax == 0 ? "" : ", ").append(idx[ax]);
    }
    return sb.append(')').toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof NdArray a && name.equals(a.name) && Arrays.equals(shape, a.shape)
        && Arrays.equals(values, a.values) && integral == a.integral;
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + shapeString();
  }
}
