package dev.basin.compute;

import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.Gradient;
import dev.basin.kernel.HessianVector;
import dev.basin.kernel.Loss;
import dev.basin.kernel.Problem;

/**
 * The reference backend's adapter ({@link ReferenceBackend}): its argument check and its kernel
 * calls, in the Java subset KeY proves (proofs/README.md, "Beyond the kernel"). KeY loads this class
 * in its own environment with the kernel as a library, so each call below is proved against the
 * kernel's own contract (proved in the kernel's environment): the {@link Evaluation} preconditions
 * stated here, with the shapes the forward pass ensures, imply the kernel's preconditions, and
 * each method modifies only what the interface allows. Arrays: θ, v and the pass are not modified;
 * out is.
 */
final class ReferenceKernel {

  private ReferenceKernel() {}

  /** Whether θ has length N (ReferenceBackend.evaluate refuses it otherwise). */
  /*@ public normal_behavior
    @ requires p != null && theta != null && \invariant_for(p);
    @ ensures \result <==> theta.length == p.layout.size();
    @ assignable \nothing;
    @*/
  static boolean fits(Problem p, double[] theta) {
    return theta.length == p.layout().size();
  }

  /**
   * The kernel's forward pass of p at θ (length N, not modified). The labels' range is the one
   * precondition Problem's invariant does not carry: every Problem built by model/ and io/ has been
   * checked for it (Problem's documentation).
   */
  /*@ public normal_behavior
    @ requires p != null && theta != null && \invariant_for(p) && theta.length == p.layout.size();
    @ requires (p.loss.kind == Loss.CE || p.loss.kind == Loss.LOGISTIC) ==> (\forall int i; 0 <= i && i < p.n;
    @     0 <= p.labels[i] && p.labels[i] <= p.layout.k
    @     && (p.loss.kind != Loss.CE || p.labels[i] < p.layout.k)
    @     && (p.loss.kind != Loss.LOGISTIC || p.labels[i] == 0 || p.labels[i] == 1));
    @ ensures \fresh(\result) && \fresh(\result.z) && \fresh(\result.a) && \fresh(\result.out);
    @ ensures \result.z.length == p.n * p.layout.h && \result.a.length == p.n * p.layout.h;
    @ ensures \result.s1.length == p.n * p.layout.h && \result.s2.length == p.n * p.layout.h;
    @ ensures \result.back.length == p.n * p.layout.h;
    @ ensures \result.out.length == p.n * p.layout.k && \result.g.length == p.n * p.layout.k;
    @ ensures !(\result.loss < 0.0);
    @ assignable \nothing;
    @*/
  static ForwardPass forward(Problem p, double[] theta) {
    return ForwardPass.compute(p, theta);
  }

  /**
   * ∇L(θ) into out (Evaluation.gradient): out has length N and aliases neither the problem's data
   * nor an array of the pass (the forward quantities), whose shapes are those forward ensures.
   */
  /*@ public normal_behavior
    @ requires p != null && f != null && out != null && \invariant_for(p) && \invariant_for(f);
    @ requires f.a.length == p.n * p.layout.h && f.s1.length == p.n * p.layout.h;
    @ requires f.back.length == p.n * p.layout.h && f.g.length == p.n * p.layout.k;
    @ requires out.length == p.layout.size();
    @ requires out != p.x && out != p.targets;
    @ requires out != f.z && out != f.a && out != f.s1 && out != f.s2 && out != f.out && out != f.g && out != f.back;
    @ assignable out[*];
    @*/
  static void gradient(Problem p, ForwardPass f, double[] out) {
    Gradient.compute(p, f, out);
  }

  /**
   * ∇²L(θ)·v into out (Evaluation.hvp): v and out have length N, v ≠ out, and out aliases neither θ,
   * the problem's data nor an array of the pass, whose shapes are those forward ensures.
   */
  /*@ public normal_behavior
    @ requires p != null && theta != null && f != null && v != null && out != null;
    @ requires \invariant_for(p) && \invariant_for(f) && theta.length == p.layout.size();
    @ requires f.a.length == p.n * p.layout.h && f.s1.length == p.n * p.layout.h;
    @ requires f.s2.length == p.n * p.layout.h && f.back.length == p.n * p.layout.h;
    @ requires f.out.length == p.n * p.layout.k && f.g.length == p.n * p.layout.k;
    @ requires v.length == p.layout.size() && out.length == v.length && v != out;
    @ requires out != theta && out != p.x && out != p.targets;
    @ requires out != f.z && out != f.a && out != f.s1 && out != f.s2 && out != f.out && out != f.g && out != f.back;
    @ assignable out[*];
    @*/
  static void hvp(Problem p, double[] theta, ForwardPass f, double[] v, double[] out) {
    HessianVector.apply(p, theta, f, v, out);
  }
}
