package dev.basin.bench;

import dev.basin.measure.EigenCertificate;
import dev.basin.measure.HessianDiagonal;
import dev.basin.measure.HessianOperator;
import dev.basin.measure.Lanczos;
import dev.basin.model.Point;

/**
 * Prints what the {@link MeasuresBench} operations compute on the benchmark problem (values,
 * certificates, HVP counts), for bench/REPORT.md. Not a timing.
 */
public final class MeasuresInfo {

  private MeasuresInfo() {}

  public static void main(String[] args) {
    Point p = MeasuresBench.problem();
    Lanczos.Result r = Lanczos.run(HessianOperator.at(p), new Lanczos.Options(1, 0, 1e-8, 200, 1));
    EigenCertificate c = r.largest().get(0).certificate();
    System.out.printf("N = %d, loss = %.17g%n", p.numParams(), p.loss());
    System.out.printf("lambda_max = %.17g, enclosure [%.17g, %.17g], radius %.3g (relative %.3g), lower bound %.17g%n",
        c.value(), c.low(), c.high(), c.radius(), c.radius() / c.value(), c.lowerBoundOnLargest());
    System.out.printf("residual %.3g, HVP error bound %.3g, iterations %d, HVPs %d (incl. certificates), converged %b%n",
        c.residualNorm(), c.errorBoundNorm(), r.iterations(), r.products(), r.converged());
    System.out.printf("exact trace = %.17g%n", HessianDiagonal.trace(p));
  }
}
