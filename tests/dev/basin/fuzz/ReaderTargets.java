package dev.basin.fuzz;

import dev.basin.base.InvalidInputException;
import dev.basin.base.NonFiniteResultException;
import dev.basin.bounds.Audit;
import dev.basin.io.ArrayFiles;
import dev.basin.io.DataFiles;
import dev.basin.io.Idx;
import dev.basin.io.Json;
import dev.basin.io.NetFiles;
import dev.basin.io.Npy;
import dev.basin.io.Safetensors;
import dev.basin.io.SklearnCsv;
import dev.basin.kernel.Activation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fuzz targets of basin's readers (issue 15): each takes arbitrary bytes as a file and must
 * either read it or refuse it with basin's bad-input error (InvalidInputException, or
 * NonFiniteResultException for a value that is not finite). Any other exception, an Error, a hang
 * or an allocation beyond the memory estimate is a finding. Each nested class is a libFuzzer-style
 * target for Jazzer's command line (tests/fuzz/run.sh); {@link ReadersFuzzTest} runs the same
 * targets under JUnit (the committed corpus as regression tests, fuzzing with JAZZER_FUZZ=1).
 */
public final class ReaderTargets {

  private ReaderTargets() {}

  /** A reader under test: reads the file at the path. */
  @FunctionalInterface
  interface Reader {
    void read(Path file);
  }

  private static final ThreadLocal<Path> DIR = ThreadLocal.withInitial(() -> {
    try {
      Path d = Files.createTempDirectory("basin-fuzz");
      d.toFile().deleteOnExit();
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  });

  /** Writes the input to a file named {@code name} (the extension picks the format) and reads it. */
  static void asFile(byte[] data, String name, Reader reader) {
    Path p = DIR.get().resolve(name);
    try {
      Files.write(p, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    refusedOrRead(() -> reader.read(p));
  }

  /** Runs a read; basin's bad-input errors are the expected way to refuse, anything else propagates. */
  static void refusedOrRead(Runnable read) {
    try {
      read.run();
    } catch (InvalidInputException | NonFiniteResultException expected) {
      if (expected.getMessage() == null || expected.getMessage().contains("\n")) {
        throw new AssertionError("an error message must be one line: " + expected.getMessage(), expected);
      }
    }
  }

  /** The .npy reader on the bytes. */
  public static final class NpyTarget {
    public static void fuzzerTestOneInput(byte[] data) {
      refusedOrRead(() -> Npy.parse(data, "fuzz.npy", "fuzz"));
    }
  }

  /** The .npz reader (zip directory, members, their .npy headers). */
  public static final class NpzTarget {
    public static void fuzzerTestOneInput(byte[] data) {
      asFile(data, "fuzz.npz", p -> {
        ArrayFiles.names(p);
        ArrayFiles.read(p);
      });
    }
  }

  /** The .safetensors reader. */
  public static final class SafetensorsTarget {
    public static void fuzzerTestOneInput(byte[] data) {
      refusedOrRead(() -> Safetensors.parse(data, "fuzz.safetensors"));
    }
  }

  /** The IDX reader (raw or gzip). */
  public static final class IdxTarget {
    public static void fuzzerTestOneInput(byte[] data) {
      asFile(data, "fuzz-idx3-ubyte", Idx::read);
    }
  }

  /** The sklearn CSV reader (raw or gzip; with its "n,d,..." header line). */
  public static final class SklearnCsvTarget {
    public static void fuzzerTestOneInput(byte[] data) {
      asFile(data, "fuzz.csv", p -> SklearnCsv.read(p, true));
    }
  }

  /** Net files: .npz when the input starts like a zip, else .safetensors. */
  public static final class NetTarget {
    public static void fuzzerTestOneInput(byte[] data) {
      asFile(data, zip(data) ? "net.npz" : "net.safetensors", p -> NetFiles.read(p, Activation.of(Activation.RELU)));
    }
  }

  /** Data-set files: .npz when the input starts like a zip, else .safetensors. */
  public static final class DataTarget {
    public static void fuzzerTestOneInput(byte[] data) {
      asFile(data, zip(data) ? "data.npz" : "data.safetensors", DataFiles::read);
    }
  }

  /** The claims JSON of {@code basin audit}. */
  public static final class ClaimsTarget {
    public static void fuzzerTestOneInput(byte[] data) {
      asFile(data, "claims.json", p -> Audit.parse(Json.read(p), p.toString()));
    }
  }

  private static boolean zip(byte[] data) {
    return data.length >= 2 && data[0] == 'P' && data[1] == 'K';
  }
}
