package dev.basin.proofs;

import de.uka.ilkd.key.control.KeYEnvironment;
import de.uka.ilkd.key.pp.LogicPrinter;
import de.uka.ilkd.key.proof.Goal;
import de.uka.ilkd.key.proof.Proof;
import de.uka.ilkd.key.proof.Statistics;
import de.uka.ilkd.key.settings.ChoiceSettings;
import de.uka.ilkd.key.settings.DefaultSMTSettings;
import de.uka.ilkd.key.settings.ProofIndependentSettings;
import de.uka.ilkd.key.settings.ProofSettings;
import de.uka.ilkd.key.settings.StrategySettings;
import de.uka.ilkd.key.smt.SMTProblem;
import de.uka.ilkd.key.smt.SMTRuleApp;
import de.uka.ilkd.key.smt.SMTSolverResult;
import de.uka.ilkd.key.smt.SolverLauncher;
import de.uka.ilkd.key.smt.solvertypes.SolverType;
import de.uka.ilkd.key.speclang.Contract;
import de.uka.ilkd.key.strategy.StrategyProperties;
import de.uka.ilkd.key.util.MiscTools;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Proves one contract: KeY auto mode, then cvc5 on every goal auto mode leaves open. A proof that
 * stays open is retried once with the other formula-splitting mode (see {@link #prove}).
 */
final class Prover {

  /** The taclet options, as printed in the run header. */
  static final String SETTINGS =
      "intRules:arithmeticSemanticsCheckingOF, floatRules:assumeStrictfp, runtimeExceptions:ban";

  /** Outcome of one contract. */
  record Outcome(boolean closed, long millis, int nodes, int ruleApps, int smtGoals, String split) {
    String describe() {
      return String.format(Locale.ROOT, "%.1f s, %d nodes, %d rule apps, %d goals closed by cvc5, splitting %s",
          millis / 1000.0, nodes, ruleApps, smtGoals, split);
    }
  }

  private final KeYEnvironment<?> env;
  private final List<SolverType> solvers;
  private final int maxSteps;
  private final long timeLimitMillis;

  Prover(KeYEnvironment<?> env, SolverType solver, int maxSteps, long timeLimitMillis) {
    this.env = env;
    this.solvers = List.of(solver);
    this.maxSteps = maxSteps;
    this.timeLimitMillis = timeLimitMillis;
  }

  /**
   * The taclet options every proof runs under. They are global defaults read when a problem is
   * loaded, so this must run before {@link KeYEnvironment#load}.
   */
  static void configureTacletOptions(long smtTimeoutMillis) {
    ChoiceSettings cs = ProofSettings.DEFAULT_SETTINGS.getChoiceSettings();
    Map<String, String> choices = new HashMap<>(cs.getDefaultChoices());
    choices.putAll(MiscTools.getDefaultTacletOptions());
    // int overflow is a proof obligation (KeY's default ignores it, which is unsound for Java)
    choices.put("intRules", "intRules:arithmeticSemanticsCheckingOF");
    // IEEE 754 semantics for double everywhere; without it 1.0 / x stays uninterpreted
    choices.put("floatRules", "floatRules:assumeStrictfp");
    // NullPointer-, ArrayIndexOutOfBounds-, ArithmeticException etc. must be proved absent
    choices.put("runtimeExceptions", "runtimeExceptions:ban");
    cs.setDefaultChoices(choices);
    ProofIndependentSettings.DEFAULT_INSTANCE.getSMTSettings().setTimeout(smtTimeoutMillis);
  }

  /**
   * Tries the contract with formula splitting on (KeY's default: best where case analysis on
   * ints and heap closes goals) and, if that leaves goals open, with splitting off (best for
   * floating-point facts: one goal per path for cvc5 instead of one per case). The first attempt
   * gets 60 % of the time limit, the second what is left. offFirst swaps the order.
   */
  Outcome prove(Contract contract, boolean offFirst, PrintStream openGoalLog) throws Exception {
    long start = System.currentTimeMillis();
    String first = offFirst ? StrategyProperties.SPLITTING_OFF : StrategyProperties.SPLITTING_NORMAL;
    String second = offFirst ? StrategyProperties.SPLITTING_NORMAL : StrategyProperties.SPLITTING_OFF;
    Outcome o = attempt(contract, first, start + timeLimitMillis * 6 / 10, start, null);
    if (!o.closed() && System.currentTimeMillis() - start < timeLimitMillis - 5_000) {
      o = attempt(contract, second, start + timeLimitMillis, start, openGoalLog);
    }
    return o;
  }

  private Outcome attempt(Contract contract, String split, long deadline, long start, PrintStream openGoalLog)
      throws Exception {
    Proof proof = env.createProof(contract.createProofObl(env.getInitConfig(), contract));
    try {
      StrategySettings ss = proof.getSettings().getStrategySettings();
      StrategyProperties sp = ss.getActiveStrategyProperties();
      sp.setProperty(StrategyProperties.METHOD_OPTIONS_KEY, StrategyProperties.METHOD_CONTRACT);
      sp.setProperty(StrategyProperties.LOOP_OPTIONS_KEY, StrategyProperties.LOOP_INVARIANT);
      sp.setProperty(StrategyProperties.DEP_OPTIONS_KEY, StrategyProperties.DEP_ON);
      sp.setProperty(StrategyProperties.QUERY_OPTIONS_KEY, StrategyProperties.QUERY_ON);
      // DEF_OPS, not COMPLETION: completion explodes on products of sizes; cvc5 does nonlinear bounds
      sp.setProperty(StrategyProperties.NON_LIN_ARITH_OPTIONS_KEY, StrategyProperties.NON_LIN_ARITH_DEF_OPS);
      // DEFAULT, not NONCLOSE: NONCLOSE stops all branches at the first goal it cannot close
      sp.setProperty(StrategyProperties.STOPMODE_OPTIONS_KEY, StrategyProperties.STOPMODE_DEFAULT);
      sp.setProperty(StrategyProperties.SPLITTING_OPTIONS_KEY, split);
      ss.setActiveStrategyProperties(sp);
      ss.setMaxSteps(maxSteps);
      ss.setTimeout(Math.max(1_000, deadline - System.currentTimeMillis()));
      proof.setActiveStrategy(proof.getServices().getProfile().getDefaultStrategyFactory().create(proof, sp));

      env.getUi().getProofControl().startAndWaitForAutoMode(proof);
      int bySmt = 0;
      for (Goal goal : proof.openGoals()) {
        if (System.currentTimeMillis() > deadline) {
          break;
        }
        if (closeBySmt(proof, goal)) {
          bySmt++;
        }
      }
      boolean closed = proof.openGoals().isEmpty();
      if (!closed && openGoalLog != null) {
        for (Goal goal : proof.openGoals()) {
          openGoalLog.println("    open goal " + goal.node().serialNr() + ":\n"
              + LogicPrinter.quickPrintSequent(goal.sequent(), proof.getServices()));
        }
      }
      Statistics stats = proof.getStatistics();
      return new Outcome(closed, System.currentTimeMillis() - start, stats.nodes, stats.totalRuleApps, bySmt,
          split.equals(StrategyProperties.SPLITTING_OFF) ? "off" : "normal");
    } finally {
      proof.dispose();
    }
  }

  private boolean closeBySmt(Proof proof, Goal goal) {
    DefaultSMTSettings settings = new DefaultSMTSettings(proof.getSettings().getSMTSettings(),
        ProofIndependentSettings.DEFAULT_INSTANCE.getSMTSettings(), proof.getSettings().getNewSMTSettings(), proof);
    List<SMTProblem> problems = new ArrayList<>();
    problems.add(new SMTProblem(goal));
    new SolverLauncher(settings).launch(solvers, problems, proof.getServices());
    if (problems.get(0).getFinalResult().isValid() != SMTSolverResult.ThreeValuedTruth.VALID) {
      return false;
    }
    goal.apply(SMTRuleApp.RULE.createApp("CVC5"));
    return true;
  }
}
