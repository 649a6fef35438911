package dev.basin.claims;

/**
 * A verdict with the reason that produced it (which comparison, with which numbers).
 *
 * @param verdict the verdict
 * @param reason one sentence: the criterion applied to the numbers
 */
public record Decision(Verdict verdict, String reason) {

  /** Combines decisions that must all hold: any NOT_REPRODUCED wins, then any INCONCLUSIVE, else REPRODUCED. */
  public static Decision all(Decision... parts) {
    StringBuilder why = new StringBuilder();
    Verdict v = Verdict.REPRODUCED;
    for (Decision d : parts) {
      why.append(why.length() == 0 ? "" : "; ").append(d.reason());
      if (d.verdict() == Verdict.NOT_REPRODUCED) {
        v = Verdict.NOT_REPRODUCED;
      } else if (d.verdict() == Verdict.INCONCLUSIVE && v == Verdict.REPRODUCED) {
        v = Verdict.INCONCLUSIVE;
      } else if (d.verdict() == Verdict.FAILED) {
        v = Verdict.FAILED;
      }
    }
    return new Decision(v, why.toString());
  }
}
