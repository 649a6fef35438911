package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.io.ArrayFiles;
import dev.basin.io.Json;
import dev.basin.io.NdArray;
import dev.basin.io.NetFiles;
import dev.basin.io.DataFiles;
import dev.basin.model.Conventions;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code basin hessian} and {@code basin hvp} against an independent float64 autograd oracle:
 * PyTorch 1.13 (Debian's python3-torch), tests/golden/make_torch_hessians.py, committed under
 * tests/resources/golden/torch/ (see the README there). 16 random nets covering relu, leaky relu,
 * tanh, sigmoid, softplus and identity; halfsq, mse, ce and logistic; mean and sum; with and
 * without biases; N from 12 to 302; two stored as PyTorch state_dicts.
 *
 * <p>Error budget. Both sides evaluate the same sums in float64 in different orders, so they
 * differ by rounding: about n·u relative to the sum of the terms' magnitudes (n ≤ 50 samples,
 * u = 2^-53 ≈ 1.1e-16), i.e. ≲ 1e-14 relative for these well-scaled cases. Loss, gradient and
 * Hessian entries are compared with {@link #REL} = 1e-12 relative to the largest magnitude of the
 * compared quantity (norm-wise, so that entries that cancel to ~0 are not held to a relative
 * standard they cannot meet). Eigenvalues: the criterion, |λ_basin − λ_torch| ≤ 1e-9 ·
 * ‖H‖₂ for every eigenvalue (both solvers are backward stable to ~N·u·‖H‖₂ ≈ 1e-13·‖H‖₂, so
 * 1e-9 is a loose bound; a wrong entry of H moves eigenvalues by far more).
 */
class TorchHessianTest {

  private static final double REL = 1e-12;
  private static final double EIG_REL = 1e-9;

  @TempDir
  Path dir;

  static Path torchDir() {
    URL u = TorchHessianTest.class.getResource("/golden/torch/cases.json");
    if (u == null) {
      throw new IllegalStateException("missing test resource golden/torch/cases.json");
    }
    try {
      return Path.of(u.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<JsonNode> cases() {
    List<JsonNode> out = new ArrayList<>();
    Json.read(torchDir().resolve("cases.json")).get("cases").forEach(out::add);
    return out;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  private static void assertNormwise(double[] expected, double[] actual, double rel, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    double tol = rel * maxAbs(expected);
    double worst = 0;
    int at = -1;
    for (int i = 0; i < expected.length; i++) {
      double e = Math.abs(expected[i] - actual[i]);
      if (!(e <= worst)) {
        worst = e;
        at = i;
      }
    }
    double w = worst;
    int a = at;
    assertTrue(w <= tol, () -> what + ": max deviation " + w + " at " + a + " exceeds " + tol);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void basinHessianAgreesWithPytorchAutograd(JsonNode c) {
    String name = c.get("name").asText();
    Path net = torchDir().resolve(name + "_net.npz");
    Path data = torchDir().resolve(name + "_data.npz");
    Map<String, NdArray> exp = ArrayFiles.read(torchDir().resolve(name + "_expected.npz"));
    String act = c.get("activation").asText();
    String loss = c.get("loss").asText();
    String red = c.get("reduction").asText();
    int n = c.get("num_params").asInt();
    Path json = dir.resolve("report.json");
    Path hFile = dir.resolve("H.npy");
    Cli.run("hessian", "--net", net, "--data", data, "--activation", act, "--loss", loss, "--reduction", red,
        "--json", json, "--save-hessian", hFile).ok();
    JsonNode rep = Cli.json(json);
    assertEquals(n, rep.get("num_params").asInt(), name);

    double lossTorch = exp.get("loss").values()[0];
    assertEquals(lossTorch, rep.at("/loss/value").asDouble(), REL * Math.abs(lossTorch), name + " loss");
    // the full gradient through the library on the same files (the report holds its norm)
    TwoLayerNet tn = NetFiles.read(net, Conventions.activation(act));
    Objective obj = Objective.of(tn, Conventions.loss(loss, red), DataFiles.read(data));
    double[] gTorch = exp.get("gradient").values();
    assertNormwise(gTorch, obj.gradient(tn.parameters()), REL, name + " gradient");
    double gNorm = 0;
    for (double g : gTorch) {
      gNorm += g * g;
    }
    assertEquals(Math.sqrt(gNorm), rep.at("/grad_norm/value").asDouble(), REL * Math.sqrt(gNorm), name + " grad_norm");

    double[] h = ArrayFiles.readNpy(hFile).values();
    double[] eigTorch = exp.get("eigenvalues").values();
    double spectral = Math.max(Math.abs(eigTorch[0]), Math.abs(eigTorch[n - 1]));
    if (exp.containsKey("hessian")) {
      assertNormwise(exp.get("hessian").values(), h, REL, name + " Hessian entries");
    } else {
      // N > 100: 8 full rows are stored (a few hundred KB budget for the golden files)
      double[] rows = exp.get("hessian_rows").values();
      double[] index = exp.get("row_index").values();
      double[] ours = new double[rows.length];
      for (int r = 0; r < index.length; r++) {
        System.arraycopy(h, (int) index[r] * n, ours, r * n, n);
      }
      assertNormwise(rows, ours, REL * maxAbs(h) / maxAbs(rows), name + " Hessian rows");
    }
    double[] eig = new double[n];
    for (int i = 0; i < n; i++) {
      eig[i] = rep.at("/eigenvalues/eigenvalues/values").get(i).asDouble();
    }
    double tol = EIG_REL * spectral;
    for (int i = 0; i < n; i++) {
      int k = i;
      assertTrue(Math.abs(eig[i] - eigTorch[i]) <= tol,
          () -> name + " eigenvalue " + k + ": basin " + eig[k] + " torch " + eigTorch[k] + " tol " + tol);
    }
    assertEquals(spectral, rep.at("/eigenvalues/spectral_norm/value").asDouble(), tol, name + " spectral norm");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void basinHvpAgreesWithPytorchHvp(JsonNode c) {
    String name = c.get("name").asText();
    Map<String, NdArray> exp = ArrayFiles.read(torchDir().resolve(name + "_expected.npz"));
    Path v = dir.resolve("v.npy");
    ArrayFiles.writeNpy(v, NdArray.of("v", exp.get("v").values(), exp.get("v").values().length));
    Path out = dir.resolve("hv.npy");
    Cli.run("hvp", "--net", torchDir().resolve(name + "_net.npz"), "--data", torchDir().resolve(name + "_data.npz"),
        "--activation", c.get("activation").asText(), "--loss", c.get("loss").asText(), "--reduction",
        c.get("reduction").asText(), "--vector", v, "--out", out).ok();
    assertNormwise(exp.get("hv").values(), ArrayFiles.readNpy(out).values(), REL, name + " H v");
  }
}
