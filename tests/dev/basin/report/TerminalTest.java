package dev.basin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.Findings;
import dev.basin.base.Reported;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The terminal rendering (spec REPORT-TERMINAL): aligned lines with round-tripping doubles, every
 * reported number with its kind and spec ID, nested paths, and the extreme eigenvalues.
 */
class TerminalTest {

  private static String print(java.util.function.Consumer<PrintWriter> body) {
    StringWriter s = new StringWriter();
    PrintWriter w = new PrintWriter(s);
    body.accept(w);
    w.flush();
    return s.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void linesAreAlignedAndDoublesRoundTrip() {
    Findings f = Findings.builder().put("a", Reported.exact(0.1, "X-1", "m")).count("longer", 3).build();
    String out = print(w -> Terminal.print(w, f));
    assertEquals("a       0.10000000000000000  exact (X-1)\nlonger  3\n", out);
    // the printed digits identify the double exactly
    assertEquals(0.1, Double.parseDouble(out.split("\\s+")[1]), 0.0);
    double awkward = Math.nextUp(1.0 / 3);
    String s = print(w -> Terminal.print(w, Findings.builder().put("x", Reported.exact(awkward, "X", "m")).build()));
    assertEquals(awkward, Double.parseDouble(s.split("\\s+")[1]), 0.0);
  }

  @Test
  void everyNumberSaysWhatItIs() {
    Findings inner = Findings.builder()
        .put("enc", Reported.enclosure(2.0, 1.5, 2.5, "S-E", "m"))
        .put("lb", Reported.lowerBound(3.0, "S-B", "m"))
        .put("est", new Reported.Estimate(1.0, 0.5, 1.5, 0.95, "t", 30, "S-T", "m", ""))
        .build();
    Findings f = Findings.builder().put("g", inner).items("l", List.of(Reported.exact(1.0, "S-X", "m")))
        .values("v", new double[] {1, 2, 3}, "three numbers", "S-V").notApplicable("na", "why not").build();
    String out = print(w -> Terminal.print(w, f));
    assertTrue(out.contains("g.enc  2.0000000000000000 in [1.5000000000000000, 2.5000000000000000]  certified enclosure (S-E)"),
        out);
    assertTrue(out.contains("g.lb   3.0000000000000000  certified lower bound (S-B)"), out);
    assertTrue(out.contains("estimate, 95% interval, 30 samples (S-T)"), out);
    assertTrue(out.contains("l[0]   1.0000000000000000  exact (S-X)"), out);
    assertTrue(out.contains("v      3 values: three numbers (S-V; all in the JSON)"), out);
    assertTrue(out.contains("na     not applicable: why not"), out);
  }

  @Test
  void fewEigenvaluesOnOneLineManyAsTheExtremes() {
    assertEquals("eigenvalues (all, ascending)  -1.000000000 2.000000000\n",
        print(w -> Terminal.printExtremes(w, new double[] {-1, 2}, 5)));
    double[] ev = {1, 2, 3, 4, 5, 6, 7};
    assertEquals("smallest 2 eigenvalues  1.000000000 2.000000000\nlargest 2 eigenvalues   6.000000000 7.000000000\n",
        print(w -> Terminal.printExtremes(w, ev, 2)));
  }
}
