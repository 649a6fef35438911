package dev.basin.cli;

import dev.basin.base.Findings;
import dev.basin.base.InvalidInputException;
import dev.basin.io.AtomicFiles;
import dev.basin.io.Json;
import dev.basin.io.NetFiles;
import dev.basin.measure.LossSlices;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import java.nio.file.Path;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code basin measure}'s loss slices (spec FLAT-SLICE, FLAT-SLICE-FILTER): which to write and
 * where; each file is CSV, or JSON for a name ending in .json, written atomically.
 */
final class SliceOptions {

  @Option(names = "--slice", paramLabel = "FILE", description = "Write a 1-D filter-normalized loss slice (CSV, or JSON for *.json).")
  private @Nullable Path slice;

  @Option(names = "--slice2d", paramLabel = "FILE", description = "Write a 2-D filter-normalized loss slice (CSV, or JSON for *.json).")
  private @Nullable Path slice2d;

  @Option(names = "--slice-range", defaultValue = "1.0", paramLabel = "R", description = "Slices cover [-R, R] (default ${DEFAULT-VALUE}).")
  private double range = 1.0;

  @Option(names = "--slice-points", defaultValue = "51", paramLabel = "P", description = "Grid points per slice axis (default ${DEFAULT-VALUE}).")
  private int points = 51;

  @Option(names = "--ignore-biases", description = "Zero the bias components of slice directions (Li et al.'s --xignore biasbn).")
  private boolean ignoreBiases;

  @Option(names = "--segment-to", paramLabel = "NET2", description = "Second net for the segment slice (same architecture).")
  private @Nullable Path segmentTo;

  @Option(names = "--segment", paramLabel = "FILE", description = "Write L((1-t) theta + t theta2), t in [-0.5, 1.5] (CSV, or JSON for *.json).")
  private @Nullable Path segment;

  /** Refuses half a segment request (before anything is computed). */
  void check() {
    if ((segmentTo == null) != (segment == null)) {
      throw new InvalidInputException("--segment", "needs both --segment-to NET2 and --segment FILE");
    }
  }

  /** Writes the requested slices at the net's θ and returns which files were written. */
  Findings write(Objective obj, TwoLayerNet net, long seed) {
    Findings.Builder m = Findings.builder();
    double[] theta = net.parameters();
    double[] grid = LossSlices.symmetricGrid(range, points);
    Path s1 = slice;
    Path s2 = slice2d;
    if (s1 != null || s2 != null) {
      double[] d1 = LossSlices.direction(net.layout(), theta, seed, 0, ignoreBiases);
      if (s1 != null) {
        LossSlices.Line line = LossSlices.line(obj, theta, d1, grid);
        write(s1, line, LossSlices.csv(line, "alpha"));
        m.text("line", s1.toString());
      }
      if (s2 != null) {
        double[] d2 = LossSlices.direction(net.layout(), theta, seed, 1, ignoreBiases);
        LossSlices.Plane plane = LossSlices.plane(obj, theta, d1, d2, grid, grid);
        write(s2, plane, LossSlices.csv(plane));
        m.text("plane", s2.toString());
      }
    }
    Path to = segmentTo;
    Path seg = segment;
    if (to != null && seg != null) {
      TwoLayerNet other = NetFiles.read(to, net.activation());
      if (other.numParams() != net.numParams() || other.inputs() != net.inputs() || other.hidden() != net.hidden()) {
        throw new InvalidInputException(to.toString(), "architecture " + other + " differs from the net's " + net);
      }
      LossSlices.Line line = LossSlices.segment(obj, theta, other.parameters(),
          LossSlices.grid(LossSlices.SEGMENT_FROM, LossSlices.SEGMENT_TO, points));
      write(seg, line, LossSlices.csv(line, "t"));
      m.text("segment", seg.toString());
    }
    if (!m.build().isEmpty()) {
      m.text("spec", "FLAT-SLICE, FLAT-SLICE-FILTER");
    }
    return m.build();
  }

  /** A slice as JSON when the file name ends in .json, else as CSV (both atomic). */
  private static void write(Path file, Object slice, String csv) {
    if (file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
      Json.write(file, slice);
    } else {
      AtomicFiles.writeString(file, csv);
    }
  }
}
