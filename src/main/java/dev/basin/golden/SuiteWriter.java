package dev.basin.golden;

import dev.basin.base.InvalidInputException;
import dev.basin.base.Progress;
import dev.basin.io.ArrayFiles;
import dev.basin.io.DataFiles;
import dev.basin.io.Json;
import dev.basin.io.NdArray;
import dev.basin.kernel.Activation;
import dev.basin.model.Conventions;
import dev.basin.model.TwoLayerNet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a suite (spec GOLDEN-FORMAT, GOLDEN-MANIFEST): per case its net (.npz and .safetensors with
 * PyTorch state_dict names), data, probe vectors and certified answers, then the manifest. Cases are
 * certified on {@code threads} workers; each case is computed sequentially and deterministically and
 * the manifest lists them in preset order, so the files are byte-identical for every thread count
 * (GOLDEN-REPRO).
 */
public final class SuiteWriter {

  private SuiteWriter() {}

  /** What was written: the manifest's path and the number of cases. */
  public record Written(Path manifest, int cases) {}

  /**
   * Writes the preset's suite into dir (created if missing; refused if it holds files but no
   * manifest, so that basin never writes into an unrelated folder).
   *
   * @param dir the suite's folder
   * @param preset smoke, standard or large
   * @param seed the suite's seed
   * @param threads workers (≥ 1)
   * @param progress told of each certified case (from any worker)
   */
  public static Written write(Path dir, String preset, long seed, int threads, Progress progress) {
    List<CaseSpec> cases = Presets.of(preset, seed);
    prepare(dir);
    List<GroundTruth.CaseTruth> truths = certifyAll(cases, dir, Math.max(1, threads), progress);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("format", SuiteFiles.SUITE_FORMAT);
    manifest.put("preset", preset);
    manifest.put("seed", seed);
    manifest.put("spec", "spec/golden.md");
    manifest.put("answers_format", SuiteFiles.ANSWERS_FORMAT + " (spec GOLDEN-ANSWERS)");
    manifest.put("conventions", conventions());
    manifest.put("tolerance_policy", Policy.describe());
    List<Object> list = new ArrayList<>();
    for (GroundTruth.CaseTruth t : truths) {
      list.add(caseEntry(dir, t));
    }
    manifest.put("cases", list);
    Path m = dir.resolve(SuiteFiles.MANIFEST);
    Json.write(m, manifest);
    return new Written(m, truths.size());
  }

  private static void prepare(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InvalidInputException(dir.toString(), "exists and is not a folder");
    }
    try {
      if (Files.isDirectory(dir) && !Files.exists(dir.resolve(SuiteFiles.MANIFEST))) {
        try (var s = Files.list(dir)) {
          if (s.findAny().isPresent()) {
            throw new InvalidInputException(dir.toString(), "is not empty and holds no " + SuiteFiles.MANIFEST
                + " (not a suite); choose an empty or new folder");
          }
        }
      }
      Files.createDirectories(dir);
      // a rewrite starts by removing the old manifest: until the new one is written the suite is incomplete
      Files.deleteIfExists(dir.resolve(SuiteFiles.MANIFEST));
    } catch (IOException e) {
      throw new InvalidInputException(dir.toString(), "cannot create the suite folder: " + e.getMessage(), e);
    }
  }

  private static List<GroundTruth.CaseTruth> certifyAll(List<CaseSpec> cases, Path dir, int threads,
      Progress progress) {
    Progress.Counter done = progress.start("certifying cases", cases.size());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "basin-golden");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<GroundTruth.CaseTruth>> futures = new ArrayList<>();
      for (CaseSpec c : cases) {
        futures.add(pool.submit(() -> {
          GroundTruth.CaseTruth t = GroundTruth.of(c);
          writeCase(dir, t);
          done.step();
          return t;
        }));
      }
      List<GroundTruth.CaseTruth> out = new ArrayList<>();
      for (Future<GroundTruth.CaseTruth> fu : futures) {
        out.add(fu.get());
      }
      return out;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The net's arrays under PyTorch nn.Sequential(Linear, act, Linear) state_dict names. */
  static List<NdArray> netArrays(TwoLayerNet net) {
    int d = net.inputs();
    int h = net.hidden();
    int k = net.outputs();
    List<NdArray> a = new ArrayList<>();
    a.add(NdArray.of(SuiteFiles.W1, net.w1(), h, d));
    double[] b1 = net.b1();
    if (b1 != null) {
      a.add(NdArray.of(SuiteFiles.B1, b1, h));
    }
    a.add(NdArray.of(SuiteFiles.W2, net.w2(), k, h));
    double[] b2 = net.b2();
    if (b2 != null) {
      a.add(NdArray.of(SuiteFiles.B2, b2, k));
    }
    return a;
  }

  private static void writeCase(Path dir, GroundTruth.CaseTruth t) {
    CaseSpec c = t.spec();
    Path cd = dir.resolve(SuiteFiles.caseDir(c.id()));
    List<NdArray> net = netArrays(c.net());
    ArrayFiles.write(cd.resolve(SuiteFiles.NET_NPZ), net);
    ArrayFiles.write(cd.resolve(SuiteFiles.NET_SAFETENSORS), net);
    DataFiles.write(cd.resolve(SuiteFiles.DATA), c.data());
    List<NdArray> probes = new ArrayList<>();
    for (int j = 0; j < c.probes().length; j++) {
      probes.add(NdArray.of(SuiteFiles.probe(j), c.probes()[j], c.probes()[j].length));
    }
    if (t.densityGrid().length > 0) {
      probes.add(NdArray.of(SuiteFiles.DENSITY_GRID, t.densityGrid(), t.densityGrid().length));
    }
    ArrayFiles.write(cd.resolve(SuiteFiles.PROBES), probes);
    Map<String, Object> quantities = new LinkedHashMap<>();
    List<NdArray> arrays = new ArrayList<>();
    for (Expected e : t.expected()) {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("kind", e.kind().label());
      q.put("spec", e.spec());
      q.put("method", e.method());
      if (e.scalar()) {
        q.put("value", e.value()[0]);
        q.put("lo", e.lo()[0]);
        q.put("hi", e.hi()[0]);
        Map<String, Object> tol = new LinkedHashMap<>();
        for (Precision p : Precision.values()) {
          tol.put(p.label(), e.tolerance(p)[0]);
        }
        q.put("tolerance", tol);
      } else {
        q.put("length", e.size());
        Map<String, Object> names = new LinkedHashMap<>();
        addArray(arrays, names, e.quantity(), "value", e.value());
        addArray(arrays, names, e.quantity(), "lo", e.lo());
        addArray(arrays, names, e.quantity(), "hi", e.hi());
        for (Precision p : Precision.values()) {
          addArray(arrays, names, e.quantity(), "tolerance_" + p.label(), e.tolerance(p));
        }
        q.put("arrays", names);
      }
      if (!e.facts().isEmpty()) {
        q.put("facts", e.facts());
      }
      quantities.put(e.quantity(), q);
    }
    ArrayFiles.write(cd.resolve(SuiteFiles.EXPECTED_ARRAYS), arrays);
    Map<String, Object> ex = new LinkedHashMap<>();
    ex.put("format", SuiteFiles.EXPECTED_FORMAT);
    ex.put("case", c.id());
    ex.put("quantities", quantities);
    Json.write(cd.resolve(SuiteFiles.EXPECTED), ex);
  }

  private static void addArray(List<NdArray> arrays, Map<String, Object> names, String quantity, String field,
      double[] v) {
    String name = SuiteFiles.array(quantity, field);
    arrays.add(NdArray.of(name, v, v.length));
    names.put(field, name);
  }

  private static Map<String, Object> caseEntry(Path dir, GroundTruth.CaseTruth t) {
    CaseSpec c = t.spec();
    TwoLayerNet net = c.net();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("summary", c.summary());
    m.put("tags", c.tags());
    m.put("activation", torchActivation(net.activation()));
    if (net.activation().kind() == Activation.LEAKY_RELU) {
      m.put("negative_slope", net.activation().slope());
    }
    m.put("loss", Conventions.name(c.loss()));
    m.put("reduction", Conventions.reductionName(c.loss()));
    m.put("loss_formula", Conventions.formula(c.loss()));
    m.put("d", net.inputs());
    m.put("h", net.hidden());
    m.put("k", net.outputs());
    m.put("n", c.data().size());
    m.put("num_params", net.numParams());
    Map<String, Object> biases = new LinkedHashMap<>();
    biases.put(SuiteFiles.B1, net.b1() != null);
    biases.put(SuiteFiles.B2, net.b2() != null);
    m.put("biases", biases);
    String cd = SuiteFiles.caseDir(c.id());
    Map<String, Object> files = new LinkedHashMap<>();
    files.put("net", cd + "/" + SuiteFiles.NET_NPZ);
    files.put("net_safetensors", cd + "/" + SuiteFiles.NET_SAFETENSORS);
    files.put("data", cd + "/" + SuiteFiles.DATA);
    files.put("probes", cd + "/" + SuiteFiles.PROBES);
    files.put("expected", cd + "/" + SuiteFiles.EXPECTED);
    files.put("expected_arrays", cd + "/" + SuiteFiles.EXPECTED_ARRAYS);
    m.put("files", files);
    Map<String, Object> inputs = new LinkedHashMap<>();
    List<String> probeNames = new ArrayList<>();
    for (int j = 0; j < c.probes().length; j++) {
      probeNames.add(SuiteFiles.PROBES + " " + SuiteFiles.probe(j) + " -> " + GroundTruth.HVP + j);
    }
    inputs.put("probes", probeNames);
    if (t.densityGrid().length > 0) {
      inputs.put("density_grid", SuiteFiles.PROBES + " " + SuiteFiles.DENSITY_GRID);
      inputs.put("density_kernel_width", t.densityWidth());
    }
    m.put("inputs", inputs);
    Map<String, Object> sums = new LinkedHashMap<>();
    for (Object f : files.values()) {
      sums.put((String) f, sha256(dir.resolve((String) f)));
    }
    m.put("sha256", sums);
    List<String> names = new ArrayList<>();
    Map<String, Object> lengths = new LinkedHashMap<>();
    for (Expected e : t.expected()) {
      names.add(e.quantity());
      lengths.put(e.quantity(), e.scalar() ? 0 : e.size());
    }
    m.put("quantities", names);
    m.put("lengths", lengths);
    Map<String, Object> facts = new LinkedHashMap<>(c.facts());
    facts.putAll(t.facts());
    m.put("facts", facts);
    Map<String, Object> v = new LinkedHashMap<>();
    for (Precision p : Precision.values()) {
      v.put(p.label(), t.violations().get(p.ordinal()));
    }
    m.put("model_violations", v);
    return m;
  }

  /** The activation's PyTorch module name. */
  static String torchActivation(Activation a) {
    return switch (a.kind()) {
      case Activation.RELU -> "relu";
      case Activation.LEAKY_RELU -> "leaky_relu";
      case Activation.TANH -> "tanh";
      case Activation.SIGMOID -> "sigmoid";
      case Activation.SOFTPLUS -> "softplus";
      default -> "identity";
    };
  }

  private static Map<String, Object> conventions() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("network", "f(x) = W2 act(W1 x + b1) + b2 = torch.nn.Sequential(nn.Linear(d, h), act, nn.Linear(h, k))"
        + " with state_dict names 0.weight (h, d), 0.bias (h,), 2.weight (k, h), 2.bias (k,) (NET-PARAM-ORDER)");
    m.put("parameter_order", "theta = (0.weight row-major, 0.bias, 2.weight row-major, 2.bias), absent biases left"
        + " out: torch's parameters() flattened in order. Every vector quantity (gradient, hvp_j, diagonal) is in this"
        + " order");
    m.put("activations", "relu'(0) = 0; leaky_relu'(0) = negative_slope; act'' = 0 for relu, leaky_relu and identity;"
        + " softplus(z) = log(1 + exp(z)) (torch's threshold 20 is not applied)");
    Map<String, Object> losses = new LinkedHashMap<>();
    losses.put("halfsq", "sum_i 1/2 ||f(x_i) - y_i||^2, divided by n for mean");
    losses.put("mse", "torch mse_loss: sum_i ||f(x_i) - y_i||^2, divided by n k for mean");
    losses.put("ce", "torch cross_entropy on integer labels y, divided by n for mean");
    losses.put("logistic", "torch binary_cross_entropy_with_logits on labels y in {0, 1} (k = 1), divided by n for mean");
    m.put("losses", losses);
    m.put("data", "data.npz: X (n, d) and either y (n,) int64 labels or Y (n, k) float64 targets");
    m.put("probes", "probes.npz: v0 (N,) Gaussian, v1 (N,) Rademacher; hvp_j = H v_j");
    m.put("eigenvalues", "top_eigenvalues largest first, bottom_eigenvalues smallest first, spectrum ascending");
    m.put("block_traces", "traces of the diagonal blocks of the parameter tensors in state_dict order (facts.blocks)");
    m.put("density", "phi(t) = (1/N) sum_j exp(-((t - lambda_j)/s)^2/2) / (s sqrt(2 pi)) at the grid t of"
        + " probes.npz density_grid, s = inputs.density_kernel_width");
    m.put("fmin", "inf of tr H over the per-unit rescalings of a positively homogeneous net (SYM-FMIN):"
        + " C + sum_j 2 sqrt(A_j B_j) from the unit traces");
    m.put("bounds", "classifier cases (ce, logistic) answer every applicable catalogued bound of spec/bounds.md under its"
        + " spec ID (GOLDEN-BOUNDS): basin audit's enclosure of the paper's expression (where the entry has one, else"
        + " its value) at delta = 0.05 and gamma = the floor(m/10)-th smallest training margin; the quantity's facts"
        + " give its kind and the ingredients' enclosures, the case's facts.bounds the margin and why other entries"
        + " do not apply");
    return m;
  }

  /** The sha256 of a written file, in hex. */
  static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read back: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
