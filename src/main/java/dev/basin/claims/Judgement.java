package dev.basin.claims;

/**
 * The verdict of one criterion version on a claim's measurements (spec CLAIM-CRITERIA).
 *
 * @param version the criterion version judged
 * @param verdict its verdict
 * @param reason the criterion applied to the numbers, in one sentence (or the error of a failed run)
 */
public record Judgement(int version, Verdict verdict, String reason) {}
