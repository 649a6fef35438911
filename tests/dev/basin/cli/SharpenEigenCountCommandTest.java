package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.base.Rng;
import dev.basin.data.Synthetic;
import dev.basin.io.DataFiles;
import dev.basin.io.NetFiles;
import dev.basin.kernel.Activation;
import dev.basin.model.Dataset;
import dev.basin.model.TwoLayerNet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin symmetry sharpen --measure eigencount --target M} (spec SYM-EIGENCOUNT) on an exact
 * minimum (a relu net and the targets it produces itself): the written net computes the same
 * outputs within the rounding budget and has at least the theorem's count of eigenvalues certified
 * above M.
 */
class SharpenEigenCountCommandTest {

  @TempDir
  Path dir;

  @Test
  void theWrittenNetHasTheTheoremsCountAboveMAndTheSameOutputs() throws Exception {
    Rng r = Rng.of(21);
    TwoLayerNet net = Synthetic.randomNet(3, 4, 1, true, true, Activation.of(Activation.RELU), 1.0, r);
    double[] x = Synthetic.gaussianInputs(25, 3, r);
    Dataset data = Dataset.withTargets(25, 3, x, 1, net.outputs(x, 25));
    Path netFile = dir.resolve("net.npz");
    Path dataFile = dir.resolve("data.npz");
    Path out = dir.resolve("sharp.npz");
    Path json = dir.resolve("report.json");
    NetFiles.write(netFile, net);
    DataFiles.write(dataFile, data);
    MeasureCommandTest.Run run = MeasureCommandTest.run("symmetry", "sharpen", "--net", netFile.toString(), "--data",
        dataFile.toString(), "--loss", "halfsq", "--measure", "eigencount", "--target", "5000", "--out", out.toString(),
        "--json", json.toString());
    assertEquals(0, run.code(), run.err());
    JsonNode j = MeasureCommandTest.results(json);
    assertEquals("SYM-EIGENCOUNT", j.get("spec").asText());
    int q = j.get("theorem_count").asInt();
    assertEquals(Math.max(0, j.get("rank").asInt() - Math.min(16, 4) - 1), q, "n1 = 4(3 + 1), n2 = 4, n_b = 1");
    assertTrue(q > 0, "rank " + j.get("rank"));
    assertTrue(j.get("certified_count").asInt() >= q, j.toString());
    assertTrue(j.get("reached").asBoolean());
    assertTrue(j.get("same_function").asBoolean(), j.toString());
    assertTrue(j.get("minimum_to_tolerance").asBoolean(), j.toString());
    TwoLayerNet sharp = NetFiles.read(out, Activation.of(Activation.RELU));
    double[] f0 = net.outputs(x, 25);
    double[] f1 = sharp.outputs(x, 25);
    for (int i = 0; i < f0.length; i++) {
      assertEquals(f0[i], f1[i], 1e-12 * Math.max(1.0, Math.abs(f0[i])), "output " + i);
    }
  }

  @Test
  void aNonPositiveTargetIsBadInput() {
    Rng r = Rng.of(2);
    TwoLayerNet net = Synthetic.randomNet(2, 3, 1, true, true, Activation.of(Activation.RELU), 1.0, r);
    double[] x = Synthetic.gaussianInputs(8, 2, r);
    Path netFile = dir.resolve("n.npz");
    Path dataFile = dir.resolve("d.npz");
    NetFiles.write(netFile, net);
    DataFiles.write(dataFile, Dataset.withTargets(8, 2, x, 1, net.outputs(x, 8)));
    MeasureCommandTest.Run run = MeasureCommandTest.run("symmetry", "sharpen", "--net", netFile.toString(), "--data",
        dataFile.toString(), "--loss", "halfsq", "--measure", "eigencount", "--target", "-1");
    assertEquals(3, run.code(), run.err());
    assertTrue(run.err().contains("target"), run.err());
  }
}
