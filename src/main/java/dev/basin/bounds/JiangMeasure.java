package dev.basin.bounds;

import java.util.LinkedHashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The generalization measures of Jiang, Neyshabur, Mobahi, Krishnan &amp; Bengio (ICLR 2020) that
 * apply to 2-layer nets (spec JIANG-*; equation numbers and formulas as in the public
 * reimplementation, papers.md §6.10 [V2]). Layers W_1 = W1, W_2 = W2 (weights only, biases
 * excluded as in the reimplementation), D = 2, ω = #weights, γ = the ⌊m/10⌋-th smallest training
 * margin. σ and σ′ are the standard deviations of the perturbations (u ~ N(0, σ²I), resp. u_i ~
 * N(0, σ′²w_i² + ε²) with ε = 10⁻³) — the paper's intent; the public reimplementation passes σ² (and
 * σ′²w² + ε²) as the std of torch.normal, a variance-for-std slip that makes its σ the square root
 * of the paper's (spec JIANG-SIGMA).
 */
public enum JiangMeasure implements Bound {
  /** Eq. 20: ω. */
  PARAMS("JIANG-PARAMS", "#weights (eq. 20)", false),
  /** Eq. 22: 1/γ². */
  INVERSE_MARGIN("JIANG-INVERSE-MARGIN", "1/gamma^2 (eq. 22)", false),
  /** Eq. 29. */
  LOG_SPEC_INIT_MAIN("JIANG-LOG-SPEC-INIT-MAIN", "log(prod ||W||_2^2/gamma^2 * sum ||W-W0||_F^2/||W||_2^2) (eq. 29)", true),
  /** Eq. 30. */
  LOG_SPEC_ORIG_MAIN("JIANG-LOG-SPEC-ORIG-MAIN", "log(prod ||W||_2^2/gamma^2 * sum ||W||_F^2/||W||_2^2) (eq. 30)", true),
  /** Eq. 31. */
  LOG_PROD_OF_SPEC_OVER_MARGIN("JIANG-LOG-PROD-OF-SPEC-OVER-MARGIN", "sum log ||W||_2^2 - 2 log gamma (eq. 31)", true),
  /** Eq. 32. */
  LOG_PROD_OF_SPEC("JIANG-LOG-PROD-OF-SPEC", "sum log ||W||_2^2 (eq. 32)", true),
  /** Eq. 33. */
  FRO_OVER_SPEC("JIANG-FRO-OVER-SPEC", "sum ||W||_F^2/||W||_2^2 (eq. 33)", false),
  /** Eq. 34. */
  LOG_SUM_OF_SPEC_OVER_MARGIN("JIANG-LOG-SUM-OF-SPEC-OVER-MARGIN", "log D + (sum log ||W||_2^2 - 2 log gamma)/D (eq. 34)", true),
  /** Eq. 35. */
  LOG_SUM_OF_SPEC("JIANG-LOG-SUM-OF-SPEC", "log D + sum log ||W||_2^2 / D (eq. 35)", true),
  /** Eq. 36. */
  LOG_PROD_OF_FRO_OVER_MARGIN("JIANG-LOG-PROD-OF-FRO-OVER-MARGIN", "sum log ||W||_F^2 - 2 log gamma (eq. 36)", true),
  /** Eq. 37. */
  LOG_PROD_OF_FRO("JIANG-LOG-PROD-OF-FRO", "sum log ||W||_F^2 (eq. 37)", true),
  /** Eq. 38. */
  LOG_SUM_OF_FRO_OVER_MARGIN("JIANG-LOG-SUM-OF-FRO-OVER-MARGIN", "log D + (sum log ||W||_F^2 - 2 log gamma)/D (eq. 38)", true),
  /** Eq. 39. */
  LOG_SUM_OF_FRO("JIANG-LOG-SUM-OF-FRO", "log D + sum log ||W||_F^2 / D (eq. 39)", true),
  /** Eq. 40. */
  FRO_DIST("JIANG-FRO-DIST", "sum ||W-W0||_F^2 (eq. 40)", false),
  /** Eq. 41. */
  DIST_SPEC_INIT("JIANG-DIST-SPEC-INIT", "sum ||W-W0||_2^2 (eq. 41)", false),
  /** Eq. 42. */
  PARAM_NORM("JIANG-PARAM-NORM", "sum ||W||_F^2 (eq. 42)", false),
  /** Eq. 43. */
  PATH_NORM_OVER_MARGIN("JIANG-PATH-NORM-OVER-MARGIN", "path norm / gamma^2 (eq. 43)", false),
  /** Eq. 44. */
  PATH_NORM("JIANG-PATH-NORM", "sum over paths of prod w^2 (eq. 44)", false),
  /** Eq. 48. */
  PACBAYES_INIT("JIANG-PACBAYES-INIT", "||w-w0||^2/(4 sigma^2) + log(m/sigma) + 10 (eq. 48)", false),
  /** Eq. 49. */
  PACBAYES_ORIG("JIANG-PACBAYES-ORIG", "||w||^2/(4 sigma^2) + log(m/sigma) + 10 (eq. 49)", false),
  /** Eq. 53. */
  PACBAYES_FLATNESS("JIANG-PACBAYES-FLATNESS", "1/sigma^2 (eq. 53)", false),
  /** Eq. 56. */
  PACBAYES_MAG_INIT("JIANG-PACBAYES-MAG-INIT", "magnitude-aware PAC-Bayes, from init (eq. 56)", false),
  /** Eq. 57. */
  PACBAYES_MAG_ORIG("JIANG-PACBAYES-MAG-ORIG", "magnitude-aware PAC-Bayes, from origin (eq. 57)", false),
  /** Eq. 61. */
  PACBAYES_MAG_FLATNESS("JIANG-PACBAYES-MAG-FLATNESS", "1/sigma'^2 (eq. 61)", false);

  /** The magnitude-aware ε. */
  public static final double MAG_EPS = 1e-3;
  /** The depth D. */
  static final int DEPTH = 2;
  /** The margin quantile of Jiang et al. */
  public static final double MARGIN_QUANTILE = 0.1;

  private final String id;
  private final String title;
  private final boolean log;

  JiangMeasure(String id, String title, boolean log) {
    this.id = id;
    this.title = title;
    this.log = log;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public Kind kind() {
    return Kind.MEASURE;
  }

  @Override
  public <N extends Num<N>> BoundResult<N> evaluate(Ingredients<N> in) {
    Arithmetic<N> ar = in.ar;
    Map<String, Object> ing = new LinkedHashMap<>();
    String problem = null;
    N value = null;
    N gamma = null;
    if (usesMargin()) {
      if (in.m < 10) {
        problem = "Jiang et al.'s margin is the floor(m/10)-th smallest margin and needs m >= 10 samples";
      } else {
        gamma = Margins.kthSmallest(ar, in.margins, Margins.quantileRank(MARGIN_QUANTILE, in.m));
        ing.put("margin_10th_percentile", gamma);
        if (gamma.lo() <= 0.0) {
          problem = "the 10th-percentile margin " + gamma + " is not > 0 (the public reimplementation takes |gamma|,"
              + " which hides this)";
        }
      }
    }
    if (problem == null && usesInit() && in.w1Init == null) {
      problem = "needs the initialization (--init)";
    }
    Double sigma = in.in.sigma();
    Double sigmaMag = in.in.sigmaMag();
    if (problem == null && usesSigma() && sigma == null) {
      problem = "needs sigma, the std of the isotropic perturbation that changes training accuracy by 0.1 (--sigma)";
    }
    if (problem == null && usesSigmaMag() && sigmaMag == null) {
      problem = "needs sigma', the magnitude-aware perturbation scale (--sigma-mag)";
    }
    if (problem == null && (this == PATH_NORM || this == PATH_NORM_OVER_MARGIN)
        && !in.in.net().activation().isPositivelyHomogeneous()) {
      problem = "the path norm as a sum over paths equals the squared-weights forward pass only for positively"
          + " homogeneous sigma; the net uses " + in.activationName();
    }
    if (problem == null && (log || this == FRO_OVER_SPEC)
        && (in.spectral(in.w1).lo() <= 0.0 || in.spectral(in.w2).lo() <= 0.0)) {
      problem = "a weight matrix is zero: its norm enters a logarithm or a denominator";
    }
    if (problem != null) {
      return BoundResult.notApplicable(this, problem);
    }
    value = compute(in, ing, gamma, sigma, sigmaMag);
    ing.put("adjusted", adjust(ar, value, in.m));
    ing.put("m", in.m);
    return BoundResult.of(this, value, null, ing, null);
  }

  /** Jiang et al.'s size adjustment: ½(μ − ln m) for log measures, √(μ/m) otherwise. */
  <N extends Num<N>> N adjust(Arithmetic<N> ar, N mu, long m) {
    N mN = ar.count(m);
    return log ? mu.sub(mN.log()).div(ar.exact(2.0)) : mu.max(ar.exact(0.0)).div(mN).sqrt();
  }

  private boolean usesMargin() {
    return switch (this) {
      case INVERSE_MARGIN, LOG_SPEC_INIT_MAIN, LOG_SPEC_ORIG_MAIN, LOG_PROD_OF_SPEC_OVER_MARGIN,
          LOG_SUM_OF_SPEC_OVER_MARGIN, LOG_PROD_OF_FRO_OVER_MARGIN, LOG_SUM_OF_FRO_OVER_MARGIN, PATH_NORM_OVER_MARGIN -> true;
      default -> false;
    };
  }

  private boolean usesInit() {
    return this == LOG_SPEC_INIT_MAIN || this == FRO_DIST || this == DIST_SPEC_INIT || this == PACBAYES_INIT
        || this == PACBAYES_MAG_INIT;
  }

  private boolean usesSigma() {
    return this == PACBAYES_INIT || this == PACBAYES_ORIG || this == PACBAYES_FLATNESS;
  }

  private boolean usesSigmaMag() {
    return this == PACBAYES_MAG_INIT || this == PACBAYES_MAG_ORIG || this == PACBAYES_MAG_FLATNESS;
  }

  private <N extends Num<N>> N compute(Ingredients<N> in, Map<String, Object> ing, @Nullable N gamma,
      @Nullable Double sigma, @Nullable Double sigmaMag) {
    Arithmetic<N> ar = in.ar;
    LayerMatrix[] w = {in.w1, in.w2};
    N dN = ar.count(DEPTH);
    switch (this) {
      case PARAMS:
        return ar.count(in.numWeights);
      case FRO_DIST:
      case DIST_SPEC_INIT: {
        N s = ar.exact(0.0);
        for (LayerMatrix d : diffs(in)) {
          s = s.add((this == FRO_DIST ? d.frobenius(ar) : d.spectral(ar)).square());
        }
        return s;
      }
      case PARAM_NORM:
        return in.w1.frobenius(ar).square().add(in.w2.frobenius(ar).square());
      case FRO_OVER_SPEC: {
        N s = ar.exact(0.0);
        for (LayerMatrix l : w) {
          s = s.add(l.frobenius(ar).square().div(in.spectral(l).square()));
        }
        return s;
      }
      case PATH_NORM:
        return pathNorm(in);
      case PACBAYES_FLATNESS:
        return ar.exact(1.0).div(ar.exact(req(sigma)).square());
      case PACBAYES_MAG_FLATNESS:
        return ar.exact(1.0).div(ar.exact(req(sigmaMag)).square());
      case PACBAYES_INIT:
      case PACBAYES_ORIG: {
        N sig = ar.exact(req(sigma));
        N w2 = weightDistance(in, this == PACBAYES_INIT);
        ing.put("sigma", sig);
        ing.put(this == PACBAYES_INIT ? "w_minus_w0_l2_squared" : "w_l2_squared", w2);
        return w2.div(ar.exact(4.0).mul(sig.square())).add(in.mN().div(sig).log()).add(ar.exact(10.0));
      }
      case PACBAYES_MAG_INIT:
      case PACBAYES_MAG_ORIG:
        return magnitudeAware(in, ing, this == PACBAYES_MAG_INIT, req(sigmaMag));
      default:
        break;
    }
    // margin and log measures
    N g = gamma;
    N logG2 = g == null ? ar.exact(0.0) : g.square().log();
    N logSpec = ar.exact(0.0);
    N logFro = ar.exact(0.0);
    for (LayerMatrix l : w) {
      if (!log) {
        break; // 1/γ² and the path norm over γ²: no logarithm of a norm (which may be 0)
      }
      logSpec = logSpec.add(in.spectral(l).square().log());
      logFro = logFro.add(l.frobenius(ar).square().log());
    }
    ing.put("spectral_norm_W1", in.spectral(in.w1));
    ing.put("spectral_norm_W2", in.spectral(in.w2));
    ing.put("frobenius_W1", in.w1.frobenius(ar));
    ing.put("frobenius_W2", in.w2.frobenius(ar));
    return switch (this) {
      case INVERSE_MARGIN -> ar.exact(1.0).div(req(g).square());
      case LOG_SPEC_INIT_MAIN, LOG_SPEC_ORIG_MAIN -> {
        N s = ar.exact(0.0);
        LayerMatrix[] num = this == LOG_SPEC_INIT_MAIN ? diffs(in) : w;
        for (int i = 0; i < 2; i++) {
          s = s.add(num[i].frobenius(ar).square().div(in.spectral(w[i]).square()));
        }
        yield logSpec.sub(logG2).add(s.log());
      }
      case LOG_PROD_OF_SPEC_OVER_MARGIN -> logSpec.sub(logG2);
      case LOG_PROD_OF_SPEC -> logSpec;
      case LOG_SUM_OF_SPEC_OVER_MARGIN -> dN.log().add(logSpec.sub(logG2).div(dN));
      case LOG_SUM_OF_SPEC -> dN.log().add(logSpec.div(dN));
      case LOG_PROD_OF_FRO_OVER_MARGIN -> logFro.sub(logG2);
      case LOG_PROD_OF_FRO -> logFro;
      case LOG_SUM_OF_FRO_OVER_MARGIN -> dN.log().add(logFro.sub(logG2).div(dN));
      case LOG_SUM_OF_FRO -> dN.log().add(logFro.div(dN));
      case PATH_NORM_OVER_MARGIN -> pathNorm(in).div(req(g).square());
      default -> throw new IllegalStateException("unhandled measure " + this);
    };
  }

  private static <T> T req(@Nullable T v) {
    if (v == null) {
      throw new IllegalStateException("checked before");
    }
    return v;
  }

  private static <N extends Num<N>> LayerMatrix[] diffs(Ingredients<N> in) {
    LayerMatrix i1 = req(in.w1Init);
    LayerMatrix i2 = req(in.w2Init);
    return new LayerMatrix[] {LayerMatrix.diff(in.w1, i1), LayerMatrix.diff(in.w2, i2)};
  }

  /** Σ_paths Π w² = Σ_{o,j} W2[o,j]² (‖W1[j]‖² + b1_j²) + Σ_o b2_o² (squared-weights forward pass on 1). */
  static <N extends Num<N>> N pathNorm(Ingredients<N> in) {
    Arithmetic<N> ar = in.ar;
    N s = ar.exact(0.0);
    for (int j = 0; j < in.h; j++) {
      N inner = ar.sumSquares(in.a1.v, j * in.dAug, 1, in.dAug); // ‖(w_j, b_j)‖², b1 included
      N outer = ar.sumSquares(in.w2.v, j, in.h, in.k);
      s = s.add(outer.mul(inner));
    }
    double[] b2 = in.in.net().b2();
    if (b2 != null) {
      s = s.add(ar.sumSquares(b2, 0, 1, b2.length));
    }
    return s;
  }

  /** ‖w − w⁰‖² (fromInit) or ‖w‖² over the weights (biases excluded). */
  private static <N extends Num<N>> N weightDistance(Ingredients<N> in, boolean fromInit) {
    if (!fromInit) {
      return in.w1.frobenius(in.ar).square().add(in.w2.frobenius(in.ar).square());
    }
    LayerMatrix[] d = diffs(in);
    return d[0].frobenius(in.ar).square().add(d[1].frobenius(in.ar).square());
  }

  /**
   * ¼ Σ_i ln((ε² + (σ′²+1)‖r‖²/ω)/(ε² + σ′² r_i²)) + ln(m/σ′) + 10 with r = w − w⁰ (eq. 56) or r = w
   * (eq. 57, the paper's intent; the reimplementation keeps r_i = w_i − w⁰_i in the denominator).
   */
  private static <N extends Num<N>> N magnitudeAware(Ingredients<N> in, Map<String, Object> ing, boolean fromInit,
      double sigmaMag) {
    Arithmetic<N> ar = in.ar;
    LayerMatrix[] r = fromInit ? diffs(in) : new LayerMatrix[] {in.w1, in.w2};
    N sig2 = ar.exact(sigmaMag).square();
    N eps2 = ar.exact(MAG_EPS).square();
    N norm2 = r[0].frobenius(ar).square().add(r[1].frobenius(ar).square());
    N numerator = eps2.add(sig2.add(ar.exact(1.0)).mul(norm2).div(ar.count(in.numWeights)));
    N logNum = numerator.log();
    N sum = ar.exact(0.0);
    for (LayerMatrix l : r) {
      for (int i = 0; i < l.v.length; i++) {
        sum = sum.add(logNum.sub(eps2.add(sig2.mul(l.entry(ar, i).square())).log()));
      }
    }
    ing.put("sigma_mag", sigmaMag);
    ing.put("epsilon", MAG_EPS);
    ing.put(fromInit ? "w_minus_w0_l2_squared" : "w_l2_squared", norm2);
    return sum.div(ar.exact(4.0)).add(in.mN().div(ar.exact(sigmaMag)).log()).add(ar.exact(10.0));
  }
}
