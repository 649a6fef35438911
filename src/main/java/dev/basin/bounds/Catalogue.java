package dev.basin.bounds;

import dev.basin.base.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Every entry of spec/bounds.md that basin evaluates, in report order, and lookup by spec ID or by
 * a formula name (spec BOUND-CATALOGUE).
 */
public final class Catalogue {

  private static final List<Bound> ALL;

  static {
    List<Bound> l = new ArrayList<>(List.of(ParameterCountLeeLee.INSTANCE, FiniteClassFloat64.INSTANCE,
        VcPiecewiseLinear.INSTANCE, RademacherL1L2.INSTANCE, PathNormEMW.INSTANCE, FrobeniusGRS.INSTANCE,
        BartlettSpectral.INSTANCE, NeyshaburPacBayes.INSTANCE, DziugaiteRoy.INSTANCE, StagnationBFT.INSTANCE,
        FminFlatness.INSTANCE));
    l.addAll(List.of(JiangMeasure.values()));
    l.addAll(List.of(NeyshaburCode.values()));
    ALL = Collections.unmodifiableList(l);
  }

  private Catalogue() {}

  /** All entries, in report order. */
  /*@ public normal_behavior
    @ ensures !\result.isEmpty() && (the IDs of \result are distinct) && (each ID is defined in spec/bounds.md);
    @ assignable \nothing;
    @*/
  public static List<Bound> all() {
    return ALL;
  }

  /**
   * The entry with this spec ID (case-insensitive) or formula name: the ID without its prefix,
   * with '-' or '_' (e.g. {@code bft-spectral}, {@code pacbayes_init}, {@code JIANG-PATH-NORM}).
   */
  /*@ public behavior
    @ ensures \result.id().equalsIgnoreCase(name) || normalized \result.id() ends with "-" + normalized name and no other ID does;
    @ signals (InvalidInputException) no ID or unique suffix matches name;
    @ assignable \nothing;
    @*/
  public static Bound byName(String name) {
    String key = normalize(name);
    for (Bound b : ALL) {
      String id = normalize(b.id());
      if (id.equals(key) || id.endsWith("-" + key) && unique(key)) {
        return b;
      }
    }
    throw new InvalidInputException("bound", "unknown ID or formula name '" + name + "'; known IDs: " + ids());
  }

  private static boolean unique(String suffix) {
    int n = 0;
    for (Bound b : ALL) {
      if (normalize(b.id()).endsWith("-" + suffix)) {
        n++;
      }
    }
    return n == 1;
  }

  private static String normalize(String s) {
    return s.trim().toUpperCase(Locale.ROOT).replace('_', '-');
  }

  /** The IDs, comma-separated. */
  /*@ public normal_behavior
    @ ensures \result.equals(String.join(", ", ids of all()));
    @ assignable \nothing;
    @*/
  public static String ids() {
    StringBuilder sb = new StringBuilder();
    for (Bound b : ALL) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(b.id());
    }
    return sb.toString();
  }

  /** Evaluates every entry. */
  /*@ public normal_behavior
    @ ensures \result.equals(evaluate(new Ingredients<>(ar, inputs)));
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> List<BoundResult<N>> evaluate(Arithmetic<N> ar, BoundInputs inputs) {
    return evaluate(new Ingredients<>(ar, inputs));
  }

  /** Evaluates every entry on computed ingredients. */
  /*@ public normal_behavior
    @ ensures \result.size() == all().size() && (\forall int i; 0 <= i && i < \result.size(); \result.get(i).equals(all().get(i).evaluate(in)));
    @ assignable \nothing;
    @*/
  public static <N extends Num<N>> List<BoundResult<N>> evaluate(Ingredients<N> in) {
    List<BoundResult<N>> out = new ArrayList<>();
    for (Bound b : ALL) {
      out.add(b.evaluate(in));
    }
    return out;
  }
}
