package dev.basin.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.model.TwoLayerNet;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harness itself: it must find a planted failure, shrink it to the minimal case (computed by
 * hand for each planted property), try edge cases first, replay a run from its seed, and enforce
 * coverage and the discard limit. Expected values come from the planted properties, not from runs.
 */
class PropertyTest {

  @Test
  void shrinksAFailingNetToTheMinimalOne() {
    // planted: "every net has at most 2 hidden units". The minimal counterexample is d = k = 1,
    // h = 3, no biases, every weight 0 (sizes shrink toward 1, weights toward 0).
    AssertionError e = assertThrows(AssertionError.class, () -> Property.named("planted#hidden").check(
        Nets.nets(Nets.Shape.small()), (net, ctx) -> assertTrue(net.hidden() <= 2, "h = " + net.hidden())));
    String msg = e.getMessage();
    assertTrue(msg.contains("shrunk in"), msg);
    String shrunk = msg.substring(msg.indexOf("to:\n") + 4, msg.indexOf("original:"));
    assertTrue(shrunk.contains("relu d=1 h=3 k=1 W1=[0.0, 0.0, 0.0] b1=none W2=[0.0, 0.0, 0.0] b2=none"), msg);
    assertTrue(msg.contains("-Dbasin.property.seed=0x"), "the replay command names the seed: " + msg);
  }

  @Test
  void shrinksAnArrayToOneElementAtTheThreshold() {
    // planted: "every array of values in [0, 100] sums to less than 50": minimal = one element 50
    // (ranges shrink toward their lower end by bisection of the draw, which lands on 50 up to the 2^-53 grid)
    AssertionError e = assertThrows(AssertionError.class, () -> Property.named("planted#sum").check(
        Gens.arrays(Gens.range(0, 100), 1, 20), (a, ctx) -> assertTrue(Arrays.stream(a).sum() < 50)));
    String shrunk = e.getMessage().substring(e.getMessage().indexOf("to:\n") + 4, e.getMessage().indexOf("original:")).strip();
    double[] v = Arrays.stream(shrunk.substring(1, shrunk.length() - 1).split(",")).mapToDouble(Double::parseDouble).toArray();
    assertEquals(1, v.length, e.getMessage());
    assertEquals(50.0, v[0], 1e-12, e.getMessage());
  }

  @Test
  void edgeCasesComeFirst() {
    // planted: "no double is NaN": NaN is an edge, so the failure is an edge case, before any random case
    AssertionError e = assertThrows(AssertionError.class, () -> Property.named("planted#nan").check(Gens.doubles(),
        (x, ctx) -> assertTrue(!Double.isNaN(x))));
    assertTrue(e.getMessage().contains("failed on edge case " + (Gens.EDGES.length - 1)), e.getMessage());
  }

  @Test
  void theSameSeedReplaysTheSameFailure() {
    Property.Body<double[]> body = (a, ctx) -> assertTrue(a.length < 7 || a[6] < 0.5);
    Gen<double[]> g = Gens.arrays(Gens.range(0, 1), 0, 10);
    String first = assertThrows(AssertionError.class, () -> Property.named("planted#replay").seed(42).check(g, body)).getMessage();
    String again = assertThrows(AssertionError.class, () -> Property.named("planted#replay").seed(42).check(g, body)).getMessage();
    String other = assertThrows(AssertionError.class, () -> Property.named("planted#replay").seed(43).check(g, body)).getMessage();
    assertEquals(first, again);
    assertNotEquals(first.substring(first.indexOf("original:")), other.substring(other.indexOf("original:")),
        "another seed draws other cases");
  }

  @Test
  void statisticsCountTheLabels() {
    Property.Result r = Property.named("planted#stats").tries(2000).check(Gens.ints(0, 9), (i, ctx) -> {
      ctx.classify(i == 0, "zero");
      ctx.classify(i % 2 == 0, "even");
    });
    assertEquals(2002, r.cases(), "2 edges + 2000 random");
    assertEquals(50.0, r.percent("even"), 4.0, "about half of 0..9 are even (binomial sd 1.1 %)");
    assertEquals(10.0, r.percent("zero"), 2.5);
  }

  @Test
  void coverageAndDiscardLimitsAreEnforced() {
    AssertionError cover = assertThrows(AssertionError.class, () -> Property.named("planted#cover").check(Gens.ints(0, 9),
        (i, ctx) -> ctx.cover(i == 100, "never", 1.0)));
    assertTrue(cover.getMessage().contains("coverage of 'never'"), cover.getMessage());
    AssertionError discard = assertThrows(AssertionError.class, () -> Property.named("planted#discard").check(
        Gens.ints(0, 9), (i, ctx) -> ctx.assume(i == 3)));
    assertTrue(discard.getMessage().contains("discarded"), discard.getMessage());
  }

  @Test
  void generatedNetsAndDataAreValidAndVaried() {
    Property.Result r = Property.named("harness#nets").check(Nets.labelled(Nets.Shape.small(), true), (l, ctx) -> {
      TwoLayerNet n = l.net();
      assertEquals(n.inputs(), l.data().inputs());
      ctx.cover(n.hidden() == 1, "h=1", 5);
      ctx.cover(n.outputs() >= 2, "k>=2", 20);
      ctx.cover(l.data().size() == 1, "n=1", 2);
      ctx.cover(n.b1() != null, "b1", 20);
    });
    assertTrue(r.cases() >= Property.DEFAULT_TRIES);
    List<Double> edges = Gens.finiteDoubles().edges();
    assertTrue(edges.contains(Double.MIN_VALUE) && edges.contains(0x1p-960), "subnormals and the widening threshold");
  }
}
