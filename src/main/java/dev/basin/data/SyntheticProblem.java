package dev.basin.data;

import dev.basin.base.Memory;
import dev.basin.base.Rng;
import dev.basin.kernel.Activation;
import dev.basin.model.Checks;
import dev.basin.model.Conventions;
import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import dev.basin.model.TwoLayerNet;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A complete recipe for a synthetic net and data set (spec DATA-GENERATE): which model, its
 * sizes and scales, and one seed from which every random draw follows through fixed sub-streams.
 * The same recipe gives bit-identical nets and data. Used by {@code basin generate} and
 * {@code basin demo}.
 *
 * @param kind the model
 * @param seed the seed of all draws
 * @param d input dimension
 * @param h hidden width of the net
 * @param k output dimension of the net (1 for the index models)
 * @param n number of samples (ignored for {@link Kind#RANDOM_NET})
 * @param hasB1 whether the net has a hidden bias b1
 * @param hasB2 whether the net has an output bias b2
 * @param activation the net's activation (it defines the teacher's function)
 * @param scale the net's scale s (spec DATA-RANDOM-NET)
 * @param noise standard deviation of the Gaussian noise on real targets
 * @param directions r, the number of directions of an index model
 * @param link the link of an index model by name, or null for the kind's default
 * @param labelFraction fraction of teacher-classification labels replaced by random ones
 */
public record SyntheticProblem(Kind kind, long seed, int d, int h, int k, int n, boolean hasB1, boolean hasB2,
    Activation activation, double scale, double noise, int directions, @Nullable String link, double labelFraction) {

  /** The synthetic models (spec DATA-GENERATE). */
  public enum Kind {
    /** A random net only (spec DATA-RANDOM-NET); no data. */
    RANDOM_NET,
    /** Teacher net and regression data from it (spec DATA-TEACHER). */
    TEACHER_REGRESSION,
    /** Teacher net and classification labels from it (spec DATA-TEACHER). */
    TEACHER_CLASSIFICATION,
    /** Gaussian inputs with uniformly random labels (spec DATA-RANDOM-LABELS) and a random net. */
    RANDOM_LABELS,
    /** Multi-index regression data (spec DATA-MULTI-INDEX) and a random net. */
    MULTI_INDEX,
    /** Sum-of-single-index regression data (spec DATA-SINGLE-INDEX-SUM) and a random net. */
    SINGLE_INDEX_SUM;

    /** The kind's name on the command line, e.g. "teacher-regression". */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind named s, or an error listing the names. */
    public static Kind parse(String s) {
      for (Kind kd : values()) {
        if (kd.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
          return kd;
        }
      }
      throw new InvalidInputException("kind", "unknown '" + s + "'; expected one of " + names());
    }

    /** All names, comma-separated. */
    public static String names() {
      StringBuilder sb = new StringBuilder();
      for (Kind kd : values()) {
        sb.append(sb.length() == 0 ? "" : ", ").append(kd.label());
      }
      return sb.toString();
    }

    /** Whether this kind makes a data set. */
    public boolean hasData() {
      return this != RANDOM_NET;
    }

    /** Whether the net is the teacher that produced the data (else it is an independent random net). */
    public boolean netIsTeacher() {
      return this == TEACHER_REGRESSION || this == TEACHER_CLASSIFICATION;
    }

    /** Whether the data has integer labels (else real targets). */
    public boolean hasLabels() {
      return this == TEACHER_CLASSIFICATION || this == RANDOM_LABELS;
    }

    /** Whether the data comes from an index model. */
    public boolean isIndexModel() {
      return this == MULTI_INDEX || this == SINGLE_INDEX_SUM;
    }
  }

  /** Sub-stream of the net's weights (spec DATA-GENERATE). */
  static final int STREAM_NET = 0;
  /** Sub-stream of the index directions U. */
  static final int STREAM_DIRECTIONS = 1;
  /** Sub-stream of the inputs X and then the noise. */
  static final int STREAM_DATA = 2;
  /** Sub-stream of random labels. */
  static final int STREAM_LABELS = 3;

  /** What a recipe produced: the net, the data set (null for a random net), and what they are. */
  public record Generated(TwoLayerNet net, @Nullable Dataset data, String netDescription, String dataDescription) {}

  /** Validates the recipe; every problem is an {@link InvalidInputException} naming the option. */
  public SyntheticProblem {
    Checks.atLeast("d", d, 1);
    Checks.atLeast("h", h, 1);
    Checks.atLeast("k", k, 1);
    Checks.atLeast("n", n, 1);
    Checks.positive("scale", scale);
    Checks.nonNegative("noise", noise);
    if (!(labelFraction >= 0.0 && labelFraction <= 1.0)) {
      throw new InvalidInputException("label-fraction", labelFraction + " (must lie in [0, 1])");
    }
    if (labelFraction > 0.0 && kind != Kind.TEACHER_CLASSIFICATION) {
      throw new InvalidInputException("label-fraction", "applies to teacher-classification only (random-labels is fully random)");
    }
    if (kind.isIndexModel()) {
      if (k != 1) {
        throw new InvalidInputException("k", k + ": " + kind.label() + " targets are scalar, so the net needs k = 1");
      }
      Checks.atLeast("directions", directions, 1);
      if (directions > d) {
        throw new InvalidInputException("directions", directions + " orthonormal directions do not fit in d = " + d);
      }
      if (kind == Kind.MULTI_INDEX) {
        IndexModels.MultiLink.parse(link == null ? "product" : link);
      } else {
        IndexModels.ScalarLink.parse(link == null ? "relu" : link);
      }
    } else if (link != null) {
      throw new InvalidInputException("link", "applies to multi-index and single-index-sum only");
    }
    TwoLayerNet.layout(d, h, k, hasB1, hasB2);
    long doubles = (long) h * (d + k + 2) + (kind.hasData() ? 3L * n * ((long) d + k + directions + 1) : 0L);
    if (doubles > (Integer.MAX_VALUE - 8)) {
      throw new InvalidInputException("sizes", "d=" + d + ", h=" + h + ", k=" + k + ", n=" + n + " need "
          + Memory.format(8 * doubles) + ", more than a Java array holds");
    }
    Memory.require("sizes", 8 * doubles, "d=" + d + ", h=" + h + ", k=" + k + ", n=" + n + " (the generated net and data)",
        "lower --n, --d, --h or --k");
  }

  /** The number of classes of labelled data: k for k ≥ 2, else 2 (binary labels for k = 1). */
  public int classes() {
    return k >= 2 ? k : 2;
  }

  /** Draws the net and the data set. */
  public Generated generate() {
    TwoLayerNet net = Synthetic.randomNet(d, h, k, hasB1, hasB2, activation, scale, stream(STREAM_NET));
    String netText = (kind.netIsTeacher() ? "the teacher: " : kind.hasData() ? "a random net independent of the data: " : "a random net: ")
        + "DATA-RANDOM-NET at scale " + scale + ", " + TwoLayerNet.describe(net.layout()) + ", activation "
        + Conventions.name(activation);
    Rng data = stream(STREAM_DATA);
    return switch (kind) {
      case RANDOM_NET -> new Generated(net, null, netText, "none");
      case TEACHER_REGRESSION -> new Generated(net, Synthetic.teacherRegression(net, n, noise, data), netText,
          "DATA-TEACHER regression: Y = teacher(x) + " + noise + " * N(0, I_" + k + "), x ~ N(0, I_" + d + ")");
      case TEACHER_CLASSIFICATION -> {
        Dataset ds = Synthetic.teacherClassification(net, n, data);
        if (labelFraction > 0.0) {
          ds = Synthetic.randomizeLabels(ds, labelFraction, classes(), stream(STREAM_LABELS));
        }
        yield new Generated(net, ds, netText, "DATA-TEACHER classification: y = "
            + (k == 1 ? "1[teacher(x) > 0]" : "argmax teacher(x)") + ", x ~ N(0, I_" + d + ")"
            + (labelFraction > 0.0 ? "; DATA-RANDOM-LABELS on a fraction " + labelFraction + " of the rows" : ""));
      }
      case RANDOM_LABELS -> {
        double[] x = Synthetic.gaussianInputs(n, d, data);
        int[] y = Synthetic.randomLabels(n, classes(), stream(STREAM_LABELS));
        yield new Generated(net, Dataset.withLabels(n, d, x, y), netText,
            "DATA-RANDOM-LABELS: y uniform on {0.." + (classes() - 1) + "}, x ~ N(0, I_" + d + ")");
      }
      case MULTI_INDEX -> {
        IndexModels.MultiLink g = IndexModels.MultiLink.parse(link == null ? "product" : link);
        double[] u = IndexModels.orthonormalDirections(d, directions, stream(STREAM_DIRECTIONS));
        yield new Generated(net, IndexModels.multiIndex(n, d, u, directions, g, noise, data), netText,
            "DATA-MULTI-INDEX: y = " + g.label() + "(U^T x) + " + noise + " * N(0, 1), U orthonormal d x r = "
                + d + " x " + directions + ", x ~ N(0, I_" + d + ")");
      }
      case SINGLE_INDEX_SUM -> {
        IndexModels.ScalarLink phi = IndexModels.ScalarLink.parse(link == null ? "relu" : link);
        double[] u = IndexModels.orthonormalDirections(d, directions, stream(STREAM_DIRECTIONS));
        yield new Generated(net, IndexModels.singleIndexSum(n, d, u, directions, phi, noise, data), netText,
            "DATA-SINGLE-INDEX-SUM: y = (1/sqrt(r)) sum_j " + phi.label() + "(u_j^T x) + " + noise
                + " * N(0, 1), r = " + directions + " orthonormal u_j, x ~ N(0, I_" + d + ")");
      }
    };
  }

  private Rng stream(int index) {
    return Rng.of(Rng.derive(seed, index));
  }
}
