package dev.basin.sweep;

import dev.basin.base.InvalidInputException;
import dev.basin.base.Reported;
import dev.basin.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The sweep's row table (spec SWEEP-OUTPUT): one row per task in task order, as CSV and as Parquet,
 * with the same columns: task_id, the hyperparameters, status, stop, error, then for every number
 * column c the four columns c (value), c_kind, c_lo and c_hi (empty/null where the interval is
 * unbounded on that side or the number is missing). The Parquet file carries the spec and the
 * column metadata (spec ID, method, units of every number column) as key-value metadata. Both
 * files are written atomically and depend only on the rows.
 */
public final class RowTable {

  /** Parquet key-value metadata keys. */
  static final String META_SPEC = "basin.sweep.spec";
  static final String META_COLUMNS = "basin.sweep.columns";

  private RowTable() {}

  /** Writes rows (in task order) to DIR/rows.csv and DIR/rows.parquet, and the column metadata to DIR/columns.json. */
  public static void write(Path dir, SweepSpec spec, List<Row> rows) {
    List<String> cols = SweepTask.columns(spec);
    Map<String, Object> meta = columnMetadata(cols, rows);
    AtomicFiles.writeString(dir.resolve("rows.csv"), csv(spec, cols, rows));
    dev.basin.io.Json.write(dir.resolve("columns.json"), meta);
    parquet(dir.resolve("rows.parquet"), spec, cols, rows, dev.basin.io.Json.text(meta));
  }

  /**
   * What every number column holds: its spec ID, description, kind, method and units, from the first
   * row that has a number there (the same for every row by construction).
   */
  static Map<String, Object> columnMetadata(List<String> cols, List<Row> rows) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String c : cols) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("description", describe(c));
      for (Row r : rows) {
        Cell cell = r.cells().get(c);
        Reported v = cell == null ? null : cell.value();
        if (v != null) {
          m.put("spec", v.spec());
          m.put("kind", v.kind().label());
          m.put("method", v.method());
          m.put("units", v.units());
          if (v instanceof Reported.Estimate e) {
            m.put("level", e.level());
            m.put("interval", e.interval());
          }
          if (v instanceof Reported.Bound b) {
            m.put("side", b.side().label());
          }
          break;
        }
      }
      out.put(c, m);
    }
    return out;
  }

  private static String describe(String c) {
    return switch (c) {
      case "steps_taken" -> "optimizer steps taken";
      case "train_loss" -> "mean training loss (on the possibly noisy training labels)";
      case "train_error" -> "training 0-1 error";
      case "test_loss" -> "mean loss on the held-out rows (clean labels)";
      case "test_error" -> "0-1 error on the held-out rows (clean labels)";
      case "gap_error" -> "generalization gap: population 0-1 risk minus training error, estimated on the held-out rows";
      case "gap_loss" -> "generalization gap of the loss, estimated on the held-out rows";
      default -> Metrics.describe(c);
    };
  }

  /** The CSV text (RFC 4180, header first). */
  static String csv(SweepSpec spec, List<String> cols, List<Row> rows) {
    StringBuilder sb = new StringBuilder(256 * (rows.size() + 1));
    List<String> header = new ArrayList<>();
    header.add("task_id");
    for (Axis a : spec.axes()) {
      header.add(a.name());
    }
    header.addAll(List.of("status", "stop", "error"));
    for (String c : cols) {
      header.addAll(List.of(c, c + "_kind", c + "_lo", c + "_hi"));
    }
    sb.append(String.join(",", header)).append('\n');
    for (Row r : rows) {
      sb.append(r.task());
      for (Axis a : spec.axes()) {
        sb.append(',').append(field(r.params().get(a.name())));
      }
      sb.append(',').append(quote(r.status())).append(',').append(quote(r.stop())).append(',').append(quote(r.error()));
      for (String c : cols) {
        Cell cell = r.cells().get(c);
        Reported v = cell == null ? null : cell.value();
        if (v == null) {
          sb.append(",,,,");
        } else {
          sb.append(',').append(v.value()).append(',').append(v.kind().label()).append(',').append(bound(v.low()))
              .append(',').append(bound(v.high()));
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String field(@Nullable Object v) {
    return v == null ? "" : v instanceof String s ? quote(s) : v.toString();
  }

  private static String bound(double x) {
    return Double.isInfinite(x) ? "" : Double.toString(x);
  }

  private static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** The Parquet schema of a spec's rows. */
  static MessageType schema(SweepSpec spec, List<String> cols) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    b.required(PrimitiveTypeName.INT64).named("task_id");
    for (Axis a : spec.axes()) {
      switch (a.type()) {
        case INT -> b.required(PrimitiveTypeName.INT64).named(a.name());
        case REAL -> b.required(PrimitiveTypeName.DOUBLE).named(a.name());
        case TEXT -> b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(a.name());
      }
    }
    for (String s : List.of("status", "stop", "error")) {
      b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(s);
    }
    for (String c : cols) {
      b.optional(PrimitiveTypeName.DOUBLE).named(c);
      b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c + "_kind");
      b.optional(PrimitiveTypeName.DOUBLE).named(c + "_lo");
      b.optional(PrimitiveTypeName.DOUBLE).named(c + "_hi");
    }
    return b.named("sweep_row");
  }

  private static void parquet(Path file, SweepSpec spec, List<String> cols, List<Row> rows, String columnsJson) {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir == null) {
      throw new InvalidInputException(file.toString(), "has no parent directory");
    }
    MessageType schema = schema(spec, cols);
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(META_SPEC, spec.canonical());
    meta.put(META_COLUMNS, columnsJson);
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
      try (ParquetWriter<Row> w = new Builder(new LocalOutputFile(tmp), new Support(schema, meta, spec, cols))
          .withConf(new PlainParquetConfiguration()).withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .withCompressionCodec(CompressionCodecName.UNCOMPRESSED).build()) {
        for (Row r : rows) {
          w.write(r);
        }
      }
      try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot write: " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the write already failed; the leftover temporary file is hidden (dot-prefixed)
        }
      }
    }
  }

  /** parquet-java's writer builder over a local file, with basin's write support. */
  private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
    private final Support support;

    Builder(OutputFile file, Support support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }

    @Override
    @SuppressWarnings("deprecation") // the Hadoop form is abstract in the builder; basin never calls it
    protected WriteSupport<Row> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
      return support;
    }
  }

  /** Writes one row as one Parquet record in the schema's column order. */
  private static final class Support extends WriteSupport<Row> {
    private final MessageType schema;
    private final Map<String, String> meta;
    private final SweepSpec spec;
    private final List<String> cols;
    private @Nullable RecordConsumer consumer;

    Support(MessageType schema, Map<String, String> meta, SweepSpec spec, List<String> cols) {
      this.schema = schema;
      this.meta = meta;
      this.spec = spec;
      this.cols = cols;
    }

    @Override
    public WriteContext init(ParquetConfiguration conf) {
      return new WriteContext(schema, meta);
    }

    @Override
    @SuppressWarnings("deprecation") // see Builder
    public WriteContext init(org.apache.hadoop.conf.Configuration conf) {
      return new WriteContext(schema, meta);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }

    @Override
    public void write(Row r) {
      RecordConsumer rc = consumer;
      if (rc == null) {
        throw new IllegalStateException("write before prepareForWrite");
      }
      rc.startMessage();
      int i = 0;
      put(rc, "task_id", i++, r.task());
      for (Axis a : spec.axes()) {
        put(rc, a.name(), i++, r.params().get(a.name()));
      }
      put(rc, "status", i++, r.status());
      put(rc, "stop", i++, r.stop());
      put(rc, "error", i++, r.error());
      for (String c : cols) {
        Cell cell = r.cells().get(c);
        Reported v = cell == null ? null : cell.value();
        if (v != null) {
          put(rc, c, i, v.value());
          put(rc, c + "_kind", i + 1, v.kind().label());
          if (Double.isFinite(v.low())) {
            put(rc, c + "_lo", i + 2, v.low());
          }
          if (Double.isFinite(v.high())) {
            put(rc, c + "_hi", i + 3, v.high());
          }
        }
        i += 4;
      }
      rc.endMessage();
    }

    private static void put(RecordConsumer rc, String field, int index, @Nullable Object v) {
      rc.startField(field, index);
      switch (v) {
        case Long l -> rc.addLong(l);
        case Double d -> rc.addDouble(d);
        case String s -> rc.addBinary(Binary.fromString(s));
        case null, default -> throw new IllegalStateException("column " + field + ": unexpected value " + v);
      }
      rc.endField(field, index);
    }
  }
}
