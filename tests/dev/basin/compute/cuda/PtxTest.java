package dev.basin.compute.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The committed PTX of the CUDA kernels (spec COMPUTE-CUDA "PTX"): it defines exactly the kernels of
 * the source and of {@link CudaKernels#KERNELS}; no f64 addition, subtraction, multiplication or
 * fused multiply-add lacks the .rn modifier (without it ptxas may contract an add and a mul into an
 * FMA, which would change the bits); ptxas accepts it for Hopper (sm_90); and it is what nvcc makes
 * of the source today. The last two need the CUDA toolkit and are skipped without it (the build
 * never needs it).
 */
class PtxTest {

  private static final Path SOURCE = Path.of("src/main/cuda/kernels.cu");

  private static String ptx() {
    return CudaKernels.ptx();
  }

  private static String tool(String name) {
    for (String dir : new String[] {"/usr/local/cuda/bin", "/usr/local/bin", "/usr/bin"}) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return dir + "/" + name;
      }
    }
    return "";
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", cmd) + " timed out");
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
    return out;
  }

  @Test
  void definesExactlyTheKernelsOfTheSource() throws IOException {
    TreeSet<String> entries = new TreeSet<>();
    Matcher m = Pattern.compile("\\.entry (\\w+)\\(").matcher(ptx());
    while (m.find()) {
      entries.add(m.group(1));
    }
    TreeSet<String> globals = new TreeSet<>();
    Matcher g = Pattern.compile("__global__ void (?:__launch_bounds__\\(\\d+\\) )?(\\w+)\\(").matcher(
        Files.readString(SOURCE));
    while (g.find()) {
      globals.add(g.group(1));
    }
    assertEquals(globals, entries, "PTX entries vs __global__ functions of " + SOURCE);
    assertEquals(new TreeSet<>(List.of(CudaKernels.KERNELS)), entries, "PTX entries vs CudaKernels.KERNELS");
  }

  @Test
  void everyFloatingPointAddMulAndFmaIsRoundToNearest() {
    List<String> loose = new ArrayList<>();
    Matcher m = Pattern.compile("\\b(add|sub|mul|fma|mad)((?:\\.\\w+)*)\\.f64\\b").matcher(ptx());
    int pinned = 0;
    while (m.find()) {
      if (m.group(2).contains(".rn")) {
        pinned++;
      } else {
        loose.add(m.group());
      }
    }
    assertTrue(loose.isEmpty(), "f64 operations without .rn: " + loose);
    assertTrue(pinned > 50, "only " + pinned + " pinned f64 operations: is this the kernels' PTX?");
    assertTrue(!ptx().contains("atom."), "atomics in the kernels");
  }

  @Test
  void ptxasAcceptsItForHopper(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    String ptxas = tool("ptxas");
    assumeTrue(!ptxas.isEmpty(), "ptxas not installed");
    Path in = dir.resolve("kernels.ptx");
    Files.writeString(in, ptx());
    run(List.of(ptxas, "-arch=sm_90", "-o", dir.resolve("kernels.cubin").toString(), in.toString()));
  }

  @Test
  void isWhatNvccMakesOfTheSource() throws Exception {
    String nvcc = tool("nvcc");
    assumeTrue(!nvcc.isEmpty(), "nvcc not installed");
    String version = run(List.of(nvcc, "--version"));
    Matcher committed = Pattern.compile("Cuda compilation tools, release [\\d.]+, V[\\d.]+").matcher(ptx());
    assertTrue(committed.find(), "the committed PTX names no nvcc version");
    assumeTrue(version.contains(committed.group()), "nvcc here differs from the one that made the PTX ("
        + committed.group() + ")");
    run(List.of("bin/ptx", "--check"));
  }
}
