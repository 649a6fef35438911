package dev.basin.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Spec parsing and validation (spec SWEEP-SPEC): every mistake is one message naming the field. */
class SweepSpecTest {

  @Test
  void theShippedExampleParses() {
    SweepSpec s = SweepSpec.read(Path.of("examples/sweep-width-noise.json"));
    assertEquals(60, new Design(s).count());
    assertEquals(java.util.List.of("label_noise", "width", "seed"), s.varied().stream().map(Axis::name).toList());
    assertEquals(64, s.hash().length());
  }

  @Test
  void theCanonicalTextIgnoresLayoutAndKeyOrder() {
    SweepSpec a = SweepSpec.parse("{\"seed\": 2, \"net\": {\"width\": [4, 8]}}", "a");
    SweepSpec b = SweepSpec.parse("{ \"net\" : { \"width\" : [4,8] },\n \"seed\" : 2 }", "b");
    assertEquals(a.canonical(), b.canonical());
    assertEquals(a.hash(), b.hash());
    assertEquals(a, SweepSpec.parse(a.canonical(), "canonical"), "the canonical text parses to the same spec");
  }

  @Test
  void mistakesNameTheirField() {
    refused("{\"net\": {\"widht\": [4]}}", "spec: net", "unknown key 'widht'");
    refused("{\"train\": {\"optimizer\": \"adam\"}}", "spec: train.optimizer", "'adam'");
    refused("{\"train\": {\"lr\": {\"uniform\": [0.1, 0.2]}}}", "spec: train.lr", "random design");
    refused("{\"net\": {\"width\": []}}", "spec: net.width", "empty");
    refused("{\"net\": {\"width\": [4, 4]}}", "spec: net.width", "twice");
    refused("{\"net\": {\"width\": [0]}}", "spec: width", "positive");
    refused("{\"data\": {\"label_noise\": 1.5}}", "spec: label_noise", "[0.0, 1.0]");
    refused("{\"measures\": [\"curvature\"]}", "spec: measures", "unknown measure");
    refused("{\"bounds\": [\"BOUND-NOPE\"]}", "spec: bounds", "unknown");
    refused("{\"design\": \"latin\"}", "spec: design", "grid");
    refused("{\"net\": {\"activation\": \"swish\"}}", "activation", "swish");
    refused("[1, 2]", "spec", "JSON object");
    refused("{\"seed\": 1.5}", "spec.seed", "whole number");
  }

  private static void refused(String json, String input, String fragment) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SweepSpec.parse(json, "spec"), json);
    assertTrue(e.getMessage().contains(input) && e.getMessage().contains(fragment), json + " -> " + e.getMessage());
  }
}
