package dev.basin.measure;

/**
 * A symmetric operator that can also compute a product with a rigorous componentwise error
 * bound, which is what eigenvalue certificates need (spec FLAT-CERT-EIG).
 */
public interface CertifiableOperator extends SymmetricOperator {

  /**
   * Writes the computed product Âv to out and a bound to bound, both modified (length dim), such
   * that |Âv − Av| ≤ bound componentwise for the exact operator A. v is not modified.
   */
  void applyCertified(double[] v, double[] out, double[] bound);
}
