/**
 * basin's property-testing harness: JUnit Jupiter over seeded generators (no jqwik, whose author
 * asks AI agents not to use it). What a property-testing library gives, in five small classes:
 *
 * <ul>
 *   <li>{@link dev.basin.property.Gen}: a generator = random values built from {@link
 *       dev.basin.property.Draws} plus explicit edge cases; {@code map}, {@code flatMap}, {@code
 *       filter}, {@code zip}.
 *   <li>{@link dev.basin.property.Gens}: doubles (IEEE specials, subnormals, ties, huge exponents
 *       first), ranges, ints, arrays, intervals; {@link dev.basin.property.Nets}: 2-layer nets and
 *       labelled data sets (random or teacher labels).
 *   <li>{@link dev.basin.property.Property}: runs a check on every edge case, then on
 *       {@value dev.basin.property.Property#DEFAULT_TRIES} random cases (default); on failure it
 *       <b>shrinks</b> the case (a minimal net: fewest inputs, units, outputs, samples; weights 0 or
 *       quarter-integers) and reports the original, the shrunk case, the seed and the replay
 *       command; on success it prints a statistics line (cases, labels from {@code
 *       ctx.classify}) and enforces {@code ctx.cover} minimum shares.
 * </ul>
 *
 * <p>Usage, inside a JUnit {@code @Test}:
 *
 * <pre>{@code
 * Property.named().tries(1000).check(Gen.zip(Gens.intervals(true), Gens.intervals(true), List::of), (p, ctx) -> {
 *   ctx.classify(p.get(0).lo() == p.get(0).hi() ? "point" : "wide");
 *   assertTrue(...);
 * });
 * }</pre>
 *
 * <p>Seeds: a property's seed is a hash of its name (Class#method), so CI runs are reproducible;
 * {@code -Dbasin.property.seed=0x…} replays a reported failure and {@code
 * -Dbasin.property.scale=20} multiplies every property's random cases (a soak run). Shrinking
 * edits the recorded draws, so a generator only has to make small draws mean simple values.
 */
package dev.basin.property;
