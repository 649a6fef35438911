package dev.basin.measure;

import dev.basin.base.Rng;

/**
 * A symmetric linear map on R^dim given by its products: the Hessian at a point, a scaled or
 * projected Hessian, or a test matrix. The iterative measures (Lanczos, trace estimators,
 * spectral density) see only this.
 */
public interface SymmetricOperator {

  /** The dimension. */
  int dim();

  /** Writes A·v to out (modified, length dim); v is not modified and must not alias out. */
  void apply(double[] v, double[] out);

  /** outs[j] = A·vs[j] for all j (vs not modified, outs modified); fast backends batch these. */
  default void applyBatch(double[][] vs, double[][] outs) {
    for (int j = 0; j < vs.length; j++) {
      apply(vs[j], outs[j]);
    }
  }

  /**
   * The Lanczos start vector (fresh; spec FLAT-LANCZOS "Start"): a Gaussian vector from rng. An
   * operator may add a cheap guess at the top eigenvector when only the largest eigenvalues are
   * wanted (largestOnly), keeping the Gaussian part, so that no direction is excluded.
   */
  default double[] lanczosStart(Rng rng, boolean largestOnly) {
    return rng.gaussians(dim(), 1.0);
  }
}
