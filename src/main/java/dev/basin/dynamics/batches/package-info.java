/**
 * Per-batch landscapes (spec BATCH-*; papers.md §3.4, Lee &amp; Lee's claim that every minibatch
 * has its own landscape and that iterating finds a minimum common to all): per-batch gradients and
 * Hessians against the full-batch ones, and per-batch minimizers against the full-batch minimum.
 */
package dev.basin.dynamics.batches;
