/**
 * The base layer under everything above the kernel: typed input errors ({@link
 * dev.basin.base.InvalidInputException}, {@link dev.basin.base.NonFiniteResultException}), seeded
 * random streams ({@link dev.basin.base.Rng}), the result model every reported number uses ({@link
 * dev.basin.base.Reported}) and plots as data ({@link dev.basin.base.Plot}), the one vector helper
 * ({@link dev.basin.base.Vectors}) and the one memory estimator ({@link dev.basin.base.Memory}). It
 * depends on nothing else of basin's.
 */
package dev.basin.base;
