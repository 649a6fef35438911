package dev.basin.symmetry;

import dev.basin.kernel.Activation;
import dev.basin.kernel.ParameterLayout;
import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import dev.basin.model.TwoLayerNet;

/**
 * A per-unit rescaling T_c (spec SYM-RESCALE-UNIT): unit j's in-weights W1[j, :] and bias b1_j
 * times c_j, its out-weights W2[:, j] divided by c_j, b2 unchanged. For a positively homogeneous
 * activation it leaves the network function unchanged; for any other activation it is refused.
 * Dinh et al.'s T_α is {@link #uniform} (SYM-RESCALE-ALPHA). Immutable.
 */
public final class Rescaling {

  private final double[] c;

  private Rescaling(double[] c) {
    this.c = c;
  }

  /** The rescaling with factors c (copied, not modified; each finite and &gt; 0). */
  public static Rescaling of(double[] c) {
    if (c.length == 0) {
      throw new InvalidInputException("rescaling factors", "empty (one factor per hidden unit)");
    }
    for (int j = 0; j < c.length; j++) {
      if (!(c[j] > 0.0 && c[j] < Double.POSITIVE_INFINITY)) {
        throw new InvalidInputException("rescaling factors", "c[" + j + "] = " + c[j] + " (must be finite and > 0)");
      }
    }
    return new Rescaling(c.clone());
  }

  /** Dinh et al.'s T_α on h units: every c_j = α. */
  public static Rescaling uniform(int h, double alpha) {
    Checks.atLeast("h (hidden units)", h, 1);
    Checks.positive("alpha", alpha);
    double[] c = new double[h];
    java.util.Arrays.fill(c, alpha);
    return new Rescaling(c);
  }

  /** The factors (a copy). */
  public double[] factors() {
    return c.clone();
  }

  /** The inverse rescaling (factors 1/c_j). */
  public Rescaling inverse() {
    double[] inv = new double[c.length];
    for (int j = 0; j < c.length; j++) {
      inv[j] = 1.0 / c[j];
    }
    return of(inv);
  }

  /**
   * The diagonal D of T_cθ = Dθ (fresh, length N): c_j on W1 row j and b1_j, 1/c_j on W2
   * column j, 1 on b2.
   */
  public double[] diagonal(ParameterLayout l) {
    checkLayout(l);
    int d = l.inputs();
    int h = l.hidden();
    double[] dg = new double[l.size()];
    java.util.Arrays.fill(dg, 1.0);
    for (int j = 0; j < h; j++) {
      for (int m = 0; m < d; m++) {
        dg[j * d + m] = c[j];
      }
      if (l.hasHiddenBias()) {
        dg[l.offsetB1() + j] = c[j];
      }
      for (int o = 0; o < l.outputs(); o++) {
        dg[l.offsetW2() + o * h + j] = 1.0 / c[j];
      }
    }
    return dg;
  }

  /**
   * T_cθ for θ of layout l (not modified; fresh result). Does not check the activation: use
   * {@link #apply(TwoLayerNet)} for nets.
   */
  public double[] apply(ParameterLayout l, double[] theta) {
    Checks.length("theta", theta, l.size(), "N");
    double[] dg = diagonal(l);
    double[] out = new double[theta.length];
    for (int q = 0; q < out.length; q++) {
      out[q] = theta[q] * dg[q];
    }
    Checks.finite("rescaled theta", out);
    return out;
  }

  /** The rescaled net (same function); refuses an activation that is not positively homogeneous. */
  public TwoLayerNet apply(TwoLayerNet net) {
    requireHomogeneous(net.activation());
    return net.withParameters(apply(net.layout(), net.parameters()));
  }

  /** Throws unless σ(cz) = cσ(z) for all c &gt; 0 (relu, leaky_relu, identity; NET-ACT SYM-HOMOGENEOUS). */
  public static void requireHomogeneous(Activation act) {
    Checks.positivelyHomogeneous(act);
  }

  private void checkLayout(ParameterLayout l) {
    if (l.hidden() != c.length) {
      throw new InvalidInputException("rescaling factors", c.length + " factors for a net with h = " + l.hidden()
          + " hidden units");
    }
  }
}
