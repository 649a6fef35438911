package dev.basin.claims;

/** The registered criterion versions, for decision tests. */
final class Versions {

  private Versions() {}

  /** Version n of a claim's criterion (1-based). */
  static CriterionVersion of(String id, int n) {
    return CriterionRegistry.standard().versions(id).get(n - 1);
  }

  /** The current version of a claim's criterion. */
  static CriterionVersion current(String id) {
    var all = CriterionRegistry.standard().versions(id);
    return all.get(all.size() - 1);
  }

  /** How many versions a claim's criterion has. */
  static int count(String id) {
    return CriterionRegistry.standard().versions(id).size();
  }
}
