package dev.basin.compute.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.basin.compute.Backend;
import dev.basin.compute.BackendProvider;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import java.util.List;

/**
 * On a GPU, the CUDA backend's results equal the Java emulator's bit for bit (spec COMPUTE-CUDA):
 * run by bin/gpu-check; skipped where the CUDA backend is unavailable (CI). Adds problems with many
 * full 128×128 tiles and long chains (n = 2000 samples).
 */
class GpuMatchesEmulatorTest extends DeviceMatchesEmulator {

  @Override
  protected Backend open() {
    BackendProvider.Availability a = new CudaProvider().availability();
    assumeTrue(a.available(), () -> "no GPU: " + a.detail());
    return new CudaProvider().create(1);
  }

  @Override
  protected List<Case> extraCases() {
    return List.of(
        Cases.sized(9001, Activation.of(Activation.RELU), Loss.CE, Loss.MEAN, true, true, 300, 257, 10, 2000),
        Cases.sized(9002, Activation.of(Activation.TANH), Loss.HALFSQ, Loss.SUM, true, false, 129, 384, 7, 1500),
        Cases.sized(9003, Activation.leakyRelu(0.1), Loss.MSE, Loss.MEAN, false, true, 513, 200, 3, 700));
  }
}
