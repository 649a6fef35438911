package dev.basin.compute;

import dev.basin.base.InvalidInputException;
import dev.basin.kernel.ParameterLayout;
import dev.basin.kernel.Problem;
import java.util.ArrayDeque;
import org.checkerframework.checker.nullness.qual.MonotonicNonNull;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A problem prepared on {@link SimdBackend}: the data X packed once as the left operand of X·M
 * (forward pass, R{z}) and as the right operand of M·X (the W1 gradient and HVP block), and the
 * workspaces of closed evaluations kept for the next ones (so that repeated evaluations neither
 * allocate nor zero tens of MiB each). Thread-safe.
 */
public final class SimdPrepared implements Prepared {

  /** Idle workspaces kept for reuse. */
  private static final int POOLED = 2;

  private final SimdBackend backend;
  private final Parallel team;
  private final Problem p;
  private final boolean curved;
  private final ArrayDeque<Workspace> idle = new ArrayDeque<>();
  private final MatrixProducts products;
  private PackedGemm.@MonotonicNonNull Packed xAsA;
  private PackedGemm.@MonotonicNonNull Packed xAsB;
  private boolean closed;

  SimdPrepared(SimdBackend backend, Parallel team, Problem p, MatrixProducts products) {
    this.backend = backend;
    this.team = team;
    this.p = p;
    this.curved = ActivationStage.curved(p.activation());
    this.products = products;
  }

  @Override
  public Problem problem() {
    return p;
  }

  @Override
  public SimdBackend backend() {
    return backend;
  }

  @Override
  public MatrixProducts products() {
    return products;
  }

  /**
   * Runs the forward pass at θ. θ (length N) is not modified and must not be modified while the
   * evaluation is in use.
   *
   * @throws InvalidInputException if θ does not have length N
   * @throws IllegalStateException if this prepared problem was closed
   */
  @Override
  public SimdEvaluation evaluate(double[] theta) {
    if (isClosed()) {
      throw new IllegalStateException("this prepared SIMD problem was closed");
    }
    ParameterLayout l = p.layout();
    if (theta.length != l.size()) {
      throw new InvalidInputException("theta", "length " + theta.length + ", expected N = " + l.size());
    }
    Workspace ws = take();
    if (ws == null) {
      ws = new Workspace(p.samples(), l.inputs(), l.hidden(), l.outputs(), curved, team);
    }
    return new SimdEvaluation(this, ws, team, p, theta);
  }

  /** X (n×d) packed as the left operand of products X·M, packed on first use. */
  synchronized PackedGemm.Packed xLeft() {
    PackedGemm.Packed pk = xAsA;
    if (pk == null) {
      pk = PackedGemm.packA(Operand.rows(p.inputs(), 0, p.layout().inputs()), p.samples(), p.layout().inputs());
      xAsA = pk;
    }
    return pk;
  }

  /** X packed as the right operand of products M·X (·×n times n×d), packed on first use. */
  synchronized PackedGemm.Packed xRight() {
    PackedGemm.Packed pk = xAsB;
    if (pk == null) {
      pk = PackedGemm.packB(Operand.rows(p.inputs(), 0, p.layout().inputs()), p.samples(), p.layout().inputs());
      xAsB = pk;
    }
    return pk;
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  private synchronized @Nullable Workspace take() {
    return idle.pollLast();
  }

  /** Keeps a closed evaluation's workspace for the next evaluation (the oldest is dropped). */
  synchronized void recycle(Workspace ws) {
    if (closed) {
      return;
    }
    if (idle.size() >= POOLED) {
      idle.pollFirst();
    }
    idle.addLast(ws);
  }

  /** Drops the packed data and the idle workspaces (heap only; evaluations still open keep theirs). */
  @Override
  public synchronized void close() {
    closed = true;
    idle.clear();
  }
}
