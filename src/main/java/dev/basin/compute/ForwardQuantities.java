package dev.basin.compute;

import dev.basin.kernel.ForwardPass;

/**
 * The forward pass from which an {@link Evaluation} computes its products (spec NET-FORWARD),
 * row-major per sample: z, a = σ(z), s1 = σ'(z), s2 = σ''(z) and back = W2ᵀg (n·h each; s2 is all
 * zeros for the piecewise-linear activations), outputs o and output gradients g = ∂ℓ/∂o without the
 * factor c (n·k each). The arrays are shared, never modified by their producer after it hands them
 * out, and must not be modified by the caller.
 *
 * @param preActivations z (n·h)
 * @param activations σ(z) (n·h)
 * @param firstDerivatives σ'(z) (n·h)
 * @param secondDerivatives σ''(z) (n·h)
 * @param outputs f(x_i) (n·k)
 * @param outputGradients ∂ℓ_i/∂o (n·k)
 * @param backpropagated W2ᵀ∂ℓ_i/∂o (n·h)
 */
public record ForwardQuantities(double[] preActivations, double[] activations, double[] firstDerivatives,
    double[] secondDerivatives, double[] outputs, double[] outputGradients, double[] backpropagated) {

  /** The reference kernel's pass (its arrays, not copies). */
  /*@ public normal_behavior
    @ requires f != null;
    @ ensures \result.preActivations() == f.preActivations() && \result.activations() == f.activations();
    @ ensures \result.firstDerivatives() == f.firstDerivatives() && \result.secondDerivatives() == f.secondDerivatives();
    @ ensures \result.outputs() == f.outputs() && \result.outputGradients() == f.outputGradients();
    @ ensures \result.backpropagated() == f.backpropagated();
    @ pure
    @*/
  public static ForwardQuantities of(ForwardPass f) {
    return new ForwardQuantities(f.preActivations(), f.activations(), f.firstDerivatives(), f.secondDerivatives(),
        f.outputs(), f.outputGradients(), f.backpropagated());
  }
}
