package dev.basin.compute;

import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.Gradient;
import dev.basin.kernel.HessianVector;
import dev.basin.kernel.Problem;

/** The reference kernel behind the {@link Backend} interface: the oracle for every fast path. */
public final class ReferenceBackend implements Backend {

  /** The shared instance (stateless). */
  public static final ReferenceBackend INSTANCE = new ReferenceBackend();

  private ReferenceBackend() {}

  @Override
  public String name() {
    return "reference";
  }

  @Override
  public Evaluation evaluate(Problem p, double[] theta) {
    ForwardPass f = ForwardPass.compute(p, theta);
    ForwardQuantities pass = ForwardQuantities.of(f);
    return new Evaluation() {
      @Override
      public double loss() {
        return f.loss();
      }

      @Override
      public double[] outputs() {
        return f.outputs().clone();
      }

      @Override
      public void gradient(double[] out) {
        Gradient.compute(p, f, out);
      }

      @Override
      public void hvp(double[] v, double[] out) {
        HessianVector.apply(p, theta, f, v, out);
      }

      /** The kernel's own pass: HESS-HVP is what FLAT-HVP-ERROR was derived for. */
      @Override
      public ForwardQuantities forwardQuantities() {
        return pass;
      }
    };
  }
}
