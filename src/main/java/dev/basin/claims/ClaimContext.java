package dev.basin.claims;

import dev.basin.base.Rng;
import dev.basin.io.NetFiles;
import dev.basin.model.TwoLayerNet;
import dev.basin.base.Progress;
import java.nio.file.Path;

/**
 * What every claim's experiment receives: the run's seed, quick or full mode, the data choice,
 * the output directory and the progress bar.
 *
 * @param seed the run's seed; each claim derives its own streams from it and its ID
 * @param quick quick mode (CI smoke size) instead of the full experiment
 * @param data the data the claims run on
 * @param outDir the report directory (nets go to outDir/nets/ID/)
 * @param progress the progress bar (claims may name sub-tasks)
 */
public record ClaimContext(long seed, boolean quick, DataChoice data, Path outDir, Progress progress) {

  /**
   * A seeded stream for one purpose of one claim: independent of other claims and of the order
   * in which claims run.
   */
  public Rng rng(String claimId, String purpose) {
    return Rng.of(Rng.derive(seed, (claimId + "/" + purpose).hashCode()));
  }

  /** The seed of stream {@code index} for one purpose of one claim (for parallel restarts). */
  public long seed(String claimId, String purpose, long index) {
    return Rng.derive(Rng.derive(seed, (claimId + "/" + purpose).hashCode()), index);
  }

  /** Writes a net under outDir/nets/ID/NAME.npz and returns the path relative to outDir. */
  public String saveNet(String claimId, String name, TwoLayerNet net) {
    Path rel = Path.of("nets", claimId, name + ".npz");
    NetFiles.write(outDir.resolve(rel), net);
    return rel.toString();
  }

  /** A value that depends on the mode: the quick one in quick mode. */
  public int size(int quickValue, int fullValue) {
    return quick ? quickValue : fullValue;
  }
}
