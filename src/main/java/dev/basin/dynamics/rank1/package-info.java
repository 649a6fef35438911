/**
 * Rank-1 (CP) factorized 3-D filters w_ijk = p_i q_j t_k and their factor-wise SGD step in the
 * form of Lee &amp; Lee's equations (2)–(3), with the typo of (3) corrected (spec RANK1-*;
 * papers.md §3.3), and a small convolution-plus-readout model whose filters are rank 1 so the
 * update runs inside real training.
 */
package dev.basin.dynamics.rank1;
