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

  /** The core tests' small sweep: 8 tasks, every measure, three bounds, short training. */
  static final Path SPEC = Path.of("../tests/resources/sweep/tiny.json");

  @Test
  void sparkRowsEqualTheLocalRowsRowForRow(@TempDir Path tmp) throws Exception {
    SweepSpec spec = SweepSpec.read(SPEC);
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
  void theLauncherFlagsAreSparksOwnAndThisJvmRunsWithThem() throws Exception {
    // bin/basin-spark starts embedded Spark with spark/jvm-flags.txt: it must be what spark-submit would pass, and the
    // pom's test JVM (which ran the test above) must have had the same list
    List<String> file = List.of(Files.readString(Path.of("jvm-flags.txt")).trim().split("\\s+"));
    assertEquals(List.of(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptionArray()), file);
    List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (String flag : file) {
      assertTrue(args.contains(flag), "the test JVM lacks " + flag);
    }
  }
}
