package dev.basin.sweep;

import dev.basin.base.InvalidInputException;
import dev.basin.base.NonFiniteResultException;
import dev.basin.base.Reported;
import dev.basin.base.Rng;
import dev.basin.data.RealData;
import dev.basin.data.Synthetic;
import dev.basin.dynamics.Fit;
import dev.basin.dynamics.ObjectiveLandscape;
import dev.basin.dynamics.Sampling;
import dev.basin.dynamics.StopRule;
import dev.basin.dynamics.Trainer;
import dev.basin.dynamics.noise.GradientNoise;
import dev.basin.dynamics.noise.IsotropicNoise;
import dev.basin.dynamics.stagnation.BinomialInterval;
import dev.basin.io.DebianDatasets;
import dev.basin.kernel.Activation;
import dev.basin.kernel.Loss;
import dev.basin.measure.Estimate;
import dev.basin.model.Conventions;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.Point;
import dev.basin.model.TwoLayerNet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The task function of a sweep (spec SWEEP-TASK): for task t of a spec, make the data, train the
 * net, and compute the train/test numbers, the generalization gap and the requested measures and
 * bounds. Every random stream derives from the sweep seed and named hyperparameters (spec
 * SWEEP-SEEDS), so the row depends only on (spec, t): engines may run tasks anywhere, in any order,
 * any number of times.
 */
public final class SweepTask {

  private SweepTask() {}

  /** The fixed columns every row has, before the measures and bounds (spec SWEEP-OUTPUT). */
  public static final List<String> FIXED_COLUMNS = List.of("steps_taken", "train_loss", "train_error", "test_loss", "test_error",
      "gap_error", "gap_loss");

  /** Residual tolerance of the stop rule (unused for classification, required by StopRule). */
  private static final double RESIDUAL_TOL = StopRule.DEFAULT_RESIDUAL_TOL;
  /** Fraction of a real data set held out before subsampling (as `basin reproduce`). */
  private static final double REAL_TEST_FRACTION = 0.3;

  /** Real splits are read once per JVM (workers run many tasks on the same data). */
  private static final Map<String, RealData.Split> REAL = new ConcurrentHashMap<>();

  /** Every column of a spec's rows, in order: the fixed ones, the measures, the bounds. */
  public static List<String> columns(SweepSpec spec) {
    List<String> out = new java.util.ArrayList<>(FIXED_COLUMNS);
    out.addAll(spec.measures());
    out.addAll(spec.bounds());
    return List.copyOf(out);
  }

  /** Parsed specs by canonical text: a worker parses each spec it is shipped once. */
  private static final Map<String, SweepSpec> SPECS = new ConcurrentHashMap<>();

  /**
   * The task function every engine calls: task t of the spec given by its canonical JSON, as the
   * row's JSON line (RowCodec). A pure function of its arguments.
   */
  public static String line(String canonicalSpec, long t) {
    SweepSpec spec = SPECS.computeIfAbsent(canonicalSpec, c -> SweepSpec.parse(c, "spec"));
    return RowCodec.encode(run(spec, t));
  }

  /** Runs task t of a spec. */
  public static Row run(SweepSpec spec, long t) {
    Map<String, Object> p = new Design(spec).task(t);
    try {
      return train(spec, t, p);
    } catch (NonFiniteResultException e) {
      return failed(spec, t, p, Row.DIVERGED, String.valueOf(e.getMessage()));
    } catch (InvalidInputException e) {
      return failed(spec, t, p, Row.INVALID, String.valueOf(e.getMessage()));
    }
  }

  private static Row failed(SweepSpec spec, long t, Map<String, Object> p, String status, String message) {
    Map<String, Cell> cells = new LinkedHashMap<>();
    for (String c : columns(spec)) {
      cells.put(c, Cell.missing(status));
    }
    return new Row(t, p, status, "", message, cells);
  }

  /** The key of a task's configuration: every hyperparameter as name=value (seeds of spec SWEEP-SEEDS). */
  static String key(Map<String, Object> p, String... names) {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      sb.append('|').append(n).append('=').append(Axis.key(get(p, n)));
    }
    return sb.toString();
  }

  /** A hyperparameter of a task (every task has all of them). */
  static Object get(Map<String, Object> p, String name) {
    Object v = p.get(name);
    if (v == null) {
      throw new IllegalArgumentException("task lacks hyperparameter " + name);
    }
    return v;
  }

  private static long integer(Map<String, Object> p, String name) {
    return (Long) get(p, name);
  }

  private static double real(Map<String, Object> p, String name) {
    return (Double) get(p, name);
  }

  private static String text(Map<String, Object> p, String name) {
    return (String) get(p, name);
  }

  private static Row train(SweepSpec spec, long t, Map<String, Object> p) {
    int nTrain = (int) integer(p, "n_train");
    double noiseFraction = real(p, "label_noise");
    RealData.Split split = data(spec, nTrain);
    int classes = Math.max(2, split.classes());
    Dataset train = Synthetic.randomizeLabels(split.train(), noiseFraction, classes,
        Rng.of(Design.stream(spec.seed(), "label-noise" + key(p, "n_train"))));
    Dataset test = split.test();
    int out = classes == 2 ? 1 : classes;
    Loss loss = new Loss(out == 1 ? Loss.LOGISTIC : Loss.CE, Loss.MEAN);
    Activation act = Conventions.activation(text(p, "activation"));
    int width = (int) integer(p, "width");
    TwoLayerNet init = Synthetic.randomNet(train.inputs(), width, out, true, false, act, 1.0,
        Rng.of(Design.stream(spec.seed(), "init" + key(p, "seed", "width", "activation"))));
    Objective obj = Objective.of(init, loss, train);
    Trainer.Settings s = settings(spec, p);
    Trainer.Result run = Trainer.run(new ObjectiveLandscape(obj), init.parameters(), s, Trainer.SILENT);
    double[] theta = run.theta();
    TwoLayerNet net = init.withParameters(theta);
    Map<String, Cell> cells = new LinkedHashMap<>();
    cells.put("steps_taken", Cell.of(Reported.exact(run.steps(), "DYN-STOP", "optimizer steps taken")));
    double trainLoss = obj.loss(theta);
    double trainError = errors(net.outputs(train.x(), train.size()), train.labels(), out) / (double) train.size();
    double[] testOut = net.outputs(test.x(), test.size());
    int[] y = test.labels();
    int n = test.size();
    double[] perSample = new double[n];
    double[] none = new double[0];
    for (int i = 0; i < n; i++) {
      perSample[i] = loss.sample(testOut, i * out, out, none, y[i]);
    }
    long wrong = errors(testOut, y, out);
    double testError = wrong / (double) n;
    Estimate testLoss = Estimate.of(perSample, spec.level());
    BinomialInterval cp = BinomialInterval.clopperPearson(wrong, n, spec.level());
    cells.put("train_loss", Cell.of(Reported.exact(trainLoss, "NET-LOSS", "mean training loss")));
    cells.put("train_error", Cell.of(Reported.exact(trainError, "SWEEP-GAP", "training 0-1 error (DYN-FIT)")));
    cells.put("test_loss", Cell.of(Reported.exact(testLoss.value(), "SWEEP-GAP", "mean loss on the held-out rows")));
    cells.put("test_error", Cell.of(Reported.exact(testError, "SWEEP-GAP", "0-1 error on the held-out rows")));
    cells.put("gap_error", Cell.of(new Reported.Estimate(testError - trainError, cp.lower() - trainError,
        cp.upper() - trainError, spec.level(), "Clopper-Pearson (STAG-CP) on the held-out errors", n, "SWEEP-GAP",
        "population 0-1 risk minus training error", "")));
    cells.put("gap_loss", Cell.of(new Reported.Estimate(testLoss.value() - trainLoss, testLoss.low() - trainLoss,
        testLoss.high() - trainLoss, spec.level(), "Student-t (FLAT-CI) over the held-out losses", n, "SWEEP-GAP",
        "population loss minus training loss", "")));
    Point point = obj.at(theta);
    long measureSeed = Design.stream(spec.seed(), "measure" + key(p, "n_train", "label_noise", "width", "activation", "optimizer",
        "lr", "batch", "momentum", "noise", "steps", "seed"));
    for (String m : spec.measures()) {
      cells.put(m, Metrics.evaluate(m, point, measureSeed));
    }
    cells.putAll(Metrics.bounds(spec.bounds(), net, init, train));
    String stop = run.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return new Row(t, p, Row.OK, stop, "", cells);
  }

  /** Misclassified rows of outputs (n·k, not modified) against labels (DYN-FIT's predicted class). */
  private static long errors(double[] outputs, int[] labels, int k) {
    long wrong = 0;
    for (int i = 0; i < labels.length; i++) {
      wrong += Fit.predictedClass(outputs, i * k, k) == labels[i] ? 0 : 1;
    }
    return wrong;
  }

  private static Trainer.Settings settings(SweepSpec spec, Map<String, Object> p) {
    boolean full = text(p, "optimizer").equals("gd");
    double sigma = real(p, "noise");
    GradientNoise noise = sigma > 0 ? new IsotropicNoise(sigma) : GradientNoise.NONE;
    StopRule stop = new StopRule(integer(p, "steps"),
        Double.isNaN(spec.stopLoss()) ? OptionalDouble.empty() : OptionalDouble.of(spec.stopLoss()), OptionalDouble.empty(),
        spec.stopInterpolation(), RESIDUAL_TOL);
    return new Trainer.Settings(real(p, "lr"), real(p, "momentum"),
        full ? Sampling.FULL : Sampling.WITHOUT_REPLACEMENT, (int) integer(p, "batch"), noise, stop, spec.evalEvery(),
        Design.stream(spec.seed(), "train" + key(p, "seed")));
  }

  /**
   * The train/test split of task's n_train (spec SWEEP-DATA): teacher-cls from seeded streams that
   * depend on n_train only (the test set not even on that), or a real data set's prepared split.
   */
  static RealData.Split data(SweepSpec spec, int nTrain) {
    if (spec.source().equals("teacher-cls")) {
      int k = spec.classes();
      TwoLayerNet teacher = Synthetic.randomNet(spec.inputs(), spec.teacherWidth(), k, true, true,
          Activation.of(Activation.RELU), spec.teacherScale(), Rng.of(Design.stream(spec.seed(), "teacher")));
      Dataset train = Synthetic.teacherClassification(teacher, nTrain,
          Rng.of(Design.stream(spec.seed(), "train-data|n_train=" + nTrain)));
      Dataset test = Synthetic.teacherClassification(teacher, spec.nTest(), Rng.of(Design.stream(spec.seed(), "test-data")));
      return new RealData.Split(train, test, k, "teacher-cls");
    }
    String cacheKey = spec.source() + "|" + nTrain + "|" + spec.nTest() + "|" + spec.seed();
    return REAL.computeIfAbsent(cacheKey, k -> real(spec, nTrain));
  }

  private static RealData.Split real(SweepSpec spec, int nTrain) {
    String name = spec.source();
    java.nio.file.Path dir = DebianDatasets.locate(DebianDatasets.pinned(name), DebianDatasets.dataDir());
    long seed = Design.stream(spec.seed(), "real-data");
    return switch (name) {
      case "digits" -> RealData.digits(dir.resolve("digits.csv.gz"),
          new RealData.Preparation(nTrain, spec.nTest(), RealData.classGroups("0-4:5-9", 10), seed), REAL_TEST_FRACTION);
      case "breast-cancer" -> RealData.breastCancer(dir.resolve("breast_cancer.csv"),
          new RealData.Preparation(nTrain, spec.nTest(), new int[0], seed), REAL_TEST_FRACTION);
      case "fashion-mnist" -> RealData.idx(dir, new RealData.Preparation(nTrain, spec.nTest(),
          RealData.classGroups("0-4:5-9", 10), seed));
      default -> throw new InvalidInputException("data.source", "'" + name + "' is not one of " + SweepSpec.SOURCES);
    };
  }
}
