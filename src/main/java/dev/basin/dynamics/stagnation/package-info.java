/**
 * Stagnation sets around a minimizer, Monte-Carlo staying probabilities with exact binomial
 * intervals, the quadratic-model lower bound and the local essential convexity check (spec
 * STAG-*). The sets, the bound and the convexity inequality are basin's operationalizations of
 * Imaizumi &amp; Schmidt-Hieber (2022), whose exact definitions could not be retrieved
 * (papers.md §4.3): {@link StagnationSet} and {@link StayingBound} are interfaces so that the
 * paper's exact versions can replace them.
 */
package dev.basin.dynamics.stagnation;
