package dev.basin.bounds;

import static dev.basin.bounds.HighPrecision.bd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.base.NonFiniteResultException;
import dev.basin.property.Gen;
import dev.basin.property.Gens;
import dev.basin.property.Property;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The contracts of {@link Interval} and {@link Rounding} that KeY cannot state (spec BOUND-ARITH,
 * proofs/LEDGER.md): every end encloses the exact real result, checked against exact BigDecimal
 * arithmetic (sums, products and cross-multiplied quotients are exact; an infinite end stands for
 * reals beyond every double, sampled as ±2^1100), on the harness's adversarial intervals (signed
 * zeros, subnormals, 2^-960, ties, huge exponents, infinities) and random ones; the elementary
 * functions against the 60-digit {@link HighPrecision} reference. A Rounding with a deliberately
 * wrong rounding direction (a source mutation of the real class, compiled here) must be caught.
 */
class IntervalContractsTest {

  /** ±2^1100: a real beyond every double, standing for an infinite end. */
  private static final BigDecimal BEYOND = new BigDecimal(java.math.BigInteger.TWO.pow(1100));

  /** Real points of [lo, hi]: the ends (or ±BEYOND for infinite ones) and five exact interior points. */
  static List<BigDecimal> points(Interval x) {
    if (x.lo() == x.hi() && Double.isInfinite(x.lo())) {
      return List.of(); // [∞, ∞] holds no real
    }
    BigDecimal lo = x.lo() == Double.NEGATIVE_INFINITY ? BEYOND.negate() : x.lo() == Double.POSITIVE_INFINITY ? BEYOND : bd(x.lo());
    BigDecimal hi = x.hi() == Double.POSITIVE_INFINITY ? BEYOND : x.hi() == Double.NEGATIVE_INFINITY ? BEYOND.negate() : bd(x.hi());
    List<BigDecimal> p = new ArrayList<>(List.of(lo, hi));
    BigDecimal w = hi.subtract(lo);
    for (int k = 1; k <= 5; k++) {
      p.add(lo.add(w.multiply(BigDecimal.valueOf(k)).divide(BigDecimal.valueOf(6), HighPrecision.MC)));
    }
    return p;
  }

  /** Whether the real r lies in [lo, hi] (infinite ends bound nothing on their side). */
  static boolean encloses(Interval i, BigDecimal r) {
    boolean lower = i.lo() == Double.NEGATIVE_INFINITY || i.lo() != Double.POSITIVE_INFINITY && bd(i.lo()).compareTo(r) <= 0;
    boolean upper = i.hi() == Double.POSITIVE_INFINITY || i.hi() != Double.NEGATIVE_INFINITY && r.compareTo(bd(i.hi())) <= 0;
    return lower && upper;
  }

  private record Pair(Interval a, Interval b) {}

  private static Gen<Pair> pairs() {
    return Gen.zip(Gens.intervals(true), Gens.intervals(true), Pair::new);
  }

  /** One binary operation: its interval form and its exact real form. */
  private void binary(BinaryOperator<Interval> op, BinaryOperator<BigDecimal> exact, String what) {
    Property.named("IntervalContractsTest#" + what).tries(3000).check(pairs(), (p, ctx) -> {
      Interval r;
      try {
        r = op.apply(p.a(), p.b());
      } catch (NonFiniteResultException e) {
        ctx.classify("refused (NaN corner)");
        return; // ∞ − ∞, 0·∞: the contract's signals clause; checked in refusesOnlyNaNCorners
      }
      ctx.cover(p.a().lo() == p.a().hi() && p.b().lo() == p.b().hi(), "two points", 10);
      ctx.cover(Double.isInfinite(p.a().lo()) || Double.isInfinite(p.b().hi()), "infinite end", 2);
      ctx.cover(Math.abs(p.a().lo()) < Double.MIN_NORMAL && p.a().lo() != 0.0, "subnormal end", 1);
      assertTrue(r.lo() <= r.hi(), () -> what + " lo > hi: " + r);
      for (BigDecimal x : points(p.a())) {
        for (BigDecimal y : points(p.b())) {
          BigDecimal z = exact.apply(x, y);
          assertTrue(encloses(r, z), () -> what + " " + r + " misses the exact " + z);
        }
      }
      if (p.a().lo() == p.a().hi() && p.b().lo() == p.b().hi() && Double.isFinite(r.lo()) && Double.isFinite(r.hi())
          && Double.isFinite(p.a().lo()) && Double.isFinite(p.b().lo())) {
        // one step where the residual is exact; two (one each way) below 2^-960 (Rounding's class doc)
        double allowed = Math.abs(r.lo()) < 0x1p-960 || Math.abs(r.hi()) < 0x1p-960 ? Math.nextUp(Math.nextUp(r.lo()))
            : Math.nextUp(r.lo());
        assertTrue(r.hi() <= allowed, () -> what + " of two points wider than necessary: " + r);
        BigDecimal z = exact.apply(bd(p.a().lo()), bd(p.b().lo()));
        if (z.compareTo(bd(z.doubleValue())) == 0 && Math.abs(z.doubleValue()) >= 0x1p-960) {
          assertEquals(r.lo(), r.hi(), () -> what + ": an exact result must stay a point: " + r);
        }
      }
    });
  }

  @Test
  void addEnclosesTheExactSum() {
    binary(Interval::add, BigDecimal::add, "addEnclosesTheExactSum");
  }

  @Test
  void subEnclosesTheExactDifference() {
    binary(Interval::sub, BigDecimal::subtract, "subEnclosesTheExactDifference");
  }

  @Test
  void mulEnclosesTheExactProduct() {
    binary(Interval::mul, BigDecimal::multiply, "mulEnclosesTheExactProduct");
  }

  @Test
  void maxAndMinEncloseTheExactResult() {
    binary(Interval::max, BigDecimal::max, "maxAndMinEncloseTheExactResult");
    binary(Interval::min, BigDecimal::min, "maxAndMinEncloseTheExactResult#min");
  }

  @Test
  void divEnclosesTheExactQuotient() {
    Property.named().tries(3000).check(pairs(), (p, ctx) -> {
      Interval b = p.b();
      if (b.lo() <= 0.0 && b.hi() >= 0.0) {
        assertThrows(NonFiniteResultException.class, () -> p.a().div(b), "a divisor containing 0 is refused");
        return;
      }
      Interval r;
      try {
        r = p.a().div(b);
      } catch (NonFiniteResultException e) {
        ctx.classify("refused (∞/∞)");
        assertTrue(Double.isInfinite(p.a().lo()) || Double.isInfinite(p.a().hi()), "only ∞/∞ corners are refused");
        return;
      }
      ctx.cover(b.hi() < 0.0, "negative divisor", 10);
      assertTrue(r.lo() <= r.hi(), () -> "lo > hi: " + r);
      if (p.a().lo() >= 0.0 && b.lo() > 0.0) {
        assertTrue(r.lo() >= 0.0, "sign case: non-negative / positive has a non-negative lower end");
      }
      for (BigDecimal x : points(p.a())) {
        for (BigDecimal y : points(b)) {
          // x/y ∈ [lo, hi] ⇔ lo·y ≤ x ≤ hi·y for y > 0 (reversed for y < 0); infinite ends bound nothing
          boolean pos = y.signum() > 0;
          boolean lowOk = r.lo() == Double.NEGATIVE_INFINITY || (pos ? bd(r.lo()).multiply(y).compareTo(x) <= 0
              : bd(r.lo()).multiply(y).compareTo(x) >= 0);
          boolean highOk = r.hi() == Double.POSITIVE_INFINITY || (pos ? x.compareTo(bd(r.hi()).multiply(y)) <= 0
              : x.compareTo(bd(r.hi()).multiply(y)) >= 0);
          assertTrue(lowOk && highOk, () -> r + " misses " + x + " / " + y);
        }
      }
    });
  }

  @Test
  void unaryOperationsEncloseTheExactResult() {
    Property.named().tries(3000).check(Gens.intervals(true), (x, ctx) -> {
      Interval a = x.abs();
      Interval s = x.square();
      assertTrue(a.lo() >= 0.0 && a.lo() <= a.hi() && s.lo() >= 0.0 && s.lo() <= s.hi(), () -> a + " " + s);
      assertEquals(Interval.of(-x.hi(), -x.lo()), x.neg());
      for (BigDecimal r : points(x)) {
        assertTrue(encloses(a, r.abs()), () -> "abs " + a + " misses |" + r + "|");
        assertTrue(encloses(s, r.multiply(r)), () -> "square " + s + " misses " + r + "^2");
      }
      if (x.hi() >= 0.0) {
        Interval q = x.sqrt();
        ctx.classify(x.lo() < 0.0, "sqrt of an interval reaching below 0 (clamped)");
        assertTrue(q.lo() >= 0.0 && q.lo() <= q.hi(), () -> "sqrt " + q);
        for (BigDecimal r : points(x)) {
          if (r.signum() >= 0) {
            // √r ∈ [lo, hi] ⇔ lo² ≤ r ≤ hi²
            assertTrue(bd(q.lo()).pow(2).compareTo(r) <= 0 && (q.hi() == Double.POSITIVE_INFINITY
                || r.compareTo(bd(q.hi()).pow(2)) <= 0), () -> "sqrt " + q + " misses sqrt(" + r + ")");
          }
        }
      }
      if (Double.isFinite(x.lo()) && Double.isFinite(x.hi())) {
        Interval c = x.cbrt();
        for (BigDecimal r : points(x)) {
          assertTrue(bd(c.lo()).pow(3).compareTo(r) <= 0 && r.compareTo(bd(c.hi()).pow(3)) <= 0,
              () -> "cbrt " + c + " misses cbrt(" + r + ")");
        }
        assertTrue(x.width() >= 0.0 && Double.isInfinite(x.width()) || bd(x.width()).compareTo(bd(x.hi()).subtract(bd(x.lo()))) >= 0, "width >= hi - lo");
        assertTrue(x.contains(x.mid()), () -> "mid " + x.mid() + " of " + x);
      }
    });
  }

  @Test
  void elementaryFunctionsEncloseTheHighPrecisionValue() {
    Gen<Interval> moderate = Gen.zip(Gens.range(-700, 700), Gens.range(0, 2), (c, w) -> Interval.of(c, c + w))
        .withEdges(List.of(Interval.point(0.0), Interval.point(-745), Interval.point(709.7), Interval.point(1e-300),
            Interval.point(-1e-300)));
    Property.named().tries(400).check(moderate, (x, ctx) -> {
      Interval e = x.exp();
      Interval t = x.tanh();
      assertTrue(e.lo() >= 0.0 && e.lo() <= e.hi() && -1.0 <= t.lo() && t.lo() <= t.hi() && t.hi() <= 1.0);
      for (double end : new double[] {x.lo(), x.hi()}) {
        BigDecimal ex = HighPrecision.exp(bd(end));
        assertTrue(encloses(e, ex), () -> "exp " + e + " misses e^" + end);
        BigDecimal th = HighPrecision.tanh(bd(end));
        assertTrue(encloses(t, th), () -> "tanh " + t + " misses tanh(" + end + ") = " + th);
      }
      if (x.lo() > -1.0) {
        Interval l1 = x.log1p();
        if (x.lo() > 0.0) {
          Interval l = x.log();
          // ln r ∈ [lo, hi] ⇔ e^lo ≤ r ≤ e^hi (exp increasing)
          for (double end : new double[] {x.lo(), x.hi()}) {
            assertTrue(HighPrecision.exp(bd(l.lo())).compareTo(bd(end)) <= 0 && bd(end).compareTo(HighPrecision.exp(bd(l.hi()))) <= 0,
                () -> "log " + l + " misses ln " + end);
          }
        }
        for (double end : new double[] {x.lo(), x.hi()}) {
          BigDecimal v = HighPrecision.log1p(bd(end));
          assertTrue(encloses(l1, v),
              () -> "log1p " + l1 + " misses ln(1 + " + end + ")");
        }
      }
    });
  }

  @Test
  void klInverseBracketsTheHighPrecisionRoot() {
    Gen<double[]> qc = Gen.zip(Gens.range(0, 1), Gens.range(0, 3), (q, c) -> new double[] {q, c})
        .withEdges(List.of(new double[] {0, 0}, new double[] {0, 1e-6}, new double[] {1, 1}, new double[] {0.5, 1e-12},
            new double[] {1e-300, 0.1}));
    Property.named().tries(150).check(qc, (v, ctx) -> {
      double q = v[0];
      double c = v[1];
      Interval b = KlInverse.bracket(q, c);
      assertTrue(q <= b.lo() && b.lo() <= b.hi() && b.hi() <= 1.0, () -> "q <= lo <= hi <= 1: " + b);
      // kl(q‖·) increases on [q, 1): the root p* = kl⁻¹(q | c) lies in [lo, hi] iff kl(q‖lo) ≤ c and (hi = 1 or kl(q‖hi) ≥ c)
      if (b.lo() > q && b.lo() < 1.0) {
        assertTrue(HighPrecision.kl(q, b.lo()).compareTo(bd(c)) <= 0, () -> "kl(q||lo) > c for " + b);
      }
      if (b.hi() < 1.0) {
        assertTrue(HighPrecision.kl(q, b.hi()).compareTo(bd(c)) >= 0, () -> "kl(q||hi) < c for " + b);
      }
      double plain = KlInverse.plain(q, c);
      assertTrue(plain >= b.lo() - Math.ulp(b.lo()) && plain <= b.hi() + Math.ulp(b.hi()), () -> "plain " + plain + " vs " + b);
    });
  }

  // ---- the directed-rounding primitives, real and mutated ----------------------------------

  /** The primitives under test: the real Rounding or a mutant of its source. */
  interface Directed {
    double mulDown(double a, double b);

    double mulUp(double a, double b);

    double addDown(double a, double b);
  }

  private static final Directed REAL = new Directed() {
    @Override
    public double mulDown(double a, double b) {
      return Rounding.mulDown(a, b);
    }

    @Override
    public double mulUp(double a, double b) {
      return Rounding.mulUp(a, b);
    }

    @Override
    public double addDown(double a, double b) {
      return Rounding.addDown(a, b);
    }
  };

  private record Two(double a, double b) {}

  /** mulDown ≤ exact a·b ≤ mulUp, at most one step apart; addDown ≤ exact a + b and monotone in a. */
  static void roundingEnclosesExactResults(Directed r, Property p) {
    Gen<Two> g = Gen.zip(Gens.finiteDoubles(), Gens.finiteDoubles(), Two::new);
    p.check(g, (t, ctx) -> {
      double a = t.a();
      double b = t.b();
      ctx.cover(Math.abs(a * b) < 0x1p-960 && a * b != 0.0, "product below 2^-960", 0.5);
      double lo = r.mulDown(a, b);
      double hi = r.mulUp(a, b);
      BigDecimal exact = bd(a).multiply(bd(b));
      if (Double.isFinite(a * b)) {
        assertTrue(encloses(Interval.of(lo, hi), exact), () -> "[" + lo + ", " + hi + "] misses " + exact);
        assertTrue(hi <= Math.nextUp(Math.nextUp(lo)), () -> "wider than necessary: [" + lo + ", " + hi + "]");
      }
      double s = r.addDown(a, b);
      if (Double.isFinite(a + b)) {
        BigDecimal sum = bd(a).add(bd(b));
        assertTrue((s == Double.NEGATIVE_INFINITY || bd(s).compareTo(sum) <= 0) && (Double.isInfinite(Math.nextUp(s)) || bd(Math.nextUp(s)).compareTo(sum) > 0),
            () -> "addDown " + s + " is not the round-down of " + sum);
      }
      double a2 = Math.nextUp(a);
      if (Double.isFinite(a2 + b) && Double.isFinite(a + b)) {
        assertTrue(r.addDown(a, b) <= r.addDown(a2, b), "addDown is monotone in a");
      }
    });
  }

  @Test
  void roundingPrimitivesEncloseExactResults() {
    roundingEnclosesExactResults(REAL, Property.named().tries(5000));
  }

  /** The real Rounding.java with one textual replacement, compiled and loaded in isolation. */
  static Directed mutant(String from, String to) throws Exception {
    Path src = Path.of("src/main/java/dev/basin/bounds/Rounding.java");
    String text = Files.readString(src);
    assertTrue(text.contains(from), "the mutation's target text is in Rounding.java: " + from);
    String mutated = text.replace(from, to);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Map<String, byte[]> classes = new java.util.HashMap<>();
    var fm = new ForwardingJavaFileManager<>(javac.getStandardFileManager(null, null, null)) {
      @Override
      public JavaFileObject getJavaFileForOutput(Location l, String name, JavaFileObject.Kind k, FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + ".class"), k) {
          @Override
          public java.io.OutputStream openOutputStream() {
            return new java.io.ByteArrayOutputStream() {
              @Override
              public void close() {
                classes.put(name, toByteArray());
              }
            };
          }
        };
      }
    };
    JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///dev/basin/bounds/Rounding.java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignore) {
        return mutated;
      }
    };
    boolean ok = javac.getTask(null, fm, null, List.of("-classpath", System.getProperty("java.class.path"), "-proc:none"),
        null, List.of(unit)).call();
    assertTrue(ok, "the mutant compiles");
    ClassLoader loader = new ClassLoader(IntervalContractsTest.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        byte[] b = classes.get(name);
        if (b == null) {
          return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
          Class<?> c = findLoadedClass(name);
          return c != null ? c : defineClass(name, b, 0, b.length);
        }
      }
    };
    Class<?> c = loader.loadClass("dev.basin.bounds.Rounding");
    MethodType dd = MethodType.methodType(double.class, double.class, double.class);
    MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
    MethodHandle down = lookup.findStatic(c, "mulDown", dd);
    MethodHandle up = lookup.findStatic(c, "mulUp", dd);
    MethodHandle add = lookup.findStatic(c, "addDown", dd);
    return new Directed() {
      @Override
      public double mulDown(double a, double b) {
        return call(down, a, b);
      }

      @Override
      public double mulUp(double a, double b) {
        return call(up, a, b);
      }

      @Override
      public double addDown(double a, double b) {
        return call(add, a, b);
      }
    };
  }

  private static double call(MethodHandle h, double a, double b) {
    try {
      return (double) h.invokeExact(a, b);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** proofs/fixtures' mutation (KeY reports mulDown OPEN): the lower end of an inexact product rounded up. */
  static final String[] WRONG_DIRECTION = {"return err < 0.0 ? TrustedRounding.nextDown(p) : p;",
    "return err < 0.0 ? TrustedRounding.nextUp(p) : p;"};
  /** A mutation KeY cannot see (the result still lies below the IEEE product): the residual's sign test inverted. */
  static final String[] WRONG_RESIDUAL_SIGN = {"return err < 0.0 ? TrustedRounding.nextDown(p) : p;",
    "return err > 0.0 ? TrustedRounding.nextDown(p) : p;"};

  @Test
  void aWrongRoundingDirectionIsCaughtAndShrunk() throws Exception {
    for (String[] m : new String[][] {WRONG_DIRECTION, WRONG_RESIDUAL_SIGN}) {
      Directed bad = mutant(m[0], m[1]);
      AssertionError e = assertThrows(AssertionError.class,
          () -> roundingEnclosesExactResults(bad, Property.named("mutant: " + m[1]).tries(5000)));
      String msg = e.getMessage();
      assertTrue(msg.contains("misses") || msg.contains("round-down") || msg.contains("lo <= hi"), msg);
      assertTrue(msg.contains("shrunk in") || msg.contains("edge case"), "a minimal counterexample is reported: " + msg);
    }
  }

  @Test
  void aroundEnclosesItsNeighbourhood() {
    Property.named().tries(2000).check(Gen.zip(Gens.finiteDoubles(), Gens.intervals(true), (x, i) -> new Object[] {x, i}),
        (v, ctx) -> {
          double x = (double) v[0];
          Interval i = (Interval) v[1];
          Interval a = Interval.around(x);
          // every real within half an ulp of x (the reals x can be the correctly rounded value of)
          BigDecimal half = bd(Math.ulp(x)).divide(BigDecimal.valueOf(2));
          assertTrue(encloses(a, bd(x).add(half)) && encloses(a, bd(x).subtract(half)), () -> "around " + a);
          Interval h = i.hull(a);
          assertEquals(Math.min(i.lo(), a.lo()), h.lo());
          assertEquals(Math.max(i.hi(), a.hi()), h.hi());
          Interval copy = Interval.of(i.lo(), i.hi());
          assertTrue(copy.equals(i) && copy.hashCode() == i.hashCode(), "equal ends: equal intervals, equal hashes");
          assertEquals("[" + (i.lo() + 0.0) + ", " + (i.hi() + 0.0) + "]", i.toString());
        });
  }

  @Test
  void literalsAreTheConstants() {
    // Rounding.java spells Double.MAX_VALUE and 2^-960 as decimal literals (KeY has no such constants)
    assertEquals(Double.MAX_VALUE, 1.7976931348623157E308);
    assertEquals(0x1p-960, 1.0261342003245941E-289);
  }
}
