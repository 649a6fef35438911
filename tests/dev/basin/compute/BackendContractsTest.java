package dev.basin.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.InvalidInputException;
import dev.basin.kernel.Loss;
import dev.basin.model.Dataset;
import dev.basin.model.Objective;
import dev.basin.model.TwoLayerNet;
import dev.basin.property.Draws;
import dev.basin.property.Gen;
import dev.basin.property.Nets;
import dev.basin.property.Property;
import dev.basin.testing.Cases;
import dev.basin.testing.Cases.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The JML contracts of the compute interface ({@link Backend}, {@link Prepared}, {@link Evaluation},
 * {@link MatrixProducts}, the registry; spec COMPUTE-BACKEND, COMPUTE-ERROR-MODEL) as properties of
 * <b>every backend registered and available on this machine</b>, on nets and data sets from the
 * property harness (edge nets first, shrinking to a minimal net, statistics). The checks are the
 * conformance kit's ({@link BackendConformance}), run on generated cases instead of its fixed ones:
 * each product within the bound of the backend's declared error model of the exact (BigDecimal,
 * 60-digit) value, bit determinism, shapes, and the lifecycle (use after close refused).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackendContractsTest {

  /** Small nets (d ≤ 4, h ≤ 5, k ≤ 3, n ≤ 8) of every activation. */
  private static final Nets.Shape SHAPE = new Nets.Shape(4, 5, 3, 8, Nets.all(), 1);

  /** The conformance kit, one per backend available here. */
  private final List<BackendConformance> kits = new ArrayList<>();

  @BeforeAll
  void open() {
    for (BackendProvider p : Backends.providers()) {
      if (p.availability().available()) {
        Backend b = p.create(2);
        BackendConformance kit = new BackendConformance() {
          @Override
          protected Backend open() {
            return b;
          }
        };
        kit.start();
        kits.add(kit);
      }
    }
  }

  @AfterAll
  void close() {
    for (BackendConformance kit : kits) {
      kit.stop();
    }
  }

  /**
   * A weight or input of the harness kept below 16 in magnitude (exponent lowered, mantissa kept): the
   * 60-digit reference evaluates e^z, and the harness's 2^20-scaled values would make z ~ 10^12.
   */
  private static double tame(double v) {
    int e = Math.getExponent(v);
    return e > 3 && Double.isFinite(v) ? Math.scalb(v, 3 - e) : v;
  }

  private static double[] tame(double[] v) {
    double[] t = v.clone();
    for (int i = 0; i < t.length; i++) {
      t[i] = tame(t[i]);
    }
    return t;
  }

  /** A conformance case from a generated net and data set: the loss drawn among those the labels allow. */
  static Case toCase(Nets.Labelled l, Draws d) {
    TwoLayerNet net = l.net();
    int n = l.data().size();
    int dd = net.inputs();
    int k = net.outputs();
    double[] x = tame(l.data().x());
    int[] y = l.data().labels();
    int kind = k == 1 ? d.pick(Loss.LOGISTIC, Loss.HALFSQ, Loss.MSE) : d.pick(Loss.CE, Loss.HALFSQ, Loss.MSE);
    Loss loss = new Loss(kind, d.bool() ? Loss.MEAN : Loss.SUM);
    Dataset data;
    if (loss.usesLabels()) {
      data = Dataset.withLabels(n, dd, x, y);
    } else {
      double[] t = new double[n * k]; // one-hot targets (k = 1: the 0/1 label)
      for (int i = 0; i < n; i++) {
        t[i * k + (k == 1 ? 0 : y[i])] = k == 1 ? y[i] : 1.0;
      }
      data = Dataset.withTargets(n, dd, x, k, t);
    }
    double[] theta = tame(net.parameters());
    Objective obj = Objective.of(net.layout(), net.activation(), loss, data);
    long seed = d.draw(1L << 40);
    return new Case(seed, obj, theta, Nets.describe(net.withParameters(theta)) + " loss=" + kind + "/"
        + loss.reduction() + " X=" + java.util.Arrays.toString(x) + " y=" + java.util.Arrays.toString(y) + " seed=" + seed);
  }

  static Gen<Case> cases() {
    return Nets.labelled(SHAPE, false).flatMap(l -> Gen.of(d -> toCase(l, d), List.of()));
  }

  private void classifyBackends(Property.Ctx ctx) {
    for (BackendConformance kit : kits) {
      ctx.classify("backend " + kit.backend().name());
    }
  }

  @Test
  void theRegisteredBackendsIncludeTheOracleAndTheCpuPaths() {
    List<String> names = kits.stream().map(k -> k.backend().name()).toList();
    // every machine runs these three; cuda joins where a GPU is (GpuConformanceTest)
    assertTrue(names.containsAll(List.of("reference", "simd", "cuda-emulator")), "available backends " + names);
  }

  @Test
  void everyBackendKeepsItsDeclaredErrorModelOnRandomNets() {
    Property.named().tries(120).check(cases(), (c, ctx) -> {
      classifyBackends(ctx);
      ctx.classify(c.objective().problem().loss().usesLabels() ? "labels" : "targets");
      for (BackendConformance kit : kits) {
        kit.forwardQuantitiesWithinTheDeclaredModel(c);
        kit.lossWithinFlatLossErrorOfTheExactLoss(c);
        kit.hvpWithinFlatHvpErrorOfTheExactProduct(c);
      }
    });
  }

  @Test
  void everyBackendIsDeterministicAndShapedAsStatedOnRandomNets() {
    Property.named().tries(80).check(cases(), (c, ctx) -> {
      classifyBackends(ctx);
      for (BackendConformance kit : kits) {
        kit.everyArrayHasItsStatedShape(c);
        kit.runToRunBitDeterminismAndBatchedEqualsSingle(c);
      }
    });
  }

  @Test
  void everyBackendsMatrixProductsKeepTheDeclaredBound() {
    Gen<BackendConformance.GemmCase> gemms = Gen.of(d -> new BackendConformance.GemmCase(d.between(1, 40),
        d.between(1, 40), d.between(1, 300), d.bool(), d.bool(), d.bool(), d.between(0, 2), d.draw(1L << 40)),
        List.of(new BackendConformance.GemmCase(1, 1, 1, false, false, false, 0, 1)));
    Property.named().tries(60).check(gemms, (g, ctx) -> {
      ctx.classify("pattern " + g.pattern());
      // the offset-0 overload is the offset form with ao = bo = co = 0, bit for bit
      double[] a = Cases.gaussians(Cases.rng(g.seed()), g.m() * g.k(), 1.0);
      double[] b = Cases.gaussians(Cases.rng(g.seed() + 1), g.k() * g.n(), 1.0);
      for (BackendConformance kit : kits) {
        kit.matrixProductsWithinTheDeclaredBoundOfTheExactProduct(g);
        try (Prepared p = kit.backend().prepare(Cases.random(1).objective().problem())) {
          MatrixProducts mp = p.products();
          double[] c0 = Cases.gaussians(Cases.rng(g.seed() + 2), g.m() * g.n(), 1.0);
          double[] c1 = c0.clone();
          int lda = g.transA() ? g.m() : g.k();
          int ldb = g.transB() ? g.k() : g.n();
          mp.multiply(g.m(), g.n(), g.k(), a, lda, g.transA(), b, ldb, g.transB(), c0, g.accumulate());
          mp.multiply(g.m(), g.n(), g.k(), a, 0, lda, g.transA(), b, 0, ldb, g.transB(), c1, 0, g.accumulate());
          assertArrayEquals(c1, c0, kit.backend().name() + " " + g + ": the offset-0 overload");
        }
      }
    });
  }

  /** The lifecycle clauses: θ of the wrong length, use of a closed evaluation or prepared problem. */
  @Test
  void everyBackendRefusesBadShapesAndUseAfterClose() {
    Property.named().tries(40).check(cases(), (c, ctx) -> {
      classifyBackends(ctx);
      double[] theta = c.theta();
      for (BackendConformance kit : kits) {
        Backend b = kit.backend();
        assertSame(b.errorModel(), b.errorModel(), b.name() + ": errorModel() is one object");
        Prepared p = b.prepare(c.objective().problem());
        assertSame(c.objective().problem(), p.problem());
        assertSame(b, p.backend());
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> p.evaluate(new double[theta.length + 1]));
        assertEquals("theta", bad.input());
        Evaluation e = p.evaluate(theta);
        assertSame(b.errorModel(), e.errorModel(), b.name() + ": the evaluation keeps the backend's model");
        assertTrue(!(e.loss() < 0.0), b.name() + ": loss " + e.loss());
        e.close();
        e.close();
        double[] out = new double[theta.length];
        assertThrows(IllegalStateException.class, e::loss);
        assertThrows(IllegalStateException.class, e::outputs);
        assertThrows(IllegalStateException.class, () -> e.gradient(out));
        assertThrows(IllegalStateException.class, () -> e.hvp(theta, out));
        assertThrows(IllegalStateException.class, () -> e.hvpBatch(new double[][] {theta}, new double[][] {out}));
        assertThrows(IllegalStateException.class, e::forwardQuantities);
        p.close();
        p.close();
        assertThrows(IllegalStateException.class, () -> p.evaluate(theta));
      }
    });
  }

  /** The registry's clauses (BackendProvider, Backends) for every registered provider. */
  @Test
  void theRegistryKeepsItsContracts() {
    List<BackendProvider> all = Backends.providers();
    for (int i = 1; i < all.size(); i++) {
      assertTrue(all.get(i - 1).name().compareTo(all.get(i).name()) <= 0, "providers() sorted by name");
    }
    for (BackendProvider p : all) {
      assertTrue(!p.name().isEmpty() && p.name().equals(p.name().toLowerCase(Locale.ROOT)) && !p.name().contains(" "),
          "name " + p.name());
      assertTrue(p.description().indexOf('\n') < 0, p.name() + ": one-line description");
      assertTrue(p.autoRank() >= 0 || p.autoRank() == BackendProvider.NEVER_AUTO, p.name() + ": rank");
      assertTrue(p.autoMinParams() >= 0, p.name() + ": threshold");
      assertEquals(p.name(), Backends.provider(" " + p.name().toUpperCase(Locale.ROOT) + " ").name());
      BackendProvider.Availability a = p.availability();
      if (a.available()) {
        assertEquals(p.name(), Backends.choose(p.name(), Backends.Guarantee.DECLARED, 1).name());
        try (Backend b = p.create(1)) {
          assertEquals(p.name(), b.name());
        }
      } else {
        InvalidInputException e = assertThrows(InvalidInputException.class,
            () -> Backends.choose(p.name(), Backends.Guarantee.DECLARED, 1));
        assertEquals("--backend", e.input());
        assertThrows(InvalidInputException.class, () -> p.create(1));
      }
      assertTrue(Backends.describe().contains(p.name()), "describe() lists " + p.name());
    }
    assertTrue(Backends.choose(Backends.AUTO, Backends.Guarantee.ORACLE, 1L << 40).oracle());
    Property.named().check(Gen.of(d -> d.draw(1L << 40), List.of(0L, 1L, 20_000L, 1_000_000L)), (params, ctx) -> {
      BackendProvider auto = Backends.choose(Backends.AUTO, Backends.Guarantee.DECLARED, params);
      ctx.classify("auto picks " + auto.name());
      assertTrue(auto.availability().available() && auto.autoRank() != BackendProvider.NEVER_AUTO
          && params >= auto.autoMinParams(), "auto at N = " + params + " picked " + auto.name());
      for (BackendProvider p : all) {
        boolean fits = p.autoRank() != BackendProvider.NEVER_AUTO && params >= p.autoMinParams()
            && p.availability().available();
        assertTrue(!fits || p.autoRank() <= auto.autoRank(), "auto at N = " + params + " passed over " + p.name());
      }
    });
    InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> Backends.provider("no-such-backend"));
    assertEquals("--backend", unknown.input());
  }
}
