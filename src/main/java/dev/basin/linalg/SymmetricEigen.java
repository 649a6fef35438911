package dev.basin.linalg;

import dev.basin.base.InvalidInputException;
import dev.basin.base.Memory;
import dev.basin.base.NonFiniteResultException;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;

/**
 * Dense symmetric eigen-decomposition A = V diag(λ) Vᵀ through Hipparchus or EJML (spec
 * LINALG-EIGEN). Eigenvalues are returned in ascending order; the eigenvector of values[j] is
 * column j of the n×n row-major matrix {@code vectors}.
 */
public final class SymmetricEigen {

  /** The library that does the decomposition. */
  public enum Solver {
    /** Hipparchus EigenDecompositionSymmetric (Householder tridiagonalization + implicit QL). */
    HIPPARCHUS,
    /** EJML SymmetricQRAlgorithmDecomposition_DDRM via DecompositionFactory_DDRM.eig. */
    EJML
  }

  /**
   * The default solver: the faster of the two at N = 1000 and 3000 on this project's machines —
   * EJML, 6.8× (values) / 2.1× (with vectors) faster than Hipparchus at N = 1000 and 31× / 9.5×
   * at N = 3000 (bench/REPORT.md, "Dense eigen").
   */
  public static final Solver DEFAULT = Solver.EJML;

  /** Eigenvalues (ascending) and, if requested, eigenvectors as columns of a row-major n×n array. */
  public record Result(double[] values, double @Nullable [] vectors) {
    /** n. */
    public int size() {
      return values.length;
    }

    /** Eigenvector j (fresh), or an error if vectors were not computed. */
    public double[] vector(int j) {
      double[] v = vectors;
      if (v == null) {
        throw new IllegalStateException("eigenvectors were not requested");
      }
      int n = values.length;
      double[] out = new double[n];
      for (int r = 0; r < n; r++) {
        out[r] = v[r * n + j];
      }
      return out;
    }
  }

  /**
   * n×n matrices of doubles a dense decomposition holds besides its input: the solver's copy of
   * the matrix, its tridiagonal reduction's Householder data and the eigenvector matrix it
   * accumulates (Hipparchus and EJML both keep about three). Callers size memory with it.
   */
  public static final int WORKSPACE_MATRICES = 3;

  /**
   * Refuses a dense n×n decomposition (with the matrix itself) that does not fit in memory: n²
   * doubles for the matrix and {@link #WORKSPACE_MATRICES} times that for the solver (base.Memory).
   *
   * @param input the option that asked for it (named first in the error)
   * @param n the dimension
   * @param what what the matrix is
   */
  public static void requireMemory(String input, int n, String what) {
    Memory.require(input, Memory.bytes(Memory.doubles(n, n), 1 + WORKSPACE_MATRICES), "the explicit " + n + " x " + n
        + " " + what + " and its eigen-decomposition", "lower " + input + " below N = " + n);
  }

  private SymmetricEigen() {}

  /** Decomposes the symmetric n×n row-major matrix a (not modified) with the default solver. */
  public static Result of(double[] a, int n, boolean wantVectors) {
    return of(a, n, wantVectors, DEFAULT);
  }

  /** Decomposes the symmetric n×n row-major matrix a (not modified). Only the values are sorted. */
  public static Result of(double[] a, int n, boolean wantVectors, Solver solver) {
    if (n < 1 || (long) n * n != a.length) {
      throw new InvalidInputException("matrix", "length " + a.length + " is not n*n for n = " + n);
    }
    double largest = 0.0;
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i])) {
        // the matrices basin decomposes (Hessians) come from the inputs: a non-finite entry is theirs
        throw new NonFiniteResultException("the " + n + " x " + n + " matrix to decompose has entry " + i + " = " + a[i]
            + ": the inputs (net weights, data) are too large for double precision");
      }
      largest = Math.max(largest, Math.abs(a[i]));
    }
    try {
      return solver == Solver.EJML ? ejml(a, n, wantVectors) : hipparchus(a, n, wantVectors);
    } catch (org.hipparchus.exception.MathRuntimeException | ArithmeticException e) {
      throw new NonFiniteResultException("the eigen-decomposition of the " + n + " x " + n + " matrix did not converge"
          + " (largest entry " + largest + "): the inputs (net weights, data) are too large or too small for double"
          + " precision");
    }
  }

  /**
   * Eigen-decomposition of the symmetric tridiagonal matrix with diagonal {@code diag} and
   * off-diagonal {@code off} (length n−1), e.g. the Lanczos matrix T. Arrays not modified.
   */
  public static Result tridiagonal(double[] diag, double[] off, boolean wantVectors) {
    int n = diag.length;
    if (n < 1 || off.length != n - 1) {
      throw new InvalidInputException("tridiagonal", "diag length " + n + " and off length " + off.length);
    }
    if (n == 1) {
      return new Result(new double[] {diag[0]}, wantVectors ? new double[] {1.0} : null);
    }
    EigenDecompositionSymmetric e = new EigenDecompositionSymmetric(diag.clone(), off.clone(),
        EigenDecompositionSymmetric.DEFAULT_EPSILON, false);
    return sorted(e.getEigenvalues(), wantVectors ? e.getV().getData() : null, n);
  }

  private static Result hipparchus(double[] a, int n, boolean wantVectors) {
    double[][] m = new double[n][n];
    for (int r = 0; r < n; r++) {
      System.arraycopy(a, r * n, m[r], 0, n);
    }
    RealMatrix rm = new Array2DRowRealMatrix(m, false);
    EigenDecompositionSymmetric e = new EigenDecompositionSymmetric(rm, EigenDecompositionSymmetric.DEFAULT_EPSILON, false);
    return sorted(e.getEigenvalues(), wantVectors ? e.getV().getData() : null, n);
  }

  private static Result ejml(double[] a, int n, boolean wantVectors) {
    DMatrixRMaj m = new DMatrixRMaj(n, n);
    System.arraycopy(a, 0, m.data, 0, a.length);
    EigenDecomposition_F64<DMatrixRMaj> e = DecompositionFactory_DDRM.eig(n, wantVectors, true);
    if (!e.decompose(m)) {
      throw new ArithmeticException("EJML symmetric eigen-decomposition did not converge (n = " + n + ")");
    }
    double[] values = new double[n];
    double[][] vecs = wantVectors ? new double[n][n] : new double[0][0];
    for (int j = 0; j < n; j++) {
      values[j] = e.getEigenvalue(j).getReal();
      if (wantVectors) {
        DMatrixRMaj v = e.getEigenVector(j);
        if (v == null) {
          throw new ArithmeticException("EJML returned no eigenvector " + j);
        }
        for (int r = 0; r < n; r++) {
          vecs[r][j] = v.data[r];
        }
      }
    }
    return sorted(values, wantVectors ? vecs : null, n);
  }

  /** Sorts eigenpairs by ascending eigenvalue; vecs[r][j] is component r of eigenvector j. */
  private static Result sorted(double[] values, double @Nullable [][] vecs, int n) {
    Integer[] order = new Integer[n];
    for (int j = 0; j < n; j++) {
      order[j] = j;
    }
    java.util.Arrays.sort(order, (p, q) -> Double.compare(values[p], values[q]));
    double[] sv = new double[n];
    double[] sm = vecs == null ? null : new double[n * n];
    for (int j = 0; j < n; j++) {
      int src = order[j];
      sv[j] = values[src];
      if (sm != null && vecs != null) {
        for (int r = 0; r < n; r++) {
          sm[r * n + j] = vecs[r][src];
        }
      }
    }
    return new Result(sv, sm);
  }
}
