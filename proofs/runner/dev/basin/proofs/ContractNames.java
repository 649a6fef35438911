package dev.basin.proofs;

import de.uka.ilkd.key.java.Services;
import de.uka.ilkd.key.java.abstraction.KeYJavaType;
import de.uka.ilkd.key.ldt.DoubleLDT;
import de.uka.ilkd.key.logic.Term;
import de.uka.ilkd.key.logic.op.IObserverFunction;
import de.uka.ilkd.key.logic.op.IProgramMethod;
import de.uka.ilkd.key.speclang.Contract;
import de.uka.ilkd.key.speclang.FunctionalOperationContract;
import java.util.Set;
import java.util.StringJoiner;

/** Readable names for contracts, and which postconditions are floating-point statements. */
final class ContractNames {

  private ContractNames() {}

  /**
   * "Class.method(types)" for the first contract of a method, "Class.method(types)#n" for the
   * n-th further one (KeY numbers a method's contracts from 0 in declaration order).
   */
  static String of(Contract c) {
    IObserverFunction target = c.getTarget();
    String cls = simple(target.getContainerType().getFullName());
    String method = target instanceof IProgramMethod pm && pm.isConstructor() ? cls
        : target instanceof IProgramMethod pm ? pm.getName() : target.name().toString();
    StringJoiner params = new StringJoiner(",", "(", ")");
    for (KeYJavaType t : target.getParamTypes()) {
      params.add(readable(t.getFullName()));
    }
    String name = cls + "." + method + params;
    String kind = c.getName();
    int dot = kind.lastIndexOf('.');
    String index = dot < 0 ? "0" : kind.substring(dot + 1);
    if (!c.getName().contains("operation contract")) {
      name += " [" + kind.substring(kind.indexOf("].") + 2, dot < 0 ? kind.length() : dot) + "]";
    }
    return index.equals("0") ? name : name + "#" + index;
  }

  /** "double[]" for KeY's JVM descriptor "[D" (arrays), the simple name otherwise. */
  static String readable(String fullName) {
    int dims = 0;
    while (dims < fullName.length() && fullName.charAt(dims) == '[') {
      dims++;
    }
    if (dims == 0) {
      return simple(fullName);
    }
    String element = fullName.substring(dims);
    String base = switch (element) {
      case "I" -> "int";
      case "D" -> "double";
      case "J" -> "long";
      case "Z" -> "boolean";
      case "B" -> "byte";
      case "C" -> "char";
      case "S" -> "short";
      case "F" -> "float";
      default -> simple(element.startsWith("L") && element.endsWith(";")
          ? element.substring(1, element.length() - 1) : element);
    };
    return base + "[]".repeat(dims);
  }

  private static String simple(String fullName) {
    return fullName.substring(fullName.lastIndexOf('.') + 1);
  }

  /**
   * Whether the postcondition states a floating-point fact: it compares doubles by order, does
   * double arithmetic or mentions a double literal. A bare "\result == field" on a double is a
   * statement about storage, not arithmetic, and does not count.
   */
  static boolean hasFloatingPointPost(Contract c, Services services) {
    if (!(c instanceof FunctionalOperationContract foc)) {
      return false;
    }
    DoubleLDT ldt = services.getTypeConverter().getDoubleLDT();
    Set<Object> ops = Set.of(ldt.getLessThan(), ldt.getGreaterThan(), ldt.getLessOrEquals(),
        ldt.getGreaterOrEquals(), ldt.getAdd(), ldt.getSub(), ldt.getMul(), ldt.getDiv(), ldt.getJavaAdd(),
        ldt.getJavaSub(), ldt.getJavaMul(), ldt.getJavaDiv(), ldt.getDoubleSymbol());
    return mentions(foc.getPost(), ops);
  }

  private static boolean mentions(Term t, Set<Object> ops) {
    if (ops.contains(t.op())) {
      return true;
    }
    for (Term sub : t.subs()) {
      if (mentions(sub, ops)) {
        return true;
      }
    }
    return false;
  }
}
