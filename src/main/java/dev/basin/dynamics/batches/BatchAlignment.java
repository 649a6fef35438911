package dev.basin.dynamics.batches;

import dev.basin.base.Vectors;
import dev.basin.dynamics.BatchPartition;
import dev.basin.dynamics.ObjectiveLandscape;
import dev.basin.kernel.Loss;
import dev.basin.linalg.SymmetricEigen;
import dev.basin.model.Objective;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Per-batch gradients and Hessians at one θ against the full-batch ones (spec BATCH-GRAD-COS,
 * BATCH-HESS-FROB, BATCH-HESS-TOP). L_b is the DYN-BATCH estimate on batch b (the batch mean for
 * a mean reduction; rescaled by n/|b| for sum), so L = Σ_b (|b|/n) L_b.
 */
public final class BatchAlignment {

  private BatchAlignment() {}

  /**
   * One batch.
   *
   * @param size |b|
   * @param loss L_b(θ)
   * @param gradNorm ‖∇L_b(θ)‖
   * @param gradCosine cos(∇L_b, ∇L), null when a gradient is zero
   * @param hessFrobenius ⟨H_b, H⟩_F / (‖H_b‖_F ‖H‖_F), null when not computed or a Hessian is zero
   * @param topOverlap |⟨v1(H_b), v1(H)⟩| for the eigenvectors of the largest eigenvalues, null when not computed
   * @param lambdaMax λ_max(H_b), null when not computed
   * @param eigengap λ1(H_b) − λ2(H_b) (top-eigenvector overlap is ill-conditioned when it is small), null when not computed
   */
  public record Batch(int size, double loss, double gradNorm, @Nullable Double gradCosine, @Nullable Double hessFrobenius,
      @Nullable Double topOverlap, @Nullable Double lambdaMax, @Nullable Double eigengap) {}

  /**
   * The full batch and every batch.
   *
   * @param loss L(θ)
   * @param gradNorm ‖∇L(θ)‖
   * @param lambdaMax λ_max(H), null when Hessians were not computed
   * @param eigengap λ1(H) − λ2(H), null when not computed
   * @param batches per batch, in partition order
   */
  public record Result(double loss, double gradNorm, @Nullable Double lambdaMax, @Nullable Double eigengap,
      List<Batch> batches) {}

  /**
   * Computes the alignment at θ (not modified).
   *
   * @param hessians whether to build the explicit Hessians (N ≤ 16384 and the heap; O(N³) each)
   */
  public static Result at(Objective objective, double[] theta, BatchPartition partition, boolean hessians) {
    ObjectiveLandscape land = new ObjectiveLandscape(objective);
    int n = objective.numParams();
    double[] full = new double[n];
    double loss = land.lossAndGradient(theta, full);
    double[] h = null;
    Top top = null;
    if (hessians) {
      h = objective.at(theta).hessian();
      top = Top.of(h, n);
    }
    List<Batch> out = new ArrayList<>();
    double[] g = new double[n];
    for (int c = 0; c < partition.count(); c++) {
      int[] rows = partition.batch(c);
      double lb = land.batchLossAndGradient(theta, rows, g);
      Double frob = null;
      Double overlap = null;
      Double lmax = null;
      Double gap = null;
      if (h != null && top != null) {
        double[] hb = batchHessian(objective, theta, rows);
        frob = Vectors.cosine(hb, h);
        Top tb = Top.of(hb, n);
        overlap = Math.min(1.0, Math.abs(Vectors.dot(tb.vector, top.vector)));
        lmax = tb.value;
        gap = tb.gap;
      }
      out.add(new Batch(rows.length, lb, Vectors.norm(g), Vectors.cosine(g, full), frob, overlap, lmax, gap));
    }
    return new Result(loss, Vectors.norm(full), top == null ? null : top.value, top == null ? null : top.gap,
        List.copyOf(out));
  }

  /** ∇²L_b(θ) with the DYN-BATCH scale (fresh). */
  static double[] batchHessian(Objective objective, double[] theta, int[] rows) {
    double[] hb = objective.withData(objective.data().select(rows)).at(theta).hessian();
    if (objective.loss().reduction() == Loss.SUM) {
      double s = objective.data().size() / (double) rows.length;
      for (int q = 0; q < hb.length; q++) {
        hb[q] *= s;
      }
    }
    return hb;
  }

  /** The largest eigenvalue, its unit eigenvector and the gap to the second. */
  private record Top(double value, double[] vector, double gap) {
    static Top of(double[] a, int n) {
      SymmetricEigen.Result e = SymmetricEigen.of(a, n, true);
      double gap = n > 1 ? e.values()[n - 1] - e.values()[n - 2] : Double.MAX_VALUE;
      return new Top(e.values()[n - 1], e.vector(n - 1), n > 1 ? gap : 0.0);
    }
  }
}
