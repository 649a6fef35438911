package dev.basin.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.kernel.ParameterLayout;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.measure.HessianOperator;
import dev.basin.measure.Lanczos;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the non-invariant spectral measures follow Dinh's T_α (spec SYM-CONJUGATION, SYM-TRACE-LAW):
 * the Frobenius law ‖H(T_αθ)‖_F² = α⁻⁴‖H₁₁‖² + 2‖H₁₂‖² + α⁴‖H₂₂‖² + 2α⁻²‖H_{1,b2}‖² +
 * 2α²‖H_{2,b2}‖² + ‖H_{b2,b2}‖², computed from the blocks at θ and compared with the explicit
 * Hessian at T_αθ (1e-9 relative: two HESS-FULL evaluations, entries scaled by up to α⁴); and the
 * principal-submatrix bound λ_max(H(T_αθ)) ≥ α²λ_max(H₂₂(θ)), checked with basin's certified lower
 * bound from Lanczos (rigorous) against the dense λ_max(H₂₂) (with its a priori error).
 */
class RescalingLawsTest {

  static LongStream seeds() {
    return LongStream.range(1, 101);
  }

  private static double sq(double[] block) {
    double s = 0.0;
    for (double v : block) {
      s += v * v;
    }
    return s;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void frobeniusAndLambdaMaxFollowTheLaws(long seed) {
    Case c = SymmetryTest.homogeneousCase(seed);
    Objective obj = c.objective();
    ParameterLayout l = obj.layout();
    double alpha = 0.2 + 4.8 * Cases.rng(seed + 3).nextDouble();
    Point p = obj.at(c.theta());
    Point q = obj.at(Rescaling.uniform(l.hidden(), alpha).apply(l, c.theta()));
    int w1 = ParameterLayout.W1;
    int b1 = ParameterLayout.B1;
    int w2 = ParameterLayout.W2;
    int b2 = ParameterLayout.B2;
    // group 1 = W1 and b1 (scaled by alpha), group 2 = W2 (1/alpha), b2 fixed
    double h11 = sq(p.hessianBlock(w1, w1)) + 2 * sq(p.hessianBlock(w1, b1)) + sq(p.hessianBlock(b1, b1));
    double h12 = sq(p.hessianBlock(w1, w2)) + sq(p.hessianBlock(b1, w2));
    double h22 = sq(p.hessianBlock(w2, w2));
    double h1b = sq(p.hessianBlock(w1, b2)) + sq(p.hessianBlock(b1, b2));
    double h2b = sq(p.hessianBlock(w2, b2));
    double hbb = sq(p.hessianBlock(b2, b2));
    double a2 = alpha * alpha;
    double predicted = h11 / (a2 * a2) + 2 * h12 + a2 * a2 * h22 + 2 * h1b / a2 + 2 * a2 * h2b + hbb;
    double actual = sq(q.hessian());
    assertEquals(predicted, actual, 1e-9 * Math.max(1.0, actual), c + " alpha " + alpha);

    int n2 = l.groupLength(w2);
    double[] block22 = p.hessianBlock(w2, w2);
    double lam22 = SymmetricEigen.of(block22, n2, false).values()[n2 - 1];
    double err = n2 * 0x1p-53 * Math.sqrt(sq(block22));
    Lanczos.Result r = Lanczos.run(HessianOperator.at(q), new Lanczos.Options(1, 0, 1e-10, 200, seed));
    double certifiedLower = r.largest().get(0).certificate().lowerBoundOnLargest();
    // lambda_max(H(T theta)) >= a2 * lambda_max(H22): the Lanczos value converges to lambda_max, so
    // its certified lower bound must reach a2 * lambda_22 up to the tolerance and the dense error
    double scale = Math.max(1.0, Math.abs(certifiedLower));
    assertTrue(certifiedLower >= a2 * (lam22 - err) - 1e-9 * scale,
        () -> c + " lambda_max bound " + certifiedLower + " < alpha^2 lambda_22 = " + a2 * lam22);
  }
}
