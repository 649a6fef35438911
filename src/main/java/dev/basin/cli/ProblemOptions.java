package dev.basin.cli;

import dev.basin.compute.Backend;
import dev.basin.compute.Backends;
import dev.basin.data.Synthetic;
import dev.basin.io.DataFiles;
import dev.basin.io.NetFiles;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.model.Checks;
import dev.basin.model.Conventions;
import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command on a (net, data, loss) uses: {@code --net --data --activation --loss
 * --reduction [--one-hot]}. Files are read and validated once, here at the boundary.
 */
public final class ProblemOptions {

  @Option(names = "--net", required = true, paramLabel = "NET",
      description = "Network weights: .npz or .safetensors with W1, [b1], W2, [b2] (or a PyTorch state_dict 0.weight, 0.bias, 2.weight, 2.bias).")
  private Path net = Path.of("");

  @Option(names = "--data", required = true, paramLabel = "DATA",
      description = "Data: .npz or .safetensors with X (n x d) and y (integer labels) or Y (n x k targets).")
  private Path data = Path.of("");

  @Option(names = "--activation", defaultValue = "relu", paramLabel = "ACT",
      description = "Hidden activation: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}. relu'(0) = 0.",
      completionCandidates = ActivationNames.class)
  private String activation = "relu";

  @Option(names = "--loss", required = true, paramLabel = "LOSS",
      description = "halfsq = (1/n) sum 1/2||f-y||^2; mse = (1/(n k)) sum ||f-y||^2 (PyTorch mse_loss); ce = softmax cross-entropy on integer labels; logistic = binary, k = 1, labels {0,1}.")
  private String loss = "";

  @Option(names = "--reduction", defaultValue = "mean", paramLabel = "RED",
      description = "mean (default; divisor as stated for each loss) or sum.")
  private String reduction = "mean";

  @Option(names = "--one-hot", description = "One-hot encode integer labels y into targets Y (to use halfsq/mse on labelled data).")
  private boolean oneHot;

  /** The activation. */
  public Activation activation() {
    return Conventions.activation(activation);
  }

  /** The loss with its reduction. */
  public Loss loss() {
    return Conventions.loss(loss, reduction);
  }

  @Option(names = "--backend", defaultValue = "auto", paramLabel = "B", completionCandidates = BackendNames.class,
      description = "How losses, gradients and Hessian-vector products are computed: ${COMPLETION-CANDIDATES}. "
          + "auto (default) picks the fastest one available here for the net's size (the reference kernel for exact "
          + "output such as basin hvp); `basin backends` lists which run on this machine. Every backend keeps its "
          + "declared error model (spec COMPUTE-ERROR-MODEL), so eigenvalue certificates hold for all of them.")
  private String backend = Backends.AUTO;

  @Option(names = "--simd-threads", defaultValue = "0", paramLabel = "T",
      description = "CPU threads of the backend (default: available processors; results do not depend on it).")
  private int threads;

  /** Most --simd-threads per available core: oversubscription past this only adds stacks and scratch. */
  static final int MAX_THREADS_PER_CORE = 8;

  /** The backend for a net, from --backend and --simd-threads; exact: whether auto must pick the kernel. */
  private Backend backend(TwoLayerNet forNet, boolean exact) {
    Checks.atLeast("--simd-threads", threads, 0);
    int cores = Runtime.getRuntime().availableProcessors();
    if (threads > MAX_THREADS_PER_CORE * cores) {
      // every thread gets its own stack and per-thread scratch; beyond a few per core they only cost memory
      throw new InvalidInputException("--simd-threads", threads + " is more than " + MAX_THREADS_PER_CORE + " per core ("
          + cores + " cores here); results do not depend on the thread count");
    }
    return Backends.open(backend, exact ? Backends.Guarantee.ORACLE : Backends.Guarantee.DECLARED, forNet.numParams(),
        threads == 0 ? cores : threads);
  }

  /** The network, read and validated. */
  public TwoLayerNet net() {
    return NetFiles.read(net, activation());
  }

  /**
   * Net, data and loss together, validated against each other. An inconsistency between the files
   * (d mismatch, label out of range, wrong target kind) is reported with both file names.
   */
  public Loaded load() {
    return load(false);
  }

  /** As {@link #load()}, but --backend auto means the reference kernel (commands that promise exact output). */
  public Loaded loadExactByDefault() {
    return load(true);
  }

  private Loaded load(boolean exact) {
    Loss l = loss();
    TwoLayerNet n = net();
    Dataset d = DataFiles.read(data);
    try {
      Dataset used = oneHot ? Synthetic.oneHot(d, n.outputs()) : d;
      return new Loaded(n, used, Objective.of(n, l, used).withBackend(backend(n, exact)));
    } catch (InvalidInputException e) {
      throw new InvalidInputException(data + " (with net " + net + ")", String.valueOf(e.getMessage()), e);
    }
  }

  /** The inputs of a command, loaded. */
  public record Loaded(TwoLayerNet net, Dataset data, Objective objective) {}


  /** Backend names for picocli's completion candidates (auto and every registered backend). */
  static final class BackendNames extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    BackendNames() {
      add(Backends.AUTO);
      for (dev.basin.compute.BackendProvider p : Backends.providers()) {
        add(p.name());
      }
    }
  }

  /** Activation names for picocli's completion candidates. */
  static final class ActivationNames extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    ActivationNames() {
      super(java.util.List.of("relu", "leaky_relu[:slope]", "tanh", "sigmoid", "softplus", "identity"));
    }
  }
}
