package dev.basin.proofs;

import de.uka.ilkd.key.control.KeYEnvironment;
import de.uka.ilkd.key.java.abstraction.KeYJavaType;
import de.uka.ilkd.key.logic.op.IObserverFunction;
import de.uka.ilkd.key.logic.op.ProgramMethod;
import de.uka.ilkd.key.smt.solvertypes.SolverType;
import de.uka.ilkd.key.smt.solvertypes.SolverTypes;
import de.uka.ilkd.key.speclang.Contract;
import de.uka.ilkd.key.util.KeYTypeUtil;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Headless KeY 2.12.3 prover for the kernel's JML contracts (proofs/README.md).
 *
 * <p>Loads a source folder plus stubs, proves every contract of the loaded classes (auto mode, then
 * cvc5 on the goals left), reports the trusted stub contracts and the tested-only contracts named
 * in the notes file, prints one line per contract and closes with "KeY: N passed, M failed".
 * Optionally writes or checks the ledger. Exit status: 0 when every attempted proof closed and the
 * notes and ledger are consistent, 1 otherwise, 2 on a usage or load error.
 */
public final class KeyProve {

  private static final String USAGE = """
      usage: KeyProve SRC_DIR [options]
        --classpath DIR[:DIR]  stubs KeY reads but does not prove (their contracts are trusted)
        --include FILE         extra taclets (the prover-rule supplement)
        --notes FILE           contracts.txt: tests, trusted stubs, tested-only contracts, hints
        --tests DIR            test source root that the notes' Class#method references must exist in
        --ledger FILE          check FILE against this run (Contract/Status/Evidence columns)
        --ledger-mode MODE     check (default): fail when FILE differs; write: rewrite FILE
        --timeout S            time limit per contract in seconds (default 300)
        --smt-timeout MS       cvc5 limit per goal (default 10000)
        --max-steps N          KeY rule applications per attempt (default 100000)
        --source FILE          a further source file, loaded in a second KeY environment after SRC_DIR
        --source-classpath DIR further stubs for that second environment only
        --with-kernel FILE     a further source file calling the kernel, loaded in a third environment with
                               SRC_DIR as a library: its calls use the kernel's contracts (proved above, not relisted)
        --contracts-in DIR[=C,C]  a package KeY does not load (optionally only classes C): each public method needs a JML block (own or
                               inherited) and a 'property' line in the notes naming its tests
        --property-stats DIR   the property harness's statistics (target/property-stats), for the effort column
        --only TEXT            prove only contracts whose name contains TEXT (no ledger check)
        --show-open            print the sequents of open goals
      """;

  private KeyProve() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args));
  }

  static int run(String[] args) throws Exception {
    if (args.length < 1 || args[0].startsWith("--")) {
      System.err.print(USAGE);
      return 2;
    }
    File src = new File(args[0]);
    List<File> classPath = new ArrayList<>();
    List<File> includes = new ArrayList<>();
    List<Path> extraSources = new ArrayList<>();
    List<File> extraClassPath = new ArrayList<>();
    List<Path> kernelClients = new ArrayList<>();
    List<String> contractDirs = new ArrayList<>();
    Path statsDir = null;
    Path notesFile = null;
    Path testRoot = null;
    Path ledgerFile = null;
    boolean writeLedger = false;
    int timeoutS = 300;
    long smtTimeoutMs = 10_000;
    int maxSteps = 100_000;
    String only = null;
    boolean showOpen = false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (!a.equals("--show-open") && i + 1 >= args.length) {
        System.err.print("missing value for " + a + "\n" + USAGE);
        return 2;
      }
      switch (a) {
        case "--classpath" -> {
          for (String p : args[++i].split(File.pathSeparator)) {
            classPath.add(new File(p));
          }
        }
        case "--include" -> includes.add(new File(args[++i]));
        case "--source" -> extraSources.add(Path.of(args[++i]));
        case "--source-classpath" -> extraClassPath.add(new File(args[++i]));
        case "--with-kernel" -> kernelClients.add(Path.of(args[++i]));
        case "--contracts-in" -> contractDirs.add(args[++i]);
        case "--property-stats" -> statsDir = Path.of(args[++i]);
        case "--notes" -> notesFile = Path.of(args[++i]);
        case "--tests" -> testRoot = Path.of(args[++i]);
        case "--ledger" -> ledgerFile = Path.of(args[++i]);
        case "--ledger-mode" -> writeLedger = args[++i].equals("write");
        case "--timeout" -> timeoutS = Integer.parseInt(args[++i]);
        case "--smt-timeout" -> smtTimeoutMs = Long.parseLong(args[++i]);
        case "--max-steps" -> maxSteps = Integer.parseInt(args[++i]);
        case "--only" -> only = args[++i];
        case "--show-open" -> showOpen = true;
        default -> {
          System.err.print("unknown option " + a + "\n" + USAGE);
          return 2;
        }
      }
    }

    SolverType cvc5 = null;
    for (SolverType t : SolverTypes.getSolverTypes()) {
      if (t.getName().equals("CVC5")) {
        cvc5 = t;
      }
    }
    if (cvc5 == null || !cvc5.isInstalled(true)) {
      System.out.println("KeY: cvc5 is not on the PATH (Debian: apt-get install cvc5)");
      return 2;
    }
    // --tlimit: cvc5 stops itself; --enum-inst: enumerative quantifier instantiation, needed where a
    // quantified fact must be instantiated at an index term that e-matching does not find
    cvc5.setSolverParameters(cvc5.getDefaultSolverParameters() + " --tlimit=" + smtTimeoutMs + " --enum-inst");
    Prover.configureTacletOptions(smtTimeoutMs);
    Notes notes = notesFile == null ? Notes.empty() : Notes.read(notesFile);

    long t0 = System.currentTimeMillis();
    // the kernel alone first, with exactly its stubs (its proofs are sensitive to what else is loaded: with the
    // rounding stubs beside it FullHessian.block stayed open), then the further sources in their own load
    List<File> loadDirs = new ArrayList<>(List.of(src));
    if (!extraSources.isEmpty()) {
      loadDirs.add(stage(extraSources, "key-src"));
    }
    // the kernel's sources as a library of the third environment, in their package folder (KeY reads a class path root)
    File kernelLib = null;
    if (!kernelClients.isEmpty()) {
      loadDirs.add(stage(kernelClients, "key-src-kernel-clients"));
      kernelLib = stageLibrary(src.toPath(), "key-kernel-lib");
    }
    List<String> problems = new ArrayList<>();
    List<Ledger.Row> rows = new ArrayList<>();
    List<Ledger.Row> trustedRows = new ArrayList<>();
    java.util.Set<String> trustedSeen = new java.util.HashSet<>();
    int proved = 0;
    int open = 0;
    int testedOnly = 0;
    int trustedContracts = 0;
    for (File dir : loadDirs) {
      long l0 = System.currentTimeMillis();
      List<File> cp = new ArrayList<>(classPath);
      boolean third = kernelLib != null && dir == loadDirs.get(loadDirs.size() - 1);
      if (third) {
        cp.add(kernelLib);
      } else if (dir != src) {
        cp.addAll(extraClassPath);
      }
      KeYEnvironment<?> env;
      try {
        env = KeYEnvironment.load(dir, cp, null, includes);
      } catch (Exception e) {
        System.out.println("KeY: cannot load " + dir + ": " + e.getMessage());
        return 2;
      }
      System.out.printf(Locale.ROOT, "[key] loaded %s in %.1f s (%s, cvc5 %s, limit %d s per contract)%n", dir,
          (System.currentTimeMillis() - l0) / 1000.0, Prover.SETTINGS, cvc5.getRawVersion(), timeoutS);
      List<Contract> proveThese = new ArrayList<>();
      List<Contract> trustedOnes = new ArrayList<>();
      for (KeYJavaType type : env.getJavaInfo().getAllKeYJavaTypes()) {
        boolean library = KeYTypeUtil.isLibraryClass(type);
        if (library && !declaredIn(type, cp)) {
          continue; // KeY's own JDK model
        }
        if (library && kernelLib != null && declaredIn(type, List.of(kernelLib))) {
          continue; // the kernel as a library: its contracts are proved in the first environment
        }
        for (IObserverFunction target : env.getSpecificationRepository().getContractTargets(type)) {
          for (Contract c : env.getSpecificationRepository().getContracts(type, target)) {
            (library ? trustedOnes : proveThese).add(c);
          }
        }
      }
      for (KeYJavaType type : env.getJavaInfo().getAllKeYJavaTypes()) {
        if (KeYTypeUtil.isLibraryClass(type)) {
          continue;
        }
        // a method without a contract has no proof obligation: it would be neither proved nor listed
        // (private no-argument constructors of utility classes are exempt)
        for (ProgramMethod pm : env.getJavaInfo().getAllProgramMethodsLocallyDeclared(type)) {
          boolean utilityConstructor = pm.isConstructor() && pm.isPrivate() && pm.getParameterDeclarationCount() == 0;
          if (!pm.isImplicit() && !utilityConstructor && env.getSpecificationRepository().getContracts(type, pm).isEmpty()) {
            problems.add(type.getName() + "." + pm.getName() + " has no JML contract");
          }
        }
      }
      Comparator<Contract> byName = Comparator.comparing(ContractNames::of);
      proveThese.sort(byName);
      trustedOnes.sort(byName);
      if (proveThese.isEmpty()) {
        System.out.println("KeY: no JML contracts found under " + dir);
        return 2;
      }
      Prover prover = new Prover(env, cvc5, maxSteps, timeoutS * 1000L);
      try {
        for (Contract c : proveThese) {
          String name = ContractNames.of(c);
          if (only != null && !name.contains(only)) {
            continue;
          }
          Notes.Entry note = notes.get(name);
          boolean fp = ContractNames.hasFloatingPointPost(c, env.getServices());
          if (note.testedOnlyReason != null) {
            testedOnly++;
            System.out.println("TESTED-ONLY " + name + " (" + note.testedOnlyReason + ")");
            rows.add(new Ledger.Row(name, "tested-only", note.testedOnlyReason + "; tests: " + tests(note), "—"));
            requireTests(name, note, problems);
            continue;
          }
          if (fp && note.tests.isEmpty()) {
            problems.add(name + " has a floating-point postcondition but contracts.txt names no test for it");
          }
          Prover.Outcome o = prover.prove(c, note.splitOffFirst, showOpen ? System.out : null);
          String effort = o.describe();
          System.out.println((o.closed() ? "PROVED " : "OPEN   ") + name + " (" + effort + ")");
          if (o.closed()) {
            proved++;
          } else {
            open++;
          }
          String evidence = fp || !note.tests.isEmpty() ? "KeY; floating-point postcondition also tested by " + tests(note)
              : "KeY";
          rows.add(new Ledger.Row(name, o.closed() ? "proved" : "OPEN", evidence, effort));
        }
        for (Contract c : trustedOnes) {
          String name = ContractNames.of(c);
          if (only != null && !name.contains(only) || !trustedSeen.add(name)) {
            continue; // a stub loaded beside both source sets is listed once
          }
          Notes.Entry note = notes.get(name);
          System.out.println("TRUSTED " + name);
          if (!note.trusted) {
            problems.add(name + " is a stub contract (assumed in proofs) but contracts.txt does not list it as trusted");
          }
          requireTests(name, note, problems);
          trustedRows.add(new Ledger.Row(name, "trusted", "stub contract; tested by " + tests(note), "—"));
          trustedContracts++;
        }
      } finally {
        env.dispose();
      }
    }
    rows.sort(Comparator.comparing(Ledger.Row::contract));
    rows.addAll(trustedRows);
    for (File inc : includes) {
      rows.add(new Ledger.Row(inc.getName(), "trusted",
          "prover rule supplement; tested by " + String.join(" ", notes.ruleTests(inc.getName())), "—"));
    }

    int propertyTested = 0;
    for (String spec : contractDirs) {
      // DIR or DIR=Class,Class: only these classes (and their nested types) of the package are required so far
      String[] parts = spec.split("=", 2);
      List<String> classes = parts.length == 2 ? List.of(parts[1].split(",")) : List.of();
      List<SourceContracts.Method> methods = SourceContracts.scan(Path.of(parts[0]));
      for (SourceContracts.Method m : methods) {
        String cls = m.name().substring(0, m.name().indexOf('.'));
        if (only != null && !m.name().contains(only) || !classes.isEmpty() && !classes.contains(cls)) {
          continue;
        }
        Notes.Entry note = notes.get(m.name());
        String inherits = m.hasJml() ? null : m.override() ? SourceContracts.inheritedFrom(m, methods) : null;
        if (!m.hasJml() && inherits == null) {
          problems.add(m.name() + " (" + m.where() + ") is public but has no JML contract");
          continue;
        }
        if (note.properties.isEmpty()) {
          problems.add(m.name() + " has a JML contract that KeY does not load, but contracts.txt names no property test for it");
        }
        propertyTested++;
        String evidence = (inherits == null ? "" : "contract inherited from " + inherits + "; ") + "properties: "
            + String.join(" ", note.properties);
        rows.add(new Ledger.Row(m.name(), "property-tested", evidence, effort(statsDir, note.properties)));
      }
    }
    int trusted = trustedContracts + includes.size();
    String summary = String.format(Locale.ROOT,
        "Summary: %d contracts proved, %d open, %d trusted, %d tested-only, %d property-tested.", proved, open, trusted,
        testedOnly, propertyTested);
    System.out.printf(Locale.ROOT, "[key] %s Total %.0f s.%n", summary.substring(9),
        (System.currentTimeMillis() - t0) / 1000.0);

    if (only == null) {
      problems.addAll(notes.errors());
      if (testRoot != null) {
        for (String missing : Notes.missingTests(notes.allTests(), testRoot)) {
          problems.add("contracts.txt names test " + missing + ", which does not exist under " + testRoot);
        }
      }
      if (ledgerFile != null) {
        String fresh = Ledger.render(rows, summary);
        if (writeLedger) {
          Files.writeString(ledgerFile, fresh);
          System.out.println("[key] wrote " + ledgerFile);
        } else {
          List<String> diff = Ledger.diff(ledgerFile, fresh);
          if (!diff.isEmpty()) {
            problems.add(ledgerFile + " differs from this run (regenerate with -Dledger.mode=write):\n  "
                + String.join("\n  ", diff));
          }
          Path freshCopy = Path.of("target", "LEDGER.fresh.md");
          Files.createDirectories(freshCopy.getParent());
          Files.writeString(freshCopy, fresh);
        }
      }
    }
    for (String p : problems) {
      System.out.println("PROBLEM " + p);
    }
    System.out.println("KeY: " + proved + " passed, " + open + " failed");
    return open == 0 && problems.isEmpty() ? 0 : 1;
  }

  /** Copies the further sources into target/NAME (KeY loads one folder). */
  private static File stage(List<Path> extra, String name) throws java.io.IOException {
    Path stage = emptied(name);
    Path more = Files.createDirectories(stage.resolve("extra"));
    for (Path p : extra) {
      Files.copy(p, more.resolve(p.getFileName()));
    }
    return stage.toFile();
  }

  /** Copies the .java files of SRC_DIR into target/NAME/dev/basin/kernel, a class path root. */
  private static File stageLibrary(Path srcDir, String name) throws java.io.IOException {
    Path stage = emptied(name);
    Path pkg = Files.createDirectories(stage.resolve(Path.of("dev", "basin", "kernel")));
    try (var s = Files.list(srcDir)) {
      for (Path p : s.filter(q -> q.toString().endsWith(".java")).sorted().toList()) {
        Files.copy(p, pkg.resolve(p.getFileName()));
      }
    }
    return stage.toFile();
  }

  private static Path emptied(String name) throws java.io.IOException {
    Path stage = Path.of("target", name);
    if (Files.exists(stage)) {
      try (var s = Files.walk(stage)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return stage;
  }

  /** The property harness's record of the named tests: cases and seconds, or a note that they did not run. */
  private static String effort(Path statsDir, List<String> tests) throws java.io.IOException {
    long cases = 0;
    double seconds = 0;
    int found = 0;
    for (String t : tests) {
      Path f = statsDir == null ? null : statsDir.resolve(t.replace('#', '.') + ".tsv");
      if (f != null && Files.isRegularFile(f)) {
        String[] c = Files.readString(f).strip().split("\t");
        cases += Long.parseLong(c[1]);
        seconds += Double.parseDouble(c[3]);
        found++;
      }
    }
    if (found == 0) {
      return "property statistics not in this build (run mvn verify first)";
    }
    return String.format(Locale.ROOT, "%d generated cases in %.2f s (%d of %d tests are properties with statistics)",
        cases, seconds, found, tests.size());
  }

  private static void requireTests(String name, Notes.Entry note, List<String> problems) {
    if (note.tests.isEmpty()) {
      problems.add(name + " is not proved but contracts.txt names no test for it");
    }
  }

  private static String tests(Notes.Entry note) {
    return String.join(" ", note.tests);
  }

  /** Whether a library type is one of ours: its source is in one of the stub folders. */
  private static boolean declaredIn(KeYJavaType type, List<File> classPath) {
    String rel = type.getFullName().replace('.', File.separatorChar) + ".java";
    for (File dir : classPath) {
      if (new File(dir, rel).isFile() && !type.getFullName().startsWith("java.")) {
        return true;
      }
    }
    return false;
  }
}
