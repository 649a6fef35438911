package dev.basin.dynamics.batches;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.InvalidInputException;
import dev.basin.base.Reported;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The per-batch landscape along a training run as findings (spec BATCH-GRAD-COS, BATCH-HESS-FROB,
 * BATCH-HESS-TOP, BATCH-MIN-TRANSFER, BATCH-MIN-DIST): each checkpoint with its per-batch values
 * and their means and minima over the batches where they are defined.
 */
public final class BatchReport {

  private BatchReport() {}

  /**
   * The steps of {@code checkpoints} (≥ 1) evenly spaced analysis points over a run of
   * {@code trainSteps} (≥ 0) steps, both ends included.
   */
  public static long[] checkpointSteps(long trainSteps, int checkpoints) {
    if (trainSteps < 0) {
      throw new InvalidInputException("--train-steps", trainSteps + " (must be >= 0)");
    }
    if (checkpoints < 1) {
      throw new InvalidInputException("--checkpoints", checkpoints + " (must be >= 1)");
    }
    if (trainSteps == 0 || checkpoints == 1) {
      return new long[] {trainSteps};
    }
    long[] s = new long[checkpoints];
    for (int j = 0; j < checkpoints; j++) {
      s[j] = Math.round(trainSteps * (j / (double) (checkpoints - 1)));
    }
    return s;
  }

  /** Every checkpoint, in order. */
  public static List<Finding> checkpoints(List<AlongTraining.Checkpoint> cps) {
    List<Finding> out = new ArrayList<>();
    for (AlongTraining.Checkpoint c : cps) {
      out.add(checkpoint(c));
    }
    return out;
  }

  /** One checkpoint: the full-data values, the batch statistics and the per-batch list. */
  public static Findings checkpoint(AlongTraining.Checkpoint c) {
    BatchAlignment.Result a = c.alignment();
    Findings.Builder m = Findings.builder()
        .count("step", c.step())
        .put("loss", Reported.exact(a.loss(), "NET-RISK", "full-data loss"))
        .put("grad_norm", Reported.exact(a.gradNorm(), "NET-GRAD", "full-data gradient norm"));
    Stats cos = new Stats("grad_cosine", "BATCH-GRAD-COS");
    Stats frob = new Stats("hessian_frobenius_cosine", "BATCH-HESS-FROB");
    Stats top = new Stats("top_eigenvector_overlap", "BATCH-HESS-TOP");
    List<Findings.Builder> per = new ArrayList<>();
    for (BatchAlignment.Batch b : a.batches()) {
      cos.add(b.gradCosine());
      frob.add(b.hessFrobenius());
      top.add(b.topOverlap());
      Findings.Builder bm = Findings.builder()
          .count("size", b.size())
          .put("loss", Reported.exact(b.loss(), "DYN-BATCH", "batch loss L_b"))
          .put("grad_norm", Reported.exact(b.gradNorm(), "DYN-BATCH", "||grad L_b||"));
      exact(bm, "grad_cosine", b.gradCosine(), "BATCH-GRAD-COS", "cos(grad L_b, grad L)");
      exact(bm, "hessian_frobenius_cosine", b.hessFrobenius(), "BATCH-HESS-FROB", "<H_b, H>_F / (||H_b||_F ||H||_F)");
      exact(bm, "top_eigenvector_overlap", b.topOverlap(), "BATCH-HESS-TOP", "|<v1(H_b), v1(H)>|");
      exact(bm, "lambda_max", b.lambdaMax(), "BATCH-HESS-TOP", "lambda_max(H_b), dense eigensolve");
      exact(bm, "eigengap", b.eigengap(), "BATCH-HESS-TOP", "lambda_1(H_b) - lambda_2(H_b)");
      per.add(bm);
    }
    cos.put(m);
    frob.put(m);
    top.put(m);
    exact(m, "lambda_max", a.lambdaMax(), "BATCH-HESS-TOP", "lambda_max(H), dense eigensolve");
    BatchMinimizers.Result r = c.minimizers();
    if (r != null) {
      String spec = "BATCH-MIN-TRANSFER";
      m.put("small_next_gradient_fraction", Reported.exact(r.smallFraction(), spec,
          "fraction of batches whose minimizer has a small next-batch gradient"))
          .put("mean_distance_to_full_minimizer", Reported.exact(r.meanDistanceToFull(), "BATCH-MIN-DIST",
              "mean over batches of ||theta_b - theta_full||"))
          .flag("full_minimizer_converged", r.fullConverged())
          .put("full_minimizer_grad_norm", Reported.exact(r.fullGradNorm(), spec, "||grad L(theta_full)||"))
          .put("full_minimizer_distance_from_start", Reported.exact(r.fullDistanceFromStart(), "BATCH-MIN-DIST",
              "||theta_full - theta||"));
      int conv = 0;
      for (int i = 0; i < r.batches().size(); i++) {
        BatchMinimizers.Batch b = r.batches().get(i);
        conv += b.converged() ? 1 : 0;
        per.get(i).flag("minimizer_converged", b.converged())
            .count("minimizer_steps", b.steps())
            .put("minimizer_grad_norm", Reported.exact(b.gradNorm(), spec, "||grad L_b(theta_b)||"))
            .put("next_batch_grad_norm", Reported.exact(b.nextGradNorm(), spec, "||grad L_{b+1}(theta_b)||"))
            .put("next_batch_grad_norm_at_start", Reported.exact(b.nextGradNormAtStart(), spec,
                "||grad L_{b+1}(theta)|| at the start point"))
            .flag("next_is_small", b.nextIsSmall())
            .put("distance_to_full_minimizer", Reported.exact(b.distanceToFull(), "BATCH-MIN-DIST",
                "||theta_b - theta_full||"));
      }
      m.count("batch_minimizers_converged", conv);
    }
    List<Finding> batches = new ArrayList<>();
    for (Findings.Builder b : per) {
      batches.add(b.build());
    }
    return m.items("per_batch", batches).build();
  }

  private static void exact(Findings.Builder b, String name, @Nullable Double v, String spec, String method) {
    if (v != null) {
      b.put(name, Reported.exact(v, spec, method));
    }
  }

  /** Mean and minimum of the defined values of one per-batch quantity. */
  private static final class Stats {
    private final String name;
    private final String spec;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private int count;

    Stats(String name, String spec) {
      this.name = name;
      this.spec = spec;
    }

    void add(@Nullable Double v) {
      if (v != null) {
        sum += v;
        min = Math.min(min, v);
        count++;
      }
    }

    void put(Findings.Builder m) {
      if (count > 0) {
        m.put("mean_" + name, Reported.exact(sum / count, spec, "mean over the batches where it is defined"));
        m.put("min_" + name, Reported.exact(min, spec, "minimum over the batches where it is defined"));
      }
    }
  }
}
