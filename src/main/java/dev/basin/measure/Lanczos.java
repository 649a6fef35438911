package dev.basin.measure;

import dev.basin.base.Memory;
import dev.basin.base.Rng;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.model.Checks;
import dev.basin.base.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The k largest and/or smallest algebraic eigenvalues of a symmetric operator from its products
 * alone (spec FLAT-LANCZOS): Lanczos with full reorthogonalization from a seeded start, stopped
 * at a requested relative tolerance; for a {@link CertifiableOperator} every reported value carries
 * a residual certificate from an explicit extra product (spec FLAT-CERT-EIG), and the run stops
 * only when the certified radii meet the tolerance.
 */
public final class Lanczos {

  /** Fraction of the largest |Ritz value| below which the tolerance is taken as absolute. */
  static final double SCALE_FLOOR = 1e-3;
  /** Breakdown threshold β ≤ 2⁻⁴⁰·max|α|: the Krylov space is (numerically) invariant. */
  static final double BREAKDOWN = 0x1p-40;
  /** Fraction of the free heap the Krylov basis may use. */
  static final double BASIS_HEAP_FRACTION = 0.5;

  private Lanczos() {}

  /**
   * What to compute.
   *
   * @param largest how many of the largest eigenvalues (≥ 0)
   * @param smallest how many of the smallest eigenvalues (≥ 0; largest + smallest ≥ 1)
   * @param tolerance relative tolerance in (0, 1) on the certified radius (FLAT-LANCZOS scale)
   * @param maxIterations largest Krylov dimension (≥ 1; also capped by N and by memory)
   * @param seed seed of the start vector (DATA-RNG)
   */
  public record Options(int largest, int smallest, double tolerance, int maxIterations, long seed) {
    /** Validated. */
    public Options {
      Checks.atLeast("largest", largest, 0);
      Checks.atLeast("smallest", smallest, 0);
      Checks.atLeast("largest + smallest", largest + smallest, 1);
      Checks.openUnit("tolerance", tolerance);
      Checks.atLeast("maxIterations", maxIterations, 1);
    }
  }

  /**
   * One Ritz pair.
   *
   * @param ritzValue the Ritz value θ (eigenvalue of T)
   * @param estimatedResidual the recurrence estimate |β_m s_{m,i}| (not a bound)
   * @param vector the unit Ritz vector (fresh)
   * @param certificate the residual certificate, or null for an operator that cannot certify
   */
  public record RitzPair(double ritzValue, double estimatedResidual, double[] vector,
      @Nullable EigenCertificate certificate) {

    /** The best value: the certified Rayleigh quotient when there is one, else the Ritz value. */
    public double value() {
      EigenCertificate c = certificate;
      return c == null ? ritzValue : c.value();
    }
  }

  /**
   * The result.
   *
   * @param largest the largest Ritz pairs, largest first
   * @param smallest the smallest Ritz pairs, smallest first
   * @param iterations Krylov dimension reached
   * @param products operator products (iterations plus certificates)
   * @param converged whether every wanted value met the tolerance (certified radius when certified),
   *     or its certified radius is limited by the rounding of the product itself
   * @param maxIterations the iteration cap that applied (after the memory cap)
   */
  public record Result(List<RitzPair> largest, List<RitzPair> smallest, int iterations, int products,
      boolean converged, int maxIterations) {}

  /** Runs Lanczos on op with the given options. */
  public static Result run(SymmetricOperator op, Options o) {
    int n = op.dim();
    if (o.largest() + o.smallest() > n) {
      throw new InvalidInputException("largest + smallest", (o.largest() + o.smallest())
          + " eigenvalues requested but the operator has dimension " + n);
    }
    int cap = Math.min(o.maxIterations(), n);
    if (cap < o.largest() + o.smallest()) {
      throw new InvalidInputException("maxIterations", o.maxIterations() + " is below the number of requested eigenvalues "
          + (o.largest() + o.smallest()));
    }
    long free = Memory.freeHeap();
    long memCap = (long) (BASIS_HEAP_FRACTION * free / (8.0 * n));
    if (memCap < cap) {
      cap = (int) Math.max(o.largest() + o.smallest() + 2L, memCap);
    }
    Rng rng = Rng.of(o.seed());
    Krylov kr = new Krylov(op, op.lanczosStart(rng, o.smallest() == 0));
    CertifiableOperator cert = op instanceof CertifiableOperator c ? c : null;
    int products = 0;
    int restarts = 0;
    int lastCertified = -1000;
    List<RitzPair> top = List.of();
    List<RitzPair> bottom = List.of();
    boolean converged = false;
    double maxAlpha = 0.0;
    while (true) {
      double b = kr.step();
      products++;
      int m = kr.size();
      double[] alphas = kr.alphas();
      maxAlpha = Math.max(maxAlpha, Math.abs(alphas[m - 1]));
      boolean invariant = !(b > BREAKDOWN * Math.max(maxAlpha, Double.MIN_NORMAL));
      boolean last = m >= cap || (invariant && m >= n);
      boolean check = m >= o.largest() + o.smallest() && (m <= 50 || m % 5 == 0 || last || invariant);
      if (check) {
        SymmetricEigen.Result t = SymmetricEigen.tridiagonal(alphas, kr.offDiagonal(), true);
        double[] theta = t.values();
        double spread = Math.max(Math.abs(theta[0]), Math.abs(theta[m - 1]));
        double beta = invariant ? 0.0 : b;
        int[] wanted = wanted(m, o);
        boolean estimatesMet = true;
        for (int idx : wanted) {
          double est = Math.abs(beta * t.vector(idx)[m - 1]);
          if (!(est <= o.tolerance() * scale(theta[idx], spread))) {
            estimatesMet = false;
          }
        }
        boolean certifyNow = last || (estimatesMet && (cert == null || m >= lastCertified + 5));
        if (certifyNow) {
          List<RitzPair> pairs = new ArrayList<>();
          boolean met = true;
          for (int idx : wanted) {
            double[] y = t.vector(idx);
            double[] v = kr.combine(y);
            normalize(v);
            EigenCertificate c = null;
            if (cert != null) {
              c = EigenCertificate.of(cert, v);
              products++;
              if (!(c.radius() <= o.tolerance() * scale(c.value(), spread) || roundingLimited(c))) {
                met = false;
              }
            } else if (!estimatesMet) {
              met = false;
            }
            pairs.add(new RitzPair(theta[idx], Math.abs(beta * y[m - 1]), v, c));
          }
          lastCertified = m;
          top = pairs.subList(0, o.largest());
          bottom = pairs.subList(o.largest(), pairs.size());
          if (met || last) {
            converged = met;
            break;
          }
        }
      }
      if (m >= cap) {
        break;
      }
      if (invariant) {
        boolean ok = false;
        while (!ok && restarts < 10) {
          ok = kr.restart(Rng.of(Rng.derive(o.seed(), 1L + restarts)).gaussians(n, 1.0));
          restarts++;
        }
        if (!ok) {
          break;
        }
      }
    }
    return new Result(List.copyOf(top), List.copyOf(bottom), kr.size(), products, converged, cap);
  }

  /** Indices into ascending Ritz values: the largest (descending), then the smallest (ascending). */
  private static int[] wanted(int m, Options o) {
    int[] idx = new int[o.largest() + o.smallest()];
    for (int i = 0; i < o.largest(); i++) {
      idx[i] = m - 1 - i;
    }
    for (int i = 0; i < o.smallest(); i++) {
      idx[o.largest() + i] = i;
    }
    return idx;
  }

  /**
   * Whether the certificate's radius is dominated by the rounding bound of the product (the residual
   * is below it): more iterations cannot shrink the radius, so the value counts as converged.
   */
  public static boolean roundingLimited(EigenCertificate c) {
    return c.residualNorm() <= c.errorBoundNorm();
  }

  static double scale(double theta, double spread) {
    return Math.max(Math.abs(theta), SCALE_FLOOR * spread);
  }

  private static void normalize(double[] v) {
    double s = Math.sqrt(Krylov.dot(v, v));
    for (int i = 0; i < v.length; i++) {
      v[i] /= s;
    }
  }
}
