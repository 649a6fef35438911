package dev.basin.io;

import dev.basin.kernel.Activation;
import dev.basin.base.InvalidInputException;
import dev.basin.model.TwoLayerNet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Networks in files (spec IO-NET): arrays W1 (h×d), b1 (h), W2 (k×h), b2 (k), either bias optional,
 * in .npz or .safetensors; or a PyTorch nn.Sequential(Linear, act, Linear) state_dict saved as
 * safetensors/npz, i.e. {@code 0.weight, 0.bias, 2.weight, 2.bias}. W2 may be 1-D (h), meaning
 * k = 1. Any float or integer dtype is widened to float64; every value must be finite. The
 * activation is not stored in these formats and is given by the caller.
 */
public final class NetFiles {

  private NetFiles() {}

  /** Reads a net, naming the file and array in every error. */
  public static TwoLayerNet read(Path path, Activation activation) {
    String file = path.toString();
    // the array names come from the file's directory or header: a wrong file is refused before any data is read
    List<String> n = layout(file, ArrayFiles.names(path));
    Map<String, NdArray> arrays = ArrayFiles.read(path);
    return build(file, activation, arrays, n.get(0), n.get(1), n.get(2), n.get(3));
  }

  /** The names of W1, b1, W2, b2 in a file with these arrays, or an error naming what is wrong. */
  private static List<String> layout(String file, java.util.Set<String> names) {
    List<String> n;
    if (names.contains("W1") || names.contains("W2")) {
      n = List.of("W1", "b1", "W2", "b2");
    } else if (names.contains("0.weight") && names.contains("2.weight")) {
      n = List.of("0.weight", "0.bias", "2.weight", "2.bias");
    } else {
      throw new InvalidInputException(file, "expected arrays W1, [b1], W2, [b2] or a PyTorch state_dict with 0.weight,"
          + " [0.bias], 2.weight, [2.bias]; found " + new TreeSet<>(names));
    }
    for (String name : names) {
      if (!n.contains(name)) {
        throw new InvalidInputException(file + " [" + name + "]", "unexpected array in a net file (expected only "
            + String.join(", ", n) + ")");
      }
    }
    return n;
  }

  private static TwoLayerNet build(String file, Activation act, Map<String, NdArray> arrays,
      String w1n, String b1n, String w2n, String b2n) {
    NdArray w1 = require(file, arrays, w1n);
    NdArray w2 = require(file, arrays, w2n);
    if (w1.rank() != 2) {
      throw new InvalidInputException(file + " [" + w1n + "]", "shape " + w1.shapeString() + " must be (h, d)");
    }
    int h = w1.shape()[0];
    int d = w1.shape()[1];
    int k;
    if (w2.rank() == 2) {
      k = w2.shape()[0];
      if (w2.shape()[1] != h) {
        throw new InvalidInputException(file + " [" + w2n + "]", "shape " + w2.shapeString() + " must be (k, h) with h = "
            + h + " (rows of " + w1n + ")");
      }
    } else if (w2.rank() == 1 && w2.shape()[0] == h) {
      k = 1;
    } else {
      throw new InvalidInputException(file + " [" + w2n + "]", "shape " + w2.shapeString() + " must be (k, " + h + ") or ("
          + h + ",)");
    }
    if (h < 1 || d < 1 || k < 1) {
      throw new InvalidInputException(file, "empty network: d=" + d + ", h=" + h + ", k=" + k);
    }
    double[] b1 = vector(file, arrays, b1n, h, "h");
    double[] b2 = vector(file, arrays, b2n, k, "k");
    w1.requireFinite(file);
    w2.requireFinite(file);
    return TwoLayerNet.of(act, d, h, k, w1.values(), b1, w2.values(), b2);
  }

  private static NdArray require(String file, Map<String, NdArray> arrays, String name) {
    NdArray a = arrays.get(name);
    if (a == null) {
      throw new InvalidInputException(file, "missing array " + name);
    }
    return a;
  }

  private static double @Nullable [] vector(String file, Map<String, NdArray> arrays, String name, int len, String what) {
    NdArray a = arrays.get(name);
    if (a == null) {
      return null;
    }
    if (a.rank() != 1 || a.shape()[0] != len) {
      throw new InvalidInputException(file + " [" + name + "]", "shape " + a.shapeString() + " must be (" + len + ",) = ("
          + what + ",)");
    }
    a.requireFinite(file);
    return a.values();
  }

  /** Writes a net as W1, [b1], W2, [b2] (float64), atomically; .npz or .safetensors by extension. */
  public static void write(Path path, TwoLayerNet net) {
    ArrayFiles.write(path, arrays(net));
  }

  /** The arrays of a net: W1 (h, d), [b1 (h,)], W2 (k, h), [b2 (k,)]. */
  public static List<NdArray> arrays(TwoLayerNet net) {
    int d = net.inputs();
    int h = net.hidden();
    int k = net.outputs();
    List<NdArray> out = new ArrayList<>();
    out.add(NdArray.of("W1", net.w1(), h, d));
    double[] b1 = net.b1();
    if (b1 != null) {
      out.add(NdArray.of("b1", b1, h));
    }
    out.add(NdArray.of("W2", net.w2(), k, h));
    double[] b2 = net.b2();
    if (b2 != null) {
      out.add(NdArray.of("b2", b2, k));
    }
    return out;
  }
}
