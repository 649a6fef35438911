package dev.basin.symmetry;

import dev.basin.kernel.ParameterLayout;
import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import dev.basin.model.TwoLayerNet;

/**
 * A permutation of hidden units (spec SYM-PERMUTE): unit j of the new net is unit π(j) of the
 * old one (its W1 row, b1 entry and W2 column); b2 unchanged. Valid for every activation.
 * Immutable.
 */
public final class UnitPermutation {

  private final int[] pi;

  private UnitPermutation(int[] pi) {
    this.pi = pi;
  }

  /** The permutation π (copied; must be a permutation of 0..h−1). */
  public static UnitPermutation of(int[] pi) {
    boolean[] seen = new boolean[pi.length];
    for (int j = 0; j < pi.length; j++) {
      if (pi[j] < 0 || pi[j] >= pi.length || seen[pi[j]]) {
        throw new InvalidInputException("permutation", "entry " + j + " = " + pi[j]
            + " makes it not a permutation of 0.." + (pi.length - 1));
      }
      seen[pi[j]] = true;
    }
    if (pi.length == 0) {
      throw new InvalidInputException("permutation", "empty");
    }
    return new UnitPermutation(pi.clone());
  }

  /** π (a copy). */
  public int[] indices() {
    return pi.clone();
  }

  /** The index map on θ: new θ[q] = old θ[source[q]] (fresh). */
  public int[] sourceIndices(ParameterLayout l) {
    if (l.hidden() != pi.length) {
      throw new InvalidInputException("permutation", pi.length + " entries for a net with h = " + l.hidden());
    }
    int d = l.inputs();
    int h = l.hidden();
    int[] src = new int[l.size()];
    for (int q = 0; q < src.length; q++) {
      src[q] = q;
    }
    for (int j = 0; j < h; j++) {
      for (int m = 0; m < d; m++) {
        src[j * d + m] = pi[j] * d + m;
      }
      if (l.hasHiddenBias()) {
        src[l.offsetB1() + j] = l.offsetB1() + pi[j];
      }
      for (int o = 0; o < l.outputs(); o++) {
        src[l.offsetW2() + o * h + j] = l.offsetW2() + o * h + pi[j];
      }
    }
    return src;
  }

  /** Pθ (θ not modified; fresh). */
  public double[] apply(ParameterLayout l, double[] theta) {
    Checks.length("theta", theta, l.size(), "N");
    int[] src = sourceIndices(l);
    double[] out = new double[theta.length];
    for (int q = 0; q < out.length; q++) {
      out[q] = theta[src[q]];
    }
    return out;
  }

  /** The permuted net (same function). */
  public TwoLayerNet apply(TwoLayerNet net) {
    return net.withParameters(apply(net.layout(), net.parameters()));
  }
}
