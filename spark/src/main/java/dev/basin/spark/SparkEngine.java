package dev.basin.spark;

import dev.basin.base.InvalidInputException;
import dev.basin.sweep.SweepEngine;
import dev.basin.sweep.SweepSpec;
import dev.basin.sweep.SweepTask;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The Apache Spark engine of {@code basin sweep} (spec SWEEP-ENGINES): the task IDs become an RDD
 * (one partition per task unless told otherwise), every partition runs the core's task function
 * {@link SweepTask#line} on its IDs, and one Spark job hands each finished partition's rows to the
 * driver as it completes (SparkContext.runJob's result handler), where the core records them in the
 * journal. Scheduling, retries and executors are Spark's; the rows are the core's, so they equal the
 * local engine's.
 */
public final class SparkEngine implements SweepEngine {

  /** Spark 4.2 deprecates Java 25 before 25.0.3 (G1 bug JDK-8377811). */
  static final Runtime.Version MIN_JAVA = Runtime.Version.parse("25.0.3");

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public void run(SweepSpec spec, long[] tasks, Options options, Consumer<String> sink) {
    Runtime.Version v = Runtime.version();
    if (v.feature() == 25 && v.compareToIgnoreOptional(MIN_JAVA) < 0) {
      throw new InvalidInputException("java", "Spark 4.2 needs Java 25.0.3 or newer on Java 25; this JVM is " + v);
    }
    if (tasks.length == 0) {
      return;
    }
    SparkConf conf = new SparkConf().setAppName("basin sweep " + spec.name());
    String master = options.master();
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    if (conf.get("spark.master").startsWith("local")) {
      // embedded: no web UI, loopback only
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    List<Long> ids = new ArrayList<>(tasks.length);
    for (long t : tasks) {
      ids.add(t);
    }
    int parts = options.partitions() > 0 ? Math.min(options.partitions(), tasks.length) : tasks.length;
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      sc.setLogLevel("WARN");
      JavaRDD<Long> rdd = sc.parallelize(ids, parts);
      List<Object> all = new ArrayList<>(parts);
      for (int p = 0; p < parts; p++) {
        all.add(p);
      }
      ClassTag<String[]> tag = ClassTag$.MODULE$.apply(String[].class);
      RDD<Long> r = rdd.rdd();
      sc.sc().runJob(r, new RunPartition(spec.canonical()), CollectionConverters.asScala(all).toSeq(), new Handler(sink), tag);
    }
  }

  /** Runs the task function on every task ID of a partition (on an executor). */
  static final class RunPartition extends AbstractFunction2<TaskContext, Iterator<Long>, String[]> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String canonicalSpec;

    RunPartition(String canonicalSpec) {
      this.canonicalSpec = canonicalSpec;
    }

    @Override
    public String[] apply(TaskContext ctx, Iterator<Long> ids) {
      List<String> rows = new ArrayList<>();
      while (ids.hasNext()) {
        rows.add(SweepTask.line(canonicalSpec, ids.next()));
      }
      return rows.toArray(new String[0]);
    }
  }

  /** Hands a finished partition's rows to the sink (on the driver, as partitions complete). */
  static final class Handler extends AbstractFunction2<Object, String[], BoxedUnit> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final transient Consumer<String> sink;

    Handler(Consumer<String> sink) {
      this.sink = sink;
    }

    @Override
    public BoxedUnit apply(Object partition, String[] rows) {
      for (String row : rows) {
        sink.accept(row);
      }
      return BoxedUnit.UNIT;
    }
  }
}
