package dev.basin.measure;

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
}
