package dev.basin.base;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Seeded random streams (spec DATA-RNG). Every random quantity in basin comes from a stream made
 * here from an explicit seed, so the same seed gives bit-identical results. The generator is
 * XO_RO_SHI_RO_128_PP (Commons RNG; period 2^128 − 1, passes BigCrush); Gaussians use the
 * McFarland ziggurat, which is exact up to rounding. Derived streams ({@link #derive}) let
 * independent sub-tasks (restarts, runs) draw from non-overlapping seeds regardless of the order
 * in which they run.
 */
public final class Rng {

  private final UniformRandomProvider uniform;
  private final ZigguratSampler.NormalizedGaussian gauss;

  private Rng(UniformRandomProvider uniform) {
    this.uniform = uniform;
    this.gauss = ZigguratSampler.NormalizedGaussian.of(uniform);
  }

  /** A stream from a seed. */
  public static Rng of(long seed) {
    return new Rng(RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
  }

  /**
   * The seed of sub-stream {@code index} of {@code seed}: a SplitMix64 mix of both, so that
   * sub-streams are decorrelated even for consecutive indices.
   */
  public static long derive(long seed, long index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The underlying uniform generator (for Commons samplers). */
  public UniformRandomProvider uniform() {
    return uniform;
  }

  /** A standard normal draw. */
  public double gaussian() {
    return gauss.sample();
  }

  /** A uniform double in [0, 1). */
  public double uniform01() {
    return uniform.nextDouble();
  }

  /** A uniform int in [0, bound). */
  public int nextInt(int bound) {
    return uniform.nextInt(bound);
  }

  /** ±1 with probability ½ each. */
  public double rademacher() {
    return uniform.nextBoolean() ? 1.0 : -1.0;
  }

  /** n iid N(0, s²) draws. */
  public double[] gaussians(int n, double s) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = s * gauss.sample();
    }
    return v;
  }

  /** A uniformly random permutation of 0..n−1 (Fisher–Yates). */
  public int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = uniform.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
