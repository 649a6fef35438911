package dev.basin.compute.cuda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The CPU stub of the CUDA driver (tests/native/fakecuda.cpp, which runs the kernels of
 * src/main/cuda/kernels.cu compiled for the CPU), built with g++ the first time a test asks for it,
 * into target/fakecuda. It tests the binding layer and the kernels' source logic; it is not a GPU.
 */
final class FakeCuda {

  private static Optional<Path> built;

  private FakeCuda() {}

  /** The stub's path, or empty (with the reason on stderr) where g++ is missing or fails. */
  static synchronized Optional<Path> library() {
    if (built == null) {
      built = build();
    }
    return built;
  }

  private static Optional<Path> build() {
    Path root = Path.of("").toAbsolutePath();
    Path src = root.resolve("tests/native/fakecuda.cpp");
    Path out = root.resolve("target/fakecuda/libfakecuda.so");
    try {
      Files.createDirectories(out.getParent());
      Process p = new ProcessBuilder(List.of("g++", "-std=c++17", "-O1", "-ffp-contract=off", "-Wall",
          "-Wno-unknown-pragmas", "-Wno-unused-parameter", "-shared", "-fPIC", "-I", root.resolve("src/main/cuda").toString(),
          src.toString(), "-o", out.toString())).redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        System.err.println("fakecuda: g++ failed:\n" + log);
        return Optional.empty();
      }
      return Optional.of(out);
    } catch (IOException e) {
      System.err.println("fakecuda: cannot run g++: " + e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
