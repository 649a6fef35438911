/**
 * Gaussian gradient-noise models ξ ~ N(0, σ²·C) for noisy SGD and Langevin dynamics (spec
 * DYN-NOISE-*): isotropic, a multiple of the (PSD part of the) Hessian, of the Gauss–Newton
 * matrix, or of the empirical per-sample gradient covariance. Each class states how it samples
 * and whether the draw has exactly the stated covariance.
 */
package dev.basin.dynamics.noise;
