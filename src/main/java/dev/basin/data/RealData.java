package dev.basin.data;

import dev.basin.base.Rng;
import dev.basin.io.Idx;
import dev.basin.io.NdArray;
import dev.basin.io.SklearnCsv;
import dev.basin.model.Checks;
import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Real data sets by path (spec DATA-REAL): Fashion-MNIST (or any MNIST-style IDX files), and the
 * UCI digits and breast-cancer tables shipped with scikit-learn. Preparation — class subsets or a
 * binary grouping, seeded subsampling, a seeded train/test split for the tables, and the
 * normalization — is explicit and described in {@link Split#description()}, which reports quote.
 */
public final class RealData {

  private RealData() {}

  /** A train/test pair and a one-paragraph statement of how it was made. */
  public record Split(Dataset train, Dataset test, int classes, String description) {}

  /** How to prepare a labelled data set. */
  public record Preparation(int nTrain, int nTest, int[] classGroups, long seed) {
    /**
     * @param nTrain training rows to keep (0 = all)
     * @param nTest test rows to keep (0 = all)
     * @param classGroups for each original class its new label, or −1 to drop it (empty = keep all)
     * @param seed seed of the subsampling and of the split
     */
    public Preparation {
      Checks.atLeast("n-train", nTrain, 0);
      Checks.atLeast("n-test", nTest, 0);
      classGroups = classGroups.clone();
    }
  }

  /**
   * Parses a class specification: "" (all classes), "0,1" (keep two classes, relabelled 0 and 1
   * in that order), or "0-4:5-9" (binary: classes 0..4 → 0, 5..9 → 1).
   */
  public static int[] classGroups(String spec, int classes) {
    String s = spec.trim();
    if (s.isEmpty()) {
      return new int[0];
    }
    int[] g = new int[classes];
    java.util.Arrays.fill(g, -1);
    String[] groups = s.contains(":") ? s.split(":") : s.split(",");
    for (int label = 0; label < groups.length; label++) {
      for (String part : groups[label].split(",")) {
        String p = part.trim();
        int lo;
        int hi;
        try {
          if (p.contains("-")) {
            lo = Integer.parseInt(p.substring(0, p.indexOf('-')).trim());
            hi = Integer.parseInt(p.substring(p.indexOf('-') + 1).trim());
          } else {
            lo = Integer.parseInt(p);
            hi = lo;
          }
        } catch (NumberFormatException e) {
          throw new InvalidInputException("classes", "cannot parse '" + spec + "' (examples: 0,1 or 0-4:5-9)");
        }
        for (int c = lo; c <= hi; c++) {
          if (c < 0 || c >= classes) {
            throw new InvalidInputException("classes", "class " + c + " does not exist (0.." + (classes - 1) + ")");
          }
          if (g[c] >= 0) {
            throw new InvalidInputException("classes", "class " + c + " appears twice in '" + spec + "'");
          }
          g[c] = label;
        }
      }
    }
    if (groups.length < 2) {
      throw new InvalidInputException("classes", "'" + spec + "' keeps fewer than two classes");
    }
    return g;
  }

  /**
   * Fashion-MNIST (or MNIST) from a directory with train-images-idx3-ubyte, train-labels-idx1-ubyte,
   * t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (each optionally .gz). Pixels are scaled to
   * [0, 1] by /255.
   */
  public static Split idx(Path dir, Preparation prep) {
    Dataset train = idxPart(dir, "train");
    Dataset test = idxPart(dir, "t10k");
    return prepare(train, test, 10, prep, "IDX images from " + dir + ", pixels / 255 in [0, 1], 784 features");
  }

  private static Dataset idxPart(Path dir, String prefix) {
    NdArray images = Idx.read(find(dir, prefix + "-images-idx3-ubyte"));
    NdArray labels = Idx.read(find(dir, prefix + "-labels-idx1-ubyte"));
    if (images.rank() != 3 || labels.rank() != 1 || images.shape()[0] != labels.shape()[0]) {
      throw new InvalidInputException(dir.toString(), prefix + " images " + images.shapeString() + " and labels "
          + labels.shapeString() + " do not match (expected (n, rows, cols) and (n,))");
    }
    int n = images.shape()[0];
    int d = images.shape()[1] * images.shape()[2];
    double[] x = images.values().clone();
    for (int i = 0; i < x.length; i++) {
      x[i] /= 255.0;
    }
    return Dataset.withLabels(n, d, x, labels.asInts(dir.toString()));
  }

  private static Path find(Path dir, String base) {
    for (String name : new String[] {base, base + ".gz"}) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new InvalidInputException(dir.toString(), "no " + base + "[.gz] in this directory");
  }

  /** The UCI digits table (sklearn digits.csv.gz): 8×8 images with values 0..16, scaled by /16. */
  public static Split digits(Path csv, Preparation prep, double testFraction) {
    SklearnCsv.Table t = SklearnCsv.read(csv, false);
    if (t.d() != 64) {
      throw new InvalidInputException(csv.toString(), t.d() + " features; the digits table has 64");
    }
    double[] x = t.x().clone();
    for (int i = 0; i < x.length; i++) {
      x[i] /= 16.0;
    }
    return splitTable(Dataset.withLabels(t.n(), t.d(), x, t.labels()), 10, prep, testFraction,
        "UCI digits from " + csv + " (1797 8x8 images), pixels / 16 in [0, 1], 64 features");
  }

  /**
   * The breast-cancer table (sklearn breast_cancer.csv): 30 features, each standardized with the
   * training split's mean and standard deviation (applied to both splits).
   */
  public static Split breastCancer(Path csv, Preparation prep, double testFraction) {
    SklearnCsv.Table t = SklearnCsv.read(csv, true);
    Split raw = splitTable(Dataset.withLabels(t.n(), t.d(), t.x(), t.labels()), 2, prep, testFraction,
        "Wisconsin breast cancer from " + csv + " (569 rows, 30 features), standardized with training-split mean/std");
    return standardize(raw);
  }

  /** Any labelled data set, split into train/test by a seeded permutation and then prepared. */
  public static Split table(Dataset all, int classes, Preparation prep, double testFraction, String what) {
    return splitTable(all, classes, prep, testFraction, what);
  }

  private static Split splitTable(Dataset all, int classes, Preparation prep, double testFraction, String what) {
    if (!(testFraction > 0.0 && testFraction < 1.0)) {
      throw new InvalidInputException("test-fraction", testFraction + " (must lie strictly between 0 and 1)");
    }
    int[] perm = Rng.of(Rng.derive(prep.seed(), 1)).permutation(all.size());
    int nTest = (int) Math.round(testFraction * all.size());
    if (nTest < 1 || nTest >= all.size()) {
      throw new InvalidInputException("test-fraction", testFraction + " leaves an empty split of " + all.size() + " rows");
    }
    Dataset test = all.select(java.util.Arrays.copyOfRange(perm, 0, nTest));
    Dataset train = all.select(java.util.Arrays.copyOfRange(perm, nTest, perm.length));
    return prepare(train, test, classes, prep, what + "; seeded split " + (all.size() - nTest) + " train / " + nTest + " test");
  }

  private static Split prepare(Dataset train, Dataset test, int classes, Preparation prep, String what) {
    int[] groups = prep.classGroups();
    int outClasses = classes;
    String classText = "all " + classes + " classes";
    if (groups.length > 0) {
      if (groups.length != classes) {
        throw new InvalidInputException("classes", "grouping for " + groups.length + " classes, the data has " + classes);
      }
      train = regroup(train, groups);
      test = regroup(test, groups);
      int max = 0;
      for (int g : groups) {
        max = Math.max(max, g);
      }
      outClasses = max + 1;
      classText = "classes regrouped " + java.util.Arrays.toString(groups) + " (original class -> label, -1 dropped)";
    }
    train = subsample(train, prep.nTrain(), Rng.derive(prep.seed(), 2));
    test = subsample(test, prep.nTest(), Rng.derive(prep.seed(), 3));
    String desc = String.format(Locale.ROOT, "%s; %s; %d training and %d test rows (seeded subsample, seed %d).",
        what, classText, train.size(), test.size(), prep.seed());
    return new Split(train, test, outClasses, desc);
  }

  private static Dataset regroup(Dataset data, int[] groups) {
    int[] y = data.labels();
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      if (y[i] >= groups.length) {
        throw new InvalidInputException("data", "label " + y[i] + " outside the class grouping");
      }
      if (groups[y[i]] >= 0) {
        keep.add(i);
      }
    }
    int[] rows = keep.stream().mapToInt(Integer::intValue).toArray();
    Dataset sel = data.select(rows);
    int[] ys = sel.labels();
    for (int i = 0; i < ys.length; i++) {
      ys[i] = groups[ys[i]];
    }
    return Dataset.withLabels(sel.size(), sel.inputs(), sel.x(), ys);
  }

  private static Dataset subsample(Dataset data, int n, long seed) {
    if (n == 0 || n >= data.size()) {
      return data;
    }
    int[] perm = Rng.of(seed).permutation(data.size());
    return data.select(java.util.Arrays.copyOf(perm, n));
  }

  private static Split standardize(Split s) {
    int n = s.train().size();
    int d = s.train().inputs();
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < d; m++) {
        mean[m] += s.train().x(i, m) / n;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < d; m++) {
        double r = s.train().x(i, m) - mean[m];
        sd[m] += r * r / n;
      }
    }
    for (int m = 0; m < d; m++) {
      sd[m] = sd[m] > 0.0 ? Math.sqrt(sd[m]) : 1.0;
    }
    return new Split(apply(s.train(), mean, sd), apply(s.test(), mean, sd), s.classes(), s.description());
  }

  private static Dataset apply(Dataset data, double[] mean, double[] sd) {
    int d = data.inputs();
    double[] x = data.x();
    for (int i = 0; i < data.size(); i++) {
      for (int m = 0; m < d; m++) {
        x[i * d + m] = (x[i * d + m] - mean[m]) / sd[m];
      }
    }
    return Dataset.withLabels(data.size(), d, x, data.labels());
  }
}
