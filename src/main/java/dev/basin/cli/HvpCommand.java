package dev.basin.cli;

import dev.basin.base.Findings;
import dev.basin.io.ArrayFiles;
import dev.basin.io.NdArray;
import dev.basin.base.InvalidInputException;
import dev.basin.measure.HessianProduct;
import dev.basin.measure.Measures;
import dev.basin.model.Point;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code basin hvp}: one exact Hessian-vector product H v (spec HESS-HVP), written to a .npy file. */
@Command(name = "hvp", mixinStandardHelpOptions = true,
    description = {"Exact Hessian-vector product H v of the loss at the net's parameters (spec/hessian.md HESS-HVP).",
        "V is a .npy vector of length N in the parameter order theta = (W1 row-major, b1, W2 row-major, b2);"
            + " H v is written atomically as float64 with shape (N,)."})
public final class HvpCommand implements Callable<Integer> {

  @Mixin
  private ProblemOptions problem = new ProblemOptions();

  @Option(names = "--vector", required = true, paramLabel = "V.npy", description = "The vector v: a .npy array of shape (N,).")
  private Path vector = Path.of("");

  @Option(names = "--out", required = true, paramLabel = "HV.npy", description = "Where to write H v (.npy, float64, shape (N,)).")
  private Path out = Path.of("");

  @Option(names = "--json", paramLabel = "OUT", description = "Also write a JSON summary (norms, Rayleigh quotient) to OUT.")
  private @Nullable Path json;

  @Spec
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!String.valueOf(out.getFileName()).toLowerCase(java.util.Locale.ROOT).endsWith(".npy")) {
      throw new InvalidInputException(out.toString(), "--out must name a .npy file");
    }
    ProblemOptions.Loaded in = problem.loadExactByDefault();
    int n = in.net().numParams();
    NdArray v = ArrayFiles.readNpy(vector);
    String where = vector + " [" + v.name() + "]";
    if (v.rank() != 1 || v.shape()[0] != n) {
      throw new InvalidInputException(where, "shape " + v.shapeString() + " must be (" + n + ",) = (N,) for "
          + in.net());
    }
    v.requireFinite(vector.toString());
    Point p = in.objective().at(in.net());
    HessianProduct hv = HessianProduct.of(p, v.values());
    Findings results = Findings.builder().putAll(Measures.problem(p)).putAll(hv.findings()).text("out", out.toString())
        .build();
    ArrayFiles.writeNpy(out, NdArray.of("hv", hv.hv(), n));
    Output.emit(spec, json, results);
    return 0;
  }
}
