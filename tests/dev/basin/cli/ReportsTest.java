package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The terminal side of reports: aligned scalars with round-tripping doubles, and extreme eigenvalues. */
class ReportsTest {

  private static String print(java.util.function.Consumer<PrintWriter> body) {
    StringWriter s = new StringWriter();
    PrintWriter w = new PrintWriter(s);
    body.accept(w);
    w.flush();
    return s.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void scalarsAreAlignedAndDoublesRoundTrip() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", 0.1);
    m.put("longer", 3);
    m.put("skipped_array", new double[] {1, 2});
    String out = print(w -> Reports.printScalars(w, m));
    assertEquals("a       0.10000000000000000\nlonger  3\n", out);
    // the printed digits identify the double exactly
    assertEquals(0.1, Double.parseDouble(out.split("\\s+")[1]), 0.0);
    double awkward = Math.nextUp(1.0 / 3);
    String s = print(w -> Reports.printScalars(w, Map.of("x", awkward)));
    assertEquals(awkward, Double.parseDouble(s.split("\\s+")[1]), 0.0);
  }

  @Test
  void fewEigenvaluesOnOneLineManyAsTheExtremes() {
    assertEquals("eigenvalues (all, ascending)  -1.000000000 2.000000000\n",
        print(w -> Reports.printExtremes(w, new double[] {-1, 2}, 5)));
    double[] ev = {1, 2, 3, 4, 5, 6, 7};
    assertEquals("smallest 2 eigenvalues  1.000000000 2.000000000\nlargest 2 eigenvalues   6.000000000 7.000000000\n",
        print(w -> Reports.printExtremes(w, ev, 2)));
  }
}
