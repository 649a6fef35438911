/**
 * Ground truth for other tools (spec/golden.md): {@code basin golden} writes a versioned,
 * byte-reproducible suite of cases with certified answers and a tolerance policy per precision
 * ({@link dev.basin.golden.SuiteWriter}); {@code basin check} reads a tool's answers and scores each
 * against the certified value and its tolerance ({@link dev.basin.golden.Scorer}). Above measure,
 * symmetry and bounds; below claims, report and cli.
 */
package dev.basin.golden;
