package dev.basin.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Contract names in the ledger and contracts.txt use Java's spelling of types, not JVM descriptors. */
class ContractNamesTest {

  @ParameterizedTest
  @CsvSource({"[I, int[]", "[D, double[]", "[[D, double[][]", "[Ljava.lang.String;, String[]",
      "double[], double[]", "dev.basin.kernel.Problem, Problem", "int, int"})
  void readableTypeNames(String keyName, String expected) {
    assertEquals(expected, ContractNames.readable(keyName));
  }
}
