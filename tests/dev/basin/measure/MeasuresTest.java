package dev.basin.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.Finding;
import dev.basin.base.Findings;
import dev.basin.base.InvalidInputException;
import dev.basin.base.Reported;
import dev.basin.model.Point;
import dev.basin.testing.Toy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The measure registry (spec MEASURE-REGISTRY): every entry is declared completely and cites spec
 * IDs that exist; a run computes only what was asked and shares the Lanczos run; and on the Dinh
 * toy (spec FLAT-TOY: H = [[60, 30], [30, 15]], trace 75, λ ∈ {0, 75}, F_min 60) the numbers are the
 * known ones, each with its kind.
 */
class MeasuresTest {

  /** Every "## ID" heading of spec/*.md (a heading may list several IDs). */
  static Set<String> specIds() throws IOException {
    Set<String> ids = new HashSet<>();
    Pattern id = Pattern.compile("[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+");
    try (Stream<Path> files = Files.list(Path.of("spec"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
        for (String line : Files.readAllLines(f)) {
          if (line.startsWith("## ")) {
            String head = line.split(" — ")[0];
            Matcher m = id.matcher(head);
            while (m.find()) {
              ids.add(m.group());
            }
          }
        }
      }
    }
    return ids;
  }

  @Test
  void everyMeasureIsDeclaredCompletelyAndCitesExistingSpecIds() throws IOException {
    Set<String> known = specIds();
    Set<String> seen = new HashSet<>();
    for (Measure m : Measures.all()) {
      assertTrue(m.id().matches("[a-z][a-z-]*"), m.id());
      assertTrue(seen.add(m.id()), "duplicate " + m.id());
      assertFalse(m.title().isBlank() || m.cost().isBlank(), m.id());
      assertFalse(m.needs().isEmpty(), m.id());
      for (String s : m.spec().split(",\\s*")) {
        assertTrue(known.contains(s), m.id() + " cites " + s + ", which spec/ does not define");
      }
      for (MeasureOption<?> o : m.options()) {
        assertEquals(o.defaultValue(), o.validate(o.defaultValue()), o.name());
      }
      assertEquals(m, Measures.byId(m.id().toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
    }
    assertFalse(Measures.options(Measures.all()).isEmpty());
    assertThrows(InvalidInputException.class, () -> Measures.byId("nonsense"));
    assertThrows(InvalidInputException.class, () -> Measures.select(List.of(" ")));
  }

  private static Findings run(MeasureSettings s, String... ids) {
    Point p = Toy.objective().at(Toy.net(1.0));
    return Measures.run(p, s, Measures.select(List.of(ids)), dev.basin.base.Progress.NONE, Measures.Listener.NONE);
  }

  private static Reported reported(Findings f, String path) {
    return f.reported(path);
  }

  @Test
  void topAloneComputesOnlyTheLargestSide() {
    Findings top = run(MeasureSettings.defaults(), "spectrum");
    Findings spectrum = (Findings) top.get("spectrum");
    assertNotNull(spectrum);
    assertNotNull(spectrum.get("lambda_max"));
    assertEquals(null, spectrum.get("lambda_min"), "--bottom 0: the smallest side is not computed");
    Reported.Enclosure lmax = (Reported.Enclosure) reported(top, "spectrum.lambda_max.value");
    assertTrue(lmax.contains(75.0), lmax.toString());
    assertTrue(reported(top, "spectrum.lambda_max.lower_bound").value() <= 75.0);
    Findings both = run(MeasureSettings.defaults().with(Spectrum.BOTTOM, 1), "spectrum");
    Reported.Enclosure lmin = (Reported.Enclosure) reported(both, "spectrum.lambda_min.value");
    assertTrue(lmin.contains(0.0), lmin.toString());
    assertTrue(reported(both, "spectrum.lambda_min.upper_bound").value() >= 0.0);
    assertThrows(InvalidInputException.class, () -> run(MeasureSettings.defaults().with(Spectrum.TOP, 0), "spectrum"));
  }

  @Test
  void measuresOfOneRunShareTheLanczosRun() {
    Findings f = run(MeasureSettings.defaults(), "spectrum", "spectral-norm");
    long spectrum = ((Finding.Count) f.at("hessian_vector_products.spectrum")).value();
    long norm = ((Finding.Count) f.at("hessian_vector_products.spectral_norm")).value();
    assertTrue(spectrum > 0);
    assertEquals(0, norm, "the spectral norm's sides were planned into the spectrum's run");
    Reported.Enclosure n = (Reported.Enclosure) reported(f, "spectral_norm.value");
    assertTrue(n.contains(75.0), n.toString());
    assertTrue(reported(f, "spectral_norm.lower_bound").value() <= 75.0);
  }

  @Test
  void theToysKnownValuesWithTheirKinds() {
    Findings f = run(MeasureSettings.defaults(), "trace", "fmin", "frobenius", "eigenvalues", "hutchinson");
    Reported trace = reported(f, "trace");
    assertEquals(Reported.Kind.EXACT, trace.kind());
    assertEquals(75.0, trace.value(), 1e-12);
    assertEquals(60.0, reported(f, "fmin.value").value(), 1e-11);
    assertEquals(Math.sqrt(60 * 60 + 2 * 30 * 30 + 15 * 15), reported(f, "frobenius").value(), 1e-12);
    assertEquals(75.0, reported(f, "eigenvalues.lambda_max").value(), 1e-12);
    assertEquals(0.0, reported(f, "eigenvalues.lambda_min").value(), 1e-12);
    Reported hutch = reported(f, "hutchinson.hutchinson");
    assertEquals(Reported.Kind.ESTIMATE, hutch.kind());
    // the toy's Rademacher quadratic forms vᵀHv = 75 ± 60: the interval is a real interval around the estimate
    assertTrue(hutch.low() <= hutch.value() && hutch.value() <= hutch.high());
    Findings above = run(MeasureSettings.defaults().with(CommonOptions.MAX_EXACT, 1), "frobenius", "eigenvalues");
    assertEquals(Reported.Kind.ESTIMATE, reported(above, "frobenius").kind());
    assertTrue(above.get("eigenvalues") instanceof Finding.NotApplicable);
  }

  @Test
  void settingsAreValidatedWhenSet() {
    assertThrows(InvalidInputException.class, () -> MeasureSettings.defaults().with(Spectrum.TOL, 2.0));
    assertThrows(InvalidInputException.class, () -> MeasureSettings.defaults().with(Spectrum.TOP, -1));
    assertEquals(Spectrum.DEFAULT_TOL, MeasureSettings.defaults().get(Spectrum.TOL));
  }
}
