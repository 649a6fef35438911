package dev.basin.compute;

import dev.basin.base.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The backend registry (spec COMPUTE-BACKEND "Registry"): every {@link BackendProvider} on the class
 * path, found by {@link ServiceLoader}. {@code --backend NAME} opens one by name; {@code auto}
 * picks the highest-ranked available backend whose size threshold the problem reaches among those
 * that meet the requested guarantee; a backend this machine cannot run is refused with one line
 * (an {@link InvalidInputException}: exit 3).
 */
public final class Backends {

  /** What the caller needs from the products. */
  public enum Guarantee {
    /** The reference kernel itself (commands that promise exact, proved-kernel output). */
    ORACLE,
    /** Any backend within its declared error model (certificates stay valid). */
    DECLARED
  }

  /** The name that asks the registry to choose. */
  public static final String AUTO = "auto";

  /** The name that asks for the list of backends. */
  public static final String LIST = "list";

  private Backends() {}

  /** Every registered provider, by name. */
  /*@ public normal_behavior
    @ ensures \result != null && (\forall int i; 0 < i && i < \result.size();
    @     \result.get(i - 1).name().compareTo(\result.get(i).name()) <= 0);
    @ ensures (* the reference provider is among them *);
    @ assignable \nothing;
    @*/
  public static List<BackendProvider> providers() {
    List<BackendProvider> all = new ArrayList<>();
    for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
      all.add(p);
    }
    all.sort(Comparator.comparing(BackendProvider::name));
    return all;
  }

  /** The provider of that name (case-insensitive), or an {@link InvalidInputException} naming the choices. */
  /*@ public normal_behavior
    @ requires name != null && (* a provider has the name name.trim(), ignoring case *);
    @ ensures \result.name().equalsIgnoreCase(name.trim());
    @ assignable \nothing;
    @ also public exceptional_behavior
    @ requires name != null && (* no provider has that name *);
    @ signals_only InvalidInputException;
    @ signals (InvalidInputException e) e.input().equals("--backend");
    @ assignable \nothing;
    @*/
  public static BackendProvider provider(String name) {
    String want = name.trim().toLowerCase(Locale.ROOT);
    List<String> names = new ArrayList<>();
    for (BackendProvider p : providers()) {
      if (p.name().equals(want)) {
        return p;
      }
      names.add(p.name());
    }
    throw new InvalidInputException("--backend", "unknown '" + name + "'; expected " + AUTO + ", " + LIST + " or one of "
        + String.join(", ", names));
  }

  /**
   * Opens the backend named (or chosen by {@code auto}) for a problem of N parameters.
   *
   * @param name a provider's name or {@link #AUTO}
   * @param guarantee what auto's choice must meet (a backend named explicitly is the user's choice)
   * @param params N, for auto's size thresholds
   * @param threads CPU threads (≥ 1)
   * @throws InvalidInputException if the name is unknown or the backend is not available on this
   *     machine (one line with the reason)
   */
  /*@ public normal_behavior
    @ requires name != null && guarantee != null && params >= 0 && threads >= 1;
    @ requires (* choose(name, guarantee, params) returns normally *);
    @ ensures \result != null && \result.name().equals(choose(name, guarantee, params).name());
    @ also public exceptional_behavior
    @ requires name != null && guarantee != null && params >= 0 && threads >= 1;
    @ requires (* the name is unknown, or names a backend this machine cannot run *);
    @ signals_only InvalidInputException;
    @ signals (InvalidInputException e) e.input().equals("--backend");
    @*/
  public static Backend open(String name, Guarantee guarantee, long params, int threads) {
    return choose(name, guarantee, params).create(threads);
  }

  /** The provider {@link #open} would create (availability checked). */
  /*@ public normal_behavior
    @ requires name != null && guarantee != null && params >= 0;
    @ requires (* name is AUTO, or names a registered provider available on this machine *);
    @ ensures \result.availability().available();
    @ ensures guarantee == Guarantee.ORACLE && name.trim().equalsIgnoreCase(AUTO) ==> \result.oracle();
    @ ensures name.trim().equalsIgnoreCase(AUTO) ==> \result.autoRank() != BackendProvider.NEVER_AUTO
    @     && (* the highest autoRank among the available providers that fit the guarantee and params *);
    @ ensures !name.trim().equalsIgnoreCase(AUTO) ==> \result.name().equalsIgnoreCase(name.trim());
    @ assignable \nothing;
    @ also public exceptional_behavior
    @ requires name != null && guarantee != null && params >= 0;
    @ requires (* the name is unknown, or names a backend this machine cannot run *);
    @ signals_only InvalidInputException;
    @ signals (InvalidInputException e) e.input().equals("--backend");
    @ assignable \nothing;
    @*/
  public static BackendProvider choose(String name, Guarantee guarantee, long params) {
    if (name.trim().equalsIgnoreCase(AUTO)) {
      return auto(guarantee, params);
    }
    BackendProvider p = provider(name);
    BackendProvider.Availability a = p.availability();
    if (!a.available()) {
      throw new InvalidInputException("--backend", p.name() + " is not available on this machine: " + a.detail());
    }
    return p;
  }

  private static BackendProvider auto(Guarantee guarantee, long params) {
    @Nullable BackendProvider best = null;
    for (BackendProvider p : providers()) {
      boolean fits = guarantee == Guarantee.ORACLE ? p.oracle()
          : p.autoRank() != BackendProvider.NEVER_AUTO && params >= p.autoMinParams();
      if (fits && (best == null || p.autoRank() > best.autoRank()) && p.availability().available()) {
        best = p;
      }
    }
    if (best == null) {
      throw new IllegalStateException("no backend registered for auto (the reference provider is missing from"
          + " META-INF/services)");
    }
    return best;
  }

  /** The table {@code --backend list} prints: one line per backend, whether it runs here and why. */
  /*@ public normal_behavior
    @ ensures \result != null && (* one line per provider of providers(), in that order, naming it and
    @   whether it is available here *);
    @ assignable \nothing;
    @*/
  public static String describe() {
    StringBuilder sb = new StringBuilder();
    for (BackendProvider p : providers()) {
      BackendProvider.Availability a = p.availability();
      String auto = p.autoRank() == BackendProvider.NEVER_AUTO ? "on request only"
          : p.oracle() ? "auto for exact output and small nets" : "auto from N >= " + p.autoMinParams();
      sb.append(String.format(Locale.ROOT, "%-14s %-13s %s; %s (%s)%n", p.name(), a.available() ? "available" : "unavailable",
          p.description(), auto, a.detail()));
    }
    return sb.toString();
  }
}
