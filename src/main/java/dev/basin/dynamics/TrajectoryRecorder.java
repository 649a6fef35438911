package dev.basin.dynamics;

import dev.basin.base.Memory;
import dev.basin.io.ArrayFiles;
import dev.basin.io.NdArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the full-batch evaluations of a run (and optionally θ at each of them) and writes
 * them as one .npz/.safetensors file, atomically (spec DYN-TRAJECTORY): {@code step} (int64),
 * {@code loss}, {@code grad_norm}, {@code fit} (accuracy or max residual, when the surface has
 * data) and {@code theta} (records × N, when requested).
 */
public final class TrajectoryRecorder implements Trainer.Listener {

  private final boolean keepParameters;
  private final List<Trainer.Record> records = new ArrayList<>();
  private final List<double[]> thetas = new ArrayList<>();

  /**
   * @param keepParameters whether to keep θ at every record
   * @param expectedRecords an upper bound on the number of records (checked against the heap when θ is kept)
   * @param dimension N
   */
  public TrajectoryRecorder(boolean keepParameters, long expectedRecords, int dimension) {
    this.keepParameters = keepParameters;
    if (keepParameters) {
      Memory.require("record-params", Memory.bytes(expectedRecords, 8L * dimension),
          expectedRecords + " parameter snapshots of N = " + dimension, "record fewer steps");
    }
  }

  @Override
  public void onRecord(Trainer.Record record, double[] theta) {
    records.add(record);
    if (keepParameters) {
      thetas.add(theta.clone());
    }
  }

  /** The records so far. */
  public List<Trainer.Record> records() {
    return List.copyOf(records);
  }

  /** Writes the trajectory so far (atomically; the format by the extension). */
  public void write(Path path) {
    int r = records.size();
    int[] step = new int[r];
    double[] loss = new double[r];
    double[] grad = new double[r];
    double[] fit = new double[r];
    boolean hasFit = r > 0 && records.get(0).fit() != null;
    for (int i = 0; i < r; i++) {
      Trainer.Record rec = records.get(i);
      step[i] = (int) Math.min(Integer.MAX_VALUE, rec.step());
      loss[i] = rec.loss();
      grad[i] = rec.gradNorm();
      Fit f = rec.fit();
      fit[i] = f == null ? 0.0 : f.value();
    }
    List<NdArray> arrays = new ArrayList<>();
    arrays.add(NdArray.ofInts("step", step, r));
    arrays.add(NdArray.of("loss", loss, r));
    arrays.add(NdArray.of("grad_norm", grad, r));
    if (hasFit) {
      arrays.add(NdArray.of("fit", fit, r));
    }
    if (keepParameters && r > 0) {
      int n = thetas.get(0).length;
      double[] all = new double[r * n];
      for (int i = 0; i < r; i++) {
        System.arraycopy(thetas.get(i), 0, all, i * n, n);
      }
      arrays.add(NdArray.of("theta", all, r, n));
    }
    ArrayFiles.write(path, arrays);
  }
}
