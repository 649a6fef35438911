package dev.basin.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Task expansion (spec SWEEP-TASKS): grid order, random design determinism. */
class DesignTest {

  @Test
  void gridTasksAreMixedRadixWithTheLastHyperparameterFastest() {
    Design d = new Design(TinySweep.spec());
    assertEquals(8, d.count(), "2 noise levels x 2 widths x 2 seeds");
    // canonical order n_train, label_noise, width, ..., seed: seed varies fastest, then width, then label_noise
    assertEquals(Map.of("label_noise", 0.0, "width", 3L, "seed", 1L), pick(d.task(0)));
    assertEquals(Map.of("label_noise", 0.0, "width", 3L, "seed", 2L), pick(d.task(1)));
    assertEquals(Map.of("label_noise", 0.0, "width", 6L, "seed", 1L), pick(d.task(2)));
    assertEquals(Map.of("label_noise", 0.2, "width", 6L, "seed", 2L), pick(d.task(7)));
    assertEquals(0.05, d.task(5).get("lr"));
  }

  @Test
  void aRandomTaskDependsOnlyOnTheSeedAndItsId() {
    String spec = """
        {"seed": 3, "design": {"random": %d}, "net": {"width": [4, 8, 16]},
         "train": {"lr": {"log_uniform": [0.001, 0.1]}, "momentum": {"uniform": [0.0, 0.9]}, "seed": [1, 2]}}""";
    Design small = new Design(SweepSpec.parse(spec.formatted(10), "a"));
    Design large = new Design(SweepSpec.parse(spec.formatted(50), "b"));
    assertEquals(50, large.count());
    for (long t = 0; t < 10; t++) {
      assertEquals(small.task(t), large.task(t), "task " + t + " must not depend on the number of tasks");
      double lr = (Double) large.task(t).get("lr");
      assertTrue(lr >= 0.001 && lr <= 0.1, "lr " + lr);
    }
    assertTrue(!large.task(0).equals(large.task(1)));
  }

  private static Map<String, Object> pick(Map<String, Object> task) {
    return Map.of("label_noise", task.get("label_noise"), "width", task.get("width"), "seed", task.get("seed"));
  }
}
