package dev.basin.measure;

import dev.basin.base.Rng;
import dev.basin.kernel.ParameterLayout;
import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Loss slices (spec FLAT-SLICE, FLAT-SLICE-FILTER): the loss along filter-normalized random
 * directions in 1-D and 2-D, and along the segment between two parameter vectors. Every value is
 * an exact loss evaluation; accuracy is added for the classification losses.
 */
public final class LossSlices {

  /** The stream (Rng.derive(seed, ·), DATA-RNG) of the first slice direction; the second uses the next. */
  public static final long DIRECTION_STREAM = 101;
  /** The segment slice covers t in [{@value #SEGMENT_FROM}, {@value #SEGMENT_TO}]: both ends and half a segment beyond each. */
  public static final double SEGMENT_FROM = -0.5;
  /** See {@link #SEGMENT_FROM}. */
  public static final double SEGMENT_TO = 1.5;

  private LossSlices() {}

  /**
   * Slice direction i (0 or 1) of a run with this seed: {@link #filterNormalizedDirection} from the
   * stream Rng.derive(seed, DIRECTION_STREAM + i). θ not modified.
   */
  public static double[] direction(ParameterLayout l, double[] theta, long seed, int i, boolean ignoreBiases) {
    return filterNormalizedDirection(l, theta, Rng.of(Rng.derive(seed, DIRECTION_STREAM + i)), ignoreBiases);
  }

  /** The evenly spaced grid of {@code points} coordinates over [−range, range]. */
  public static double[] symmetricGrid(double range, int points) {
    return grid(-range, range, points);
  }

  /**
   * A 1-D slice: loss (and accuracy) at each coordinate.
   *
   * @param coordinates a (direction slices) or t (segments)
   * @param losses L at each coordinate
   * @param accuracies training accuracy at each coordinate, or null for the squared losses
   */
  public record Line(double[] coordinates, double[] losses, double @Nullable [] accuracies) {}

  /**
   * A 2-D slice on the grid alphas × betas, row-major with alpha the slow index.
   *
   * @param alphas first coordinates
   * @param betas second coordinates
   * @param losses L(θ + a d₁ + b d₂) at [ia·|betas| + ib]
   * @param accuracies likewise, or null for the squared losses
   */
  public record Plane(double[] alphas, double[] betas, double[] losses, double @Nullable [] accuracies) {}

  /**
   * A Gaussian direction (from rng) rescaled filter by filter to the norms of θ's filters
   * (FLAT-SLICE-FILTER): unit j = (W1[j,:], b1_j), output o = (W2[o,:], b2_o). With ignoreBiases
   * the bias components are 0 and the filters are the weight rows alone. θ is not modified.
   */
  public static double[] filterNormalizedDirection(ParameterLayout l, double[] theta, Rng rng, boolean ignoreBiases) {
    Checks.length("theta", theta, l.size(), "N");
    double[] dir = rng.gaussians(l.size(), 1.0);
    int d = l.inputs();
    int h = l.hidden();
    int k = l.outputs();
    boolean b1 = l.hasHiddenBias() && !ignoreBiases;
    boolean b2 = l.hasOutputBias() && !ignoreBiases;
    if (ignoreBiases) {
      for (int j = 0; l.hasHiddenBias() && j < h; j++) {
        dir[l.offsetB1() + j] = 0.0;
      }
      for (int o = 0; l.hasOutputBias() && o < k; o++) {
        dir[l.offsetB2() + o] = 0.0;
      }
    }
    for (int j = 0; j < h; j++) {
      normalizeFilter(theta, dir, j * d, d, b1 ? l.offsetB1() + j : -1);
    }
    for (int o = 0; o < k; o++) {
      normalizeFilter(theta, dir, l.offsetW2() + o * h, h, b2 ? l.offsetB2() + o : -1);
    }
    return dir;
  }

  /** Scales dir on [from, from + len) and the optional extra index to ‖θ‖ over the same entries. */
  private static void normalizeFilter(double[] theta, double[] dir, int from, int len, int extra) {
    double tt = 0.0;
    double dd = 0.0;
    for (int q = from; q < from + len; q++) {
      tt += theta[q] * theta[q];
      dd += dir[q] * dir[q];
    }
    if (extra >= 0) {
      tt += theta[extra] * theta[extra];
      dd += dir[extra] * dir[extra];
    }
    double f = dd > 0.0 ? Math.sqrt(tt / dd) : 0.0;
    for (int q = from; q < from + len; q++) {
      dir[q] *= f;
    }
    if (extra >= 0) {
      dir[extra] *= f;
    }
  }

  /** {@code points} (≥ 2) evenly spaced values from..to (both included). */
  public static double[] grid(double from, double to, int points) {
    Checks.finite("grid start", from);
    Checks.finite("grid end", to);
    Checks.atLeast("grid points", points, 2);
    double[] g = new double[points];
    for (int i = 0; i < points; i++) {
      g[i] = from + (to - from) * i / (points - 1);
    }
    g[points - 1] = to;
    return g;
  }

  /** L(θ + a·dir) for each a (arrays not modified). */
  public static Line line(Objective obj, double[] theta, double[] dir, double[] alphas) {
    check(obj, theta, "theta");
    check(obj, dir, "direction");
    double[] losses = new double[alphas.length];
    double[] acc = obj.loss().usesLabels() ? new double[alphas.length] : null;
    for (int i = 0; i < alphas.length; i++) {
      double[] pt = theta.clone();
      Krylov.axpy(alphas[i], dir, pt);
      evaluate(obj, pt, losses, acc, i);
    }
    return new Line(alphas.clone(), losses, acc);
  }

  /** L(θ + a·d₁ + b·d₂) on the grid (arrays not modified). */
  public static Plane plane(Objective obj, double[] theta, double[] d1, double[] d2, double[] alphas, double[] betas) {
    check(obj, theta, "theta");
    check(obj, d1, "direction 1");
    check(obj, d2, "direction 2");
    int size = Checks.product("grid", alphas.length, betas.length);
    double[] losses = new double[size];
    double[] acc = obj.loss().usesLabels() ? new double[size] : null;
    for (int ia = 0; ia < alphas.length; ia++) {
      for (int ib = 0; ib < betas.length; ib++) {
        double[] pt = theta.clone();
        Krylov.axpy(alphas[ia], d1, pt);
        Krylov.axpy(betas[ib], d2, pt);
        evaluate(obj, pt, losses, acc, ia * betas.length + ib);
      }
    }
    return new Plane(alphas.clone(), betas.clone(), losses, acc);
  }

  /** L((1 − t)θ_A + tθ_B) for each t (arrays not modified). */
  public static Line segment(Objective obj, double[] a, double[] b, double[] ts) {
    check(obj, a, "theta A");
    check(obj, b, "theta B");
    double[] losses = new double[ts.length];
    double[] acc = obj.loss().usesLabels() ? new double[ts.length] : null;
    for (int i = 0; i < ts.length; i++) {
      double t = ts[i];
      double[] pt = new double[a.length];
      for (int q = 0; q < a.length; q++) {
        pt[q] = (1.0 - t) * a[q] + t * b[q];
      }
      evaluate(obj, pt, losses, acc, i);
    }
    return new Line(ts.clone(), losses, acc);
  }

  private static void evaluate(Objective obj, double[] pt, double[] losses, double @Nullable [] acc, int i) {
    if (!allFinite(pt)) {
      throw new InvalidInputException("slice", "a grid point has non-finite parameters (grid too wide)");
    }
    Point p = obj.at(pt);
    losses[i] = p.loss();
    if (acc != null) {
      acc[i] = PacBayesSharpness.accuracyOfOutputs(obj, p.outputs());
    }
  }

  private static boolean allFinite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  private static void check(Objective obj, double[] v, String name) {
    Checks.length(name, v, obj.numParams(), "N");
    Checks.finite(name, v);
  }

  /** CSV of a 1-D slice: header {@code name,loss[,accuracy]}, one row per point, 17 significant digits. */
  public static String csv(Line s, String name) {
    StringBuilder b = new StringBuilder(name).append(",loss");
    double[] acc = s.accuracies();
    if (acc != null) {
      b.append(",accuracy");
    }
    b.append('\n');
    for (int i = 0; i < s.losses().length; i++) {
      b.append(num(s.coordinates()[i])).append(',').append(num(s.losses()[i]));
      if (acc != null) {
        b.append(',').append(num(acc[i]));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** CSV of a 2-D slice: header {@code alpha,beta,loss[,accuracy]}. */
  public static String csv(Plane s) {
    StringBuilder b = new StringBuilder("alpha,beta,loss");
    double[] acc = s.accuracies();
    if (acc != null) {
      b.append(",accuracy");
    }
    b.append('\n');
    int nb = s.betas().length;
    for (int ia = 0; ia < s.alphas().length; ia++) {
      for (int ib = 0; ib < nb; ib++) {
        int q = ia * nb + ib;
        b.append(num(s.alphas()[ia])).append(',').append(num(s.betas()[ib])).append(',').append(num(s.losses()[q]));
        if (acc != null) {
          b.append(',').append(num(acc[q]));
        }
        b.append('\n');
      }
    }
    return b.toString();
  }

  private static String num(double v) {
    if (!Double.isFinite(v)) {
      throw new dev.basin.base.NonFiniteResultException("slice value " + v + "; refusing to write a non-finite number");
    }
    return String.format(Locale.ROOT, "%.17g", v);
  }
}
