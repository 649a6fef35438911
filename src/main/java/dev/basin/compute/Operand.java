package dev.basin.compute;

/**
 * A read-only view of a row-major matrix inside a flat array, possibly transposed: element (r, c)
 * of the view is {@code data[offset + r·ld + c]}, or {@code data[offset + c·ld + r]} when
 * {@code transposed}. Lets {@link PackedGemm} read Wᵀ, Xᵀ, … straight from θ and the data set
 * without copying them first. The array is never modified through a view.
 */
record Operand(double[] data, int offset, int ld, boolean transposed) implements PackedGemm.Input {

  /** The matrix stored row-major at offset with row stride ld. */
  static Operand rows(double[] data, int offset, int ld) {
    return new Operand(data, offset, ld, false);
  }

  /** The transpose of the matrix stored row-major at offset with row stride ld. */
  static Operand transposeOf(double[] data, int offset, int ld) {
    return new Operand(data, offset, ld, true);
  }
}
