package dev.basin.io;

import dev.basin.base.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV files scikit-learn ships in sklearn/datasets/data (spec IO-SKLEARN-CSV), raw or
 * gzip-compressed: {@code digits.csv.gz} (1797 rows of 64 pixel values 0–16 and the digit label,
 * no header) and {@code breast_cancer.csv} (a header line "569,30,malignant,benign", then rows of
 * 30 features and the 0/1 target). Each row's last column is the integer label.
 */
public final class SklearnCsv {

  /** Rows of features and their integer labels. */
  public record Table(int n, int d, double[] x, int[] labels) {}

  private SklearnCsv() {}

  /** A decimal number as CSV writers (numpy.savetxt, pandas) write it: sign, digits, point, exponent. */
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  /**
   * Reads a label-last CSV. If {@code headerLine} is true, the first line "n,d,..." is checked
   * against the data.
   */
  public static Table read(Path path, boolean headerLine) {
    String file = path.toString();
    byte[] raw = ArrayFiles.bytes(path);
    String text;
    if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B) {
      text = new String(ArrayFiles.gunzip(raw, file), StandardCharsets.UTF_8);
    } else {
      text = new String(raw, StandardCharsets.UTF_8);
    }
    String[] lines = text.split("\r?\n");
    int start = 0;
    int declaredN = -1;
    int declaredD = -1;
    if (headerLine) {
      if (lines.length == 0) {
        throw new InvalidInputException(file, "empty CSV");
      }
      String[] h = lines[0].split(",");
      try {
        declaredN = Integer.parseInt(h[0].trim());
        declaredD = Integer.parseInt(h[1].trim());
      } catch (RuntimeException e) {
        throw new InvalidInputException(file, "line 1: expected a header 'n,d,...', got '" + lines[0] + "'");
      }
      start = 1;
    }
    List<double[]> rows = new ArrayList<>();
    int width = -1;
    for (int li = start; li < lines.length; li++) {
      String line = lines[li].trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split(",");
      if (width < 0) {
        width = parts.length;
      } else if (parts.length != width) {
        throw new InvalidInputException(file, "line " + (li + 1) + ": " + parts.length + " columns, expected " + width);
      }
      double[] r = new double[parts.length];
      for (int c = 0; c < parts.length; c++) {
        try {
          String t = parts[c].trim();
          if (!DECIMAL.matcher(t).matches()) {
            // Double.parseDouble would also take "1d", "0x1p3" and "Infinity", which no CSV writer means
            throw new NumberFormatException(t);
          }
          r[c] = Double.parseDouble(t);
        } catch (NumberFormatException e) {
          throw new InvalidInputException(file, "line " + (li + 1) + ", column " + (c + 1) + ": '" + parts[c] + "' is not a number");
        }
        if (!Double.isFinite(r[c])) {
          throw new InvalidInputException(file, "line " + (li + 1) + ", column " + (c + 1) + " is not finite");
        }
      }
      rows.add(r);
    }
    if (rows.isEmpty() || width < 2) {
      throw new InvalidInputException(file, "no data rows with features and a label");
    }
    int n = rows.size();
    int d = width - 1;
    if (headerLine && (declaredN != n || declaredD != d)) {
      throw new InvalidInputException(file, "header declares " + declaredN + " rows x " + declaredD + " features, the file has "
          + n + " x " + d + " (truncated?)");
    }
    double[] x = new double[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double[] r = rows.get(i);
      System.arraycopy(r, 0, x, i * d, d);
      double label = r[d];
      if (label != Math.rint(label) || label < 0) {
        throw new InvalidInputException(file, "row " + (i + 1) + ": label " + label + " is not a non-negative integer");
      }
      y[i] = (int) label;
    }
    return new Table(n, d, x, y);
  }
}
