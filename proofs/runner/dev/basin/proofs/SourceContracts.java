package dev.basin.proofs;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The public methods of packages whose contracts KeY cannot load (modern Java: generics, records,
 * sealed types), found with javac's parser: each must carry a JML block (a comment starting
 * "/*@" or "//@" with requires, ensures or signals) between the previous member and its
 * declaration, or override a method that has one (JML specification inheritance; the methods of
 * java.lang.Object inherit Object's specification). contracts.txt then names the property tests
 * that check it ({@code property | Class.method(types) | tests}).
 */
final class SourceContracts {

  /**
   * One public method.
   *
   * @param name Class.method(types), nested types as Outer.Inner
   * @param hasJml whether it carries its own JML block
   * @param override whether it is annotated @Override
   * @param where file:line for messages
   */
  record Method(String name, boolean hasJml, boolean override, String where) {
    /** The method name and arity, for matching an override with the method it overrides. */
    String signatureKey() {
      String m = name.substring(0, name.indexOf('('));
      m = m.substring(m.lastIndexOf('.') + 1);
      String params = name.substring(name.indexOf('(') + 1, name.length() - 1);
      return m + "/" + (params.isEmpty() ? 0 : params.split(",").length);
    }
  }

  private static final Set<String> OBJECT_METHODS = Set.of("equals/1", "hashCode/0", "toString/0");

  private SourceContracts() {}

  /** The public methods of public types in the .java files directly in dir. */
  static List<Method> scan(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".java") && !p.getFileName().toString().equals("package-info.java"))
          .sorted().toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<Method> out = new ArrayList<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
      JavacTask task = (JavacTask) javac.getTask(null, fm, d -> { }, List.of("-proc:none"), null, units);
      SourcePositions pos = Trees.instance(task).getSourcePositions();
      for (CompilationUnitTree cu : task.parse()) {
        String text = cu.getSourceFile().getCharContent(true).toString();
        for (Tree t : cu.getTypeDecls()) {
          if (t instanceof ClassTree c) {
            visit(c, "", true, false, cu, text, pos, out);
          }
        }
      }
    }
    return out;
  }

  private static void visit(ClassTree c, String outer, boolean outerPublic, boolean outerInterface,
      CompilationUnitTree cu, String text, SourcePositions pos, List<Method> out) {
    boolean isInterface = c.getKind() == Tree.Kind.INTERFACE;
    boolean pub = outerPublic && (c.getModifiers().getFlags().contains(Modifier.PUBLIC) || outerInterface);
    String name = outer.isEmpty() ? c.getSimpleName().toString() : outer + "." + c.getSimpleName();
    long prevEnd = text.indexOf('{', (int) pos.getStartPosition(cu, c)) + 1;
    for (Tree m : c.getMembers()) {
      long start = pos.getStartPosition(cu, m);
      if (m instanceof ClassTree inner) {
        visit(inner, name, pub, isInterface, cu, text, pos, out);
      } else if (m instanceof MethodTree mt && pub && start >= 0) {
        Set<Modifier> flags = mt.getModifiers().getFlags();
        boolean isPublic = flags.contains(Modifier.PUBLIC) || isInterface && !flags.contains(Modifier.PRIVATE);
        boolean implicit = start == pos.getStartPosition(cu, c); // generated members start at the class
        if (isPublic && !implicit) {
          String between = text.substring((int) Math.min(prevEnd, start), (int) start);
          boolean jml = (between.contains("/*@") || between.contains("//@"))
              && (between.contains("ensures") || between.contains("requires") || between.contains("signals"));
          String method = mt.getName().contentEquals("<init>") ? c.getSimpleName().toString() : mt.getName().toString();
          StringJoiner params = new StringJoiner(",", "(", ")");
          for (VariableTree p : mt.getParameters()) {
            params.add(erase(p.getType().toString()));
          }
          long line = cu.getLineMap().getLineNumber(start);
          out.add(new Method(name + "." + method + params, jml, overrides(mt.getModifiers()),
              cu.getSourceFile().getName() + ":" + line));
        }
      }
      long end = pos.getEndPosition(cu, m);
      if (end > 0) {
        prevEnd = end;
      }
    }
  }

  private static boolean overrides(ModifiersTree m) {
    return m.getAnnotations().stream().anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
  }

  /** "Arithmetic<N>" → "Arithmetic", "double @Nullable []" → "double[]", "T..." → "T[]". */
  static String erase(String type) {
    String t = type.replaceAll("@[\\w.]+(\\([^)]*\\))?\\s*", "");
    int depth = 0;
    StringBuilder sb = new StringBuilder();
    for (char ch : t.toCharArray()) {
      if (ch == '<') {
        depth++;
      } else if (ch == '>') {
        depth--;
      } else if (depth == 0 && ch != ' ') {
        sb.append(ch);
      }
    }
    String r = sb.toString().replace("...", "[]");
    return r.substring(r.lastIndexOf('.', r.indexOf('[') < 0 ? r.length() : r.indexOf('[')) + 1);
  }

  /**
   * Where an override without its own JML inherits one: a method of the same name and arity with
   * JML in the scanned packages, or java.lang.Object's; null if none.
   */
  static String inheritedFrom(Method m, List<Method> all) {
    if (OBJECT_METHODS.contains(m.signatureKey())) {
      return "java.lang.Object";
    }
    for (Method other : all) {
      if (other != m && other.hasJml() && other.signatureKey().equals(m.signatureKey())) {
        return other.name();
      }
    }
    return null;
  }
}
