package dev.basin.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.sweep.LocalEngine;
import dev.basin.sweep.Sweep;
import dev.basin.sweep.SweepEngine;
import dev.basin.sweep.SweepSpec;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI integration test of the Spark engine (spec SWEEP-ENGINES): an embedded Spark local[2] run
 * of a small sweep gives the local engine's rows row for row — the same rows.csv and rows.parquet
 * bytes and the same analysis — whatever the partitioning.
 */
class SparkEngineTest {

  /** 8 tasks: two widths × two noise levels × two seeds, every measure and two bounds, short training. */
  static final String SPEC = """
      {"name": "spark-it", "seed": 7,
       "data": {"source": "teacher-cls", "d": 6, "n_train": 60, "n_test": 200, "label_noise": [0.0, 0.2]},
       "net": {"width": [3, 6], "activation": "relu"},
       "train": {"optimizer": "sgd", "lr": 0.05, "batch": 10, "momentum": 0.9, "steps": 300, "eval_every": 25, "seed": [1, 2]},
       "measures": ["params", "trace", "fmin", "lambda_max", "frobenius", "wu_complexity"],
       "bounds": ["BOUND-BFT-SPECTRAL", "JIANG-PATH-NORM"],
       "analysis": {"bootstrap": 200}}
      """;

  @Test
  void sparkRowsEqualTheLocalRowsRowForRow(@TempDir Path tmp) throws Exception {
    SweepSpec spec = SweepSpec.parse(SPEC, "test spec");
    Path local = tmp.resolve("local");
    Path spark = tmp.resolve("spark");
    Path sparkOne = tmp.resolve("spark-one-partition");
    Sweep.run(spec, local, new LocalEngine(), new SweepEngine.Options(2, null, 0), true, new Sweep.Listener() {});
    Sweep.run(spec, spark, new SparkEngine(), new SweepEngine.Options(1, "local[2]", 0), true, new Sweep.Listener() {});
    Sweep.run(spec, sparkOne, new SparkEngine(), new SweepEngine.Options(1, "local[2]", 1), true, new Sweep.Listener() {});
    for (Path other : List.of(spark, sparkOne)) {
      for (String f : List.of("rows.csv", "rows.parquet", "columns.json", "analysis.json")) {
        assertArrayEquals(Files.readAllBytes(local.resolve(f)), Files.readAllBytes(other.resolve(f)), f + " of " + other);
      }
      // the journals hold the same rows, in completion order
      assertEquals(new TreeSet<>(Files.readAllLines(local.resolve("rows.jsonl"))),
          new TreeSet<>(Files.readAllLines(other.resolve("rows.jsonl"))));
    }
    assertEquals(9, Files.readAllLines(local.resolve("rows.csv")).size(), "header + 8 rows");
  }

  @Test
  void theLauncherFlagsAreTheTestJvmFlags() throws Exception {
    // bin/basin starts embedded Spark with spark/jvm-flags.txt; this JVM runs with the pom's list: they must agree
    List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (String flag : Files.readString(Path.of("jvm-flags.txt")).trim().split("\\s+")) {
      assertTrue(args.contains(flag), "the test JVM lacks " + flag + " of jvm-flags.txt");
    }
  }
}
