/**
 * Studies that combine the dynamics' parts into one answer (orchestration, no numerics of their
 * own): the stagnation study runs the Monte-Carlo staying probability, the union bound and the
 * essential-convexity check of {@code dynamics.stagnation} at one point. Its own package, above
 * {@code dynamics} and {@code dynamics.stagnation}, so that neither depends on the other both ways.
 */
package dev.basin.dynamics.study;
