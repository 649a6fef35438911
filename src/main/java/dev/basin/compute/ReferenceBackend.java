package dev.basin.compute;

import dev.basin.base.InvalidInputException;
import dev.basin.kernel.ForwardPass;
import dev.basin.kernel.Gradient;
import dev.basin.kernel.HessianVector;
import dev.basin.kernel.Problem;

/**
 * The reference kernel behind the {@link Backend} interface: the oracle for every fast path. Its
 * products are the KeY-proved kernel's ({@link ForwardPass}, {@link Gradient}, {@link
 * HessianVector}), called through {@link ReferenceKernel}, whose argument check and kernel calls KeY
 * proves against the kernel's contracts; its matrix-product passes are the serial packed GEMM ({@link Gemm}). Stateless:
 * preparing holds nothing, closing releases nothing.
 */
public final class ReferenceBackend implements Backend {

  /** The shared instance (stateless). */
  public static final ReferenceBackend INSTANCE = new ReferenceBackend();

  /**
   * Plain binary64 loops in the kernel's order (no FMA); the activation and loss functions are the
   * kernel's (spec FLAT-FP: 8 units of u·max(1, |value|)).
   */
  public static final ErrorModel MODEL = new ErrorModel("binary64, round to nearest, no FMA (the kernel's loops)",
      false, ErrorModel.KERNEL_FUNCTION_ULPS);

  private static final MatrixProducts PRODUCTS = new MatrixProducts() {
    @Override
    public void multiply(int m, int n, int k, double[] a, int ao, int lda, boolean transA, double[] b, int bo, int ldb,
        boolean transB, double[] c, int co, boolean accumulate) {
      Gemm.multiply(m, n, k, a, ao, lda, transA, b, bo, ldb, transB, c, co, accumulate);
    }

    /** The packed GEMM's chains (FMA, depth blocks): within {@link ErrorModel#gemmChain}. */
    @Override
    public ErrorModel errorModel() {
      return SimdBackend.MODEL;
    }
  };

  private ReferenceBackend() {}

  @Override
  public String name() {
    return "reference";
  }

  @Override
  public ErrorModel errorModel() {
    return MODEL;
  }

  @Override
  public Prepared prepare(Problem p) {
    return new Prepared() {
      // nothing to release; the flag makes use after close() refused, as the interface promises
      private volatile boolean closed;

      @Override
      public Problem problem() {
        return p;
      }

      @Override
      public Backend backend() {
        return INSTANCE;
      }

      @Override
      public Evaluation evaluate(double[] theta) {
        if (closed) {
          throw new IllegalStateException("this prepared reference problem was closed");
        }
        return ReferenceBackend.this.evaluate(p, theta);
      }

      @Override
      public MatrixProducts products() {
        return PRODUCTS;
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }

  /**
   * The kernel's forward pass of p at θ (a shortcut for prepare(p).evaluate(θ); nothing to
   * release). θ (length N) is not modified and must not be modified while the evaluation is in use.
   *
   * @throws InvalidInputException if θ does not have length N
   */
  /*@ public normal_behavior
    @ requires p != null && theta != null && theta.length == p.layout().size();
    @ assignable \nothing;
    @ ensures \fresh(\result) && \result.problem() == p && \result.errorModel() == MODEL;
    @ requires (* p's labels are in range, as ForwardPass.compute requires (every Problem built by model/ and io/) *);
    @ ensures (* \result's products are the KeY-proved kernel's: ForwardPass.compute(p, theta), Gradient.compute,
    @   HessianVector.apply on that pass, called through ReferenceKernel, whose contracts KeY proves against the
    @   kernel's (Evaluation's preconditions and the pass's shapes imply the kernel's; only out[*] is modified) *);
    @ also public exceptional_behavior
    @ requires p != null && theta != null && theta.length != p.layout().size();
    @ assignable \nothing;
    @ signals_only InvalidInputException;
    @ signals (InvalidInputException e) e.input().equals("theta");
    @*/
  public Evaluation evaluate(Problem p, double[] theta) {
    if (!ReferenceKernel.fits(p, theta)) {
      throw new InvalidInputException("theta", "length " + theta.length + ", expected N = " + p.layout().size());
    }
    return new Kernel(p, theta, ReferenceKernel.forward(p, theta));
  }

  /** The kernel's products over one cached forward pass. */
  private static final class Kernel implements Evaluation {
    private final Problem p;
    private final double[] theta;
    private final ForwardPass f;
    private final ForwardQuantities pass;
    private boolean closed;

    Kernel(Problem p, double[] theta, ForwardPass f) {
      this.p = p;
      this.theta = theta;
      this.f = f;
      this.pass = ForwardQuantities.of(f);
    }

    private void checkOpen() {
      if (closed) {
        throw new IllegalStateException("this reference evaluation was closed");
      }
    }

    @Override
    public double loss() {
      checkOpen();
      return f.loss();
    }

    @Override
    public double[] outputs() {
      checkOpen();
      return f.outputs().clone();
    }

    @Override
    public void gradient(double[] out) {
      checkOpen();
      ReferenceKernel.gradient(p, f, out);
    }

    @Override
    public void hvp(double[] v, double[] out) {
      checkOpen();
      ReferenceKernel.hvp(p, theta, f, v, out);
    }

    @Override
    public ForwardQuantities forwardQuantities() {
      checkOpen();
      return pass;
    }

    @Override
    public Problem problem() {
      return p;
    }

    @Override
    public ErrorModel errorModel() {
      return MODEL;
    }

    @Override
    public MatrixProducts products() {
      return PRODUCTS;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** The registry's entry for the reference kernel. */
  public static final class Provider implements BackendProvider {

    /*@ also public normal_behavior
      @ ensures \result.equals("reference");
      @ pure
      @*/
    @Override
    public String name() {
      return "reference";
    }

    @Override
    public String description() {
      return "the KeY-proved kernel, the oracle every other backend is tested against";
    }

    @Override
    public Availability availability() {
      return Availability.yes("any JVM");
    }

    @Override
    public int autoRank() {
      return 0;
    }

    @Override
    public long autoMinParams() {
      return 0;
    }

    @Override
    public boolean oracle() {
      return true;
    }

    @Override
    public Backend create(int threads) {
      return INSTANCE;
    }
  }
}
