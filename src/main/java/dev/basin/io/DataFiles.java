package dev.basin.io;

import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Data sets in files (spec IO-DATA): X (n×d; a 1-D X means d = 1) and either y (n integer labels;
 * any integer dtype, or floats with integral values) or Y (n×k real targets; 1-D means k = 1), in
 * .npz or .safetensors. Every value must be finite.
 */
public final class DataFiles {

  private DataFiles() {}

  /** Reads a data set, naming the file and array in every error. */
  public static Dataset read(Path path) {
    String file = path.toString();
    // the array names come from the file's directory or header: a wrong file is refused before any data is read
    java.util.Set<String> names = ArrayFiles.names(path);
    if (!names.contains("X")) {
      throw new InvalidInputException(file, "missing array X (inputs, n x d); found "
          + new TreeSet<>(names));
    }
    for (String name : names) {
      if (!name.equals("X") && !name.equals("y") && !name.equals("Y")) {
        throw new InvalidInputException(file + " [" + name + "]",
            "unexpected array in a data file (expected X and y or Y)");
      }
    }
    Map<String, NdArray> arrays = ArrayFiles.read(path);
    NdArray x = arrays.get("X");
    if (x == null) {
      throw new InvalidInputException(file, "missing array X (inputs, n x d); found " + new TreeSet<>(arrays.keySet()));
    }
    if (x.rank() < 1 || x.rank() > 2) {
      throw new InvalidInputException(file + " [X]", "shape " + x.shapeString() + " must be (n, d) or (n,)");
    }
    int n = x.shape()[0];
    int d = x.rank() == 2 ? x.shape()[1] : 1;
    if (n < 1 || d < 1) {
      throw new InvalidInputException(file + " [X]", "empty data: shape " + x.shapeString());
    }
    x.requireFinite(file);
    NdArray y = arrays.get("y");
    NdArray yy = arrays.get("Y");
    if (y != null && yy != null) {
      throw new InvalidInputException(file, "has both y (labels) and Y (targets); keep one");
    }
    if (y != null) {
      if (y.rank() != 1 || y.shape()[0] != n) {
        throw new InvalidInputException(file + " [y]", "shape " + y.shapeString() + " must be (" + n + ",) = (n,), n = rows of X");
      }
      y.requireFinite(file);
      int[] labels = y.asInts(file);
      for (int i = 0; i < n; i++) {
        if (labels[i] < 0) {
          throw new InvalidInputException(file + " [y]", "label " + labels[i] + " at row " + i + " is negative");
        }
      }
      return Dataset.withLabels(n, d, x.values(), labels);
    }
    if (yy == null) {
      throw new InvalidInputException(file, "missing targets: add y (integer labels, n) or Y (real targets, n x k)");
    }
    if (yy.rank() < 1 || yy.rank() > 2 || yy.shape()[0] != n) {
      throw new InvalidInputException(file + " [Y]", "shape " + yy.shapeString() + " must be (" + n + ", k) or (" + n + ",)");
    }
    int k = yy.rank() == 2 ? yy.shape()[1] : 1;
    if (k < 1) {
      throw new InvalidInputException(file + " [Y]", "has no columns");
    }
    yy.requireFinite(file);
    return Dataset.withTargets(n, d, x.values(), k, yy.values());
  }

  /** Writes X and y (int64) or Y (float64) atomically; .npz or .safetensors by extension. */
  public static void write(Path path, Dataset data) {
    ArrayFiles.write(path, arrays(data));
  }

  /** The arrays of a data set: X (n, d) and y (n,) or Y (n, k). */
  public static List<NdArray> arrays(Dataset data) {
    int n = data.size();
    List<NdArray> out = new ArrayList<>();
    out.add(NdArray.of("X", data.x(), n, data.inputs()));
    if (data.hasLabels()) {
      out.add(NdArray.ofInts("y", data.labels(), n));
    } else {
      out.add(NdArray.of("Y", data.targets(), n, data.targetWidth()));
    }
    return out;
  }
}
