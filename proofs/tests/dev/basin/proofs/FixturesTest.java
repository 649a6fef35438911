package dev.basin.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The runner must fail on a wrong contract, or a green proof run means nothing. Each fixture
 * under proofs/fixtures has one contract that holds and one that does not (a false postcondition;
 * an array access without a bounds guarantee). The runner, started as the build starts it, must
 * prove the first, report the second OPEN and exit with status 1.
 */
class FixturesTest {

  @ParameterizedTest
  @CsvSource({"false-contract, Doubling.twice(int), Doubling.twicePlusOne(int)",
      "unguarded-access, 'Arrays.firstOr(int[],int)', 'Arrays.first(int[])'"})
  void runnerProvesTheGoodContractAndRejectsTheBadOne(String fixture, String good, String bad)
      throws IOException, InterruptedException {
    Path dir = Path.of("fixtures", fixture);
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss8m",
        "-XX:+UseParallelGC", "-Dkey.disregardSettings=true", "-Duser.home=target/key-home",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
        KeyProve.class.getName(), dir.toString(), "--timeout", "60");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = p.waitFor();
    System.out.println(out);
    assertTrue(out.contains("PROVED " + good + " "), () -> "expected " + good + " PROVED:\n" + out);
    assertTrue(out.contains("OPEN   " + bad + " "), () -> "expected " + bad + " OPEN:\n" + out);
    assertTrue(out.strip().endsWith("KeY: 1 passed, 1 failed"), () -> "expected the closing line 1/1:\n" + out);
    assertEquals(1, status, () -> "exit status\n" + out);
  }

  /**
   * A wrong rounding direction in Interval's primitives (the same source mutation of
   * src/main/java/dev/basin/bounds/Rounding.java as tests/dev/basin/bounds/IntervalContractsTest's
   * WRONG_DIRECTION: the lower end of an inexact product rounded up) must leave mulDown's proof
   * open, while mulUp beside it, proved from mulDown's contract, still is.
   */
  @org.junit.jupiter.api.Test
  void aWrongRoundingDirectionIsCaughtByTheProver() throws IOException, InterruptedException {
    String real = Files.readString(Path.of("../src/main/java/dev/basin/bounds/Rounding.java"));
    String from = "return err < 0.0 ? TrustedRounding.nextDown(p) : p;";
    assertTrue(real.contains(from), "the mutation's target is in Rounding.java");
    Path dir = Files.createDirectories(Path.of("target", "fixtures", "wrong-rounding", "dev", "basin", "bounds"));
    Files.writeString(dir.resolve("Rounding.java"), real.replace(from, "return err < 0.0 ? TrustedRounding.nextUp(p) : p;"));
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss8m",
        "-XX:+UseParallelGC", "-Dkey.disregardSettings=true", "-Duser.home=target/key-home",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
        KeyProve.class.getName(), "target/fixtures/wrong-rounding", "--classpath", "stubs" + java.io.File.pathSeparator + "stubs-rounding", "--include",
        "rules/unaryMinusDouble.key", "--only", "Rounding.mul", "--timeout", "60");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = p.waitFor();
    System.out.println(out);
    assertTrue(out.contains("OPEN   Rounding.mulDown(double,double) "), () -> "expected mulDown OPEN:\n" + out);
    assertTrue(out.contains("PROVED Rounding.mulUp(double,double) "), () -> "mulUp (proved from mulDown's contract):\n" + out);
    assertEquals(1, status, () -> "exit status\n" + out);
  }
}
