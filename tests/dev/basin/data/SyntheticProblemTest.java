package dev.basin.data;

import dev.basin.base.Rng;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.kernel.Activation;
import dev.basin.model.Dataset;
import dev.basin.base.InvalidInputException;
import dev.basin.model.TwoLayerNet;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Recipes of spec DATA-GENERATE: stream separation, kinds, determinism and validation. */
class SyntheticProblemTest {

  private static final Activation TANH = Activation.of(Activation.TANH);

  static SyntheticProblem recipe(SyntheticProblem.Kind kind, long seed, int k, double noise, @Nullable String link,
      double fraction) {
    return new SyntheticProblem(kind, seed, 5, 7, k, 40, true, false, TANH, 1.3, noise, 2, link, fraction);
  }

  @ParameterizedTest
  @EnumSource(SyntheticProblem.Kind.class)
  void sameRecipeGivesBitIdenticalNetAndData(SyntheticProblem.Kind kind) {
    int k = kind.isIndexModel() ? 1 : 3;
    SyntheticProblem.Generated a = recipe(kind, 42, k, 0.2, null, 0).generate();
    SyntheticProblem.Generated b = recipe(kind, 42, k, 0.2, null, 0).generate();
    SyntheticProblem.Generated c = recipe(kind, 43, k, 0.2, null, 0).generate();
    assertArrayEquals(a.net().parameters(), b.net().parameters(), 0.0);
    assertEquals(a.data(), b.data());
    assertTrue(!java.util.Arrays.equals(a.net().parameters(), c.net().parameters()), "another seed, another net");
    assertEquals(kind.hasData(), a.data() != null);
  }

  @Test
  void theNetIsStreamZeroAndTheDataStreamTwo() {
    SyntheticProblem r = recipe(SyntheticProblem.Kind.TEACHER_REGRESSION, 7, 2, 0.0, null, 0);
    SyntheticProblem.Generated g = r.generate();
    TwoLayerNet expected = Synthetic.randomNet(5, 7, 2, true, false, TANH, 1.3,
        Rng.of(Rng.derive(7, SyntheticProblem.STREAM_NET)));
    assertArrayEquals(expected.parameters(), g.net().parameters(), 0.0);
    Dataset data = g.data();
    assertNotNull(data);
    // noise 0: the targets are the teacher's outputs on X (DATA-TEACHER)
    assertArrayEquals(g.net().outputs(data.x(), 40), data.targets(), 0.0);
    Dataset again = Synthetic.teacherRegression(g.net(), 40, 0.0, Rng.of(Rng.derive(7, SyntheticProblem.STREAM_DATA)));
    assertEquals(again, data);
  }

  @Test
  void changingTheNoiseChangesNeitherTheNetNorTheInputs() {
    SyntheticProblem.Generated a = recipe(SyntheticProblem.Kind.SINGLE_INDEX_SUM, 3, 1, 0.0, "he2", 0).generate();
    SyntheticProblem.Generated b = recipe(SyntheticProblem.Kind.SINGLE_INDEX_SUM, 3, 1, 0.7, "he2", 0).generate();
    assertArrayEquals(a.net().parameters(), b.net().parameters(), 0.0);
    Dataset da = a.data();
    Dataset db = b.data();
    assertNotNull(da);
    assertNotNull(db);
    assertArrayEquals(da.x(), db.x(), 0.0);
  }

  @Test
  void multiIndexUsesTheDirectionsOfStreamOne() {
    SyntheticProblem.Generated g = recipe(SyntheticProblem.Kind.MULTI_INDEX, 11, 1, 0.0, "max", 0).generate();
    double[] u = IndexModels.orthonormalDirections(5, 2, Rng.of(Rng.derive(11, SyntheticProblem.STREAM_DIRECTIONS)));
    Dataset expected = IndexModels.multiIndex(40, 5, u, 2, IndexModels.MultiLink.MAX, 0.0,
        Rng.of(Rng.derive(11, SyntheticProblem.STREAM_DATA)));
    assertEquals(expected, g.data());
  }

  @Test
  void labelledKinds() {
    Dataset cls = recipe(SyntheticProblem.Kind.TEACHER_CLASSIFICATION, 1, 3, 0, null, 0).generate().data();
    assertNotNull(cls);
    assertTrue(cls.hasLabels() && cls.targetWidth() <= 3);
    Dataset binary = recipe(SyntheticProblem.Kind.RANDOM_LABELS, 1, 1, 0, null, 0).generate().data();
    assertNotNull(binary);
    for (int y : binary.labels()) {
      assertTrue(y == 0 || y == 1);
    }
    // a fraction 1 of relabelled rows: labels differ from the teacher's on roughly 2/3 of rows
    Dataset noisy = recipe(SyntheticProblem.Kind.TEACHER_CLASSIFICATION, 1, 3, 0, null, 1.0).generate().data();
    assertNotNull(noisy);
    assertArrayEquals(cls.x(), noisy.x(), 0.0);
    assertTrue(!java.util.Arrays.equals(cls.labels(), noisy.labels()));
    assertNull(recipe(SyntheticProblem.Kind.RANDOM_NET, 1, 2, 0, null, 0).generate().data());
  }

  @Test
  void invalidRecipesNameTheOption() {
    assertName("k", () -> recipe(SyntheticProblem.Kind.MULTI_INDEX, 1, 2, 0, null, 0));
    assertName("link", () -> recipe(SyntheticProblem.Kind.MULTI_INDEX, 1, 1, 0, "tanh", 0));
    assertName("link", () -> recipe(SyntheticProblem.Kind.TEACHER_REGRESSION, 1, 1, 0, "relu", 0));
    assertName("label-fraction", () -> recipe(SyntheticProblem.Kind.TEACHER_CLASSIFICATION, 1, 2, 0, null, 1.5));
    assertName("label-fraction", () -> recipe(SyntheticProblem.Kind.RANDOM_LABELS, 1, 2, 0, null, 0.5));
    assertName("noise", () -> recipe(SyntheticProblem.Kind.TEACHER_REGRESSION, 1, 1, Double.NaN, null, 0));
    assertName("directions", () -> new SyntheticProblem(SyntheticProblem.Kind.MULTI_INDEX, 1, 3, 4, 1, 10, true, true,
        TANH, 1, 0, 4, null, 0));
    assertName("scale", () -> new SyntheticProblem(SyntheticProblem.Kind.RANDOM_NET, 1, 3, 4, 1, 10, true, true,
        TANH, 0, 0, 1, null, 0));
    assertName("sizes", () -> new SyntheticProblem(SyntheticProblem.Kind.TEACHER_REGRESSION, 1, 100_000, 4, 1,
        1_000_000_000, true, true, TANH, 1, 0, 1, null, 0));
    assertName("network size", () -> new SyntheticProblem(SyntheticProblem.Kind.RANDOM_NET, 1, 1_000_000, 1_000_000, 1,
        1, true, true, TANH, 1, 0, 1, null, 0));
  }

  private static void assertName(String name, Runnable r) {
    InvalidInputException e = assertThrows(InvalidInputException.class, r::run);
    assertTrue(e.getMessage().startsWith(name), e.getMessage());
  }
}
