package dev.basin.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.property.Gen;
import dev.basin.property.Gens;
import dev.basin.property.Property;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JML contracts of {@link ErrorModel} and {@link Chains} (spec COMPUTE-ERROR-MODEL) as properties:
 * what KeY proves about γ and the chain counts (proofs/LEDGER.md) and what it cannot — that γ̂ is at
 * least L·u and within one rounding of the exact L·u/(1 − L·u) — against exact BigDecimal
 * arithmetic (every double is a finite binary fraction, so these comparisons are exact).
 */
class ErrorModelContractsTest {

  private static final BigDecimal U = new BigDecimal(ErrorModel.U);
  private static final long TWO_52 = 1L << 52;
  private static final int MAX = Integer.MAX_VALUE;

  /** Integer chain lengths L in [0, 2⁵²): edges first (0, 1, the ends of the range, the sizes of real problems). */
  private static Gen<Long> chains() {
    return Gen.of(d -> switch ((int) d.draw(3)) {
      case 0 -> d.draw(64);
      case 1 -> d.draw(1L << 32);
      default -> d.draw(TWO_52);
    }, List.of(0L, 1L, 2L, 3L, 12_600_000L + 3L, (1L << 31) - 1, (1L << 51) - 1, (1L << 51), TWO_52 - 1));
  }

  /** A size in [1, MAX_VALUE], edges 1 and MAX_VALUE. */
  private static Gen<Long> sizes() {
    return Gen.of(d -> d.bool() ? 1 + d.draw(100) : 1 + d.draw(MAX), List.of(1L, (long) MAX));
  }

  @Test
  void literalsAreTheConstants() {
    // Chains uses decimal literals (KeY's subset has no hexadecimal floating-point literals)
    assertEquals(0x1p-53, 1.1102230246251565E-16);
    assertEquals(0x1p-53, ErrorModel.U);
    assertEquals(0x1p52, 4503599627370496.0);
  }

  @Test
  void gammaEnclosesTheExactGamma() {
    Property.named().check(chains(), (l, ctx) -> {
      ctx.classify(l < 64 ? "L < 64" : l < (1L << 32) ? "L < 2^32" : "L < 2^52");
      double chain = l;
      double g = ErrorModel.gamma(chain);
      assertEquals(g, Chains.gamma(chain), "ErrorModel.gamma delegates");
      BigDecimal lu = new BigDecimal(chain).multiply(U);
      BigDecimal gg = new BigDecimal(g);
      BigDecimal den = BigDecimal.ONE.subtract(lu);
      // KeY's clauses: a number, in [0, 1], positive for L >= 1
      assertTrue(g == g && g >= 0.0 && g <= 1.0, "gamma(" + l + ") = " + g);
      assertTrue(l == 0 || g > 0.0, "gamma(" + l + ") = " + g);
      // beyond KeY: at least L*u, and within one rounding of the exact L*u/(1 - L*u), i.e.
      // L*u*(1 - u) <= g*(1 - L*u) <= L*u*(1 + u) (multiplied out: no division, exact)
      assertTrue(gg.compareTo(lu) >= 0, "gamma(" + l + ") = " + g + " < L*u");
      BigDecimal scaled = gg.multiply(den);
      assertTrue(scaled.compareTo(lu.multiply(BigDecimal.ONE.subtract(U))) >= 0, "gamma(" + l + ") below gamma_L*(1 - u)");
      assertTrue(scaled.compareTo(lu.multiply(BigDecimal.ONE.add(U))) <= 0, "gamma(" + l + ") above gamma_L*(1 + u)");
      // the contract's clause: exact gamma_L <= g*(1 + u), i.e. L*u <= g*(1 + u)*(1 - L*u)
      assertTrue(lu.compareTo(scaled.multiply(BigDecimal.ONE.add(U))) <= 0, "exact gamma_L(" + l + ") > g*(1 + u)");
    });
  }

  @Test
  void gammaIsMonotoneInTheChain() {
    Property.named().check(Gen.zip(chains(), chains(), List::of), (p, ctx) -> {
      long a = Math.min(p.get(0), p.get(1));
      long b = Math.max(p.get(0), p.get(1));
      ctx.classify(a == b ? "equal" : "different");
      assertTrue(ErrorModel.gamma(a) <= ErrorModel.gamma(b), "gamma(" + a + ") > gamma(" + b + ")");
    });
  }

  @Test
  void gammaRefusesChainsWithoutABound() {
    Property.named().check(Gens.doubles(), (x, ctx) -> {
      boolean defined = x >= 0.0 && x < 0x1p52;
      ctx.classify(defined ? "defined" : "refused");
      if (defined) {
        double g = ErrorModel.gamma(x);
        assertTrue(g >= 0.0 && g <= 1.0 && g >= x * ErrorModel.U, "gamma(" + x + ") = " + g);
      } else {
        assertThrows(ArithmeticException.class, () -> ErrorModel.gamma(x), "gamma(" + x + ")");
      }
    });
  }

  @Test
  void chainCountsArePositiveExactAndFreeOfOverflow() {
    ErrorModel em = ReferenceBackend.MODEL;
    Gen<List<Long>> four = Gen.zip(Gen.zip(sizes(), sizes(), List::of), Gen.zip(sizes(), sizes(), List::of),
        (a, b) -> List.of(a.get(0), a.get(1), b.get(0), b.get(1)));
    Property.named().check(four, (s, ctx) -> {
      long n = s.get(0);
      long d = s.get(1);
      long h = s.get(2);
      long k = s.get(3);
      ctx.classify(n == MAX || d == MAX || h == MAX || k == MAX ? "a size at MAX_VALUE" : "smaller sizes");
      // the JML's integer expressions evaluated exactly (BigInteger): no overflow, positive, larger than each size
      BigInteger hvp = big(n).add(big(d)).add(big(h).shiftLeft(1)).add(big(k).multiply(BigInteger.valueOf(3)))
          .add(BigInteger.valueOf(ErrorModel.HVP_SLACK));
      assertEquals(hvp, big(em.hvpChain(n, d, h, k)));
      assertTrue(em.hvpChain(n, d, h, k) > Math.max(Math.max(n, d), Math.max(h, k)));
      assertEquals(big(n).add(big(k)).add(BigInteger.valueOf(3)), big(em.gradientChain(n, k)));
      assertEquals(big(d).add(BigInteger.ONE), big(em.preActivationChain(d)));
      assertEquals(big(h).add(BigInteger.ONE), big(em.outputChain(h)));
      assertEquals(big(k), big(em.backChain(k)));
      assertEquals(big(k).add(BigInteger.ONE), big(em.gemmChain(k)));
      assertEquals(1L, em.gemmChain(0));
      // every count of a problem an int can hold has a bound: L*u < 1/2
      assertTrue(ErrorModel.gamma(em.hvpChain(n, d, h, k)) < 1.0);
    });
  }

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  @Test
  void functionErrorIsTheDeclaredBudget() {
    Property.named().check(Gen.zip(Gens.finiteDoubles(), Gens.range(0.0, 64.0), List::of), (p, ctx) -> {
      double value = p.get(0);
      ErrorModel em = new ErrorModel("test", false, p.get(1));
      double e = em.functionError(value);
      ctx.classify(Math.abs(value) <= 1.0 ? "|value| <= 1" : "|value| > 1");
      assertEquals(p.get(1) * ErrorModel.U * Math.max(1.0, Math.abs(value)), e);
      assertTrue(!(e < 0.0), "functionError(" + value + ") = " + e);
    });
  }

  @Test
  void aModelRefusesActivationUlpsThatAreNotAFiniteNonNegativeNumber() {
    Property.named().check(Gens.doubles(), (x, ctx) -> {
      boolean ok = x >= 0.0 && x < Double.POSITIVE_INFINITY;
      ctx.classify(ok ? "accepted" : "refused");
      if (ok) {
        ErrorModel em = new ErrorModel("test", true, x);
        assertEquals(x, em.activationUlps());
        assertTrue(em.fusedMultiplyAdd());
      } else {
        assertThrows(IllegalArgumentException.class, () -> new ErrorModel("test", true, x), "activationUlps " + x);
      }
    });
  }
}
