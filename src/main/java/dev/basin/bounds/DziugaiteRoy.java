package dev.basin.bounds;

import dev.basin.base.Rng;
import dev.basin.model.TwoLayerNet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BOUND-PACBAYES-DR: Dziugaite &amp; Roy (UAI 2017) PAC-Bayes bound for the stochastic net Q =
 * N(w, s² I) with prior P = N(w⁰, λ I), λ = c e^{−j/b} (b = 100, c = 0.1, union over j ≥ 1):
 * with probability ≥ 1 − δ − δ′, e(Q) ≤ kl⁻¹(ê⁺ | (KL(Q‖P) + 2 ln j + ln(π²m/(6δ)))/(m − 1)), where
 * ê⁺ = kl⁻¹(ê_T | ln(2/δ′)/T) bounds the stochastic training error from T Monte-Carlo draws (spec
 * BOUND-PACBAYES-DR, BOUND-GAUSSIAN-KL, BOUND-KL-INVERSE). The Pinsker relaxation is reported
 * beside it. Formulas from papers.md §6.7 (constants [M], KL derived).
 */
public final class DziugaiteRoy implements Bound {

  /** The instance. */
  public static final DziugaiteRoy INSTANCE = new DziugaiteRoy();
  /** Prior-variance grid: λ_j = C e^{−j/B}. */
  static final double C = 0.1;
  static final double B = 100.0;
  /** Largest j scanned (λ ≈ 0.1 e^{−600}, far below any useful prior). */
  static final int MAX_J = 60000;

  private DziugaiteRoy() {}

  @Override
  public String id() {
    return "BOUND-PACBAYES-DR";
  }

  @Override
  public String title() {
    return "PAC-Bayes kl bound for the stochastic net (Dziugaite-Roy)";
  }

  @Override
  public Kind kind() {
    return Kind.STOCHASTIC_RISK_BOUND;
  }

  @Override
  public <N extends Num<N>> BoundResult<N> evaluate(Ingredients<N> in) {
    Double s = in.in.posteriorStd();
    if (s == null) {
      return BoundResult.notApplicable(this, "needs the posterior std s of Q = N(w, s^2 I) (--posterior-std)");
    }
    if (in.m < 2) {
      return BoundResult.notApplicable(this, "needs m >= 2 samples (divides by m - 1)");
    }
    Arithmetic<N> ar = in.ar;
    TwoLayerNet net = in.in.net();
    double[] w = net.parameters();
    TwoLayerNet init = in.in.init();
    double[] w0 = init == null ? new double[w.length] : init.parameters();
    N dist2 = ar.exact(0.0);
    double dist2Plain = 0.0;
    for (int q = 0; q < w.length; q++) {
      double dq = w[q] - w0[q];
      dist2 = dist2.add((init == null ? ar.exact(dq) : ar.around(dq)).square());
      dist2Plain += dq * dq;
    }
    int j = bestJ(w.length, s, dist2Plain);
    N kl = gaussianKl(ar, w.length, ar.exact(s), dist2, logLambda(ar, j));
    N eHat = stochasticError(in, w, s);
    int t = in.in.mcSamples();
    N cMc = ar.exact(2.0).div(ar.exact(in.in.mcDelta())).log().div(ar.count(t));
    N eUp = ar.klInverse(eHat, cMc);
    N c = complexity(ar, kl, j, in.m, in.in.delta());
    N v = ar.klInverse(eUp, c);
    Map<String, Object> ing = new LinkedHashMap<>();
    ing.put("stochastic_train_error_mc", eHat);
    ing.put("stochastic_train_error_upper", eUp);
    ing.put("kl_divergence", kl);
    ing.put("complexity_c", c);
    ing.put("pinsker_relaxation", KlInverse.pinsker(ar, eUp, c));
    ing.put("prior_index_j", j);
    ing.put("prior_variance_lambda", logLambda(ar, j).exp());
    ing.put("prior_centre", init == null ? "0" : "the initialization (--init)");
    ing.put("posterior_std", s);
    ing.put("w_minus_w0_l2_squared", dist2);
    ing.put("N", w.length);
    ing.put("m", in.m);
    ing.put("mc_samples", t);
    ing.put("mc_delta", in.in.mcDelta());
    ing.put("seed", in.in.seed());
    ing.put("delta", in.in.delta());
    return BoundResult.of(this, v, null, ing, 1.0 - in.in.delta() - in.in.mcDelta());
  }

  /** ln λ_j = ln c − j/b. */
  static <N extends Num<N>> N logLambda(Arithmetic<N> ar, int j) {
    return ar.exact(C).log().sub(ar.count(j).div(ar.exact(B)));
  }

  /**
   * KL(N(w, s²I) ‖ N(w⁰, λI)) = ½[(N s² + ‖w − w⁰‖²)/λ − N + N ln λ − N ln s²] (spec
   * BOUND-GAUSSIAN-KL), λ given by ln λ.
   */
  /*@ public normal_behavior
    @ requires numParams >= 1 && s.lo() > 0.0 && dist2.lo() >= 0.0;
    @ ensures ar.certified() ==> \result.hi() >= 0.0;
    @ ensures (\forall \real v; Num.encloses(\result, v) && exact; v >= 0);
    @ ensures ar.certified() ==> Num.encloses(\result, the formula over the reals of the arguments);
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> N gaussianKl(Arithmetic<N> ar, long numParams, N s, N dist2, N logLambda) {
    N n = ar.count(numParams);
    N invLambda = logLambda.neg().exp();
    N t = n.mul(s.square()).add(dist2).mul(invLambda).sub(n).add(n.mul(logLambda)).sub(n.mul(s.square().log()));
    return t.div(ar.exact(2.0));
  }

  /** (KL + 2 ln j + ln(π² m/(6δ)))/(m − 1). */
  /*@ public behavior
    @ requires kl.lo() >= 0.0 && j >= 1;
    @ ensures \result.lo() >= 0.0;
    @ ensures (\forall double d2; delta <= d2 && d2 < 1; !(complexity(ar, kl, j, m, d2).lo() > \result.hi()));
    @ ensures ar.certified() ==> Num.encloses(\result, the formula over the reals of the arguments);
    @ signals (InvalidInputException) m < 2 || !(0 < delta && delta < 1);
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> N complexity(Arithmetic<N> ar, N kl, int j, long m, double delta) {
    BoundChecks.samplesAtLeastTwo(m);
    dev.basin.model.Checks.openUnit("delta", delta);
    N union = ar.exact(2.0).mul(ar.count(j).log());
    N conf = ar.pi().square().mul(ar.count(m)).div(ar.exact(6.0).mul(ar.exact(delta))).log();
    return kl.add(union).add(conf).div(ar.count(m - 1));
  }

  /** The j ≥ 1 minimizing KL_j + 2 ln j (the only j-dependent part of the complexity). */
  static int bestJ(int numParams, double s, double dist2) {
    int best = 1;
    double bestVal = Double.POSITIVE_INFINITY;
    for (int j = 1; j <= MAX_J; j++) {
      double lnL = Math.log(C) - j / B;
      double klj = 0.5 * ((numParams * s * s + dist2) * Math.exp(-lnL) - numParams + numParams * lnL
          - numParams * Math.log(s * s));
      double val = klj + 2 * Math.log(j);
      if (val < bestVal) {
        bestVal = val;
        best = j;
      }
    }
    return best;
  }

  /**
   * The Monte-Carlo stochastic 0-1 training error ê_T: draw t uses the stream Rng.derive(seed, t)
   * (bit-reproducible regardless of order); misclassification = margin ≤ 0. In interval
   * arithmetic the count is enclosed (certain errors below, possible errors above).
   */
  static <N extends Num<N>> N stochasticError(Ingredients<N> in, double[] w, double s) {
    Arithmetic<N> ar = in.ar;
    TwoLayerNet net = in.in.net();
    double[] x = in.in.data().x();
    int[] y = in.in.data().labels();
    int t = in.in.mcSamples();
    long certain = 0;
    long possible = 0;
    double[] theta = new double[w.length];
    for (int draw = 0; draw < t; draw++) {
      Rng rng = Rng.of(Rng.derive(in.in.seed(), draw));
      for (int q = 0; q < w.length; q++) {
        theta[q] = w[q] + s * rng.gaussian();
      }
      N[] mu = Margins.of(ar, net.withParameters(theta), x, y);
      for (N v : mu) {
        if (v.hi() <= 0.0) {
          certain++;
        }
        if (v.lo() <= 0.0) {
          possible++;
        }
      }
    }
    return ar.fromEnds(certain, possible).div(ar.count((long) t * in.m));
  }
}
