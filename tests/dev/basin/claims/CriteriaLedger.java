package dev.basin.claims;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The consistency checks of spec CLAIM-CRITERIA over the three places a criterion lives: the
 * registry (spec/claims-criteria.json), its lock (spec/claims-criteria.lock) and the catalogue
 * (spec/claims.md). Pure functions of the files' texts, so tests can run them on edited copies.
 */
final class CriteriaLedger {

  private CriteriaLedger() {}

  /** Every problem found; empty when the three files agree and the registry is consistent. */
  static List<String> problems(String registryJson, String lock, String claimsMd, List<String> catalogue) {
    CriterionRegistry reg = CriterionRegistry.parse(registryJson);
    List<String> out = new ArrayList<>(reg.problems());
    if (!new LinkedHashSet<>(reg.ids()).equals(new LinkedHashSet<>(catalogue))) {
      out.add("the registry's claims " + reg.ids() + " are not the catalogue's " + catalogue);
    }
    out.addAll(lockProblems(reg, lock));
    for (String id : reg.ids()) {
      out.addAll(specProblems(reg.versions(id), claimsMd));
    }
    return out;
  }

  /** Each lock line "ID vN sha256" must name a registry version with that hash, and every version must have a line. */
  private static List<String> lockProblems(CriterionRegistry reg, String lock) {
    List<String> out = new ArrayList<>();
    Map<String, String> locked = new HashMap<>();
    for (String line : lock.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] f = l.split("\\s+");
      if (f.length != 3 || locked.put(f[0] + " " + f[1], f[2]) != null) {
        out.add("lock line '" + l + "' is malformed or repeated");
      }
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String id : reg.ids()) {
      for (CriterionVersion v : reg.versions(id)) {
        String key = id + " " + v.label();
        seen.add(key);
        String h = locked.get(key);
        if (h == null) {
          out.add(key + " is not in the lock (add the line '" + key + " " + v.sha256() + "')");
        } else if (!h.equals(v.sha256())) {
          out.add(key + ": the registry's hash differs from the lock's (a frozen version was changed)");
        }
      }
    }
    for (String key : locked.keySet()) {
      if (!seen.contains(key)) {
        out.add(key + " is in the lock but no longer in the registry (versions are never removed)");
      }
    }
    return out;
  }

  /** The claim's "Criterion (vN):" paragraph and history row in spec/claims.md must match the registry. */
  private static List<String> specProblems(List<CriterionVersion> versions, String md) {
    List<String> out = new ArrayList<>();
    CriterionVersion cur = versions.get(versions.size() - 1);
    String id = cur.claimId();
    Matcher sec = Pattern.compile("^## " + Pattern.quote(id) + " .*?(?=^## |^---|\\z)", Pattern.MULTILINE | Pattern.DOTALL)
        .matcher(md);
    if (!sec.find()) {
      out.add(id + ": no section in spec/claims.md");
      return out;
    }
    Matcher c = Pattern.compile("^Criterion \\(v(\\d+)\\): (.*?)(?=\\n\\s*\\n|\\z)", Pattern.MULTILINE | Pattern.DOTALL)
        .matcher(sec.group());
    if (!c.find()) {
      out.add(id + ": spec/claims.md has no 'Criterion (vN):' paragraph");
      return out;
    }
    if (Integer.parseInt(c.group(1)) != cur.version()) {
      out.add(id + ": spec/claims.md labels its criterion v" + c.group(1) + " but the registry's current version is "
          + cur.label());
    }
    String text = String.join(" ", c.group(2).strip().split("\\s+"));
    if (!text.equals(cur.text())) {
      out.add(id + ": the criterion in spec/claims.md differs from the registry's " + cur.label()
          + " (an unversioned edit: add a version to spec/claims-criteria.json instead)");
    }
    StringBuilder list = new StringBuilder();
    for (CriterionVersion v : versions) {
      list.append(list.length() == 0 ? "" : ", ").append(v.label());
    }
    if (!md.contains("| " + id + " | " + list + " |")) {
      out.add(id + ": the criterion history table of spec/claims.md has no row '| " + id + " | " + list + " |'");
    }
    return out;
  }
}
